// The first screen of index.html: the gate's verdicts (thresholds and baseline comparison) with k6-style
// check marks, the diagnosis of where the wait comes from, and the busiest hour.
import { type PeakFigures, type Summary, type TimeseriesRow, formatThreshold } from '../vocabulary/index.js';
import type { GateReport, ThresholdResult } from '../gate/index.js';
import { formatCount, formatFraction, formatSeconds } from './charts.js';
import { escapeHtml, formatMetricValue } from './html-format.js';
import { diagnose, type Sentence } from './diagnosis.js';
import { peakWhen, windowWhen } from './peak.js';
import type { WallClock } from './time-axis.js';

type VerdictStatus = 'pass' | 'fail' | 'warn' | 'none';

/** The run's overall verdict: any error-level failure or regression fails it, any warn-level failure warns. */
export function overallVerdict(gate: GateReport): VerdictStatus {
  const t = gate.thresholds;
  const c = gate.compare;
  if (!t && !c) return 'none';
  if (t?.failed || c?.regressed || (t?.problems.length ?? 0) > 0 || (c?.problems.length ?? 0) > 0) return 'fail';
  if (t?.warned) return 'warn';
  return 'pass';
}

function resultStatus(r: ThresholdResult): Exclude<VerdictStatus, 'none'> {
  return r.pass ? 'pass' : r.level === 'warn' ? 'warn' : 'fail';
}

const MARK = { pass: '✓', fail: '✗', warn: '!' } as const;
const WORD = { pass: 'PASS', fail: 'FAIL', warn: 'WARN' } as const;

function thresholdRow(s: Summary, r: ThresholdResult): string {
  const st = resultStatus(r);
  const observed = r.observed === null ? 'no data' : formatMetricValue(s, r.path, r.observed);
  const limit = formatMetricValue(s, r.path, r.limit);
  const relation = st === 'pass' ? r.op : `not ${r.op}`;
  return `<li class="verdict-row ${st}" data-status="${st}" data-path="${escapeHtml(r.path)}" data-observed="${r.observed ?? ''}" data-limit="${r.limit}">
  <span class="mark" aria-hidden="true">${MARK[st]}</span><span class="word">${WORD[st]}</span>
  <code>${escapeHtml(formatThreshold(r))}</code>
  <span class="observed">observed <strong>${escapeHtml(observed)}</strong>, ${escapeHtml(relation)} ${escapeHtml(limit)}</span>
</li>`;
}

function headline(gate: GateReport, status: VerdictStatus): string {
  const parts: string[] = [];
  const t = gate.thresholds;
  if (t) {
    const n = t.results.length;
    const fail = t.results.filter((r) => resultStatus(r) === 'fail').length;
    const warn = t.results.filter((r) => resultStatus(r) === 'warn').length;
    parts.push(`${n - fail - warn} of ${n} threshold${n === 1 ? '' : 's'} passed${fail ? `, ${fail} failed` : ''}${warn ? `, ${warn} warned` : ''}`);
  }
  const c = gate.compare;
  if (c) {
    const reg = c.rows.filter((r) => r.verdict === 'regression').length;
    parts.push(reg > 0 ? `${reg} regression${reg === 1 ? '' : 's'} against the baseline` : 'no regression against the baseline');
  }
  const word = status === 'fail' ? 'FAIL' : status === 'warn' ? 'PASS with warnings' : 'PASS';
  return `<p class="verdict-head"><span class="verdict-badge ${status}">${word}</span> <span>${escapeHtml(parts.join('; '))}</span></p>`;
}

/** The verdict block: one row per threshold (observed against the limit), regressions listed after them. */
export function verdictsHtml(s: Summary, gate: GateReport = {}): string {
  const status = overallVerdict(gate);
  if (status === 'none') {
    return `<section id="verdicts" class="verdicts none" data-status="none" aria-label="Verdict">
  <p class="verdict-head"><span class="verdict-badge none">NO THRESHOLDS</span> <span class="muted">Nothing was judged: pass <code>--threshold 'wait.p95&lt;5m'</code> or a <code>thresholds</code> block to get a pass/fail verdict.</span></p>
</section>`;
  }
  const rows = (gate.thresholds?.results ?? []).map((r) => thresholdRow(s, r));
  for (const r of gate.compare?.rows ?? []) {
    if (r.verdict !== 'regression') continue;
    const change = r.changePct === null ? '' : ` (${r.changePct >= 0 ? '+' : ''}${r.changePct.toFixed(1)} %)`;
    rows.push(`<li class="verdict-row fail" data-status="fail" data-path="${escapeHtml(r.path)}">
  <span class="mark" aria-hidden="true">${MARK.fail}</span><span class="word">${WORD.fail}</span>
  <code>${escapeHtml(r.path)}</code>
  <span class="observed">${escapeHtml(formatMetricValue(s, r.path, r.current))} against a baseline of ${escapeHtml(formatMetricValue(s, r.path, r.baseline))}${escapeHtml(change)}, allowed ${escapeHtml(r.toleranceText)}</span>
</li>`);
  }
  const problems = [...(gate.thresholds?.problems ?? []), ...(gate.compare?.problems ?? [])];
  const problemRows = problems.map((p) => `<li class="verdict-row fail" data-status="fail"><span class="mark" aria-hidden="true">${MARK.fail}</span><span class="word">INPUT</span> <span class="observed">${escapeHtml(p.message)}</span></li>`);
  const okCompared = (gate.compare?.rows ?? []).filter((r) => r.verdict !== 'regression').length;
  const note = okCompared > 0 ? `\n  <p class="muted verdict-note">${formatCount(okCompared)} more compared metric${okCompared === 1 ? '' : 's'} within tolerance or better.</p>` : '';
  return `<section id="verdicts" class="verdicts ${status}" data-status="${status}" aria-label="Verdict">
  ${headline(gate, status)}
  <ul class="verdict-list">
${[...rows, ...problemRows].join('\n')}
  </ul>${note}
</section>`;
}

