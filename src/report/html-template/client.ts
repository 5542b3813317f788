// The report's only script: draws the embedded chart configs with the inlined Chart.js.
//
// The configs are plain JSON; what needs code (wall-clock ticks, units in tooltips) is added here from
// each chart's `clock` and `units`, with the same functions the PNG writer calls (see ../time-axis.ts).
import { unitText, wallDateTime, wallLabel, wallTicks } from '../time-axis.js';

export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  ${wallTicks.toString()}
  ${wallLabel.toString()}
  ${wallDateTime.toString()}
  ${unitText.toString()}
  var data = JSON.parse(document.getElementById('report-data').textContent);
  if (typeof Chart === 'undefined') return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#333333';
  var narrow = window.matchMedia('(max-width: 600px)').matches;
  if (narrow) Chart.defaults.font.size = 11;

  function timeAxis(config, clock) {
    var x = config.options.scales.x;
    x.afterBuildTicks = function (axis) {
      var width = axis.width || (axis.chart && axis.chart.width) || 600;
      axis.ticks = wallTicks(axis.min, axis.max, clock, Math.max(2, Math.floor(width / 90)));
    };
    x.ticks = Object.assign({}, x.ticks, {
      autoSkip: false,
      maxRotation: 0,
      callback: function (value, i, ticks) { return wallLabel(value, clock, i > 0 ? ticks[i - 1].value : null); }
    });
  }

  function tooltip(config, spec) {
    var plugins = config.options.plugins || {};
    var horizontal = config.options.indexAxis === 'y';
    var filter = function (item) { return !item.dataset.noTooltip; };
    var callbacks = {
      label: function (ctx) {
        var axisId = horizontal ? (ctx.dataset.xAxisID || 'x') : (ctx.dataset.yAxisID || 'y');
        var unit = spec.units && spec.units[axisId];
        var v = horizontal ? ctx.parsed.x : ctx.parsed.y;
        return (ctx.dataset.label ? ctx.dataset.label + ': ' : '') + (unit ? unitText(v, unit) : String(v));
      }
    };
    if (spec.clock) callbacks.title = function (items) { return items.length ? wallDateTime(items[0].parsed.x, spec.clock) : ''; };
    // hover shows every series at that point in time, unless the chart asks for something else
    config.options.plugins = Object.assign({}, plugins, {
      tooltip: Object.assign({ mode: 'index', intersect: false }, plugins.tooltip, { callbacks: callbacks, filter: filter })
    });
  }

  // time charts zoom and pan together along x, when chartjs-plugin-zoom was inlined (it registers itself)
  var zoomable = !!(Chart.registry && Chart.registry.plugins.get('zoom'));
  var timeCharts = [];
  var syncing = false;
  function zoomAll(min, max, except) {
    if (syncing) return;
    syncing = true;
    timeCharts.forEach(function (c) {
      if (c === except) return;
      if (min === null) c.resetZoom('none'); else c.zoomScale('x', { min: min, max: max }, 'none');
    });
    syncing = false;
  }
  function zoomOptions() {
    var follow = function (ctx) { zoomAll(ctx.chart.scales.x.min, ctx.chart.scales.x.max, ctx.chart); };
    return {
      limits: { x: { min: 'original', max: 'original' } },
      pan: { enabled: true, mode: 'x', modifierKey: 'ctrl', onPanComplete: follow },
      zoom: { mode: 'x', drag: { enabled: true }, pinch: { enabled: true }, wheel: { enabled: true, modifierKey: 'ctrl' }, onZoomComplete: follow }
    };
  }

  // a canvas does not wrap text: on a phone, long subtitles are broken into lines here
  function wrapLines(text, width) {
    if (typeof text !== 'string' || text.length <= width) return text;
    var lines = [''];
    text.split(' ').forEach(function (w) {
      var last = lines.length - 1;
      if (lines[last] && (lines[last] + ' ' + w).length > width) lines.push(w); else lines[last] = lines[last] ? lines[last] + ' ' + w : w;
    });
    return lines;
  }

  data.charts.forEach(function (spec) {
    var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
    if (!canvas) return;
    var config = spec.config;
    config.options = Object.assign({}, config.options, { responsive: true, maintainAspectRatio: false, animation: false });
    if (spec.clock) timeAxis(config, spec.clock);
    tooltip(config, spec);
    var sub = config.options.plugins && config.options.plugins.subtitle;
    if (narrow && sub && sub.text) sub.text = wrapLines(sub.text, Math.max(24, Math.floor(canvas.parentNode.clientWidth / 6.5)));
    if (spec.clock && zoomable) config.options.plugins.zoom = zoomOptions();
    var chart = new Chart(canvas, config);
    if (spec.clock && zoomable) timeCharts.push(chart);
  });

  if (zoomable) {
    document.querySelectorAll('[data-zoom-for]').forEach(function (bar) {
      bar.hidden = false;
      bar.querySelectorAll('button[data-zoom]').forEach(function (b) {
        b.addEventListener('click', function () {
          if (b.dataset.zoom === 'peak') zoomAll(Number(b.dataset.min), Number(b.dataset.max), null);
          else zoomAll(null, null, null);
        });
      });
    });
  }
})();
`;
