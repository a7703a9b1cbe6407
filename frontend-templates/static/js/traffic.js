/*
 * What BitTorrent saved, on the admin overview, a swarm's page and the studio: fills the figures
 * (elements with data-traffic="seedBytes" and the like) and draws the bytes per time bucket with
 * /js/charts.js. Load charts.js first.
 *
 *   SeedcastTraffic.fill(root, figures)              figures as the API writes them
 *   SeedcastTraffic.draw(container, legend, buckets, bucketSeconds)
 *       buckets: [{start: ms, seed, webSeed, betweenFans}], oldest first
 *   SeedcastTraffic.fromApi(history)                 the API's buckets in that shape
 */
(function () {
  'use strict';
  var UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  var COLORS = { 'our seed': '#1d8a54', 'web seed': '#2f6fed', 'between fans': '#7c3aed' };

  /* Decimal units as the pages' server-side sizes, one decimal below 100: 1.4 GB, 500 MB. */
  function bytes(n) {
    if (n === null || n === undefined) { return '–'; }
    var v = n, u = 0;
    while (v >= 1000 && u < UNITS.length - 1) { v /= 1000; u++; }
    return u === 0 ? Math.round(v) + ' B' : v.toFixed(v >= 100 ? 0 : 1) + ' ' + UNITS[u];
  }

  function share(figures) {
    return figures.p2pShare === null || figures.p2pShare === undefined ? '—' : Math.round(figures.p2pShare * 100) + ' %';
  }

  function fill(root, figures) {
    root.querySelectorAll('[data-traffic]').forEach(function (node) {
      var name = node.getAttribute('data-traffic');
      node.textContent = name === 'p2pShare' ? share(figures) : bytes(figures[name]);
    });
  }

  function fromApi(history) {
    return history.map(function (b) {
      return { start: Date.parse(b.start), seed: b.figures.seedBytes, webSeed: b.figures.webSeedBitTorrentBytes,
        betweenFans: b.figures.betweenFans };
    });
  }

  function draw(container, legend, buckets, bucketSeconds) {
    var pick = function (f) { return buckets.map(function (b) { return [b.start, f(b)]; }); };
    var width = !bucketSeconds ? 'period' : bucketSeconds === 60 ? 'minute' : bucketSeconds === 3600 ? 'hour'
      : bucketSeconds === 86400 ? 'day'
      : bucketSeconds >= 3600 ? (bucketSeconds / 3600) + ' hours' : (bucketSeconds / 60) + ' minutes';
    SeedcastCharts.draw(container, legend, [
      { name: 'our seed', points: pick(function (b) { return b.seed; }) },
      { name: 'web seed', points: pick(function (b) { return b.webSeed; }) },
      { name: 'between fans', points: pick(function (b) { return b.betweenFans; }) }
    ], 'Bytes are charted per ' + width + '; the line starts once traffic spans two of them.', COLORS, bytes);
  }

  window.SeedcastTraffic = { bytes: bytes, fill: fill, fromApi: fromApi, draw: draw };
})();
