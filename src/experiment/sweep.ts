// Parameter sweeps: a grid of `--set` values over one scenario, each configuration with n replications.
//
// The grid is the cartesian product of the parameters, the first varying slowest. Work is cut into
// (configuration, replication) pairs, numbered p = configuration * n + k; replication k uses the same
// seed in every configuration (common random numbers, see ./replicate.ts). Results are put back in pair
// order, so the output is the same whatever the number of jobs or shards (./shard.ts).
import { createHash } from 'node:crypto';
import { InputError } from '../input-error.js';
import type { SweepDesign, SweepParameter, SweepResult, SweepValue } from '../vocabulary/index.js';
import type { Model } from '../scenario/index.js';
import { modelWithOverrides, parseOverrideValue, type Override, type RawScenario } from '../scenario/index.js';
import { POLICY_METRICS } from '../stats/index.js';
import { createRunner, type SimRunner } from './pool.js';
import { HARD_MAX_RUNS, MAX_CONFIGURATIONS, MAX_RUNS, checkCount } from './guards.js';
import { DEFAULT_CONFIDENCE, aggregate, checkMetricPaths, deriveSeed, metricPaths, metricValues, replicationModel } from './replicate.js';

export type { SweepParameter, SweepResult, SweepValue };

export { MAX_CONFIGURATIONS } from './guards.js';

/**
 * Reads `path=values`: a range `a..b` (step 1) or `a..b:step`, a list `1,1.5,2` (items may be durations
 * or rates: `duration=1h,2h`), or one value.
 */
export function parseSweepSpec(text: string, option = '--set', opts: { allowLarge?: boolean } = {}): SweepParameter {
  const eq = text.indexOf('=');
  if (eq <= 0 || text.slice(0, eq).trim() === '') throw new InputError(`${option} "${clip(text)}": expected path=values, e.g. "workers=2..16", "workers=2..16:2" or "connectors.ga.latencyScale=1,1.5,2"`);
  const path = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  const where = `${option} "${clip(text)}"`;
  // one way to read each number (no `[\d.]+` that could also eat the `..`): linear time on any input
  const range = spec.includes('..') ? RANGE_RE.exec(spec) : null;
  if (range) {
    const [a, b, step] = [Number(range[1]), Number(range[2]), range[3] === undefined ? 1 : Number(range[3])];
    if (![a, b, step].every(Number.isFinite)) throw new InputError(`${where}: the range ${clip(spec)} is not made of finite numbers`);
    if (!(step > 0)) throw new InputError(`${where}: the step must be positive (got ${range[3]})`);
    if (b < a) throw new InputError(`${where}: the range ends (${b}) before it starts (${a})`);
    // the count from the figures, before any value is made: 1..1e12 is refused, not built
    const count = Math.floor((b - a) / step + 1e-9) + 1;
    checkCount(count, MAX_CONFIGURATIONS, 'values', `${where}: ${range[1]} to ${range[2]} in steps of ${step}`, opts.allowLarge);
    // a + i*step, rounded to 12 significant digits: no drift from repeated addition (0.1 + 0.2)
    const values = Array.from({ length: count }, (_, i) => Number((a + i * step).toPrecision(12)));
    if (new Set(values).size !== values.length) throw new InputError(`${where}: the step ${step} is too small for numbers of this size (values repeat)`);
    return { path, values };
  }
  const items = spec.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new InputError(`${where}: expected a value, a list "1,1.5,2" or a range "2..16" after "="`);
  checkCount(items.length, MAX_CONFIGURATIONS, 'values', `${where}: a list of ${items.length}`, opts.allowLarge);
  const values = items.map(parseOverrideValue);
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(String(v))) throw new InputError(`${where}: ${clip(String(v))} is listed twice`);
    seen.add(String(v));
  }
  return { path, values };
}

