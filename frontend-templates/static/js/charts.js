/*
 * The admin pages' line charts, drawn by uPlot (MIT, https://github.com/leeoniya/uPlot), which the
 * app serves itself from its WebJar (/webjars/uplot/…; no CDN). uPlot draws on a canvas and sets
 * element styles through the DOM, never inline in HTML, so pages keep their strict
 * Content-Security-Policy. Used by the overview and a swarm's page; load uPlot's script and
 * stylesheet before this file.
 *
 *   SeedcastCharts.draw(container, legend, [{name, points: [[ms, value], …]}], emptyText, {name: color}, format)
 *
 * The first call on a container creates a plot as wide as the container (it follows the container
 * when the page is resized); later calls with the same series and colours only hand the plot its
 * new data, so live pages update in place. The legend (a <ul>) lists each series with its colour
 * and its latest value, or the value under the pointer while it hovers over the chart. format, if
 * given, writes the values of the y axis and the legend (the traffic charts' bytes); else counts.
 */
(function () {
  'use strict';
  var HEIGHT = 220;
  var PALETTE = ['#2f6fed', '#1d8a54', '#b7791f', '#c53030', '#7c3aed', '#4a5568'];
  var charts = new Map(); // container → {plot, key, legend, names, observer}

  function niceMax(v) {
    if (!(v > 0)) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var n = v / p;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
  }

  function label(v) {
    if (v === null || v === undefined) { return '–'; }
    return v >= 1000 ? (v / 1000).toFixed(v >= 10000 ? 0 : 1) + 'k' : (v % 1 === 0 ? String(v) : v.toFixed(1));
  }

  function two(n) { return ('0' + n).slice(-2); }

  /* The x axis in the browser's local time, 24-hour, with seconds only when ticks are closer than a minute. */
  function timeLabels(u, splits) {
    var seconds = splits.length > 1 && splits[1] - splits[0] < 60;
    return splits.map(function (s) {
      var d = new Date(s * 1000);
      return two(d.getHours()) + ':' + two(d.getMinutes()) + (seconds ? ':' + two(d.getSeconds()) : '');
    });
  }

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  function width(container) {
    return Math.max(200, Math.floor(container.clientWidth || 600));
  }

  /*
   * uPlot wants columns: x in seconds, strictly ascending and shared by all series, then one array
   * of values per series. The pages' series share their timestamps; a timestamp that repeats (the
   * tracker closed the same minute twice) moves a millisecond on, so both points stay drawn.
   */
  function columns(series) {
    var first = series.length ? series[0].points : [];
    var aligned = series.every(function (s) {
      return s.points.length === first.length && s.points.every(function (p, i) { return p[0] === first[i][0]; });
    });
    var times;
    if (aligned) {
      times = first.map(function (p) { return p[0]; });
    } else {
      var xs = new Set();
      series.forEach(function (s) { s.points.forEach(function (p) { xs.add(p[0]); }); });
      times = Array.from(xs).sort(function (a, b) { return a - b; });
    }
    var x = [];
    times.forEach(function (ms, i) { x.push(i && ms <= x[i - 1] * 1000 ? x[i - 1] + 0.001 : ms / 1000); });
    var data = [x];
    series.forEach(function (s) {
      if (aligned) {
        data.push(s.points.map(function (p) { return p[1]; }));
      } else {
        var at = new Map(s.points.map(function (p) { return [p[0], p[1]]; }));
        data.push(times.map(function (ms) { return at.has(ms) ? at.get(ms) : null; }));
      }
    });
    return data;
  }

  function latest(values) {
    for (var i = values.length - 1; i >= 0; i--) {
      if (values[i] !== null && values[i] !== undefined) { return values[i]; }
    }
    return null;
  }

  function fillLegend(chart, data, idx) {
    if (!chart.legend) { return; }
    var items = chart.legend.children;
    chart.names.forEach(function (name, k) {
      var values = data[k + 1];
      var v = idx === null || idx === undefined || idx < 0 ? latest(values) : values[idx];
      if (items[k]) { items[k].lastChild.textContent = name + ' ' + chart.format(v); }
    });
  }

  function buildLegend(legend, names, colors) {
    if (!legend) { return; }
    legend.textContent = '';
    names.forEach(function (name, k) {
      var item = document.createElement('li');
      var swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = colors[k];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(name));
      legend.appendChild(item);
    });
  }

  function destroy(container) {
    var chart = charts.get(container);
    if (chart) {
      chart.observer.disconnect();
      chart.plot.destroy();
      charts.delete(container);
    }
  }

  function create(container, legend, names, colors, data, key, format) {
    var muted = cssVar('--muted', '#5f6b7a'), line = cssVar('--line', '#e3e7ef');
    var axis = { stroke: muted, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 }, font: '11px system-ui, sans-serif' };
    var chart = { key: key, legend: legend, names: names, format: format || label };
    container.textContent = '';
    buildLegend(legend, names, colors);
    chart.plot = new uPlot({
      width: width(container),
      height: HEIGHT,
      legend: { show: false }, // the page's own <ul>, below
      cursor: { drag: { x: false, y: false }, points: { size: 6 } }, // no drag-zoom: live data would undo it
      scales: {
        x: { time: true },
        y: { range: function (u, min, max) { return [0, niceMax(max)]; } }
      },
      axes: [
        Object.assign({}, axis, { values: timeLabels }),
        Object.assign({}, axis, { size: format ? 72 : 44, values: function (u, splits) { return splits.map(chart.format); } })
      ],
      series: [{}].concat(names.map(function (name, k) {
        return { label: name, stroke: colors[k], width: 2, spanGaps: true, points: { show: false } };
      })),
      hooks: { setCursor: [function (u) { fillLegend(chart, u.data, u.cursor.idx); }] }
    }, data, container);
    chart.observer = new ResizeObserver(function () {
      var w = width(container);
      if (w !== chart.plot.width) { chart.plot.setSize({ width: w, height: HEIGHT }); }
    });
    chart.observer.observe(container);
    charts.set(container, chart);
    return chart;
  }

  function empty(container, legend, text) {
    destroy(container);
    container.textContent = '';
    var p = document.createElement('p');
    p.className = 'chart-empty';
    p.textContent = text;
    container.appendChild(p);
    if (legend) { legend.textContent = ''; }
  }

  /* series: [{name, points: [[ms, value], …]}] */
  function draw(container, legend, series, emptyText, palette, format) {
    var data = columns(series);
    if (data[0].length < 2) {
      empty(container, legend, emptyText);
      return;
    }
    var names = series.map(function (s) { return s.name; });
    var colors = names.map(function (name, k) { return (palette && palette[name]) || PALETTE[k % PALETTE.length]; });
    var key = JSON.stringify([names, colors]);
    var chart = charts.get(container);
    if (chart && chart.key === key && chart.legend === legend) {
      chart.plot.setData(data);
    } else {
      destroy(container);
      chart = create(container, legend, names, colors, data, key, format);
    }
    fillLegend(chart, data, chart.plot.cursor.idx);
  }

  /*
   * Fetches root's data-source as JSON, hands it to render, and again every refreshMs, whether it
   * worked or not; the element #live-status says which.
   */
  function live(root, render, refreshMs) {
    var status = document.getElementById('live-status');
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
        .finally(function () { setTimeout(refresh, refreshMs); });
    }
    refresh();
  }

  window.SeedcastCharts = {
    live: live,
    draw: function (container, legend, series, emptyText, colors, format) {
      if (!window.uPlot) {
        empty(container, legend, 'Charts are unavailable: uPlot did not load.');
        return;
      }
      draw(container, legend, series, emptyText, colors, format);
    },
    /* The uPlot instance drawn in a container, or null (for tests and the browser's console). */
    plot: function (container) {
      var chart = charts.get(container);
      return chart ? chart.plot : null;
    },
    label: label
  };
})();
