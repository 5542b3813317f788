// Capacity planning: the smallest value of one parameter (workers, say) for which every SLO holds.
//
// An SLO holds at a value when the pessimistic end of its confidence interval over the replications
// meets it: the upper end for `<` and `<=` (a wait that must stay low), the lower end for `>` and `>=`.
// With one replication the value itself is used.
//
// Search. The SLOs are assumed monotone in the parameter: if they hold at a value, they hold at every
// larger one (more workers never make waits longer; under common random numbers this is also what the
// simulation shows). So not every value is run: an exponential probe over the sorted candidates
// (indices 0, 1, 3, 7, 15, ..., and the last) finds a passing value, then a binary search between the
// last failing and the first passing probe finds the smallest. That is O(log m) evaluations of m
// candidates, each with n replications on the same seeds.
import { InputError } from '../input-error.js';
import { shownInterval, formatMetric, limitUnitProblem, metricKind, percentLimit, parseThresholdExpression, schemaMetricKind, summaryPathProblem, type MetricKind, type Threshold, type Summary } from '../vocabulary/index.js';
import { modelWithOverrides, type Override, type RawScenario } from '../scenario/index.js';
import { createRunner, type SimRunner } from './pool.js';
import { MAX_RUNS, checkCount } from './guards.js';
import { DEFAULT_CONFIDENCE, aggregate, checkMetricPaths, metricValues, replicationModel } from './replicate.js';
import type { SweepParameter } from './sweep.js';
import { range } from './sweep.js';

export const DEFAULT_PLAN_REPLICATIONS = 5;

/** Reads `--slo` values with the gate's threshold syntax (`wait.p95 <= 5m`); `==` and `!=` are refused. */
export function parseSlos(input: readonly string[] | string): Threshold[] {
  const texts = (Array.isArray(input) ? input : [input]).map(String);
  if (texts.length > 100) throw new InputError(`--slo: ${texts.length} SLOs, at most 100`);
  if (texts.length === 0) throw new InputError('plan: give at least one --slo, e.g. --slo "wait.p95 <= 5m"');
  return texts.map((text, i) => {
    const t = parseThresholdExpression(text);
    if ('error' in t) throw new InputError(`--slo[${i}]: ${t.error}`);
    if (t.op === '==' || t.op === '!=') throw new InputError(`--slo[${i}] "${text}": an SLO must be one of < <= > >= (got ${t.op})`);
    const bad = summaryPathProblem(t.path);
    if (bad !== null) throw new InputError(`--slo[${i}]: ${bad}`);
    // units that cannot fit the metric, from the schema: refused before any run, as after one (checkSlos)
    const kind = schemaMetricKind(t.path);
    const unitProblem = limitUnitProblem(t, kind, t.path);
    if (unitProblem !== null) throw new InputError(`--slo[${i}] "${text}": ${unitProblem}`);
    return { ...t, source: ['--slo', i] };
  });
}

export interface SloCheck {
  path: string;
  op: Threshold['op'];
  limitText: string;
  /** the number compared with (seconds for durations) */
  limit: number;
  kind: MetricKind;
  /** mean over replications (null: no data in some replication) */
  mean: number | null;
  ci: [number, number] | null;
  /** the end of the interval that was compared */
  bound: number | null;
  pass: boolean;
}

export interface PlanRow {
  value: number;
  checks: SloCheck[];
  pass: boolean;
}

export interface PlanResult {
  parameter: string;
  /** the candidate values, ascending */
  candidates: number[];
  replications: number;
  confidence: number;
  /** the values that were run, ascending */
  rows: PlanRow[];
  found: boolean;
  /** the smallest candidate meeting every SLO (null when even the largest does not) */
  answer: number | null;
}

export interface PlanOptions {
  /** the parameter to vary and its candidates (numbers; sorted here) */
  vary: SweepParameter;
  slos: readonly Threshold[];
  /** replications per value (default 5) */
  replications?: number;
  /** fixed overrides applied to every run */
  base?: Override[];
  confidence?: number;
  jobs?: number;
  runner?: SimRunner;
  /** after each evaluated value: values done so far, and the most the search can need */
  onProgress?: (done: number, total: number) => void;
  /** allow more than MAX_RUNS runs (--allow-large) */
  allowLarge?: boolean;
}

