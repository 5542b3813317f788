// Shards: split the (configuration, replication) pairs of a sweep, or the replications of a run, across
// machines, and merge the partial results into exactly what one unsharded run writes.
//
// Shard i of n (1-based, `--shard 2/3`) runs the pairs p with p mod n = i - 1 and writes
// `partial-<i>-of-<n>.json`. A partial carries the whole design (scenario hash, grid, replications,
// seeds, metrics), so merge can check that the partials belong together before combining them.
import { join } from 'node:path';
import { InputError } from '../input-error.js';
import { type GateSummary, type SweepResult, type Summary, formatProblems, fieldProblem, readJsonFile } from '../vocabulary/index.js';
import { DEFAULT_CONFIDENCE, aggregate, checkReplicationCount, deriveSeed, metricPaths, metricValues, replicationModel } from './replicate.js';
import { HARD_MAX_RUNS, productOf } from './guards.js';
import { partialSchema } from './partial-schema.js';
import { assembleSweep, range, scenarioHash, type PairResult, type Sweep, type SweepDesign } from './sweep.js';
import { createRunner, type SimRunner } from './pool.js';
import { runModel } from './run.js';
import type { Model } from '../scenario/index.js';

const PARTIAL_KIND = 'refresh-sim-partial';
/** A partial holds about 1 kB per run; 256 MB is far beyond any shard of HARD_MAX_RUNS runs split sensibly. */
const MAX_PARTIAL_BYTES = 256 * 1024 * 1024;

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

/** `2/3` -> { index: 2, count: 3 }. The count is checked against the runs by `checkShard` once they are known. */
export function parseShard(text: string): Shard {
  const t = String(text);
  const m = /^\s*(\d{1,16})\s*\/\s*(\d{1,16})\s*$/.exec(t);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) throw new InputError(`--shard: expected i/n with 1 <= i <= n, e.g. "1/4" (got "${t.length > 40 ? `${t.slice(0, 39)}…` : t}")`);
  if (count > HARD_MAX_RUNS) throw new InputError(`--shard ${index}/${count}: ${count} shards is more than ${HARD_MAX_RUNS}, the most runs any command takes`);
  return { index, count };
}

/** A shard count above the number of runs would leave shards with nothing to do: refused. */
export function checkShard(shard: Shard, total: number): void {
  if (shard.count > total) {
    throw new InputError(`--shard ${shard.index}/${shard.count}: ${shard.count} shards for ${total} run${total === 1 ? '' : 's'}; at most one shard per run (--shard i/${total} or fewer)`);
  }
}

/** The pairs of a shard: p with p mod count = index - 1 (made directly, never by filtering every pair). */
export function shardPairs(total: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let p = shard.index - 1; p < total; p += shard.count) out.push(p);
  return out;
}

/** How many pairs shard i of n holds out of `total`. */
function shardSize(total: number, shard: Shard): number {
  return total >= shard.index ? Math.floor((total - shard.index) / shard.count) + 1 : 0;
}

function partialFileName(shard: Shard): string {
  return `partial-${shard.index}-of-${shard.count}.json`;
}

/** The replications of a plain run, as a design: one configuration, no parameters. */
interface ReplicationsDesign {
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
  checkShard(shard, sweep.pairCount);
  const pairs = shardPairs(sweep.pairCount, shard);
  const results = await sweep.runPairs(pairs, opts);
  return { kind: PARTIAL_KIND, version: 1, mode: 'sweep', shard, design: sweep.design, results };
}

