// Compare a run's summary with a baseline summary and flag latency regressions beyond a tolerance.
//
// Defaults. Unless `defaults: false`, every `mean`, `p50`, `p90`, `p95` and `p99` of `wait`, `queue`,
// `deferred` and `total` (DEFAULT_COMPARE_PATHS, 20 metrics) is compared for increases with
// DEFAULT_TOLERANCE; `wait` and `total` are judged, while the parts of the wait (`queue`, `deferred`)
// are only reported (verdict `reported`) unless a tolerance names them. Tolerance: a metric may rise by the LARGER of 10% of the baseline and 1 s, so tiny waits
// (0.2 s -> 0.5 s) do not flap while a 5 min p95 may grow by 30 s. `max` is left out: one request
// decides it. `response` is left out: it is drawn from the scenario's latency distributions, not
// made by the queue.
//
// Tolerances (`--max-increase` / `--max-decrease PATH=TOL`): TOL is `10%` (of |baseline|), an absolute
// amount in the metric's unit (`30s`, `2m`, or a plain number such as `0.05` or `3`), or both separated
// by a comma (`10%,30s`: whichever allows more). A path given by the user replaces the default
// tolerance for that path; `--max-decrease` is for metrics where lower is worse (`embeds.cacheHits`);
// a path in both is checked both ways.
//
// Verdicts. With `allowed` the tolerance on the worse side: `regression` when the change is worse
// than allowed, `improvement` when it is better by more than the same tolerance, `ok` otherwise.
// A metric that either side cannot give (null: no data, e.g. a percentile of no requests; absent;
// not a finite number) is also a `regression`, noted `cannot be judged`: a gate must never pass a run
// it cannot judge (a run in which no request started has no wait.p95 and would otherwise pass).
// A path the user names that no summary.json can hold is bad input (a problem), not a verdict.
//
// Replications. When both summaries carry `replications.metrics[path]`, the replication means are
// compared instead of the single values, and a change only counts (as a regression or an improvement)
// when it exceeds the tolerance AND the two confidence intervals do not overlap. Non-overlap is a
// conservative test: the gate would rather miss a small real shift than fail a build on noise.
// With replications on one side only, the single values are compared, as without replications.
import type { CompareOptions, CompareResult, CompareRow, Direction, Tolerance } from './types.js';
import { type GateSummary, type Problem, type ReplicationMetric, formatMetric, isEmptyDistStat, lookupPath, metricKind, summaryPathKind, unknownPathMessage, type Lookup, formatNumber, parseQuantity } from '../vocabulary/index.js';

export const DEFAULT_TOLERANCE: Readonly<Tolerance> = Object.freeze({ pct: 10, abs: 1 });

export const DEFAULT_COMPARE_PATHS: readonly string[] = (['wait', 'queue', 'deferred', 'total'] as const).flatMap(
  (d) => (['mean', 'p50', 'p90', 'p95', 'p99'] as const).map((leaf) => `${d}.${leaf}`),
);

/**
 * The parts of the wait (queue and deferred) are shown by default but judged only when named: a rise in
 * one part while the wait itself fell (work moving from deferral to the queue) is not a regression.
 */
const COMPONENT = /^(queue|deferred)\./;

// ---------------------------------------------------------------------------------------------
// Tolerances from the command line

/** Reads `10%`, `30s`, `0.05`, `10%,30s`. */
export function parseTolerance(text: string): Tolerance | { error: string } {
  const parts = text.split(',').map((p) => p.trim());
  let pct: number | null = null;
  let abs: number | null = null;
  let absIsDuration = false;
  for (const part of parts) {
    const q = parseQuantity(part);
    if ('error' in q) return { error: q.error };
    if (q.value < 0) return { error: `"${part}": a tolerance cannot be negative` };
    if (q.unit === 'percent') {
      if (pct !== null) return { error: `"${text}" gives two percentages` };
      pct = q.value;
    } else {
      if (abs !== null) return { error: `"${text}" gives two absolute amounts` };
      abs = q.value;
      absIsDuration = q.unit === 'duration';
    }
  }
  return { pct: pct ?? 0, abs: abs ?? 0, ...(absIsDuration ? { absIsDuration } : {}) };
}

