// sweep.html: one self-contained page for a sweep (Chart.js and the data inlined, no network requests):
// a chart per metric with its confidence band, and a table of every configuration.
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { formatSeconds } from './charts.js';
import { escapeHtml, jsonForScript, loadChartJs } from './html.js';
import { pageHead } from './html-template/head.js';
import { buildSweepCharts, flatZero, isSecondsMetric, SWEEP_CHART_METRICS } from './sweep-charts.js';
import { shownInterval, type SweepResult } from '../vocabulary/index.js';
import { buildPolicyCharts, renderPolicySection } from './sweep-policies.js';
import { sweepAnswer, sweepAnswerSentence, type SweepSlo } from './sweep-slo.js';
import { unitText } from './time-axis.js';

const SWEEP_HTML = 'sweep.html';

/** The stylesheet of the experiment pages (sweep.html, plan.html). */
export const SWEEP_CSS = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #333; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; }
h1 { margin-bottom: .2rem; } .muted { color: #666; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 480px), 1fr)); gap: 1rem; }
h1, header p { overflow-wrap: anywhere; }
tbody td:first-child, thead th:first-child { position: sticky; left: 0; background: #fff; }
thead th:first-child { background: #f6f6f6; }
@media (max-width: 600px) { body { padding: .75rem .6rem 2rem; } .chart-box { height: 280px; } figure { padding: .25rem; } }
figure { margin: 0; border: 1px solid #e6e6e6; border-radius: 6px; padding: .5rem; }
.chart-box { position: relative; height: 320px; }
table { border-collapse: collapse; margin-top: 1rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #e6e6e6; padding: .25rem .6rem; text-align: right; white-space: nowrap; }
th { background: #f6f6f6; } caption { text-align: left; font-weight: bold; padding: .5rem 0; }
.table-wrap { overflow-x: auto; }
.answer { font-size: 1.25rem; font-weight: 600; margin: .6rem 0; padding: .6rem .8rem; border-left: 5px solid #2f7d32; background: #f1f8f1; overflow-wrap: anywhere; }
.answer.none { border-left-color: #e45756; background: #fdf0f0; }
@media (max-width: 600px) { .answer { font-size: 1.05rem; } }
tr.chosen td { background: #f1f8f1; }
`;

/** The page script of the experiment pages: draws data.charts from the JSON in element `dataId`. */
export function chartClient(dataId: string): string {
  return `
(function () {
  'use strict';
  ${unitText.toString()}
  var data = JSON.parse(document.getElementById('${dataId}').textContent);
  if (typeof Chart === 'undefined') return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  data.charts.forEach(function (spec) {
    var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
    if (!canvas) return;
    var config = spec.config;
    config.options = Object.assign({}, config.options, { responsive: true, maintainAspectRatio: false, animation: false });
    var plugins = Object.assign({}, config.options.plugins);
    plugins.legend = Object.assign({}, plugins.legend, { labels: { filter: function (item, d) { return !d.datasets[item.datasetIndex].band; } } });
    if (spec.xTicks) {
      // ticks at the swept values, each labelled (a log axis labels only 1, 2 and 5 times a power of ten by default)
      config.options.scales.x.afterBuildTicks = function (axis) { axis.ticks = spec.xTicks.map(function (v) { return { value: v }; }); };
      config.options.scales.x.ticks = Object.assign({}, config.options.scales.x.ticks, { callback: function (v) { return String(v); } });
    }
    var unit = spec.units && spec.units.y;
    var fmt = function (v) { return unit ? unitText(v, unit) : String(v); };
    // one line per series at the hovered value: its mean and, from the band datasets, its interval
    plugins.tooltip = {
      mode: 'index',
      intersect: false,
      filter: function (item) { return !item.dataset.band; },
      callbacks: {
        title: function (items) { return items.length ? config.options.scales.x.title.text + ' = ' + items[0].label : ''; },
        label: function (ctx) {
          var band = ctx.chart.data.datasets.filter(function (d) { return d.band && d.label.indexOf(ctx.dataset.label + ' (') === 0; });
          var ci = band.length === 2 && band[0].data[ctx.dataIndex] && band[1].data[ctx.dataIndex] ? ' [' + fmt(band[0].data[ctx.dataIndex].y) + ', ' + fmt(band[1].data[ctx.dataIndex].y) + ']' : '';
          return ctx.dataset.label + ': ' + fmt(ctx.parsed.y) + ci;
        }
      }
    };
    config.options.plugins = plugins;
    new Chart(canvas, config);
  });
})();
`;
}

export function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function fmt(metric: string, x: number): string {
  if (isSecondsMetric(metric)) return formatSeconds(x);
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

export function renderSweepHtml(result: SweepResult, opts: { chartJs?: string | null; slos?: readonly SweepSlo[] } = {}): string {
  const slos = opts.slos ?? [];
  const charts = buildSweepCharts(result, slos);
  const answer = slos.length > 0 ? sweepAnswer(result, slos) : null;
  const answerHtml = slos.length > 0 ? `\n  <p class="answer${answer && answer.value === null ? ' none' : ''}" id="answer">${escapeHtml(sweepAnswerSentence(result, slos))}</p>` : '';
  const chartJs = opts.chartJs === undefined ? loadChartJs() : opts.chartJs;
  const conf = Math.round(result.confidence * 100);
  const tableMetrics = SWEEP_CHART_METRICS.filter((m) => result.configurations.some((c) => c.replications.metrics[m]));
  const params = result.parameters.map((p) => p.path);
  const rows = result.configurations
    .map((c) => {
      const cells = [
        ...params.map((p) => `<td>${escapeHtml(c.set[p])}</td>`),
        `<td>${c.replications.n}</td>`,
        ...tableMetrics.map((m) => {
          const r = c.replications.metrics[m];
          return `<td>${r ? `${escapeHtml(fmt(m, r.mean))} <span class="muted">[${escapeHtml(fmt(m, shownInterval(r.ci)[0]))}, ${escapeHtml(fmt(m, r.ci[1]))}]</span>` : '—'}</td>`;
        }),
      ];
      return `<tr${answer && answer.value !== null && c.set[answer.parameter] === answer.value ? ' class="chosen"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
  const zero = SWEEP_CHART_METRICS.filter((m) => flatZero(result, m));
  const zeroNote = zero.length > 0 ? `\n<p class="muted" id="zero-metrics">Not charted, zero in every configuration: ${zero.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')}.</p>` : '';
  const figures = charts
    .map((c) => `<figure><div class="chart-box"><canvas data-chart="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.description)}"></canvas></div>${c.note ? `<figcaption class="muted">${escapeHtml(c.note)}</figcaption>` : ''}</figure>`)
    .join('\n');
  const policyCharts = buildPolicyCharts(result, slos);
  const policySection = renderPolicySection(result, policyCharts, slos);
  const data = { charts: [...charts, ...policyCharts].map((c) => ({ id: c.id, config: c.config, units: c.units, xTicks: c.xTicks })), sweep: result };
  return `${pageHead(`${escapeHtml(result.scenario)} — refresh-sim sweep`, SWEEP_CSS)}
<body>
<header>
  <p class="muted">refresh-sim sweep</p>
  <h1>${escapeHtml(result.scenario)}</h1>${answerHtml}
  <p class="muted">${result.configurations.length} configurations × ${result.replications} replications (common random numbers: replication k has the same seed in every configuration); bands and brackets are ${conf}% confidence intervals (Student t). Swept: ${result.parameters.map((p) => `${escapeHtml(p.path)} = ${escapeHtml(p.values.join(', '))}`).join('; ')}.</p>
</header>
<main>
${chartJs ? '' : '<p class="notice" role="status">Interactive charts are unavailable: Chart.js could not be bundled into this page. The table below holds the numbers.</p>'}
${policySection}
<section><div class="charts">
${figures}
</div>${zeroNote}</section>
<section><div class="table-wrap"><table>
<caption>Every configuration: mean [${conf}% CI]</caption>
<thead><tr>${[...params, 'n', ...tableMetrics].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table></div></section>
</main>
<script type="application/json" id="sweep-data">${jsonForScript(data)}</script>
${chartJs ? `<script>${inlineScript(chartJs)}</script>` : ''}
<script>${chartClient('sweep-data')}</script>
</body>
</html>
`;
}

export async function writeSweepHtml(result: SweepResult, outDir: string, slos: readonly SweepSlo[] = []): Promise<string[]> {
  const path = join(outDir, SWEEP_HTML);
  await writeFileAtomic(path, renderSweepHtml(result, { slos }));
  return [path];
}
