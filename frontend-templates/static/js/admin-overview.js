/*
 * The admin overview, live: fetches /admin/overview.json every few seconds and updates the
 * numbers and the line charts (the tracker's two, and what BitTorrent saved with /js/traffic.js) in place (drawn by /js/charts.js with uPlot, served by the app
 * from its WebJar: no CDN, nothing inline, so the page keeps its strict Content-Security-Policy;
 * a refresh with the same series hands the existing plots their new data).
 */
(function () {
  'use strict';
  var root = document.getElementById('overview');
  if (!root) { return; }
  var REFRESH_MS = 5000;
  var COLORS = {
    'http/ok': '#2f6fed', 'udp/ok': '#1d8a54', 'http/unknown': '#b7791f', 'udp/unknown': '#e0a526',
    'http/blocked': '#7c3aed', 'udp/blocked': '#a78bfa', 'http/rate_limited': '#c53030', 'udp/rate_limited': '#f56565',
    'http/bad_request': '#4a5568', 'udp/bad_request': '#a0aec0', 'http/banned': '#111827', 'udp/banned': '#6b7280',
    announces: '#2f6fed', refusals: '#b7791f', rateLimited: '#c53030', peers: '#1d8a54'
  };

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
    SeedcastCharts.draw(document.getElementById('load-chart'), document.getElementById('load-legend'), loadSeries(data),
      'Collecting samples… the first point appears within ' + data.stepSeconds * 2 + ' seconds.', COLORS);
    SeedcastCharts.draw(document.getElementById('minutes-chart'), document.getElementById('minutes-legend'), minuteSeries(data),
      'The first full minute is still running.', COLORS);
    fillTable(data);
    if (window.SeedcastTraffic) {
      SeedcastTraffic.fill(document.getElementById('traffic'), data.traffic.figures);
      SeedcastTraffic.draw(document.getElementById('traffic-chart'), document.getElementById('traffic-legend'),
        SeedcastTraffic.fromApi(data.traffic.history), data.traffic.bucketSeconds);
    }
  }

  SeedcastCharts.live(root, render, REFRESH_MS);
})();
