// backtest.html: one self-contained page for `backtest` (Chart.js and the data inlined, offline): the
// verdict in a sentence, observed against simulated percentiles, a Q-Q chart and p95 wait by hour.
import { join } from 'node:path';
import type { BacktestResult } from '../backtest/index.js';
import { formatDuration } from '../vocabulary/index.js';
import { writeFileAtomic } from './atomic.js';
import { escapeHtml, jsonForScript, loadChartJs } from './html.js';
import { pageHead } from './html-template/head.js';
import { unitFor } from './charts.js';
import { inUnit, lineChartConfig, type SweepChartSpec } from './line-charts.js';
import { chartClient, inlineScript, SWEEP_CSS } from './sweep-html.js';

const BACKTEST_HTML = 'backtest.html';
const BACKTEST_JSON = 'backtest.json';

const CSS = `${SWEEP_CSS}
.pass { color: #2f7d32; font-weight: 600; } .fail { color: #c0392b; font-weight: 600; }
`;
const OBSERVED = '#e45756';
const SIMULATED = '#4c78a8';

/** The verdict in one sentence (plain text). */
export function backtestVerdict(r: BacktestResult): string {
  const c = r.comparison;
  const tol = `tolerance: the simulated ${Math.round(r.confidence * 100)}% interval widened by ${Math.round(r.tolerance.relative * 100)}% and ${formatDuration(r.tolerance.absolute)}, KS distance at most ${r.tolerance.maxKs}`;
  if (c.pass) return `PASS: the model reproduces the log: every percentile of wait and total is within tolerance and the KS distance of the waits is ${c.ks.wait.toFixed(3)} (${tol}).`;
  return `FAIL: the model does not reproduce the log: ${c.reasons.map((x) => (x === 'ks' ? `KS distance of the waits ${c.ks.wait.toFixed(3)}` : x)).join(', ')} outside tolerance (${tol}).`;
}

function charts(r: BacktestResult): SweepChartSpec[] {
  const c = r.comparison;
  const max = Math.max(...c.qq.map((p) => Math.max(p.observed, p.simulated)), 1);
  const unit = unitFor(max);
  const qq = c.qq.map((p) => ({ x: inUnit(p.observed, unit), y: inUnit(p.simulated, unit) }));
  const diag = [{ x: 0, y: 0 }, { x: inUnit(max, unit), y: inUnit(max, unit) }];
  const hmax = Math.max(...c.hours.map((h) => Math.max(h.observed ?? 0, h.simulated ?? 0)), 1);
  const hunit = unitFor(hmax);
  const hour = (y: number | null, i: number) => ({ x: i, y: y === null ? null : inUnit(y, hunit) });
  return [
    {
      id: 'qq',
      title: 'Q-Q: simulated against observed wait',
      description: 'Percentiles 1 to 99 of the simulated waits (all replications pooled) against the same percentiles of the observed waits; on the dashed diagonal they agree.',
      units: { y: { seconds: unit.seconds } },
      config: lineChartConfig({
        title: 'Q-Q: simulated against observed wait',
        datasets: [
          { label: 'percentiles 1-99', data: qq, borderColor: SIMULATED, backgroundColor: SIMULATED, showLine: false, pointRadius: 3 },
          { label: 'equal', data: diag, borderColor: '#999', borderDash: [6, 4], pointRadius: 0, fill: false },
        ],
        xScale: { type: 'linear' },
        xTitle: `observed wait (${unit.name})`,
        yTitle: `simulated wait (${unit.name})`,
        yMax: null,
      }),
    },
    {
      id: 'hours',
      title: 'p95 wait by hour of day (UTC)',
      description: 'The 95th percentile of the wait of requests enqueued in each hour of the day, observed and simulated (replications pooled).',
      units: { y: { seconds: hunit.seconds } },
      config: lineChartConfig({
        title: 'p95 wait by hour of day (UTC)',
        datasets: [
          { label: 'observed', data: c.hours.map((h, i) => hour(h.observed, i)), borderColor: OBSERVED, backgroundColor: OBSERVED, pointRadius: 3, fill: false, tension: 0 },
          { label: 'simulated', data: c.hours.map((h, i) => hour(h.simulated, i)), borderColor: SIMULATED, backgroundColor: SIMULATED, pointRadius: 3, fill: false, tension: 0 },
        ],
        xScale: { type: 'linear', min: 0, max: 23, ticks: { precision: 0 } },
        xTitle: 'hour of day (UTC)',
        yTitle: `p95 wait (${hunit.name})`,
        yMax: null,
      }),
    },
  ];
}

