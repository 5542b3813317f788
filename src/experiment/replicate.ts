// Independent replications of a model: seeds per replication, the replications block of a summary
// (mean and Student-t interval of each headline metric), and the sequential precision rule.
//
// Seeds. Replication k runs with `deriveSeed(seed, k)`: k = 0 keeps the scenario seed itself, so one
// replication is exactly a plain run; k >= 1 get seeds hashed from (seed, k). Every configuration of a
// sweep uses the same seed for the same k, and since every random draw comes from a stream named after
// what it drives (src/engine/random.ts), configurations are compared with common random numbers.
//
// Body. A replicated summary is replication 0's full summary (every field, as a plain run writes it)
// plus `replications: { n, confidence, metrics }` over all n replications. With n = 1 there is no
// interval, and the summary is exactly the plain run's (no replications block).
//
// Precision (`--precision 5%`): replications are added until the relative half-width (halfWidth/|mean|)
// of every named metric is at most the target, and stays so for a look-ahead of further replications
// (sim-tools' ReplicationsAlgorithm, after Hoad, Robinson & Davies 2010: start at 3, look ahead
// floor(5% of max(n, 100)) = 5 replications), capped at `maxN`. Replications are run in batches of
// `jobs`, but the rule is checked one n at a time in replication order and runs beyond the stopping n are
// discarded, so the result never depends on `jobs`.
import seedrandom from 'seedrandom';
import { InputError } from '../input-error.js';
import { lookupPath, metricPaths, summaryPathProblem, unknownPathMessage, type GateSummary, type Replications, type RunResult, type Summary } from '../vocabulary/index.js';
export { HEADLINE_METRICS, metricPaths } from '../vocabulary/index.js';
import type { Model } from '../scenario/index.js';
import { createRunner, type SimRunner } from './pool.js';
import { runModel } from './run.js';
import { confidenceInterval, relativeHalfWidth } from './confidence.js';
import { MAX_RUNS, checkCount } from './guards.js';

export const DEFAULT_CONFIDENCE = 0.95;
const DEFAULT_MAX_REPLICATIONS = 50;
/** sim-tools' initial number of replications */
const PRECISION_MIN_N = 3;

/** Refuses a replication count above MAX_RUNS (unless allowLarge) or HARD_MAX_RUNS, before anything is built. */
export function checkReplicationCount(n: number, allowLarge = false, flag = '--replications'): void {
  if (!Number.isSafeInteger(n) || n < 1) throw new InputError(`${flag}: expected a whole number >= 1 (got ${n})`);
  checkCount(n, MAX_RUNS, 'runs', `${flag} ${n}`, allowLarge);
}

/** The seed of replication k: the scenario seed for k = 0, else a 31-bit integer hashed from (seed, k). */
export function deriveSeed(seed: number, k: number): number {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`replication index must be a whole number >= 0 (got ${k})`);
  if (k === 0) return seed;
  return Math.floor(seedrandom.alea(`${seed}/replication/${k}`)() * 2 ** 31);
}

/** The model of replication k (only the seed changes). */
export function replicationModel(model: Model, k: number): Model {
  const seed = deriveSeed(model.seed, k);
  return k === 0 ? model : { ...model, seed, params: { ...model.params, seed } };
}

/** The values of `paths` in a summary (null when missing or not a number). */
export function metricValues(summary: Summary, paths: readonly string[]): Record<string, number | null> {
  const out = Object.create(null) as Record<string, number | null>;
  for (const p of paths) {
    const v = lookupPath(summary, p);
    out[p] = v.found === 'number' && Number.isFinite(v.value) ? v.value : null;
  }
  return out;
}

/**
 * The replications block from per-replication values (in replication order). A metric missing in any
 * replication is left out. With n = 1 each metric has a zero half-width (no interval can be formed).
 */
export function aggregate(values: readonly Record<string, number | null>[], paths: readonly string[], confidence = DEFAULT_CONFIDENCE): Replications {
  const n = values.length;
  const metrics: Replications['metrics'] = {};
  for (const p of paths) {
    const xs: number[] = [];
    for (const v of values) {
      const x = v[p];
      if (x === null || x === undefined) break;
      xs.push(x);
    }
    if (xs.length !== n || n === 0) continue;
    metrics[p] = n >= 2 ? confidenceInterval(xs, confidence) : { mean: xs[0], halfWidth: 0, ci: [xs[0], xs[0]] };
  }
  return { n, confidence, metrics };
}

