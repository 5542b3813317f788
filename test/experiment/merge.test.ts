// merge validates every partial before using it: tampered, truncated, mixed or missing partials are exit 2
// naming the file and the field, and no count in a file is trusted before it is bounded.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/input-error.js';
import { Sweep } from '../../src/experiment/sweep.js';
import { mergePartialFiles, mergePartials, partialJson, replicationsDesign, runReplicationShard, runSweepShard } from '../../src/experiment/shard.js';
import { modelWithOverrides } from '../../src/scenario/overrides.js';
import { SMALL, SMALL_PARAMS, mmcRaw } from './fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let sweepParts: Json[] = [];
let repParts: Json[] = [];

beforeAll(async () => {
  const raw = await mmcRaw();
  const params = [{ path: 'workers', values: [4, 5] }, ...SMALL_PARAMS];
  for (const index of [1, 2]) {
    const p = await runSweepShard(new Sweep(raw, params, { replications: 2 }), { index, count: 2 }, { jobs: 1 });
    sweepParts.push(JSON.parse(partialJson(p)));
  }
  const model = modelWithOverrides(raw, SMALL);
  const design = replicationsDesign(model, 'text', 3);
  for (const index of [1, 2]) repParts.push(JSON.parse(partialJson(await runReplicationShard(model, design, { index, count: 2 }, { jobs: 1 }))));
}, 120_000);

const named = (parts: Json[]) => parts.map((partial, i) => ({ file: `p${i + 1}.json`, partial }));

function refusal(parts: Json[]): string {
  try {
    mergePartials(named(parts));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const msg = (e as Error).message;
    expect(msg).not.toMatch(/\n\s+at /); // no stack
    return msg;
  }
  throw new Error('merge accepted it');
}

