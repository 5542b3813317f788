// compare.html: one self-contained page for `compare` (no script, no network): the verdict first,
// the context check (are these runs of the same thing?), then baseline against current per metric
// with the change drawn as a bar against its tolerance.
import { join } from 'node:path';
import type { CompareResult, CompareRow } from '../gate/index.js';
import { formatMetric, type GateSummary } from '../vocabulary/index.js';
import { writeFileAtomic } from './atomic.js';
import { escapeHtml } from './html-format.js';
import { pageHead } from './html-template/head.js';
import { SWEEP_CSS } from './sweep-html.js';

export const COMPARE_HTML = 'compare.html';

const CSS = `${SWEEP_CSS}
.verdict { font-size: 1.25rem; font-weight: 600; margin: .6rem 0; padding: .6rem .8rem; border-left: 5px solid #2f7d32; background: #f1f8f1; overflow-wrap: anywhere; }
.verdict.fail { border-left-color: #c0392b; background: #fdf0f0; }
.regression { color: #c0392b; font-weight: 600; } .improvement { color: #2f7d32; font-weight: 600; } .reported { color: #666; }
tr.differs td { background: #fff6e5; }
td.note, th.note { text-align: left; white-space: normal; min-width: 14rem; }
.bar { position: relative; width: 9rem; height: .9rem; background: #f3f3f3; display: inline-block; vertical-align: middle; }
.bar .tol { position: absolute; top: 0; bottom: 0; background: #e2e2e2; }
.bar .mid { position: absolute; top: -2px; bottom: -2px; left: 50%; width: 1px; background: #999; }
.bar .chg { position: absolute; top: 2px; bottom: 2px; }
.bar .chg.ok { background: #4c78a8; } .bar .chg.regression { background: #c0392b; } .bar .chg.improvement { background: #2f7d32; } .bar .chg.reported { background: #aaa; }
ul.warnings { padding-left: 1.2rem; }
`;

/** Which facts of the two runs are compared for the context check, and how each reads. */
function contextRows(base: GateSummary, cur: GateSummary): { what: string; baseline: string; current: string }[] {
  const workers = (s: GateSummary) => (s.workers.min === s.workers.max ? String(s.workers.min) : `${s.workers.min}..${s.workers.max}`);
  const span = (s: GateSummary) => `${s.span.start}, ${formatMetric(s.span.duration, 'seconds')} (warm-up ${formatMetric(s.span.warmup, 'seconds')})`;
  const policy = (s: GateSummary) => String((s as { policy?: unknown }).policy ?? 'fifo');
  return [
    { what: 'scenario', baseline: base.scenario, current: cur.scenario },
    { what: 'seed', baseline: String(base.seed), current: String(cur.seed) },
    { what: 'workers', baseline: workers(base), current: workers(cur) },
    { what: 'span', baseline: span(base), current: span(cur) },
    { what: 'replications', baseline: String(base.replications?.n ?? 1), current: String(cur.replications?.n ?? 1) },
    { what: 'policy', baseline: policy(base), current: policy(cur) },
  ];
}

/** The change as a bar: the grey band is the tolerance either side, the bar the change, both in % of the baseline. */
function changeBar(r: CompareRow): string {
  if (r.change === null || r.baseline === null || r.allowed === null) return '';
  const scale = Math.max(Math.abs(r.change), r.allowed, 1e-12) * 1.1; // the larger of the two fills the half-width
  const half = (x: number) => Math.min(50, (50 * Math.abs(x)) / scale);
  const tol = half(r.allowed);
  const w = half(r.change);
  const left = r.change >= 0 ? 50 : 50 - w;
  const label = `change ${r.change >= 0 ? '+' : '−'}${formatMetric(Math.abs(r.change), r.kind)}, allowed ${formatMetric(r.allowed, r.kind)}`;
  return `<span class="bar" role="img" aria-label="${escapeHtml(label)}"><span class="tol" style="left:${(50 - tol).toFixed(2)}%;width:${(2 * tol).toFixed(2)}%"></span><span class="mid"></span><span class="chg ${r.verdict}" style="left:${left.toFixed(2)}%;width:${w.toFixed(2)}%"></span></span>`;
}