/** Reads `--max-increase` (or `--max-decrease`) values `PATH=TOL`; problems are at `[flag, i]`. */
export function parseToleranceArgs(
  args: readonly string[],
  flag = '--max-increase',
): { tolerances: Record<string, Tolerance>; problems: Problem[] } {
  // no prototype: a path such as `__proto__` or `constructor` is just a key
  const tolerances: Record<string, Tolerance> = Object.create(null) as Record<string, Tolerance>;
  const problems: Problem[] = [];
  args.forEach((arg, i) => {
    const eq = arg.indexOf('=');
    const path = eq < 0 ? '' : arg.slice(0, eq).trim();
    if (eq < 0 || path === '' || /\s/.test(path)) {
      problems.push({ path: [flag, i], message: `"${arg}" is not PATH=TOLERANCE, e.g. "wait.p95=10%" or "wait.p95=30s"` });
      return;
    }
    if (Object.hasOwn(tolerances, path)) {
      problems.push({ path: [flag, i], message: `${path}: a tolerance for this path is already given` });
      return;
    }
    const t = parseTolerance(arg.slice(eq + 1));
    if ('error' in t) {
      problems.push({ path: [flag, i], message: `${path}: ${t.error}` });
      return;
    }
    tolerances[path] = t;
  });
  return { tolerances, problems };
}

/** `+10% / 1s`, `-5%`, `+0.05` */
export function formatTolerance(t: Tolerance, sign: '+' | '-' | '±', kind: CompareRow['kind']): string {
  const parts: string[] = [];
  if (t.pct > 0) parts.push(`${sign}${formatNumber(t.pct)}%`);
  if (t.abs > 0 || parts.length === 0) parts.push(`${parts.length === 0 ? sign : ''}${formatMetric(t.abs, kind)}`);
  return parts.join(' / ');
}

// ---------------------------------------------------------------------------------------------
// Comparison

export function compareSummaries(
  baseline: GateSummary,
  current: GateSummary,
  opts: CompareOptions = {},
): CompareResult {
  const maxIncrease = opts.maxIncrease ?? {};
  const maxDecrease = opts.maxDecrease ?? {};
  const defaultTolerance = opts.defaultTolerance ?? DEFAULT_TOLERANCE;
  const problems: Problem[] = [];

  const paths: string[] = [];
  if (opts.defaults ?? true) paths.push(...DEFAULT_COMPARE_PATHS);
  for (const p of [...Object.keys(maxIncrease), ...Object.keys(maxDecrease)]) if (!paths.includes(p)) paths.push(p);

  const rows: CompareRow[] = [];
  for (const path of paths) {
    const bLook = lookupPath(baseline, path);
    const cLook = lookupPath(current, path);
    const direction: Direction =
      Object.hasOwn(maxDecrease, path) ? (Object.hasOwn(maxIncrease, path) ? 'both' : 'decrease') : 'increase';
    const incTol = (Object.hasOwn(maxIncrease, path) ? maxIncrease[path] : undefined) ?? defaultTolerance;
    const decTol = (Object.hasOwn(maxDecrease, path) ? maxDecrease[path] : undefined) ?? defaultTolerance;
    if (Object.hasOwn(maxIncrease, path) || Object.hasOwn(maxDecrease, path)) {
      // a path the user named must make sense; a default path missing from an old baseline is just `missing`
      const flag = Object.hasOwn(maxIncrease, path) ? '--max-increase' : '--max-decrease';
      const problem = userPathProblem(baseline, current, path, bLook, cLook, incTol, decTol, direction);
      if (problem !== null) {
        problems.push({ path: [flag, path], message: problem });
        continue;
      }
    }
    const row = compareOne(baseline, current, path, direction, incTol, decTol);
    const named = Object.hasOwn(maxIncrease, path) || Object.hasOwn(maxDecrease, path);
    rows.push(COMPONENT.test(path) && !named ? asReported(row) : row);
  }
  return { rows, regressed: rows.some((r) => r.verdict === 'regression'), problems };
}

