// Shards: split the (configuration, replication) pairs of a sweep, or the replications of a run, across
// machines, and merge the partial results into exactly what one unsharded run writes.
//
// Shard i of n (1-based, `--shard 2/3`) runs the pairs p with p mod n = i - 1 and writes
// `partial-<i>-of-<n>.json`. A partial carries the whole design (scenario hash, grid, replications,
// seeds, metrics), so merge can check that the partials belong together before combining them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../input-error.js';
import type { GateSummary } from '../gate/types.js';
import type { SweepResult } from '../report/sweep-types.js';
import type { Summary } from '../stats/types.js';
import { DEFAULT_CONFIDENCE, aggregate, deriveSeed, metricPaths, metricValues, replicationModel } from './replicate.js';
import { assembleSweep, range, scenarioHash, type PairResult, type Sweep, type SweepDesign } from './sweep.js';
import { createRunner, type SimRunner } from './pool.js';
import { runModel } from './run.js';
import type { Model } from '../scenario/model.js';

export const PARTIAL_KIND = 'refresh-sim-partial';

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** `2/3` -> { index: 2, count: 3 }. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new InputError(`--shard: expected i/n with 1 <= i <= n, e.g. "1/4" (got "${text}")`);
  return { index, count };
}

/** The pairs of a shard: p with p mod count = index - 1. */
export function shardPairs(total: number, shard: Shard): number[] {
  return range(total).filter((p) => p % shard.count === shard.index - 1);
}

export function partialFileName(shard: Shard): string {
  return `partial-${shard.index}-of-${shard.count}.json`;
}

/** The replications of a plain run, as a design: one configuration, no parameters. */
export interface ReplicationsDesign {
  scenario: string;
  scenarioHash: string;
  replications: number;
  confidence: number;
  seeds: number[];
  metrics: string[];
}

export type PartialFile =
  | { kind: typeof PARTIAL_KIND; version: 1; mode: 'sweep'; shard: Shard; design: SweepDesign; results: PairResult[] }
  | {
      kind: typeof PARTIAL_KIND;
      version: 1;
      mode: 'replications';
      shard: Shard;
      design: ReplicationsDesign;
      results: PairResult[];
      /** replication 0's full summary, in the shard that ran it */
      first?: Summary;
    };

/** Runs one shard of a sweep. */
export async function runSweepShard(sweep: Sweep, shard: Shard, opts: { jobs?: number; runner?: SimRunner; onProgress?: (done: number, total: number) => void } = {}): Promise<PartialFile> {
  const pairs = shardPairs(sweep.pairCount, shard);
  const results = await sweep.runPairs(pairs, opts);
  return { kind: PARTIAL_KIND, version: 1, mode: 'sweep', shard, design: sweep.design, results };
}

/** The design of `run --replications n` on a model (shards of one run must agree on it). */
export function replicationsDesign(model: Model, scenarioText: string, n: number, opts: { confidence?: number; metrics?: string[] } = {}): ReplicationsDesign {
  return {
    scenario: model.name,
    scenarioHash: scenarioHash(scenarioText),
    replications: n,
    confidence: opts.confidence ?? DEFAULT_CONFIDENCE,
    seeds: range(n).map((k) => deriveSeed(model.seed, k)),
    metrics: metricPaths(opts.metrics),
  };
}

/** Runs one shard of `run --replications n`. `scenarioText` is what the hash is taken of (the file, plus any overrides). */
export async function runReplicationShard(
  model: Model,
  design: ReplicationsDesign,
  shard: Shard,
  opts: { jobs?: number; runner?: SimRunner; onProgress?: (done: number, total: number) => void } = {},
): Promise<PartialFile> {
  const pairs = shardPairs(design.replications, shard);
  const runner = opts.runner ?? createRunner(opts.jobs);
  let done = 0;
  const tick = () => opts.onProgress?.(++done, pairs.length);
  try {
    const hasFirst = pairs[0] === 0;
    const [first, rest] = await Promise.all([
      hasFirst ? runModel(model, { chunks: 20 }).then((t) => (tick(), t.result.summary)) : Promise.resolve(undefined),
      runner.run(pairs.filter((k) => k !== 0).map((k) => replicationModel(model, k)), tick),
    ]);
    const summaries = hasFirst ? [first!, ...rest] : rest;
    const results = pairs.map((p, i) => ({ pair: p, values: metricValues(summaries[i], design.metrics) }));
    return { kind: PARTIAL_KIND, version: 1, mode: 'replications', shard, design, results, ...(first ? { first } : {}) };
  } finally {
    if (!opts.runner) await runner.close();
  }
}

export function partialJson(p: PartialFile): string {
  return JSON.stringify(p) + '\n';
}

export type Merged = { mode: 'sweep'; sweep: SweepResult } | { mode: 'replications'; summary: GateSummary };

