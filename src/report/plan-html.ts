// plan.html: one self-contained page for `plan` (Chart.js and the data inlined, no network requests):
// the answer in a sentence, the SLOs, a chart per SLO metric and the decision table.
import { join } from 'node:path';
import type { PlanResult, SloCheck } from '../experiment/index.js';
import { shownInterval, formatMetric } from '../vocabulary/index.js';
import { writeFileAtomic } from './atomic.js';
import { escapeHtml, jsonForScript, loadChartJs } from './html.js';
import { pageHead } from './html-template/head.js';
import { buildPlanCharts, sloText } from './plan-charts.js';
import { chartClient, inlineScript, SWEEP_CSS } from './sweep-html.js';

const PLAN_HTML = 'plan.html';

const PLAN_CSS = `${SWEEP_CSS}
.pass { color: #2f7d32; font-weight: 600; } .fail { color: #c0392b; font-weight: 600; }
ul.slos { padding-left: 1.2rem; margin: .3rem 0; } ul.slos code { overflow-wrap: anywhere; }
`;

/** "3m 10s [2m 50s, 3m 30s]": a mean with its interval when there is one. */
function observed(c: SloCheck): string {
  if (c.mean === null) return 'no data';
  return c.ci ? `${formatMetric(c.mean, c.kind)} [${formatMetric(shownInterval(c.ci)[0], c.kind)}, ${formatMetric(c.ci[1], c.kind)}]` : formatMetric(c.mean, c.kind);
}

/** "wait.p95 = 3m 10s [2m 50s, 3m 30s] (SLO <= 5m)" */
function against(c: SloCheck): string {
  return `${c.path} = ${observed(c)} (SLO ${c.op} ${c.kind === 'seconds' && !/[a-z]/i.test(c.limitText) ? formatMetric(c.limit, c.kind) : c.limitText})`;
}

/** "1, 2, 3, …, 64": a long list of candidates shortened. */
function listed(xs: readonly number[]): string {
  return xs.length <= 12 ? xs.join(', ') : `${xs.slice(0, 3).join(', ')}, …, ${xs[xs.length - 1]}`;
}

/** The answer in one sentence (plain text; the page escapes it). */
export function planAnswerSentence(r: PlanResult): string {
  const conf = Math.round(r.confidence * 100);
  const interval = r.replications >= 2 ? ` (mean [${conf}% confidence interval] over ${r.replications} replications)` : ' (1 replication, no interval)';
  if (r.found) {
    const row = r.rows.find((x) => x.value === r.answer)!;
    return `The smallest ${r.parameter} meeting every SLO is ${r.answer}: at ${r.answer}, ${row.checks.map(against).join('; ')}${interval}.`;
  }
  const last = r.rows[r.rows.length - 1];
  const failing = last ? last.checks.filter((c) => !c.pass).map(against) : [];
  return `No ${r.parameter} up to ${r.candidates[r.candidates.length - 1]} meets every SLO${last ? `: at ${last.value}, ${failing.join(', ')}` : ''}${interval}.`;
}

/** The decision table's body rows (one per value run), escaped HTML. */
export function planTableRows(r: PlanResult): string[] {
  return r.rows.map((row) => {
    const cells = [
      `<th scope="row">${escapeHtml(row.value)}</th>`,
      ...row.checks.map((c) => `<td>${escapeHtml(observed(c))} <span class="${c.pass ? 'pass' : 'fail'}">${c.pass ? 'pass' : 'FAIL'}</span></td>`),
      `<td><span class="${row.pass ? 'pass' : 'fail'}">${row.pass ? 'meets all' : 'fails'}</span></td>`,
    ];
    return `<tr${row.value === r.answer ? ' class="chosen"' : ''}>${cells.join('')}</tr>`;
  });
}

export function renderPlanHtml(r: PlanResult, opts: { scenario: string; chartJs?: string | null }): string {
  const chartJs = opts.chartJs === undefined ? loadChartJs() : opts.chartJs;
  const charts = buildPlanCharts(r);
  const conf = Math.round(r.confidence * 100);
  const slos = r.rows[0]?.checks ?? [];
  const rule = r.replications >= 2
    ? `An SLO holds at a value when the pessimistic end of the ${conf}% confidence interval meets it (the upper end for &lt; and &lt;=, the lower end for &gt; and &gt;=).`
    : 'With one replication per value an SLO holds when the single value meets it.';
  const figures = charts
    .map((c) => `<figure><div class="chart-box"><canvas data-chart="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.description)}"></canvas></div>${c.note ? `<figcaption class="muted">${escapeHtml(c.note)}</figcaption>` : ''}</figure>`)
    .join('\n');
  const data = { charts: charts.map((c) => ({ id: c.id, config: c.config, units: c.units, xTicks: c.xTicks })), plan: r };
  return `${pageHead(`${escapeHtml(opts.scenario)} — refresh-sim plan`, PLAN_CSS)}
<body>
<header>
  <p class="muted">refresh-sim plan</p>
  <h1>${escapeHtml(opts.scenario)}</h1>
  <p class="answer${r.found ? '' : ' none'}" id="answer">${escapeHtml(planAnswerSentence(r))}</p>
  <p class="muted">SLOs:</p>
  <ul class="slos">${slos.map((s) => `<li><code>${escapeHtml(sloText(s))}</code></li>`).join('')}</ul>
  <p class="muted">${rule} ${r.rows.length} of ${r.candidates.length} candidate values of ${escapeHtml(r.parameter)} (${escapeHtml(listed(r.candidates))}) were run, ${r.replications} replications each on the same seeds, assuming the SLOs improve as ${escapeHtml(r.parameter)} grows.</p>
</header>
<main>
${chartJs ? '' : '<p class="notice" role="status">Interactive charts are unavailable: Chart.js could not be bundled into this page. The table below holds the numbers.</p>'}
<section><div class="charts">
${figures}
</div></section>
<section><div class="table-wrap"><table id="decision">
<caption>Decision table: mean [${conf}% CI] of each SLO metric</caption>
<thead><tr>${[r.parameter, ...slos.map(sloText), 'verdict'].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${planTableRows(r).join('\n')}
</tbody>
</table></div></section>
</main>
<script type="application/json" id="plan-data">${jsonForScript(data)}</script>
${chartJs ? `<script>${inlineScript(chartJs)}</script>` : ''}
<script>${chartClient('plan-data')}</script>
</body>
</html>
`;
}

export async function writePlanHtml(r: PlanResult, outDir: string, scenario: string): Promise<string> {
  const path = join(outDir, PLAN_HTML);
  await writeFileAtomic(path, renderPlanHtml(r, { scenario }));
  return path;
}
