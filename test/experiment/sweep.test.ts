import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/cli/errors.js';
import { mergePartials, parseShard, partialJson, runSweepShard, shardPairs, type PartialFile } from '../../src/experiment/shard.js';
import { Sweep, type SweepResult } from '../../src/experiment/sweep.js';
import { sweepCsv } from '../../src/report/sweep-csv.js';
import { renderSweepHtml } from '../../src/report/sweep-html.js';
import { sweepJson } from '../../src/report/sweep-json.js';
import { writeSweepReports } from '../../src/report/sweep-index.js';
import type { RawScenario } from '../../src/scenario/overrides.js';
import { SMALL_PARAMS, mmcRaw } from './fixtures.js';

let raw: RawScenario;
let whole: SweepResult;
const params = () => [{ path: 'workers', values: [4, 5, 6] }, { path: 'connectors.exp.latencyScale', values: [1, 0.9] }, ...SMALL_PARAMS];

beforeAll(async () => {
  raw = await mmcRaw();
  whole = await new Sweep(raw, params(), { replications: 3 }).run({ jobs: 1 });
});

describe('sweep', () => {
  test('one configuration per combination, each with its replications block', () => {
    expect(whole.configurations).toHaveLength(6);
    expect(whole.configurations[1].set).toEqual({ workers: 4, 'connectors.exp.latencyScale': 0.9, duration: 3000, warmup: 300, 'generate.0.sources': 4000 });
    for (const c of whole.configurations) expect(c.replications.n).toBe(3);
    expect(whole.seeds[0]).toBe(1);
  });

  test('common random numbers: the wait does not rise with more workers', () => {
    for (const scale of [1, 0.9]) {
      const waits = [4, 5, 6].map((w) => whole.configurations.find((c) => c.set.workers === w && c.set['connectors.exp.latencyScale'] === scale)!.replications.metrics['wait.mean'].mean);
      expect(waits[1]).toBeLessThanOrEqual(waits[0]);
      expect(waits[2]).toBeLessThanOrEqual(waits[1]);
    }
    // and shorter response times never make it longer either
    for (const w of [4, 5, 6]) {
      const at = (s: number) => whole.configurations.find((c) => c.set.workers === w && c.set['connectors.exp.latencyScale'] === s)!.replications.metrics['wait.mean'].mean;
      expect(at(0.9)).toBeLessThanOrEqual(at(1));
    }
  });

  test('sweep.csv: the set values, n, then mean/lo/hi of each metric', () => {
    const [header, first] = sweepCsv(whole).split('\n');
    expect(header.startsWith('workers,connectors.exp.latencyScale,duration,warmup,generate.0.sources,n,wait.mean.mean,wait.mean.lo,wait.mean.hi,')).toBe(true);
    expect(first.startsWith('4,1,3000,300,4000,3,')).toBe(true);
  });

  test('sweep.html is self-contained', () => {
    const html = renderSweepHtml(whole, { chartJs: null });
    expect(html).toContain('<canvas data-chart="sweep-wait-mean"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  test('shards merged equal the whole, byte for byte', async () => {
    const partials: { file: string; partial: PartialFile }[] = [];
    for (const i of [3, 1, 2]) {
      const shard = { index: i, count: 3 };
      const p = await runSweepShard(new Sweep(raw, params(), { replications: 3 }), shard, { jobs: 1 });
      // through JSON, as the files are
      partials.push({ file: `partial-${i}-of-3.json`, partial: JSON.parse(partialJson(p)) });
    }
    const merged = mergePartials(partials);
    expect(merged.mode).toBe('sweep');
    if (merged.mode !== 'sweep') return;
    expect(sweepJson(merged.sweep)).toBe(sweepJson(whole));
    expect(sweepCsv(merged.sweep)).toBe(sweepCsv(whole));

    // partials that do not belong together
    expect(() => mergePartials(partials.slice(0, 2))).toThrow(/missing shard 2\/3 \(partial-2-of-3\.json\)/);
    expect(() => mergePartials([...partials, partials[0]])).toThrow(/shard 3\/3 is given twice/);
    const otherGrid = structuredClone(partials[1]);
    if (otherGrid.partial.mode === 'sweep') otherGrid.partial.design.parameters[0].values = [4, 5, 7];
    expect(() => mergePartials([partials[0], otherGrid, partials[2]])).toThrow(/differ in the grid/);
    const otherScenario = structuredClone(partials[1]);
    otherScenario.partial.design.scenarioHash = 'f'.repeat(64);
    expect(() => mergePartials([partials[0], otherScenario, partials[2]])).toThrow(/different scenario files/);
    const lost = structuredClone(partials[1]);
    lost.partial.results.pop();
    expect(() => mergePartials([partials[0], lost, partials[2]])).toThrow(/results: holds 5 results, expected 6 for shard 1\/3 of 18 runs/);
    expect(() => mergePartials([])).toThrow(InputError);
  });

  test('shard specs', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('0/3')).toThrow(/--shard/);
    expect(() => parseShard('4/3')).toThrow(/--shard/);
    expect(shardPairs(7, { index: 2, count: 3 })).toEqual([1, 4]);
  });

  test('writes sweep.json, sweep.csv, sweep.html', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sweep-'));
    try {
      const { written } = await writeSweepReports(whole, dir, { png: false });
      expect(written.map((p) => p.slice(dir.length + 1))).toEqual(['sweep.json', 'sweep.csv', 'sweep.html']);
      expect(await readFile(join(dir, 'sweep.json'), 'utf8')).toBe(sweepJson(whole));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('bad sweeps fail before running', () => {
    expect(() => new Sweep(raw, [{ path: 'workerz', values: [1, 2] }])).toThrow(/has no "workerz"[\s\S]*workers/);
    const s = new Sweep(raw, [{ path: 'workers', values: [2, 0] }, ...SMALL_PARAMS]);
    expect(() => s.validateAll()).toThrow(/with --set workers=0/);
  });
});

afterAll(() => undefined);
