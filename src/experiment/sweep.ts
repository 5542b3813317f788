// Parameter sweeps: a grid of `--set` values over one scenario, each configuration with n replications.
//
// The grid is the cartesian product of the parameters, the first varying slowest. Work is cut into
// (configuration, replication) pairs, numbered p = configuration * n + k; replication k uses the same
// seed in every configuration (common random numbers, see ./replicate.ts). Results are put back in pair
// order, so the output is the same whatever the number of jobs or shards (./shard.ts).
import { createHash } from 'node:crypto';
import { InputError } from '../input-error.js';
import type { SweepDesign, SweepParameter, SweepResult, SweepValue } from '../report/sweep-types.js';
import type { Model } from '../scenario/model.js';
import { modelWithOverrides, parseOverrideValue, type Override, type RawScenario } from '../scenario/overrides.js';
import { createRunner, type SimRunner } from './pool.js';
import { DEFAULT_CONFIDENCE, aggregate, checkMetricPaths, deriveSeed, metricPaths, metricValues, replicationModel } from './replicate.js';

export type { SweepParameter, SweepResult, SweepValue };

/** At most this many configurations in one grid (a typo such as 1..10000 should not start a week of work). */
export const MAX_CONFIGURATIONS = 10_000;

/**
 * Reads `path=values`: a range `a..b` (step 1) or `a..b:step`, a list `1,1.5,2` (items may be durations
 * or rates: `duration=1h,2h`), or one value.
 */
export function parseSweepSpec(text: string, option = '--set'): SweepParameter {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(`${option} "${text}": expected path=values, e.g. "workers=2..16", "workers=2..16:2" or "connectors.ga.latencyScale=1,1.5,2"`);
  const path = text.slice(0, eq).trim();
  const spec = text.slice(eq + 1).trim();
  const range = /^(-?[\d.]+(?:e-?\d+)?)\s*\.\.\s*(-?[\d.]+(?:e-?\d+)?)(?:\s*:\s*([\d.]+(?:e-?\d+)?))?$/i.exec(spec);
  if (range) {
    const [a, b, step] = [Number(range[1]), Number(range[2]), range[3] === undefined ? 1 : Number(range[3])];
    if (![a, b, step].every(Number.isFinite)) throw new InputError(`${option} "${text}": the range ${spec} is not made of numbers`);
    if (!(step > 0)) throw new InputError(`${option} "${text}": the step must be positive (got ${range[3]})`);
    if (b < a) throw new InputError(`${option} "${text}": the range ends (${b}) before it starts (${a})`);
    const count = Math.floor((b - a) / step + 1e-9) + 1;
    if (count > MAX_CONFIGURATIONS) throw new InputError(`${option} "${text}": ${count} values is too many (at most ${MAX_CONFIGURATIONS})`);
    // a + i*step, rounded to 12 significant digits: no drift from repeated addition (0.1 + 0.2)
    const values = Array.from({ length: count }, (_, i) => Number((a + i * step).toPrecision(12)));
    return { path, values };
  }
  const items = spec.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new InputError(`${option} "${text}": expected a value, a list "1,1.5,2" or a range "2..16" after "="`);
  const values = items.map(parseOverrideValue);
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(String(v))) throw new InputError(`${option} "${text}": ${v} is listed twice`);
    seen.add(String(v));
  }
  return { path, values };
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
}

export const DEFAULT_SWEEP_REPLICATIONS = 5;

/** A sweep ready to run: its design and the model of each configuration (expanded on first use). */
export class Sweep {
  readonly design: SweepDesign;
  readonly grid: Override[][];
  readonly #raw: RawScenario;
  readonly #models = new Map<number, Model>();

  constructor(raw: RawScenario, parameters: readonly SweepParameter[], opts: SweepOptions = {}) {
    const paths = new Set<string>();
    for (const p of parameters) {
      if (paths.has(p.path)) throw new InputError(`--set ${p.path} is given twice`);
      paths.add(p.path);
      if (p.values.length === 0) throw new InputError(`--set ${p.path} has no values`);
    }
    const n = opts.replications ?? DEFAULT_SWEEP_REPLICATIONS;
    if (!Number.isInteger(n) || n < 1) throw new InputError(`--replications must be a whole number >= 1 (got ${n})`);
    this.#raw = raw;
    this.grid = sweepGrid(parameters);
    if (this.grid.length > MAX_CONFIGURATIONS) throw new InputError(`the grid has ${this.grid.length} configurations (at most ${MAX_CONFIGURATIONS})`);
    // validates the first configuration now: a bad path fails before any work
    const first = this.model(0);
    const extra = opts.metrics ?? [];
    this.design = {
      scenario: first.name,
      scenarioHash: scenarioHash(raw.text),
      parameters: parameters.map((p) => ({ path: p.path, values: [...p.values] })),
      replications: n,
      confidence: opts.confidence ?? DEFAULT_CONFIDENCE,
      seeds: Array.from({ length: n }, (_, k) => deriveSeed(first.seed, k)),
      metrics: metricPaths(extra),
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
      m = modelWithOverrides(this.#raw, this.grid[c]);
      this.#models.set(c, m);
    }
    return m;
  }

  /** Expands and validates every configuration (so a bad value fails before the runs start). */
  validateAll(): void {
    for (let c = 0; c < this.grid.length; c++) this.model(c);
  }

  /** Runs the given pairs (all by default); results in pair order. */
  async runPairs(pairs: readonly number[] = range(this.pairCount), opts: { jobs?: number; runner?: SimRunner; onProgress?: (done: number, total: number) => void } = {}): Promise<PairResult[]> {
    const n = this.design.replications;
    const models = pairs.map((p) => replicationModel(this.model(Math.floor(p / n)), p % n));
    const runner = opts.runner ?? createRunner(opts.jobs);
    let done = 0;
    try {
      const summaries = await runner.run(models, () => opts.onProgress?.(++done, pairs.length));
      if (summaries.length > 0 && this.#extra.length > 0) checkMetricPaths(summaries[0], this.#extra, '--metric');
      return pairs.map((p, i) => ({ pair: p, values: metricValues(summaries[i], this.design.metrics) }));
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
