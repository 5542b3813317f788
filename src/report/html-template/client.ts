// The report's only script: draws the embedded chart configs with the inlined Chart.js.
export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  if (typeof Chart === 'undefined') return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#333333';
  data.charts.forEach(function (spec) {
    var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
    if (!canvas) return;
    var config = spec.config;
    config.options = Object.assign({}, config.options, { responsive: true, maintainAspectRatio: false, animation: false });
    // hover shows every series at that point in time, unless the chart asks for something else
    var plugins = config.options.plugins || {};
    config.options.plugins = Object.assign({}, plugins, { tooltip: Object.assign({ mode: 'index', intersect: false }, plugins.tooltip) });
    new Chart(canvas, config);
  });
})();
`;