/** Throws InputError for a path that is not a number in the summary (with a "did you mean"). */
export function checkMetricPaths(summary: Summary, paths: readonly string[], what: string): void {
  for (const p of paths) {
    const v = lookupPath(summary, p);
    if (v.found === 'number' || v.found === 'null') continue;
    if (v.found === 'other') throw new InputError(`${what}: "${p}" in summary.json is ${v.type}, not a number`);
    throw new InputError(`${what}: ${unknownPathMessage(summary, p)}`);
  }
}

export interface Precision {
  /** target halfWidth / |mean|, e.g. 0.05 for `--precision 5%` */
  relHalfWidth: number;
  /** the metrics that must reach it (dotted summary paths); default wait.mean */
  metrics: string[];
  /** at most this many replications (default 50) */
  maxN: number;
  /** replications that must keep the precision after it is first reached; default sim-tools' 5 */
  lookAhead?: number;
}

export interface ReplicationOptions {
  /** fixed number of replications (default 1 without `precision`) */
  n?: number;
  /** add replications until this precision (instead of a fixed n) */
  precision?: Precision;
  /** parallel simulations (1 = in this thread); default one per CPU */
  jobs?: number;
  /** base seed (default the model's) */
  seed?: number;
  /** confidence level of the intervals (default 0.95) */
  confidence?: number;
  /** more metric paths for the replications block (beyond HEADLINE_METRICS) */
  metrics?: string[];
  /** after each finished run: runs done, and the total expected so far */
  onProgress?: (done: number, total: number) => void;
  /** a runner to reuse (not closed here); default one made for `jobs` and closed at the end */
  runner?: SimRunner;
  /** allow more than MAX_RUNS replications (--allow-large) */
  allowLarge?: boolean;
}

export interface ReplicatedRun {
  /** replication 0's summary with the replications block (none when n = 1) */
  summary: GateSummary;
  /** replication 0's full result (time series included), for the report writers */
  first: RunResult;
  n: number;
  /** precision mode: whether the target was reached within maxN */
  precisionReached?: boolean;
  /** precision mode: the largest relative half-width of the target metrics at the end */
  relHalfWidth?: number;
}

/** Runs replications of a model (see the top of this file). Deterministic whatever `jobs` is. */
export async function runReplications(model: Model, opts: ReplicationOptions = {}): Promise<ReplicatedRun> {
  const base = opts.seed === undefined ? model : { ...model, seed: opts.seed, params: { ...model.params, seed: opts.seed } };
  const confidence = opts.confidence ?? DEFAULT_CONFIDENCE;
  const precision = opts.precision;
  if (precision) checkPrecision(precision);
  const fixedN = opts.n ?? 1;
  if (!precision) checkReplicationCount(fixedN, opts.allowLarge);
  else checkReplicationCount(precision.maxN, opts.allowLarge, 'the replication cap of --precision');
  const paths = metricPaths([...(opts.metrics ?? []), ...(precision?.metrics ?? [])]);

  // replication 0 runs in this thread: the pool needs at most one thread per other replication
  const runner = opts.runner ?? createRunner(opts.jobs, Math.max(1, (precision ? precision.maxN : fixedN) - 1));
  let done = 0;
  let total = precision ? Math.max(PRECISION_MIN_N, 1) : fixedN;
  const tick = () => opts.onProgress?.(++done, total);
  try {
    // replication 0 in this thread (its time series is wanted), the others on the runner alongside
    const firstP = runModel(base, { chunks: 20 }).then((t) => (tick(), t.result));
    const values: Record<string, number | null>[] = [];
    const runBatch = async (from: number, to: number) => {
      const models = [];
      for (let k = Math.max(from, 1); k < to; k++) models.push(replicationModel(base, k));
      return runner.run(models, tick);
    };

    if (!precision) {
      const [first, rest] = await Promise.all([firstP, runBatch(1, fixedN)]);
      for (const s of [first.summary, ...rest]) values.push(metricValues(s, paths));
      return finish(first, values, paths, confidence);
    }

    const lookAhead = precision.lookAhead ?? 5;
    const batch = Math.max(1, runner.jobs);
    let first: RunResult | null = null;
    let firstOk: number | null = null;
    let worst = Infinity;
    let stopAt: number | null = null;
    let checked = 1;
    while (stopAt === null) {
      const have = values.length;
      const to = Math.min(precision.maxN, Math.max(have + batch, PRECISION_MIN_N));
      total = Math.max(total, to);
      const [f, rest]: [RunResult, Summary[]] = await Promise.all([first ?? firstP, runBatch(have, to)]);
      if (first === null) {
        first = f;
        checkMetricPaths(f.summary, precision.metrics, '--precision');
        values.push(metricValues(f.summary, paths));
      }
      for (const s of rest) values.push(metricValues(s, paths));
      // check the rule at each n in order: the stopping n is the same whatever the batch size
      for (let n = checked + 1; n <= values.length && stopAt === null; n++) {
        checked = n;
        if (n >= PRECISION_MIN_N) {
          worst = worstRelHalfWidth(values.slice(0, n), precision.metrics, confidence);
          if (worst <= precision.relHalfWidth) {
            firstOk ??= n;
            if (n - firstOk >= lookAhead) stopAt = n;
          } else firstOk = null;
        }
        if (stopAt === null && n >= precision.maxN) stopAt = n;
      }
    }
    const kept = values.slice(0, stopAt);
    const out = finish(first!, kept, paths, confidence);
    const reached = firstOk !== null && stopAt - firstOk >= lookAhead;
    return { ...out, precisionReached: reached, relHalfWidth: worst };
  } finally {
    if (!opts.runner) await runner.close();
  }
}

