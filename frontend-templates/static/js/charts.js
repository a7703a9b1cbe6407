/*
 * The admin pages' line charts: SVG drawn here, with no chart library, no CDN and nothing inline,
 * so pages keep their strict Content-Security-Policy. Used by the overview and a swarm's page.
 *
 *   SeedcastCharts.draw(container, legend, [{name, points: [[ms, value], …]}], emptyText, {name: color})
 */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  var COLORS = {};

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

  window.SeedcastCharts = {
    draw: function (container, legend, series, empty, colors) {
      COLORS = colors || {};
      draw(container, legend, series, empty);
    },
    label: label
  };
})();
