/*
 * The studio's traffic chart: the page carries the history in the chart's data-points attribute
 * ("epochSeconds,seed,webSeed,betweenFans" groups, oldest first), drawn with /js/traffic.js.
 */
(function () {
  'use strict';
  var chart = document.getElementById('traffic-chart');
  if (!chart || !window.SeedcastTraffic) { return; }
  var text = (chart.getAttribute('data-points') || '').trim();
  var buckets = text ? text.split(' ').map(function (group) {
    var v = group.split(',').map(Number);
    return { start: v[0] * 1000, seed: v[1], webSeed: v[2], betweenFans: v[3] };
  }) : [];
  var seconds = buckets.length > 1 ? (buckets[1].start - buckets[0].start) / 1000 : 0;
  SeedcastTraffic.draw(chart, document.getElementById('traffic-legend'), buckets, seconds);
})();