function finish(first: RunResult, values: Record<string, number | null>[], paths: string[], confidence: number): ReplicatedRun {
  const n = values.length;
  const summary: GateSummary = n >= 2 ? { ...first.summary, replications: aggregate(values, paths, confidence) } : first.summary;
  return { summary, first, n };
}

function worstRelHalfWidth(values: Record<string, number | null>[], metrics: string[], confidence: number): number {
  let worst = 0;
  const agg = aggregate(values, metrics, confidence);
  for (const m of metrics) {
    const r = agg.metrics[m];
    worst = Math.max(worst, r ? relativeHalfWidth(r) : Infinity);
  }
  return worst;
}

function checkPrecision(p: Precision): void {
  if (!(p.relHalfWidth > 0 && p.relHalfWidth < 1)) throw new InputError(`--precision must be a relative half-width between 0 and 100% such as 5% (got ${p.relHalfWidth})`);
  if (p.metrics.length === 0) throw new InputError('--precision needs at least one metric');
  if (p.metrics.length > MAX_PRECISION_METRICS) throw new InputError(`--precision-metric: ${p.metrics.length} metrics, at most ${MAX_PRECISION_METRICS}`);
  if (p.lookAhead !== undefined && (!Number.isSafeInteger(p.lookAhead) || p.lookAhead < 0)) throw new InputError(`the precision look-ahead must be a whole number >= 0 (got ${p.lookAhead})`);
  if (!Number.isInteger(p.maxN) || p.maxN < 2) throw new InputError(`the replication cap must be a whole number >= 2 (got ${p.maxN})`);
}

/** `5%` -> 0.05, `0.05` -> 0.05: the `--precision` value. */
export function parsePrecision(text: string, metrics: string[] = ['wait.mean'], maxN = DEFAULT_MAX_REPLICATIONS): Precision {
  if (Array.isArray(text)) throw new InputError('--precision: given more than once (give it once)');
  const t = String(text).trim();
  const m = /^(\d{1,20}(?:\.\d{1,20})?|\.\d{1,20})\s*(%?)$/.exec(t);
  const value = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  const shown = t.length > 40 ? `${t.slice(0, 39)}…` : t;
  if (!(value > 0 && value < 1)) throw new InputError(`--precision: expected a relative half-width above 0 and below 100%, such as "5%" or "0.05" (got "${shown}")`);
  const list = (Array.isArray(metrics) ? metrics : [metrics]).map(String);
  const empty = list.findIndex((x) => x.trim() === '');
  if (empty >= 0) throw new InputError(`--precision-metric[${empty}]: an empty path`);
  if (list.length > MAX_PRECISION_METRICS) throw new InputError(`--precision-metric: ${list.length} metrics, at most ${MAX_PRECISION_METRICS}`);
  const problems = list.flatMap((m, i) => {
    const bad = summaryPathProblem(m);
    return bad === null ? [] : [`--precision-metric[${i}]: ${bad}`];
  });
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return { relHalfWidth: value, metrics: list.length > 0 ? list : ['wait.mean'], maxN };
}

/** At most this many --precision-metric paths (each is checked at every n). */
const MAX_PRECISION_METRICS = 100;