export async function runPlan(raw: RawScenario, opts: PlanOptions): Promise<PlanResult> {
  const n = opts.replications ?? DEFAULT_PLAN_REPLICATIONS;
  if (!Number.isSafeInteger(n) || n < 1) throw new InputError(`--replications: expected a whole number >= 1 (got ${n})`);
  if (opts.vary.values.length === 0) throw new InputError(`--vary ${opts.vary.path}: no values`);
  const bad = opts.vary.values.find((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad !== undefined) throw new InputError(`--vary ${opts.vary.path}: the values must be numbers (got "${bad}")`);
  const candidates = [...new Set(opts.vary.values as number[])].sort((a, b) => a - b);
  // the most the search can run, from the figures, before anything runs
  const maxEvaluations = Math.min(candidates.length, 2 * Math.ceil(Math.log2(candidates.length + 1)) + 1);
  checkCount(maxEvaluations * n, MAX_RUNS, 'runs', `plan: up to ${maxEvaluations} values x ${n} replications`, opts.allowLarge);
  const confidence = opts.confidence ?? DEFAULT_CONFIDENCE;
  const base = opts.base ?? [];
  const paths = [...new Set(opts.slos.map((s) => s.path))];
  // the smallest and the largest candidate are validated before anything runs (a bad path, a value
  // out of range or a model over the resource budget fails fast, not half-way through the search)
  const allowLarge = opts.allowLarge;
  for (const value of new Set([candidates[0], candidates[candidates.length - 1]])) modelWithOverrides(raw, [...base, { path: opts.vary.path, value }], { allowLarge });

  const runner = opts.runner ?? createRunner(opts.jobs, n);
  const rows = new Map<number, PlanRow>();
  let checkedPaths = false;
  const evaluate = async (i: number): Promise<boolean> => {
    const value = candidates[i];
    const cached = rows.get(value);
    if (cached) return cached.pass;
    const model = modelWithOverrides(raw, [...base, { path: opts.vary.path, value }], { allowLarge });
    const summaries = await runner.run(range(n).map((k) => replicationModel(model, k)));
    if (!checkedPaths) {
      checkSlos(summaries[0], opts.slos);
      checkedPaths = true;
    }
    const agg = aggregate(summaries.map((s) => metricValues(s, paths)), paths, confidence);
    const checks = opts.slos.map((t) => check(t, summaries[0], agg.metrics[t.path] ?? null, n));
    const row = { value, checks, pass: checks.every((c) => c.pass) };
    rows.set(value, row);
    opts.onProgress?.(rows.size, Math.max(rows.size, maxEvaluations));
    return row.pass;
  };

  try {
    let lo = -1; // largest index known to fail
    let hi = -1; // smallest index known to pass
    for (let i = 0; ; i = Math.min(candidates.length - 1, 2 * i + 1)) {
      if (await evaluate(i)) {
        hi = i;
        break;
      }
      lo = i;
      if (i === candidates.length - 1) break;
    }
    while (hi !== -1 && hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await evaluate(mid)) hi = mid;
      else lo = mid;
    }
    return {
      parameter: opts.vary.path,
      candidates,
      replications: n,
      confidence,
      rows: [...rows.values()].sort((a, b) => a.value - b.value),
      found: hi !== -1,
      answer: hi === -1 ? null : candidates[hi],
    };
  } finally {
    if (!opts.runner) await runner.close();
  }
}

/** Unknown paths and units that do not fit the metric are bad input (exit 2), as in the gate. */
function checkSlos(summary: Summary, slos: readonly Threshold[]): void {
  checkMetricPaths(summary, slos.map((s) => s.path), '--slo');
  for (const t of slos) {
    const unitProblem = limitUnitProblem(t, metricKind(summary, t.path), t.path);
    if (unitProblem !== null) throw new InputError(`--slo "${t.path} ${t.op} ${t.limitText}": ${unitProblem}`);
  }
}

function check(t: Threshold, summary: Summary, m: { mean: number; ci: [number, number] } | null, n: number): SloCheck {
  const limit = t.unit === 'percent' ? percentLimit(t.path, t.value) : t.value;
  const kind = metricKind(summary, t.path);
  const base = { path: t.path, op: t.op, limitText: t.limitText, limit, kind };
  if (!m) return { ...base, mean: null, ci: null, bound: null, pass: false };
  const upper = t.op === '<' || t.op === '<=';
  const bound = n >= 2 ? (upper ? m.ci[1] : m.ci[0]) : m.mean;
  const pass = t.op === '<' ? bound < limit : t.op === '<=' ? bound <= limit : t.op === '>' ? bound > limit : bound >= limit;
  return { ...base, mean: m.mean, ci: n >= 2 ? m.ci : null, bound, pass };
}

/** The decision table: one line per value run, each SLO's mean and interval, and the verdict. */
export function formatPlanTable(r: PlanResult): string {
  const head = [r.parameter, ...r.rows[0]?.checks.map((c) => `${c.path} ${c.op} ${c.limitText}`) ?? [], 'verdict'];
  const body = r.rows.map((row) => [
    String(row.value),
    ...row.checks.map((c) => {
      if (c.mean === null) return 'no data  FAIL';
      const ci = c.ci ? ` [${formatMetric(shownInterval(c.ci)[0], c.kind)}, ${formatMetric(c.ci[1], c.kind)}]` : '';
      return `${formatMetric(c.mean, c.kind)}${ci} ${c.pass ? 'ok' : 'FAIL'}`;
    }),
    row.pass ? 'meets all' : 'fails',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  const what = r.replications >= 2 ? `upper end of the ${Math.round(r.confidence * 100)}% CI for < and <=, lower end for > and >=, ${r.replications} replications per value` : '1 replication per value, no interval';
  out.push('');
  out.push(r.found
    ? `smallest ${r.parameter} meeting every SLO: ${r.answer} (${what}; ${r.rows.length} of ${r.candidates.length} candidates run, assuming the SLOs improve as ${r.parameter} grows)`
    : `no ${r.parameter} up to ${r.candidates[r.candidates.length - 1]} meets every SLO (${what})`);
  return out.join('\n') + '\n';
}