/** The design of `run --replications n` on a model (shards of one run must agree on it). */
export function replicationsDesign(model: Model, scenarioText: string, n: number, opts: { confidence?: number; metrics?: string[]; allowLarge?: boolean } = {}): ReplicationsDesign {
  checkReplicationCount(n, opts.allowLarge);
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
  checkShard(shard, design.replications);
  const pairs = shardPairs(design.replications, shard);
  const runner = opts.runner ?? createRunner(opts.jobs, pairs.length);
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

type Merged = { mode: 'sweep'; sweep: SweepResult } | { mode: 'replications'; summary: GateSummary };

/** Reads partial files and merges them (see `mergePartials`). Every file is read and checked before any is used. */
export async function mergePartialFiles(files: readonly string[]): Promise<Merged> {
  if (files.length === 0) throw new InputError('merge: name the partial files to merge (partial-<i>-of-<n>.json)');
  const partials: { file: string; partial: unknown }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const r = await readJsonFile(String(file), MAX_PARTIAL_BYTES);
    if ('error' in r) problems.push(`${file}: ${r.error}`);
    else partials.push({ file: String(file), partial: r.data });
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return mergePartials(partials);
}

/** A partial as read from a file, checked against the partial schema; InputError naming the file and the first wrong field. */
function checkPartial(data: unknown, file: string): PartialFile {
  const d = data as { kind?: unknown; version?: unknown } | null;
  if (d === null || typeof d !== 'object' || Array.isArray(d) || d.kind !== PARTIAL_KIND) {
    throw new InputError(`${file}: not a refresh-sim partial result (written by --shard i/n as partial-<i>-of-<n>.json)`);
  }
  if (d.version !== 1) throw new InputError(`${file}: partial format version ${JSON.stringify(d.version) ?? 'none'} is not supported (expected 1)`);
  const r = partialSchema.safeParse(data);
  if (!r.success) {
    const [first] = r.error.issues;
    const more = r.error.issues.length - 1;
    throw new InputError(formatProblems([fieldProblem(file, first.path, `${first.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`)]));
  }
  return r.data as PartialFile;
}

/**
 * Checks that the partials are every shard of one run (same mode, scenario, grid, replications, seeds,
 * metrics and shard count; each shard once; each with exactly its pairs, each pair with every metric)
 * and combines them. Each partial is validated against the partial schema first.
 */
export function mergePartials(input: readonly { file: string; partial: unknown }[]): Merged {
  if (input.length === 0) throw new InputError('merge: name the partial files to merge (partial-<i>-of-<n>.json)');
  const partials = input.map(({ file, partial }) => ({ file, partial: checkPartial(partial, file) }));
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
    if (partial.shard.count !== ref.shard.count) throw new InputError(`${file} is a shard of ${partial.shard.count} but ${head.file} is a shard of ${ref.shard.count}`);
  }
  const count = ref.shard.count;
  const total = ref.mode === 'sweep' ? sweepPairCount(ref.design) : ref.design.replications;
  if (count > total) throw new InputError(`${head.file}: claims ${count} shards of ${total} run${total === 1 ? '' : 's'}; there is at most one shard per run`);
  const byIndex = new Map<number, string>();
  for (const { file, partial } of partials) {
    const prev = byIndex.get(partial.shard.index);
    if (prev !== undefined) throw new InputError(`shard ${partial.shard.index}/${count} is given twice: ${prev} and ${file}`);
    byIndex.set(partial.shard.index, file);
  }
  if (byIndex.size < count) {
    const missing: number[] = [];
    for (let i = 1; i <= count && missing.length < 10; i++) if (!byIndex.has(i)) missing.push(i);
    const rest = count - byIndex.size - missing.length;
    throw new InputError(`missing shard${count - byIndex.size > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count} (${partialFileName({ index: i, count })})`).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`);
  }

  const results: PairResult[] = [];
  for (const { file, partial } of partials) {
    checkShardResults(file, partial, total, ref.design.metrics);
    results.push(...partial.results);
  }

  if (ref.mode === 'sweep') return { mode: 'sweep', sweep: assembleSweep(ref.design, results) };
  const firstShard = partials.find((p) => p.partial.shard.index === 1)!;
  const first = firstShard.partial.mode === 'replications' ? firstShard.partial.first : undefined;
  if (!first) throw new InputError(`${firstShard.file}: first: replication 0's summary is missing`);
  if (first.scenario !== ref.design.scenario) throw new InputError(`${firstShard.file}: first.scenario: ${JSON.stringify(first.scenario)} is not the design's scenario ${JSON.stringify(ref.design.scenario)}`);
  if (first.seed !== ref.design.seeds[0]) throw new InputError(`${firstShard.file}: first.seed: ${first.seed} is not replication 0's seed ${ref.design.seeds[0]}`);
  results.sort((a, b) => a.pair - b.pair);
  const n = ref.design.replications;
  const summary: GateSummary = n >= 2 ? { ...first, replications: aggregate(results.map((r) => r.values), ref.design.metrics, ref.design.confidence) } : first;
  return { mode: 'replications', summary };
}

/** A shard holds exactly its pairs, in order, each with a value (or null) for every metric of the design. */
function checkShardResults(file: string, partial: PartialFile, total: number, metrics: readonly string[]): void {
  const { shard, results } = partial;
  const expected = shardSize(total, shard);
  const where = `shard ${shard.index}/${shard.count}`;
  if (results.length !== expected) throw new InputError(`${file}: results: holds ${results.length} results, expected ${expected} for ${where} of ${total} runs`);
  const known = new Set(metrics);
  results.forEach((r, j) => {
    const pair = shard.index - 1 + j * shard.count;
    if (r.pair !== pair) throw new InputError(`${file}: results[${j}].pair: is ${r.pair}, expected ${pair} for ${where}`);
    for (const m of metrics) {
      if (!Object.hasOwn(r.values, m)) throw new InputError(`${file}: results[${j}].values: lacks the metric "${clip(m)}"`);
    }
    for (const k of Object.keys(r.values)) {
      if (!known.has(k)) throw new InputError(`${file}: results[${j}].values: "${clip(k)}" is not a metric of the design`);
    }
  });
}

function sweepPairCount(d: SweepDesign): number {
  return productOf([...d.parameters.map((p) => p.values.length), d.replications]);
}

function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function partialPath(outDir: string, shard: Shard): string {
  return join(outDir, partialFileName(shard));
}