function tableRows(r: BacktestResult): string {
  return r.comparison.quantiles
    .map((q) => {
      const cells = [formatDuration(q.observed), `${formatDuration(q.simulated)} [${formatDuration(q.ci[0])}, ${formatDuration(q.ci[1])}]`, `${formatDuration(q.band[0])} to ${formatDuration(q.band[1])}`];
      const verdict = `<span class="${q.pass ? 'pass' : 'fail'}">${q.pass ? 'ok' : 'FAIL'}</span>`;
      return `<tr><th scope="row">${q.metric}.${q.stat}</th>${cells.map((x) => `<td>${escapeHtml(x)}</td>`).join('')}<td>${verdict}</td></tr>`;
    })
    .join('\n');
}

function ksRow(r: BacktestResult): string {
  const ks = r.comparison.ks;
  const ok = ks.wait <= r.tolerance.maxKs;
  return `<tr><th scope="row">KS distance of waits</th><td>${ks.wait.toFixed(3)}</td><td>per replication ${Math.min(...ks.perReplication).toFixed(3)} to ${Math.max(...ks.perReplication).toFixed(3)}</td><td>at most ${r.tolerance.maxKs}</td><td><span class="${ok ? 'pass' : 'fail'}">${ok ? 'ok' : 'FAIL'}</span></td></tr>`;
}

function renderBacktestHtml(r: BacktestResult, opts: { chartJs?: string | null } = {}): string {
  const chartJs = opts.chartJs === undefined ? loadChartJs() : opts.chartJs;
  const specs = charts(r);
  const c = r.comparison;
  const conf = Math.round(r.confidence * 100);
  const figures = specs.map((s) => `<figure><div class="chart-box"><canvas data-chart="${s.id}" role="img" aria-label="${escapeHtml(s.description)}"></canvas></div></figure>`).join('\n');
  const window = `${new Date(r.window.start * 1000).toISOString()} to ${new Date(r.window.end * 1000).toISOString()}`;
  const data = { charts: specs.map((s) => ({ id: s.id, config: s.config, units: s.units })) };
  return `${pageHead(`${escapeHtml(r.scenario)} — refresh-sim backtest`, CSS)}
<body>
<header>
  <p class="muted">refresh-sim backtest</p>
  <h1>${escapeHtml(r.scenario)} against ${escapeHtml(r.against.join(', '))}</h1>
  <p class="answer${c.pass ? '' : ' none'}" id="verdict">${escapeHtml(backtestVerdict(r))}</p>
  ${r.replay ? `<p class="muted">Replay: each of ${r.replay.sources} sources takes its ${r.replay.calls} recorded response times in order (${r.replay.unrecorded} sources without a recorded call draw theirs from their connector).</p>` : ''}
  <p class="muted">${r.rows.used} observed requests enqueued from ${escapeHtml(window)} (${r.rows.outside} log rows outside it and ${r.rows.notStarted} never started are not compared); ${r.replications} replications (seeds ${escapeHtml(r.seeds.join(', '))}), ${Math.round(c.simulatedRequests.mean)} requests each on average [${conf}% CI ${Math.round(c.simulatedRequests.ci[0])} to ${Math.round(c.simulatedRequests.ci[1])}]. KS distance of the wait distributions ${c.ks.wait.toFixed(3)} (per replication ${escapeHtml(c.ks.perReplication.map((d) => d.toFixed(3)).join(', '))}; the 5% critical value for independent samples would be ${c.ks.critical05.toFixed(3)}, but waits in a queue are correlated, so the verdict uses the fixed maximum ${r.tolerance.maxKs}); of the totals ${c.ks.total.toFixed(3)}.</p>
</header>
<main>
${chartJs ? '' : '<p class="notice" role="status">Interactive charts are unavailable: Chart.js could not be bundled into this page. The table below holds the numbers.</p>'}
<section><div class="table-wrap"><table id="percentiles">
<caption>Observed against simulated: mean [${conf}% CI] over replications, and the band the observed value must fall in</caption>
<thead><tr><th scope="col">metric</th><th scope="col">observed</th><th scope="col">simulated</th><th scope="col">tolerated</th><th scope="col">verdict</th></tr></thead>
<tbody>
${tableRows(r)}
${ksRow(r)}
</tbody>
</table></div></section>
<section><div class="charts">
${figures}
</div></section>
</main>
<script type="application/json" id="backtest-data">${jsonForScript(data)}</script>
${chartJs ? `<script>${inlineScript(chartJs)}</script>` : ''}
<script>${chartClient('backtest-data')}</script>
</body>
</html>
`;
}

/** backtest.json: the whole result, stable key order, numbers as computed. */
function backtestJson(r: BacktestResult): string {
  return JSON.stringify({ schema: 'refresh-sim/backtest', version: 1, ...r, verdict: backtestVerdict(r) }, null, 2) + '\n';
}

export async function writeBacktest(r: BacktestResult, outDir: string): Promise<string[]> {
  const files = [join(outDir, BACKTEST_JSON), join(outDir, BACKTEST_HTML)];
  await writeFileAtomic(files[0], backtestJson(r));
  await writeFileAtomic(files[1], renderBacktestHtml(r));
  return files;
}
