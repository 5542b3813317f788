// summary.md: the run's headline numbers, thresholds and baseline comparison as GitHub-flavoured Markdown,
// fit for a PR comment or $GITHUB_STEP_SUMMARY. Text from the scenario is escaped so it cannot break a table.
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { Writer } from './types.js';
import { diagnose, type Sentence } from './diagnosis.js';
import { type Dist, type PeakFigures, type Summary, type TimeseriesRow, type Problem, formatPath as formatProblemPath, formatThreshold, formatMetric, formatNumber, formatDuration } from '../vocabulary/index.js';
import { peakWhen, windowWhen } from './peak.js';
import { clockFor } from './charts.js';
import type { CompareRow, GateReport, ThresholdResult } from '../gate/index.js';

/**
 * Escapes text from the scenario or the user for a heading, a paragraph or a table cell: backslash-escapes
 * the marks that start emphasis, code, links, strikethrough or a heading (`\ ` * _ [ ] ~ #`) and `|`
 * (which would end a cell), HTML-escapes `&` `<` `>` (no raw HTML or entities), and turns line breaks
 * into spaces (a cell is one line).
 */
export function mdEscape(s: string): string {
  return s
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Inline code for a table cell: a backtick fence longer than any run of backticks inside, and `|`
 * escaped as `\|` (GFM splits cells before reading code spans; the backslash is dropped inside the cell).
 */
export function mdCode(s: string): string {
  const text = s.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

function table(headers: readonly string[], align: readonly ('l' | 'r' | 'c')[], rows: readonly string[][]): string[] {
  const sep = align.map((a) => (a === 'r' ? '---:' : a === 'c' ? ':---:' : '---'));
  return [`| ${headers.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const sec = (x: number | null): string => (x === null ? '–' : formatDuration(x, '–'));
const pct = (x: number): string => `${formatNumber(Math.round(x * 10) / 10)}%`;

function distRow(name: string, d: Dist): string[] {
  return [name, String(d.count), sec(d.p50), sec(d.p95), sec(d.p99), sec(d.max)];
}

const ICON = { pass: '✅', fail: '❌', warn: '⚠️', info: 'ℹ️' } as const;

function thresholdIcon(r: ThresholdResult): string {
  if (r.pass) return ICON.pass;
  return r.level === 'warn' ? ICON.warn : ICON.fail;
}

function verdictCell(r: CompareRow): string {
  switch (r.verdict) {
    case 'ok':
      return `${ICON.pass} ok`;
    case 'regression':
      return `${ICON.fail} regression`;
    case 'improvement':
      return `${ICON.pass} improvement`;
    case 'missing':
      return `${ICON.info} not compared`;
    case 'reported':
      return `${ICON.info} reported`;
  }
}

function problemLines(problems: readonly Problem[]): string[] {
  return problems.map((p) => `- ${ICON.fail} ${mdCode(formatProblemPath(p.path))}: ${mdEscape(p.message)}`);
}

/** `- ❌ FAIL `wait.p95 < 5m`: observed 6m 54s, limit 5m`, one per threshold, and one line for regressions. */
function verdictLines(gate: GateReport): string[] {
  const lines = (gate.thresholds?.results ?? []).map((r) => {
    const word = r.pass ? 'pass' : r.level === 'warn' ? 'WARN' : 'FAIL';
    return `- ${thresholdIcon(r)} **${word}** ${mdCode(formatThreshold({ ...r, level: 'error' }))}: observed ${formatMetric(r.observed, r.kind)}, limit ${formatMetric(r.limit, r.kind)}${r.level === 'warn' ? ' (warning only)' : ''}`;
  });
  const reg = gate.compare?.rows.filter((r) => r.verdict === 'regression') ?? [];
  if (reg.length > 0) lines.push(`- ${ICON.fail} **FAIL** ${reg.length} regression${reg.length > 1 ? 's' : ''} against the baseline: ${reg.map((r) => mdCode(r.path)).join(', ')}`);
  return lines;
}

function mdSentence(sentence: Sentence): string {
  return sentence.map((x) => (typeof x === 'string' ? mdEscape(x) : mdCode(x.code))).join('');
}

/** What summary.md can add when the writer has more than summary.json. */
interface MarkdownExtra {
  /** the run's time series: adds the busiest hour */
  timeseries?: readonly TimeseriesRow[];
  /** the zone the busiest hour is named in (default UTC) */
  timeZone?: string;
}

/** One peak window's figures, as summary.md words them. */
function peakFigures(p: PeakFigures): string {
  const util = p.utilisation === null ? '–' : pct(100 * p.utilisation);
  return `${p.arrivals} requests, p95 wait ${sec(p.wait.p95)} (of ${p.wait.count} started), utilisation ${util}, queue ${Math.round(p.queueMean)} mean / ${p.queueMax} max, ${p.deferrals} deferrals`;
}

/** The busiest hour, then each named window of the scenario (`peaks:`), one line each. */
function peakLines(s: Summary, extra: MarkdownExtra): string[] {
  const peaks = s.peaks;
  if (!peaks) return [];
  const clock = clockFor({ summary: s, timeseries: [...(extra.timeseries ?? [])], params: {} }, extra.timeZone);
  const out: string[] = [];
  const p = peaks.busiestHour;
  if (p) out.push(`**Busiest hour:** ${mdEscape(peakWhen(p, clock, formatDuration))}: ${peakFigures(p)}`);
  for (const [name, w] of Object.entries(peaks.windows)) {
    out.push(`**Window ${mdEscape(name)}:** ${w ? `${mdEscape(windowWhen(w, clock, formatDuration))}: ${peakFigures(w)}` : 'no data (it falls in the warm-up or outside the run)'}`);
  }
  return out;
}

/** The whole summary.md. */
export function summaryMarkdown(summary: Summary, gate: GateReport = {}, extra: MarkdownExtra = {}): string {
  const s = summary;
  const out: string[] = [];
  const thresholds = gate.thresholds;
  const compare = gate.compare;
  const failed = (thresholds?.failed ?? false) || (compare?.regressed ?? false);
  const bad = (thresholds?.problems.length ?? 0) + (compare?.problems.length ?? 0) > 0;
  const status = bad ? `${ICON.fail} bad gate input` : failed ? `${ICON.fail} failed` : thresholds?.warned ? `${ICON.warn} passed with warnings` : thresholds || compare ? `${ICON.pass} passed` : '';

  out.push(`## refresh-sim: ${mdEscape(s.scenario)}${status ? ` — ${status}` : ''}`, '');
  out.push(
    `Seed ${s.seed} · ${formatDuration(s.span.duration)} simulated after a ${formatDuration(s.span.warmup)} warm-up · ${s.requests.enqueued.total} requests enqueued, ${s.requests.completed} completed`,
    '',
  );
  // the verdicts first, one check mark per threshold as k6 prints them; the detailed table follows below
  const checks = verdictLines(gate);
  if (checks.length > 0) out.push(...checks, '');
  out.push(`**Where the wait comes from:** ${diagnose(s, { seconds: sec, fraction: (x) => pct(100 * x) }).sentences.map(mdSentence).join(' ')}`, '');
  const peaks = peakLines(s, extra);
  if (peaks.length > 0) out.push(peaks.join('  \n'), '');

  out.push(
    ...table(
      ['time', 'requests', 'p50', 'p95', 'p99', 'max'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      [distRow('wait (queue + deferred)', s.wait), distRow('total (wait + response)', s.total)],
    ),
    '',
  );

  const deferred = `${s.deferrals.count} on ${s.deferrals.requests} requests, ${sec(s.deferrals.seconds)} in all`;
  const emails = `${s.emails.pendingAtSend} of ${s.emails.sent} sent with a refresh pending (${pct(s.emails.pendingAtSendPct)})`;
  out.push(
    ...table(
      ['headline', 'value'],
      ['l', 'l'],
      [
        ['utilisation (mean)', pct(s.utilisation.mean * 100)],
        ['deferrals', deferred],
        ['stale e-mails', emails],
        ['failed requests', String(s.requests.failed)],
      ],
    ),
    '',
  );

  if (thresholds) {
    const n = thresholds.results.length;
    const nFail = thresholds.results.filter((r) => !r.pass && r.level === 'error').length;
    const nWarn = thresholds.results.filter((r) => !r.pass && r.level === 'warn').length;
    out.push(`### Thresholds: ${n - nFail - nWarn} of ${n} passed${nFail ? `, ${nFail} failed` : ''}${nWarn ? `, ${nWarn} warned` : ''}`, '');
    out.push(...problemLines(thresholds.problems));
    if (thresholds.problems.length) out.push('');
    if (n > 0) {
      out.push(
        ...table(
          ['', 'threshold', 'observed', 'level'],
          ['c', 'l', 'r', 'l'],
          thresholds.results.map((r) => [
            thresholdIcon(r),
            mdCode(formatThreshold({ ...r, level: 'error' })),
            formatMetric(r.observed, r.kind),
            r.level,
          ]),
        ),
        '',
      );
    }
  }

  if (compare) out.push(...compareSection(compare, 'Compared with the baseline'));
  return out.join('\n');
}

/** A comparison as Markdown: the heading with the count of regressions, then the rows that need a look. */
function compareSection(compare: NonNullable<GateReport['compare']>, heading: string): string[] {
  const out: string[] = [];
  const reg = compare.rows.filter((r) => r.verdict === 'regression').length;
  out.push(`### ${heading}: ${reg ? `${reg} regression${reg > 1 ? 's' : ''}` : 'no regression'}`, '');
  out.push(...problemLines(compare.problems));
  if (compare.problems.length) out.push('');
  // Rows that need a look first; the many rows within tolerance folded away, to keep a PR comment short.
  const notable = compare.rows.filter((r) => r.verdict !== 'ok' && r.verdict !== 'reported');
  const ok = compare.rows.filter((r) => r.verdict === 'ok' || r.verdict === 'reported');
  if (notable.length > 0) out.push(...compareTable(notable), '');
  if (ok.length > 0) {
    out.push(
      '<details>',
      `<summary>${ok.length} metric${ok.length > 1 ? 's' : ''} within tolerance</summary>`,
      '',
      ...compareTable(ok),
      '',
      '</details>',
      '',
    );
  }
  return out;
}

/**
 * summary.md of `gate`: the verdict over every shipped scenario first, then one section per scenario
 * (regressions shown, rows within tolerance folded), fit for $GITHUB_STEP_SUMMARY.
 */
export function gateMarkdown(results: readonly { scenario: string; compare: NonNullable<GateReport['compare']> }[]): string {
  const failed = results.filter((r) => r.compare.regressed).map((r) => r.scenario);
  const head = failed.length === 0
    ? `## refresh-sim gate — ${ICON.pass} ${results.length} scenario${results.length === 1 ? '' : 's'}, no regression`
    : `## refresh-sim gate — ${ICON.fail} regression in ${failed.map(mdCode).join(', ')}`;
  const out = [head, ''];
  for (const r of results) out.push(...compareSection(r.compare, mdCode(r.scenario)));
  return out.join('\n');
}

function compareTable(rows: readonly CompareRow[]): string[] {
  return table(
    ['', 'metric', 'baseline', 'current', 'change', 'tolerance', 'note'],
    ['c', 'l', 'r', 'r', 'r', 'l', 'l'],
    rows.map((r) => [
      verdictCell(r),
      mdCode(r.path),
      formatMetric(r.baseline, r.kind),
      formatMetric(r.current, r.kind),
      r.change === null
        ? '–'
        : `${r.change >= 0 ? '+' : '-'}${formatMetric(Math.abs(r.change), r.kind)}${r.changePct === null ? '' : ` (${r.changePct >= 0 ? '+' : ''}${r.changePct.toFixed(1)}%)`}`,
      r.toleranceText,
      mdEscape(r.note),
    ]),
  );
}

/** Writes `<outDir>/summary.md` atomically; returns the path written. */
export async function writeMarkdown(outDir: string, summary: Summary, gate: GateReport = {}, extra: MarkdownExtra = {}): Promise<string[]> {
  const path = join(outDir, 'summary.md');
  await writeFileAtomic(path, summaryMarkdown(summary, gate, extra));
  return [path];
}

/** A report `Writer` for the registry; pass the gate's outcome to include thresholds and the comparison. */
export function markdownWriter(gate: GateReport = {}): Writer {
  return (ctx) => writeMarkdown(ctx.outDir, ctx.result.summary, gate, { timeseries: ctx.result.timeseries, timeZone: ctx.timeZone });
}