function userPathProblem(
  baseline: GateSummary,
  current: GateSummary,
  path: string,
  bLook: Lookup,
  cLook: Lookup,
  incTol: Tolerance,
  decTol: Tolerance,
  direction: Direction,
): string | null {
  const known = (l: Lookup, s: GateSummary) => l.found !== 'none' || repOf(s, path) !== undefined;
  // a path summary.json can hold but neither run wrote (no manual refresh, say) is a metric without data: it fails, later
  const shape = summaryPathKind(path);
  if (!known(bLook, baseline) && !known(cLook, current) && shape !== 'number') {
    return shape === 'other' ? `"${path}" in summary.json is not a number` : unknownPathMessage(current, path, 'either summary');
  }
  const other = [bLook, cLook].find((l) => l.found === 'other');
  if (other?.found === 'other') return `"${path}" in summary.json is ${other.type}, not a number`;
  const durationTol = (direction !== 'decrease' && incTol.absIsDuration) || (direction !== 'increase' && decTol.absIsDuration);
  const kindFrom = cLook.found !== 'none' ? current : bLook.found !== 'none' ? baseline : null;
  if (durationTol && kindFrom !== null && metricKind(kindFrom, path) !== 'seconds') {
    return `a duration tolerance is given for "${path}", which is not a time`;
  }
  return null;
}

function repOf(s: GateSummary, path: string): ReplicationMetric | undefined {
  const metrics = s.replications?.metrics;
  return metrics && Object.hasOwn(metrics, path) ? metrics[path] : undefined;
}

function numberOf(s: GateSummary, path: string): { value: number | null; why: string } {
  const found = lookupPath(s, path);
  switch (found.found) {
    case 'number':
      if (isEmptyDistStat(s, path)) return { value: null, why: 'has no data (a distribution of 0 values)' };
      return Number.isFinite(found.value) ? { value: found.value, why: '' } : { value: null, why: `is ${found.value}, not a finite number` };
    case 'null':
      return { value: null, why: 'has no data (null: nothing was measured)' };
    case 'other':
      return { value: null, why: `is ${found.type}` };
    case 'none':
      return { value: null, why: 'lacks it (no data)' };
  }
}