const NUM = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?`;
const RANGE_RE = new RegExp(String.raw`^(${NUM})\s*\.\.\s*(${NUM})(?:\s*:\s*(${NUM}))?$`, 'i');

function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** How many configurations the parameters make (checked before the grid is built). */
export function gridSize(parameters: readonly SweepParameter[]): number {
  // a float product: at worst Infinity, which every cap refuses
  return parameters.reduce((a, p) => a * p.values.length, 1);
}

/** Every combination of the parameters' values, the first parameter varying slowest. */
export function sweepGrid(parameters: readonly SweepParameter[]): Override[][] {
  let grid: Override[][] = [[]];
  for (const p of parameters) grid = grid.flatMap((prefix) => p.values.map((value) => [...prefix, { path: p.path, value }]));
  return grid;
}

export type { SweepDesign };

export interface SweepOptions {
  /** replications per configuration (default 5) */
  replications?: number;
  confidence?: number;
  /** more metric paths beyond the headline ones */
  metrics?: string[];
  /** allow more than MAX_CONFIGURATIONS configurations and MAX_RUNS runs (--allow-large) */
  allowLarge?: boolean;
}

export const DEFAULT_SWEEP_REPLICATIONS = 5;
const MODEL_CACHE = 8;

/** A sweep ready to run: its design and the model of each configuration (expanded on first use). */
export class Sweep {
  readonly design: SweepDesign;
  readonly grid: Override[][];
  readonly #raw: RawScenario;
  readonly #allowLarge: boolean;
  /** the last few configurations' models: a grid of thousands must not hold thousands of expanded models */
  readonly #models = new Map<number, Model>();

  constructor(raw: RawScenario, parameters: readonly SweepParameter[], opts: SweepOptions = {}) {
    const paths = new Set<string>();
    for (const p of parameters) {
      if (paths.has(p.path)) throw new InputError(`--set ${p.path} is given twice`);
      paths.add(p.path);
      if (p.values.length === 0) throw new InputError(`--set ${p.path} has no values`);
    }
    const n = opts.replications ?? DEFAULT_SWEEP_REPLICATIONS;
    if (!Number.isInteger(n) || n < 1 || n > HARD_MAX_RUNS) throw new InputError(`--replications: expected a whole number from 1 to ${HARD_MAX_RUNS} (got ${n})`);
    // sizes from the figures, before the grid is built: 5000 x 5000 is refused, not expanded
    const sizes = parameters.map((p) => p.values.length);
    const configurations = gridSize(parameters);
    const shape = `${sizes.join(' x ')} configuration${configurations === 1 ? '' : 's'}`;
    checkCount(configurations, MAX_CONFIGURATIONS, 'configurations', `the grid of --set values: ${shape}`, opts.allowLarge);
    checkCount(configurations * n, MAX_RUNS, 'runs', `the sweep: ${shape} x ${n} replication${n === 1 ? '' : 's'}`, opts.allowLarge);
    this.#raw = raw;
    this.#allowLarge = opts.allowLarge ?? false;
    this.grid = sweepGrid(parameters);
    // validates the first configuration now: a bad path fails before any work
    const first = this.model(0);
    const extra = opts.metrics ?? [];
    // a categorical policy dimension (issue 12) also measures fairness, for the report's policies section
    const policyMetrics = parameters.some((p) => p.path === 'policy') ? POLICY_METRICS : [];
    this.design = {
      scenario: first.name,
      scenarioHash: scenarioHash(raw.text),
      parameters: parameters.map((p) => ({ path: p.path, values: [...p.values] })),
      replications: n,
      confidence: opts.confidence ?? DEFAULT_CONFIDENCE,
      seeds: Array.from({ length: n }, (_, k) => deriveSeed(first.seed, k)),
      metrics: metricPaths([...extra, ...policyMetrics]),
    };
    this.#extra = extra;
  }

  readonly #extra: string[];

  get pairCount(): number {
    return this.grid.length * this.design.replications;
  }

  /** The expanded model of configuration c (validated through the normal scenario loader). */
  model(c: number): Model {
    let m = this.#models.get(c);
    if (!m) {
      m = modelWithOverrides(this.#raw, this.grid[c], { allowLarge: this.#allowLarge });
      this.#models.set(c, m);
      if (this.#models.size > MODEL_CACHE) this.#models.delete(this.#models.keys().next().value!);
    }
    return m;
  }

  /** Expands and validates every configuration (so a bad value fails before the runs start), keeping none. */
  validateAll(): void {
    for (let c = 0; c < this.grid.length; c++) if (!this.#models.has(c)) modelWithOverrides(this.#raw, this.grid[c], { allowLarge: this.#allowLarge });
  }

  /** Runs the given pairs (all by default); results in pair order. */
  async runPairs(pairs: readonly number[] = range(this.pairCount), opts: { jobs?: number; runner?: SimRunner; onProgress?: (done: number, total: number) => void } = {}): Promise<PairResult[]> {
    const n = this.design.replications;
    const runner = opts.runner ?? createRunner(opts.jobs, pairs.length);
    let done = 0;
    try {
      // models are made as the runs start and only each run's metric values are kept (bounded memory)
      return await runner.runEach(
        pairs.length,
        (i) => replicationModel(this.model(Math.floor(pairs[i] / n)), pairs[i] % n),
        (summary, i) => {
          if (i === 0 && this.#extra.length > 0) checkMetricPaths(summary, this.#extra, '--metric');
          return { pair: pairs[i], values: metricValues(summary, this.design.metrics) };
        },
        () => opts.onProgress?.(++done, pairs.length),
      );
    } finally {
      if (!opts.runner) await runner.close();
    }
  }

  /** Runs every pair and assembles sweep.json's content. */
  async run(opts: { jobs?: number; runner?: SimRunner; onProgress?: (done: number, total: number) => void } = {}): Promise<SweepResult> {
    this.validateAll();
    return assembleSweep(this.design, await this.runPairs(undefined, opts));
  }
}

/** One (configuration, replication) pair's metric values; pair = configuration * n + replication. */
export interface PairResult {
  pair: number;
  values: Record<string, number | null>;
}

/** sweep.json's content from every pair's values (in any order; each pair exactly once). */
export function assembleSweep(design: SweepDesign, results: readonly PairResult[]): SweepResult {
  const n = design.replications;
  const grid = sweepGrid(design.parameters);
  const byPair = new Map<number, PairResult>();
  for (const r of results) {
    if (byPair.has(r.pair)) throw new Error(`pair ${r.pair} given twice`);
    byPair.set(r.pair, r);
  }
  if (byPair.size !== grid.length * n) throw new Error(`expected ${grid.length * n} results, got ${byPair.size}`);
  const configurations = grid.map((overrides, c) => {
    const values = range(n).map((k) => {
      const r = byPair.get(c * n + k);
      if (!r) throw new Error(`missing result for configuration ${c}, replication ${k}`);
      return r.values;
    });
    const set: Record<string, SweepValue> = {};
    for (const o of overrides) set[o.path] = o.value;
    return { index: c, set, replications: aggregate(values, design.metrics, design.confidence) };
  });
  return {
    schemaVersion: 1,
    kind: 'sweep',
    scenario: design.scenario,
    scenarioHash: design.scenarioHash,
    parameters: design.parameters,
    replications: n,
    confidence: design.confidence,
    seeds: design.seeds,
    metrics: design.metrics,
    configurations,
  };
}

export function scenarioHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