/** Reads partial files and merges them (see `mergePartials`). */
export async function mergePartialFiles(files: readonly string[]): Promise<Merged> {
  const partials: { file: string; partial: PartialFile }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new InputError(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputError(`${file}: not JSON (${(e as Error).message})`);
    }
    partials.push({ file, partial: checkPartial(data, file) });
  }
  return mergePartials(partials);
}

function checkPartial(data: unknown, file: string): PartialFile {
  const d = data as Partial<PartialFile> | null;
  if (d === null || typeof d !== 'object' || d.kind !== PARTIAL_KIND) throw new InputError(`${file}: not a refresh-sim partial result (written by --shard i/n as ${partialFileName({ index: 1, count: 2 }).replace('1-of-2', '<i>-of-<n>')})`);
  if (d.version !== 1) throw new InputError(`${file}: partial format version ${JSON.stringify(d.version)} is not supported (expected 1)`);
  if (d.mode !== 'sweep' && d.mode !== 'replications') throw new InputError(`${file}: unknown mode ${JSON.stringify(d.mode)}`);
  const s = d.shard;
  if (!s || !Number.isInteger(s.index) || !Number.isInteger(s.count) || s.index < 1 || s.index > s.count) throw new InputError(`${file}: bad shard ${JSON.stringify(s)}`);
  if (!d.design || !Array.isArray(d.results)) throw new InputError(`${file}: incomplete partial result (no design or results)`);
  return d as PartialFile;
}

/**
 * Checks that the partials are every shard of one run (same mode, scenario, grid, replications, seeds,
 * metrics and shard count; each shard once; each with exactly its pairs) and combines them.
 */
export function mergePartials(partials: readonly { file: string; partial: PartialFile }[]): Merged {
  if (partials.length === 0) throw new InputError('merge: name the partial files to merge (partial-<i>-of-<n>.json)');
  const [head] = partials;
  const ref = head.partial;
  for (const { file, partial } of partials.slice(1)) {
    if (partial.mode !== ref.mode) throw new InputError(`${file} is a ${partial.mode} partial but ${head.file} is a ${ref.mode} partial`);
    if (partial.design.scenarioHash !== ref.design.scenarioHash) throw new InputError(`${file} and ${head.file} come from different scenario files (hash ${partial.design.scenarioHash.slice(0, 12)} vs ${ref.design.scenarioHash.slice(0, 12)})`);
    for (const key of Object.keys(ref.design)) {
      const a = JSON.stringify((ref.design as unknown as Record<string, unknown>)[key]);
      const b = JSON.stringify((partial.design as unknown as Record<string, unknown>)[key]);
      if (a !== b) throw new InputError(`${file} and ${head.file} differ in ${key === 'parameters' ? 'the grid (--set)' : key}: ${clip(b)} vs ${clip(a)}`);
    }
    if (JSON.stringify(partial.design) !== JSON.stringify(ref.design)) throw new InputError(`${file} and ${head.file} come from different runs`);
    if (partial.shard.count !== ref.shard.count) throw new InputError(`${file} is a shard of ${partial.shard.count} but ${head.file} is a shard of ${ref.shard.count}`);
  }
  const count = ref.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, partial } of partials) {
    const prev = byIndex.get(partial.shard.index);
    if (prev !== undefined) throw new InputError(`shard ${partial.shard.index}/${count} is given twice: ${prev} and ${file}`);
    byIndex.set(partial.shard.index, file);
  }
  const missing = range(count).map((i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new InputError(`missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count} (${partialFileName({ index: i, count })})`).join(', ')}`);

  const total = ref.mode === 'sweep' ? sweepPairCount(ref.design) : ref.design.replications;
  const results: PairResult[] = [];
  for (const { file, partial } of partials) {
    const expected = shardPairs(total, partial.shard);
    const got = partial.results.map((r) => r.pair);
    if (JSON.stringify(got) !== JSON.stringify(expected)) throw new InputError(`${file}: holds results for pairs ${clip(JSON.stringify(got))}, expected ${clip(JSON.stringify(expected))} for shard ${partial.shard.index}/${count}`);
    results.push(...partial.results);
  }

  if (ref.mode === 'sweep') return { mode: 'sweep', sweep: assembleSweep(ref.design, results) };
  const firstShard = partials.find((p) => p.partial.shard.index === 1)!;
  const first = firstShard.partial.mode === 'replications' ? firstShard.partial.first : undefined;
  if (!first) throw new InputError(`${firstShard.file}: replication 0's summary is missing`);
  results.sort((a, b) => a.pair - b.pair);
  const n = ref.design.replications;
  const summary: GateSummary = n >= 2 ? { ...first, replications: aggregate(results.map((r) => r.values), ref.design.metrics, ref.design.confidence) } : first;
  return { mode: 'replications', summary };
}

function sweepPairCount(d: SweepDesign): number {
  return d.parameters.reduce((a, p) => a * p.values.length, 1) * d.replications;
}

function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function partialPath(outDir: string, shard: Shard): string {
  return join(outDir, partialFileName(shard));
}
