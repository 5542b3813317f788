// The policies section of sweep.html (issue 12): for a sweep over `policy`, one bar chart per metric
// with a bar per policy and its confidence interval, the SLO line, a sentence naming the best policy for
// each headline metric (with its interval) and what it costs whom next to the first policy swept
// (fifo, the product, when it is in the sweep), and the table: p95 wait overall and per trigger,
// worst-account p95, Jain's index and, when the sweep also varies a number (workers), the smallest
// value meeting every SLO under each policy.
import type { ChartConfiguration } from 'chart.js';
import { shownInterval, formatMetric, type ReplicationMetric, type SweepConfiguration, type SweepResult, type SweepValue } from '../vocabulary/index.js';
import { COLOURS, unitFor } from './charts.js';
import { escapeHtml } from './html.js';
import { inUnit, metricUnit, sloText, type SweepChartSpec } from './line-charts.js';
import { meets, type SweepSlo } from './sweep-slo.js';

const TRIGGERS = ['login', 'due', 'email', 'manual', 'api', 'warmup'] as const;

/** The headline metrics of the section, each with whether more is better. */
const POLICY_HEADLINES: readonly { path: string; label: string; higherIsBetter: boolean }[] = [
  { path: 'wait.p95', label: 'p95 wait', higherIsBetter: false },
  { path: 'fairness.worstAccountP95Wait', label: 'worst-account p95 wait', higherIsBetter: false },
  { path: 'fairness.jainIndex', label: "Jain's index over accounts' mean waits", higherIsBetter: true },
  { path: 'freshness.dashboard.p95', label: 'p95 data age seen on dashboards', higherIsBetter: false },
];

const isTime = (path: string) => path !== 'fairness.jainIndex';
const show = (path: string, x: number) => (isTime(path) ? formatMetric(Math.max(0, x), 'seconds') : x.toFixed(3));
const withCi = (path: string, m: ReplicationMetric, n: number) => `${show(path, m.mean)}${n >= 2 ? ` [${show(path, m.ci[0])}, ${show(path, m.ci[1])}]` : ''}`;

interface PolicyView {
  policies: string[];
  /** one configuration per policy, other parameters at their first value */
  shown: SweepConfiguration[];
  /** a numeric parameter also swept (workers, say), for the SLO column */
  other: { path: string; values: number[] } | null;
}

/** The policies swept and their configurations; null when the sweep does not vary `policy`. */
function policyView(result: SweepResult): PolicyView | null {
  const p = result.parameters.find((q) => q.path === 'policy');
  if (!p || p.values.length < 2) return null;
  const rest = result.parameters.filter((q) => q.path !== 'policy');
  const first = (c: SweepConfiguration) => rest.every((q) => c.set[q.path] === q.values[0]);
  const shown = p.values.map((v) => result.configurations.find((c) => c.set.policy === v && first(c))!);
  const num = rest.find((q) => q.values.length > 1 && q.values.every((v) => typeof v === 'number'));
  return { policies: p.values.map(String), shown, other: num ? { path: num.path, values: num.values as number[] } : null };
}

/** Metrics the section shows: the headlines, then the p95 wait of each trigger the sweep measured. */
function sectionMetrics(result: SweepResult, view: PolicyView): string[] {
  const has = (m: string) => view.shown.some((c) => c.replications.metrics[m]);
  return [...POLICY_HEADLINES.map((h) => h.path), ...TRIGGERS.map((t) => `byTrigger.${t}.wait.p95`)].filter(has);
}

