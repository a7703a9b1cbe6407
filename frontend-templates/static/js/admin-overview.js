/*
 * The admin overview, live: fetches /admin/overview.json every few seconds and updates the
 * numbers and the two line charts in place (SVG drawn here: no chart library, no CDN, nothing
 * inline, so the page keeps its strict Content-Security-Policy).
 */
(function () {
  'use strict';
  var root = document.getElementById('overview');
  if (!root) { return; }
  var SVG = 'http://www.w3.org/2000/svg';
  var REFRESH_MS = 5000;
  var COLORS = {
    'http/ok': '#2f6fed', 'udp/ok': '#1d8a54', 'http/unknown': '#b7791f', 'udp/unknown': '#e0a526',
    'http/blocked': '#7c3aed', 'udp/blocked': '#a78bfa', 'http/rate_limited': '#c53030', 'udp/rate_limited': '#f56565',
    'http/bad_request': '#4a5568', 'udp/bad_request': '#a0aec0', 'http/banned': '#111827', 'udp/banned': '#6b7280',
    announces: '#2f6fed', refusals: '#b7791f', rateLimited: '#c53030', peers: '#1d8a54'
  };
  var status = document.getElementById('live-status');

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function color(name, i) {
    return COLORS[name] || ['#2f6fed', '#1d8a54', '#b7791f', '#c53030', '#7c3aed', '#4a5568'][i % 6];
  }

  function niceMax(v) {
    if (v <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var n = v / p;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
  }

  function label(v) {
    return v >= 1000 ? (v / 1000).toFixed(v >= 10000 ? 0 : 1) + 'k' : (v % 1 === 0 ? String(v) : v.toFixed(1));
  }

  function time(ms) {
    var d = new Date(ms);
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  /* series: [{name, points: [[ms, value], …]}] */
  function draw(container, legend, series, empty) {
    var width = container.clientWidth || 600, height = 220, left = 44, right = 12, top = 10, bottom = 24;
    container.textContent = '';
    var svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, class: 'chart-svg' }, container);
    var all = [];
    series.forEach(function (s) { s.points.forEach(function (p) { all.push(p); }); });
    if (all.length < 2) {
      var t = el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'chart-empty' }, svg);
      t.textContent = empty;
      if (legend) { legend.textContent = ''; }
      return;
    }
    var minX = Math.min.apply(null, all.map(function (p) { return p[0]; }));
    var maxX = Math.max.apply(null, all.map(function (p) { return p[0]; }));
    var maxY = niceMax(Math.max.apply(null, all.map(function (p) { return p[1]; })));
    var x = function (v) { return left + (maxX === minX ? 0 : (v - minX) / (maxX - minX)) * (width - left - right); };
    var y = function (v) { return top + (1 - v / maxY) * (height - top - bottom); };
    for (var i = 0; i <= 4; i++) {
      var v = maxY * i / 4;
      el('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'chart-grid' }, svg);
      el('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'chart-axis' }, svg).textContent = label(v);
    }
    for (var j = 0; j <= 4; j++) {
      var at = minX + (maxX - minX) * j / 4;
      el('text', { x: x(at), y: height - 6, 'text-anchor': j === 0 ? 'start' : j === 4 ? 'end' : 'middle', class: 'chart-axis' }, svg)
        .textContent = time(at);
    }
    if (legend) { legend.textContent = ''; }
    series.forEach(function (s, k) {
      var c = color(s.name, k);
      var d = s.points.map(function (p, n) { return (n ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + y(p[1]).toFixed(1); }).join(' ');
      el('path', { d: d, fill: 'none', stroke: c, 'stroke-width': 2, 'stroke-linejoin': 'round' }, svg);
      if (legend) {
        var item = document.createElement('li');
        var swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.backgroundColor = c;
        item.appendChild(swatch);
        var last = s.points.length ? s.points[s.points.length - 1][1] : 0;
        item.appendChild(document.createTextNode(s.name + ' ' + label(last)));
        legend.appendChild(item);
      }
    });
  }

  function loadSeries(data) {
    var names = {};
    data.load.forEach(function (sample) {
      Object.keys(sample.perSecond).forEach(function (n) { if (sample.perSecond[n] > 0) { names[n] = true; } });
    });
    return Object.keys(names).sort().map(function (n) {
      return { name: n, points: data.load.map(function (s) { return [Date.parse(s.at), s.perSecond[n] || 0]; }) };
    });
  }

  function minuteSeries(data) {
    var pick = function (f) { return data.minutes.map(function (m) { return [Date.parse(m.minute), f(m)]; }); };
    return [
      { name: 'announces', points: pick(function (m) { return m.announces; }) },
      { name: 'refusals', points: pick(function (m) { return m.refusals; }) },
      { name: 'rateLimited', points: pick(function (m) { return m.rateLimited; }) },
      { name: 'peers', points: pick(function (m) { return m.seeders + m.leechers; }) }
    ];
  }

  function fillTable(data) {
    var body = document.querySelector('#refused-sources tbody');
    body.textContent = '';
    if (!data.topRefusedSources.length) {
      var row = body.insertRow();
      var cell = row.insertCell();
      cell.colSpan = 2;
      cell.className = 'muted';
      cell.textContent = 'No foreign announces yet.';
    }
    data.topRefusedSources.forEach(function (s) {
      var row = body.insertRow();
      var code = document.createElement('code');
      code.textContent = s.name;
      row.insertCell().appendChild(code);
      var n = row.insertCell();
      n.className = 'num';
      n.textContent = s.count;
    });
    var totals = document.getElementById('request-totals');
    totals.textContent = '';
    Object.keys(data.requests).sort().forEach(function (k) {
      var dt = document.createElement('dt');
      dt.textContent = k;
      var dd = document.createElement('dd');
      dd.textContent = data.requests[k];
      totals.appendChild(dt);
      totals.appendChild(dd);
    });
  }

  function render(data) {
    root.querySelectorAll('[data-stat]').forEach(function (node) {
      var v = data[node.getAttribute('data-stat')];
      if (v !== undefined) { node.textContent = v; }
    });
    draw(document.getElementById('load-chart'), document.getElementById('load-legend'), loadSeries(data),
      'Collecting samples… the first point appears within ' + data.stepSeconds * 2 + ' seconds.');
    draw(document.getElementById('minutes-chart'), document.getElementById('minutes-legend'), minuteSeries(data),
      'The first full minute is still running.');
    fillTable(data);
  }

  function refresh() {
    fetch(root.getAttribute('data-source'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (data) {
        render(data);
        status.textContent = 'Live · updated ' + new Date().toLocaleTimeString();
        status.classList.remove('stale');
      })
      .catch(function (e) {
        status.textContent = 'Not updating (' + e.message + '); retrying';
        status.classList.add('stale');
      })
      .finally(function () { setTimeout(refresh, REFRESH_MS); });
  }

  refresh();
})();