/** [what, which set, mutation of a deep copy of the set, expected message] */
const TAMPERED: [string, 'sweep' | 'reps', (ps: Json[]) => Json[] | void, RegExp][] = [
  ['first: {}', 'reps', (ps) => void (ps[0].first = {}), /^p1\.json: first\.schemaVersion: /],
  ['first without wait', 'reps', (ps) => void delete ps[0].first.wait, /^p1\.json: first\.wait: /],
  ['first of another scenario', 'reps', (ps) => void (ps[0].first.scenario = 'other'), /p1\.json: first\.scenario: "other" is not the design's scenario/],
  ['first with another seed', 'reps', (ps) => void (ps[0].first.seed = 12345), /p1\.json: first\.seed: 12345 is not replication 0's seed/],
  ['first missing', 'reps', (ps) => void delete ps[0].first, /p1\.json: first: replication 0's summary is missing/],
  ['no design', 'sweep', (ps) => void delete ps[0].design, /^p1\.json: design: /],
  ['no results', 'sweep', (ps) => void delete ps[1].results, /^p2\.json: results: /],
  ['no shard', 'sweep', (ps) => void delete ps[0].shard, /^p1\.json: shard: /],
  ['no mode', 'sweep', (ps) => void delete ps[0].mode, /^p1\.json: mode: /],
  ['an unknown mode', 'sweep', (ps) => void (ps[0].mode = 'x'), /^p1\.json: mode: /],
  ['shard.index a string', 'sweep', (ps) => void (ps[0].shard.index = '1'), /^p1\.json: shard\.index: /],
  ['shard.index 0', 'sweep', (ps) => void (ps[0].shard.index = 0), /^p1\.json: shard\.index: /],
  ['shard.index above count', 'sweep', (ps) => void (ps[0].shard.index = 3), /^p1\.json: shard\.index: the shard index is larger/],
  ['a partial claiming 1e9 shards', 'sweep', (ps) => void (ps[0].shard.count = 1e9), /^p1\.json: shard\.count: Too big/],
  ['every partial claiming 1e6 shards', 'sweep', (ps) => ps.forEach((p) => (p.shard.count = 1e6)), /claims 1000000 shards of 4 runs; there is at most one shard per run/],
  ['replications 1e9', 'sweep', (ps) => void (ps[0].design.replications = 1e9), /^p1\.json: design\.replications: /],
  ['seeds not one per replication', 'sweep', (ps) => void ps[0].design.seeds.push(7), /^p1\.json: design\.seeds: one seed per replication/],
  ['a grid of 1e6 x 1e6', 'sweep', (ps) => void (ps[0].design.parameters = [{ path: 'a', values: Array(1000).fill(1) }, { path: 'b', values: Array(1000).fill(1) }, { path: 'c', values: Array(1000).fill(1) }]), /^p1\.json: design\.parameters: the grid times the replications is more than/],
  ['a bad scenario hash', 'sweep', (ps) => void (ps[0].design.scenarioHash = 'abc'), /^p1\.json: design\.scenarioHash: expected a sha256/],
  ['confidence 2', 'sweep', (ps) => void (ps[0].design.confidence = 2), /^p1\.json: design\.confidence: /],
  ['no metrics', 'sweep', (ps) => void (ps[0].design.metrics = []), /^p1\.json: design\.metrics: /],
  ['an extra top-level key', 'sweep', (ps) => void (ps[0].extra = 1), /^p1\.json: .*(extra|Unrecognized)/],
  ['a result value a string', 'sweep', (ps) => void (ps[0].results[0].values['wait.mean'] = 'x'), /^p1\.json: results\[0\]\.values\.wait\.mean: /],
  ['a result without a metric', 'sweep', (ps) => void delete ps[0].results[0].values['wait.mean'], /p1\.json: results\[0\]\.values: lacks the metric "wait\.mean"/],
  ['a result with a foreign metric', 'sweep', (ps) => void (ps[0].results[0].values.nope = 1), /p1\.json: results\[0\]\.values: "nope" is not a metric/],
  ['a result of another shard', 'sweep', (ps) => void (ps[0].results[1].pair = 1), /p1\.json: results\[1\]\.pair: is 1, expected 2/],
  ['a result lost', 'sweep', (ps) => void ps[1].results.pop(), /p2\.json: results: holds 1 results, expected 2 for shard 2\/2 of 4 runs/],
  ['a negative pair', 'sweep', (ps) => void (ps[0].results[0].pair = -1), /^p1\.json: results\[0\]\.pair: /],
  ['a different grid', 'sweep', (ps) => void (ps[1].design.parameters[0].values = [4, 6]), /p2\.json and p1\.json differ in the grid/],
  ['a different scenario', 'sweep', (ps) => void (ps[1].design.scenarioHash = 'f'.repeat(64)), /different scenario files/],
  ['different seeds', 'sweep', (ps) => void (ps[1].design.seeds[1] = 99), /differ in seeds/],
  ['a shard of another split', 'sweep', (ps) => void (ps[1].shard = { index: 2, count: 3 }), /p2\.json is a shard of 3 but p1\.json is a shard of 2/],
  ['a sweep and a replications partial', 'sweep', (ps) => [ps[0], repParts[1]], /p2\.json is a replications partial but p1\.json is a sweep partial/],
  ['the same shard twice', 'sweep', (ps) => [ps[0], ps[0]], /shard 1\/2 is given twice: p1\.json and p2\.json/],
  ['a missing shard', 'sweep', (ps) => [ps[0]], /missing shard 2\/2 \(partial-2-of-2\.json\)/],
  ['not a partial: {}', 'sweep', () => [{}], /^p1\.json: not a refresh-sim partial result/],
  ['not a partial: an array', 'sweep', () => [[]], /^p1\.json: not a refresh-sim partial result/],
  ['not a partial: null', 'sweep', () => [null as unknown as Json], /^p1\.json: not a refresh-sim partial result/],
  ['a summary.json', 'reps', (ps) => [ps[0].first], /^p1\.json: not a refresh-sim partial result/],
  ['version 2', 'sweep', (ps) => void (ps[0].version = 2), /^p1\.json: partial format version 2 is not supported/],
];

describe('merge refuses tampered and mixed partials', () => {
  it.each(TAMPERED)('%s', (_, set, mutate, message) => {
    const parts = structuredClone(set === 'sweep' ? sweepParts : repParts);
    const out = mutate(parts) ?? parts;
    expect(refusal(out)).toMatch(message);
  });

  it('the untampered partials merge (so every refusal above is the mutation)', () => {
    expect(mergePartials(named(structuredClone(sweepParts))).mode).toBe('sweep');
    expect(mergePartials(named(structuredClone(repParts))).mode).toBe('replications');
  });

  it('an empty list is refused', () => {
    expect(refusal([])).toMatch(/name the partial files/);
  });
});

describe('merge reads only regular JSON files, reporting every unreadable one', () => {
  it('missing, a directory, not JSON, empty: all named at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'merge-'));
    await mkdir(join(dir, 'd'));
    await writeFile(join(dir, 'bad.json'), '{"kind": ');
    await writeFile(join(dir, 'empty.json'), '');
    const files = [join(dir, 'nope.json'), join(dir, 'd'), join(dir, 'bad.json'), join(dir, 'empty.json'), '/dev/zero'];
    const err = await mergePartialFiles(files).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const lines = (err as Error).message.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/nope\.json: file not found/);
    expect(lines[1]).toMatch(/d: is a directory/);
    expect(lines[2]).toMatch(/bad\.json: not JSON/);
    expect(lines[3]).toMatch(/empty\.json: is empty/);
    expect(lines[4]).toMatch(/\/dev\/zero: is not a regular file/);
  });
});