/** One bar chart per metric: a bar per policy, its CI as a thin floating bar, the SLO line on its metric. */
export function buildPolicyCharts(result: SweepResult, slos: readonly SweepSlo[] = []): SweepChartSpec[] {
  const view = policyView(result);
  if (!view) return [];
  const conf = Math.round(result.confidence * 100);
  return sectionMetrics(result, view).map((metric) => {
    const ms = view.shown.map((c) => c.replications.metrics[metric]);
    const own = slos.filter((s) => s.path === metric);
    const max = Math.max(0, ...ms.map((m) => (m ? m.ci[1] : 0)), ...own.map((s) => s.limit));
    const unit = isTime(metric) ? unitFor(max) : null;
    const datasets: object[] = [
      { label: metric, data: ms.map((m) => (m ? inUnit(m.mean, unit) : null)), backgroundColor: COLOURS.queue, barPercentage: 0.8, order: 2 },
      { label: `${metric} (${conf}% CI)`, band: true, data: ms.map((m) => (m ? [inUnit(shownInterval(m.ci)[0], unit), inUnit(m.ci[1], unit)] : null)), backgroundColor: '#333', barPercentage: 0.08, grouped: false, order: 1 },
      ...own.map((s) => ({ type: 'line', label: `SLO ${sloText(s)}`, data: view.policies.map(() => inUnit(s.limit, unit)), borderColor: '#e45756', borderDash: [6, 4], pointRadius: 0, fill: false, order: 0 })),
    ];
    const title = `${metric} by policy`;
    const config = {
      type: 'bar',
      data: { labels: view.policies, datasets },
      options: {
        plugins: { title: { display: true, text: title }, legend: { display: own.length > 0 } },
        scales: { x: { title: { display: true, text: 'policy' } }, y: { beginAtZero: true, title: { display: true, text: unit ? `${metric} (${unit.name})` : metric } } },
      },
    } as unknown as ChartConfiguration;
    return {
      id: `policy-${metric.replace(/[^A-Za-z0-9]+/g, '-')}`,
      title,
      description: `Bar chart of the mean of ${metric} over ${result.replications} replications for each policy, with its ${conf}% confidence interval as a thin bar${own.length > 0 ? ' and the SLO as a dashed line' : ''}.`,
      units: { y: metricUnit(metric, unit) },
      config,
    };
  });
}

/** Sentences naming the best policy for each headline metric, and what it costs whom against the reference policy. */
export function policySentences(result: SweepResult): string[] {
  const view = policyView(result);
  if (!view) return [];
  const n = result.replications;
  const refIndex = Math.max(0, view.policies.indexOf('fifo'));
  const ref = view.policies[refIndex];
  const out: string[] = [];
  for (const h of POLICY_HEADLINES) {
    const ms = view.shown.map((c) => c.replications.metrics[h.path]);
    let best = -1;
    ms.forEach((m, i) => {
      if (m && (best < 0 || (h.higherIsBetter ? m.mean > ms[best]!.mean : m.mean < ms[best]!.mean))) best = i;
    });
    if (best < 0) continue;
    const m = ms[best]!;
    const r = ms[refIndex];
    const vsRef = best === refIndex || !r ? '' : ` (${ref}: ${withCi(h.path, r, n)})`;
    // clearly better only when the intervals do not overlap
    const clear = r && best !== refIndex && n >= 2 ? (h.higherIsBetter ? m.ci[0] > r.ci[1] : m.ci[1] < r.ci[0]) : false;
    const verdict = best === refIndex ? '' : clear ? ', a difference beyond both intervals' : ', within the intervals of each other';
    out.push(`Best ${h.label}: ${view.policies[best]}, ${withCi(h.path, m, n)}${vsRef}${verdict}.${best === refIndex ? '' : ` ${costSentence(result, view, best, refIndex)}`}`);
  }
  return out;
}

/** The trigger (or headline) that loses most under policy `i` relative to the reference. */
function costSentence(result: SweepResult, view: PolicyView, i: number, refIndex: number): string {
  const n = result.replications;
  const candidates = [...TRIGGERS.map((t) => ({ path: `byTrigger.${t}.wait.p95`, who: `${t} requests' p95 wait` })), ...POLICY_HEADLINES.filter((h) => !h.higherIsBetter).map((h) => ({ path: h.path, who: h.label }))];
  let worst: { who: string; path: string; a: ReplicationMetric; b: ReplicationMetric; loss: number } | null = null;
  for (const c of candidates) {
    const a = view.shown[refIndex].replications.metrics[c.path], b = view.shown[i].replications.metrics[c.path];
    if (!a || !b) continue;
    const loss = b.mean - a.mean;
    if (loss > 0 && (worst === null || loss > worst.loss)) worst = { ...c, a, b, loss };
  }
  if (worst === null) return `No trigger waits longer at p95 than under ${view.policies[refIndex]}.`;
  return `It costs ${worst.who}: ${withCi(worst.path, worst.a, n)} under ${view.policies[refIndex]}, ${withCi(worst.path, worst.b, n)} under ${view.policies[i]}.`;
}