function compareOne(
  baseline: GateSummary,
  current: GateSummary,
  path: string,
  direction: Direction,
  incTol: Tolerance,
  decTol: Tolerance,
): CompareRow {
  const kindFrom = lookupPath(current, path).found !== 'none' ? current : baseline;
  const kind = metricKind(kindFrom, path);
  const tolerance = direction === 'decrease' ? decTol : incTol;
  const toleranceText =
    direction === 'both'
      ? `${formatTolerance(incTol, '+', kind)}, ${formatTolerance(decTol, '-', kind)}`
      : formatTolerance(tolerance, direction === 'increase' ? '+' : '-', kind);

  const bRep = repOf(baseline, path);
  const cRep = repOf(current, path);
  const withCi = bRep !== undefined && cRep !== undefined;
  const repValue = (m: ReplicationMetric) => (Number.isFinite(m.mean) ? { value: m.mean, why: '' } : { value: null, why: `has a mean of ${m.mean}` });
  const b = withCi ? repValue(bRep) : numberOf(baseline, path);
  const c = withCi ? repValue(cRep) : numberOf(current, path);
  const base = { path, direction, tolerance, toleranceText, kind };

  if (b.value === null || c.value === null) {
    const why = [b.value === null ? `baseline ${b.why}` : '', c.value === null ? `current ${c.why}` : '']
      .filter(Boolean)
      .join(', ');
    return {
      ...base,
      baseline: b.value,
      current: c.value,
      change: null,
      changePct: null,
      allowed: null,
      // not `missing`: every report counts a regression as a failure, and a run that cannot be judged must fail
      verdict: 'regression',
      note: `${why}: cannot be judged`,
    };
  }

  const change = c.value - b.value;
  const changePct = b.value !== 0 ? (100 * change) / Math.abs(b.value) : null;
  const allowedInc = allowed(incTol, b.value);
  const allowedDec = allowed(decTol, b.value);
  const watchUp = direction !== 'decrease';
  const watchDown = direction !== 'increase';
  const worseUp = watchUp && change > allowedInc;
  const worseDown = watchDown && -change > allowedDec;
  // better by more than the tolerance on the side that would be worse
  const better = direction === 'increase' ? -change > allowedInc : direction === 'decrease' ? change > allowedDec : false;

  let ci: CompareRow['ci'];
  let significant = true;
  if (withCi) {
    const overlap = cRep.ci[0] <= bRep.ci[1] && bRep.ci[0] <= cRep.ci[1];
    ci = { baseline: bRep.ci, current: cRep.ci, overlap };
    significant = !overlap;
  }

  const allowedWorse = direction === 'decrease' ? allowedDec : worseDown ? allowedDec : allowedInc;
  const shownChange = `${change >= 0 ? '+' : '-'}${formatMetric(Math.abs(change), kind)}`;
  const shownAllowed = `${worseDown || direction === 'decrease' ? '-' : '+'}${formatMetric(allowedWorse, kind)}`;
  let verdict: CompareRow['verdict'];
  let note: string;
  if (worseUp || worseDown) {
    verdict = significant ? 'regression' : 'ok';
    note = significant
      ? `${shownChange} beyond allowed ${shownAllowed}${withCi ? ', confidence intervals apart' : ''}`
      : `${shownChange} beyond allowed ${shownAllowed}, but within the confidence intervals`;
  } else if (better) {
    verdict = significant ? 'improvement' : 'ok';
    note = significant
      ? `${shownChange}, better by more than ${formatMetric(direction === 'increase' ? allowedInc : allowedDec, kind)}`
      : `${shownChange}, within the confidence intervals`;
  } else {
    verdict = 'ok';
    note = `${shownChange} within allowed ${shownAllowed}`;
  }
  return {
    ...base,
    baseline: b.value,
    current: c.value,
    change,
    changePct,
    allowed: allowedWorse,
    verdict,
    ...(ci ? { ci } : {}),
    note,
  };
}

/** A default component row: its numbers kept, its verdict only information. */
function asReported(row: CompareRow): CompareRow {
  const part = row.path.startsWith('queue.') ? 'the queue' : 'deferral';
  return { ...row, verdict: 'reported', note: `${row.note}; a part of the wait (${part}), judged only when named with --max-increase` };
}

/** The larger of pct % of |baseline| and abs. */
function allowed(t: Tolerance, baseline: number): number {
  return Math.max((t.pct / 100) * Math.abs(baseline), t.abs);
}

// ---------------------------------------------------------------------------------------------
// Console table

const HEADERS = ['metric', 'baseline', 'current', 'change', 'change %', 'tolerance', 'verdict', 'note'] as const;
/** numeric columns are right-aligned */
const RIGHT = new Set<string>(['baseline', 'current', 'change', 'change %']);

/** An aligned plain-text table for the console, one line per row, regressions marked `REGRESSION`. */
export function formatCompareTable(rows: readonly CompareRow[]): string {
  const cells = rows.map((r) => [
    r.path,
    formatMetric(r.baseline, r.kind),
    formatMetric(r.current, r.kind),
    r.change === null ? '' : `${r.change >= 0 ? '+' : '-'}${formatMetric(Math.abs(r.change), r.kind)}`,
    r.changePct === null ? '' : `${r.changePct >= 0 ? '+' : ''}${r.changePct.toFixed(1)}%`,
    r.toleranceText,
    r.verdict === 'regression' ? 'REGRESSION' : r.verdict,
    r.note,
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]): string =>
    c
      .map((v, i) => (RIGHT.has(HEADERS[i]) ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