function metricRow(r: CompareRow): string {
  const change = r.change === null ? '' : `${r.change >= 0 ? '+' : '−'}${formatMetric(Math.abs(r.change), r.kind)}`;
  const pct = r.changePct === null ? '' : `${r.changePct >= 0 ? '+' : '−'}${Math.abs(r.changePct).toFixed(1)} %`;
  const verdict = r.verdict === 'regression' ? 'REGRESSION' : r.verdict;
  const ci = r.ci ? ` <span class="muted">[${formatMetric(r.ci.current[0], r.kind)}, ${formatMetric(r.ci.current[1], r.kind)}]</span>` : '';
  return `<tr><th scope="row"><code>${escapeHtml(r.path)}</code></th><td>${escapeHtml(formatMetric(r.baseline, r.kind))}</td><td>${escapeHtml(formatMetric(r.current, r.kind))}${ci}</td><td>${escapeHtml(change)}</td><td>${escapeHtml(pct)}</td><td>${changeBar(r)}</td><td>${escapeHtml(r.toleranceText)}</td><td class="${r.verdict}">${escapeHtml(verdict)}</td><td class="note">${escapeHtml(r.note)}</td></tr>`;
}

/** The verdict in one sentence (plain text). */
export function compareVerdictSentence(result: CompareResult): string {
  const bad = result.rows.filter((r) => r.verdict === 'regression');
  const unjudged = bad.filter((r) => r.change === null).length;
  const better = result.rows.filter((r) => r.verdict === 'improvement').length;
  if (bad.length === 0) return `No regression: ${result.rows.length} metric${result.rows.length === 1 ? '' : 's'} compared${better > 0 ? `, ${better} better beyond tolerance` : ''}.`;
  const names = bad.slice(0, 4).map((r) => r.path).join(', ') + (bad.length > 4 ? ', …' : '');
  return `${bad.length} regression${bad.length === 1 ? '' : 's'} (${names})${unjudged > 0 ? `, ${unjudged} of them without data: cannot be judged` : ''}.`;
}

export interface CompareHtmlInput {
  result: CompareResult;
  baseline: GateSummary;
  current: GateSummary;
  /** the two files, as given */
  files: { baseline: string; current: string };
  /** the context warnings the command printed (different seed, workers, ...) */
  warnings: readonly string[];
}

export function renderCompareHtml(input: CompareHtmlInput): string {
  const { result, baseline, current, files, warnings } = input;
  const fail = result.regressed;
  const context = contextRows(baseline, current)
    .map((c) => `<tr${c.baseline !== c.current ? ' class="differs"' : ''}><th scope="row">${escapeHtml(c.what)}</th><td>${escapeHtml(c.baseline)}</td><td>${escapeHtml(c.current)}</td><td>${c.baseline === c.current ? 'same' : '<strong>differs</strong>'}</td></tr>`)
    .join('\n');
  return `${pageHead(`${escapeHtml(current.scenario)} — refresh-sim compare`, CSS)}
<body>
<header>
  <p class="muted">refresh-sim compare</p>
  <h1>${escapeHtml(current.scenario)}</h1>
  <p class="verdict${fail ? ' fail' : ''}" id="verdict">${fail ? 'FAIL' : 'PASS'}: ${escapeHtml(compareVerdictSentence(result))}</p>
  <p class="muted">Baseline <code>${escapeHtml(files.baseline)}</code>, current <code>${escapeHtml(files.current)}</code>.</p>
  ${warnings.length > 0 ? `<ul class="warnings" id="warnings">${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
</header>
<main>
<section><div class="table-wrap"><table id="context">
<caption>Are these runs of the same thing?</caption>
<thead><tr><th scope="col"></th><th scope="col">baseline</th><th scope="col">current</th><th scope="col"></th></tr></thead>
<tbody>
${context}
</tbody>
</table></div></section>
<section><div class="table-wrap"><table id="metrics">
<caption>Baseline against current, per metric</caption>
<thead><tr>${['metric', 'baseline', 'current', 'change', 'change %', 'change against tolerance', 'tolerance', 'verdict'].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}<th scope="col" class="note">why</th></tr></thead>
<tbody>
${result.rows.map(metricRow).join('\n')}
</tbody>
</table></div>
<p class="muted">The grey band is the tolerance on either side of no change, the bar the change, both to the same scale.</p></section>
</main>
</body>
</html>
`;
}

export async function writeCompareHtml(input: CompareHtmlInput, outDir: string): Promise<string> {
  const path = join(outDir, COMPARE_HTML);
  await writeFileAtomic(path, renderCompareHtml(input));
  return path;
}