/** Per policy: the smallest value of the other swept number meeting every SLO (null: none swept does). */
function smallestPerPolicy(result: SweepResult, slos: readonly SweepSlo[]): { path: string; values: (number | null)[] } | null {
  const view = policyView(result);
  if (!view || !view.other || slos.length === 0) return null;
  const other = view.other;
  const values = view.policies.map((pol) => {
    const configs = result.configurations
      .filter((c) => String(c.set.policy) === pol && result.parameters.every((q) => q.path === 'policy' || q.path === other.path || c.set[q.path] === q.values[0]))
      .sort((a, b) => (a.set[other.path] as number) - (b.set[other.path] as number));
    const ok = configs.find((c) => slos.every((s) => meets(s, c.replications.metrics[s.path], result.replications)));
    return ok ? (ok.set[other.path] as number) : null;
  });
  return { path: other.path, values };
}

/** A short column heading: `login p95 wait` for byTrigger.login.wait.p95, the headline's label otherwise. */
function columnLabel(path: string): string {
  const t = /^byTrigger\.([^.]+)\.wait\.p95$/.exec(path);
  if (t) return `${t[1]} p95 wait`;
  return path === 'fairness.jainIndex' ? "Jain's index" : (POLICY_HEADLINES.find((h) => h.path === path)?.label ?? path);
}

/** The section's table as rows of text cells (for HTML and the CLI's closing note). */
export function policyTable(result: SweepResult, slos: readonly SweepSlo[] = []): { head: string[]; rows: string[][] } | null {
  const view = policyView(result);
  if (!view) return null;
  const n = result.replications;
  const metrics = sectionMetrics(result, view).filter((m) => m !== 'freshness.dashboard.p95');
  const smallest = smallestPerPolicy(result, slos);
  const head = ['policy', ...metrics.map(columnLabel), ...(smallest ? [`smallest ${smallest.path} meeting ${slos.map(sloText).join(', ')}`] : [])];
  const rows = view.policies.map((pol, i) => [
    pol,
    ...metrics.map((m) => {
      const r = view.shown[i].replications.metrics[m];
      return r ? withCi(m, r, n) : '—';
    }),
    ...(smallest ? [smallest.values[i] === null ? `none up to ${Math.max(...view.other!.values)}` : String(smallest.values[i])] : []),
  ]);
  return { head, rows };
}

/** The policies section of sweep.html ('' when the sweep does not vary `policy`). */
export function renderPolicySection(result: SweepResult, charts: readonly SweepChartSpec[], slos: readonly SweepSlo[] = []): string {
  const table = policyTable(result, slos);
  if (!table) return '';
  const conf = Math.round(result.confidence * 100);
  const figures = charts
    .map((c) => `<figure><div class="chart-box"><canvas data-chart="${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.description)}"></canvas></div></figure>`)
    .join('\n');
  const sentences = policySentences(result).map((s) => `<li>${escapeHtml(s)}</li>`).join('\n');
  const other = result.parameters.filter((p) => p.path !== 'policy' && p.values.length > 1);
  const held = other.length > 0 ? ` Charts and table hold ${other.map((p) => `${escapeHtml(p.path)} = ${escapeHtml(String(p.values[0] as SweepValue))}`).join(', ')} (the first value).` : '';
  return `<section id="policies">
<h2>Policies</h2>
<p class="muted">The same traffic under each queue policy (common random numbers); means over ${result.replications} replications with ${conf}% confidence intervals.${held}</p>
<ul class="policy-verdicts">
${sentences}
</ul>
<div class="charts">
${figures}
</div>
<div class="table-wrap"><table>
<caption>Policies: mean [${conf}% CI]</caption>
<thead><tr>${table.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${table.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table></div>
</section>`;
}