function sentenceHtml(sentence: Sentence): string {
  return sentence.map((x) => (typeof x === 'string' ? escapeHtml(x) : `<code>${escapeHtml(x.code)}</code>`)).join('');
}

/** The diagnosis, right under the verdicts: where the wait comes from and what follows from it. */
export function diagnosisHtml(s: Summary): string {
  const d = diagnose(s);
  const bar = d.shares
    .map((x) => {
      const name = x.kind === 'queue' ? 'queueing for a worker' : x.kind === 'limit' ? `deferral by ${x.limit}` : 'deferral by other limits';
      return `<span class="share ${x.kind}" style="width:${(100 * x.share).toFixed(2)}%" title="${escapeHtml(name)}"></span>`;
    })
    .join('');
  return `<section id="diagnosis" class="diagnosis" data-cause="${d.cause}" aria-labelledby="h-diagnosis">
  <h2 id="h-diagnosis">Where the wait comes from</h2>
${d.sentences.map((x) => `  <p>${sentenceHtml(x)}</p>`).join('\n')}${bar ? `\n  <div class="share-bar" role="img" aria-label="Shares of the mean wait">${bar}</div>` : ''}
</section>`;
}

/** The scenario's named windows (`peaks:`), one row each; empty when it declares none. */
function windowsHtml(windows: Record<string, PeakFigures | null>, clock: WallClock | undefined): string {
  const rows = Object.entries(windows).map(([name, w]) => {
    if (!w) return `<tr data-window="${escapeHtml(name)}"><th scope="row">${escapeHtml(name)}</th><td colspan="5" class="muted">no data: it falls in the warm-up or outside the run</td></tr>`;
    const util = formatFraction(w.utilisation);
    return `<tr data-window="${escapeHtml(name)}"><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(windowWhen(w, clock, formatSeconds))}</td><td class="num" data-value="${w.wait.p95 ?? ''}">${escapeHtml(formatSeconds(w.wait.p95))}</td><td class="num" data-value="${w.utilisation ?? ''}">${escapeHtml(util)}</td><td class="num">${w.queueMean.toFixed(0)} / ${formatCount(w.queueMax)}</td><td class="num">${formatCount(w.deferrals)}</td></tr>`;
  });
  if (rows.length === 0) return '';
  return `
  <div class="table-wrap"><table id="peak-windows">
<caption>The scenario's named windows, each over all its occurrences after the warm-up</caption>
<thead><tr><th scope="col">Window</th><th scope="col">When</th><th scope="col" class="num">p95 wait</th><th scope="col" class="num">Utilisation</th><th scope="col" class="num">Queue mean / max</th><th scope="col" class="num">Deferrals</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
}

/** The busiest hour, named with its own p95 wait, utilisation and queue (the numbers to size workers for), then the named windows. */
export function peakHtml(s: Summary, clock: WallClock | undefined): string {
  const p = s.peaks?.busiestHour ?? null;
  const windows = windowsHtml(s.peaks?.windows ?? {}, clock);
  if (!p) return `<section id="peak" class="peak" aria-labelledby="h-peak"><h2 id="h-peak">Busiest hour</h2><p class="muted">No requests arrived after the warm-up, so there is no busiest hour.</p>${windows}</section>`;
  const when = peakWhen(p, clock, formatSeconds);
  const stat = (label: string, value: string, note: string, key: string, raw: number | null) =>
    `<div class="stat" data-key="${key}" data-value="${raw ?? ''}"><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd><dd class="stat-note">${escapeHtml(note)}</dd></div>`;
  return `<section id="peak" class="peak" aria-labelledby="h-peak" data-start="${p.start}" data-end="${p.end}">
  <h2 id="h-peak">Busiest hour: ${escapeHtml(when)}</h2>
  <dl class="peak-stats">
    ${stat('p95 wait', formatSeconds(p.wait.p95), `of ${formatCount(p.wait.count)} started · run ${formatSeconds(s.wait.p95)}`, 'wait-p95', p.wait.p95)}
    ${stat('Utilisation', formatFraction(p.utilisation), `run average ${formatFraction(s.utilisation.mean)}`, 'utilisation', p.utilisation)}
    ${stat('Queue', `${p.queueMean.toFixed(0)} mean`, `max ${formatCount(p.queueMax)}`, 'queue', p.queueMean)}
    ${stat('Requests', formatCount(p.arrivals), `${formatCount(p.deferrals)} deferrals`, 'arrivals', p.arrivals)}
  </dl>${windows}
</section>`;
}
