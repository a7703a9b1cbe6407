/*
 * A swarm's page, live: fetches the torrent's JSON from the admin API (its swarm now and its last
 * hour minute by minute, from the tracker's memory, and what BitTorrent saved on it, from the database)
 * every few seconds and redraws the numbers and four charts with /js/charts.js and /js/traffic.js (uPlot from the app's WebJar; a refresh updates the plots in place).
 */
(function () {
  'use strict';
  var root = document.getElementById('swarm');
  if (!root || !window.SeedcastCharts) { return; }
  var REFRESH_MS = 10000;
  var COLORS = { seeders: '#1d8a54', leechers: '#b7791f', announces: '#2f6fed', completed: '#7c3aed' };
  var EMPTY = 'The first full minute is still running.';

  function series(data, name) {
    return { name: name, points: data.minutes.map(function (m) { return [Date.parse(m.minute), m[name]]; }) };
  }

  function ago(iso) {
    if (!iso) { return 'never'; }
    var s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    return s < 60 ? s + ' s ago' : s < 3600 ? Math.floor(s / 60) + ' min ago'
      : s < 86400 ? Math.floor(s / 3600) + ' h ago' : Math.floor(s / 86400) + ' d ago';
  }

  function render(data) {
    root.querySelectorAll('[data-stat]').forEach(function (node) {
      var v = data[node.getAttribute('data-stat')];
      if (v !== undefined) { node.textContent = v; }
    });
    var last = document.getElementById('last-announce');
    last.textContent = ago(data.lastAnnounce);
    if (data.lastAnnounce) { last.setAttribute('datetime', data.lastAnnounce); }
    SeedcastCharts.draw(document.getElementById('peers-chart'), document.getElementById('peers-legend'),
      [series(data, 'seeders'), series(data, 'leechers')], EMPTY, COLORS);
    SeedcastCharts.draw(document.getElementById('announces-chart'), document.getElementById('announces-legend'),
      [series(data, 'announces')], EMPTY, COLORS);
    SeedcastCharts.draw(document.getElementById('completed-chart'), document.getElementById('completed-legend'),
      [series(data, 'completed')], EMPTY, COLORS);
    if (window.SeedcastTraffic) {
      SeedcastTraffic.fill(document.getElementById('traffic'), data.traffic.figures);
      SeedcastTraffic.draw(document.getElementById('traffic-chart'), document.getElementById('traffic-legend'),
        SeedcastTraffic.fromApi(data.traffic.history), data.traffic.bucketSeconds);
    }
  }

  SeedcastCharts.live(root, render, REFRESH_MS);
})();
