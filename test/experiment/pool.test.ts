// The worker-thread pool: results identical whatever the number of jobs (needs dist/, see test/global-setup.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createRunner, workerFile } from '../../src/experiment/pool.js';
import { parsePrecision, replicationModel, runReplications } from '../../src/experiment/replicate.js';
import { mergePartials, replicationsDesign, runReplicationShard } from '../../src/experiment/shard.js';
import { Sweep } from '../../src/experiment/sweep.js';
import { simulate } from '../../src/run/simulation.js';
import { summaryJson } from '../../src/report/json.js';
import { writeSweepReports } from '../../src/report/sweep-index.js';
import { mmcModel } from '../helpers/model.js';
import { ensureBuilt } from '../global-setup.js';
import { SMALL_PARAMS, mmcRaw } from './fixtures.js';

const small = () => mmcModel({ lambda: 3.2, mu: 1, c: 4, duration: 2000, warmup: 200, sources: 3000 });

beforeAll(() => {
  ensureBuilt();
}, 120_000);

describe('pool', () => {
  test('the worker is the compiled JS next to the build', () => {
    expect(workerFile()).toMatch(/dist[\\/]src[\\/]experiment[\\/]worker\.js$/);
  });

  test('a worker thread returns the same summary as this thread, in input order', async () => {
    const runner = createRunner(2);
    try {
      const models = [0, 1, 2].map((k) => replicationModel(small(), k));
      const got = await runner.run(models);
      expect(got.map((s) => JSON.stringify(s))).toEqual(models.map((m) => JSON.stringify(simulate(m).summary)));
    } finally {
      await runner.close();
    }
  });

  test.each([1, 2])('runEach (jobs %i): models are made as runs start, never all at once; results in order', async (jobs) => {
    const runner = createRunner(jobs);
    let alive = 0;
    let most = 0;
    try {
      const got = await runner.runEach(
        6,
        (i) => {
          most = Math.max(most, ++alive);
          return replicationModel(small(), i);
        },
        (s, i) => {
          alive--;
          return [i, s.seed];
        },
      );
      expect(got.map((g) => g[0])).toEqual([0, 1, 2, 3, 4, 5]);
      expect(most).toBeLessThanOrEqual(jobs);
    } finally {
      await runner.close();
    }
  });

  test('a runner never has more threads than runs, nor more than 4 per CPU', async () => {
    const runner = createRunner(250, 3);
    try {
      expect(runner.jobs).toBe(3);
    } finally {
      await runner.close();
    }
    const one = createRunner(8, 1);
    expect(one.jobs).toBe(1);
    await one.close();
  });

  test('replications: jobs 1 and jobs 2 give identical summaries (fixed n and precision)', async () => {
    const [a, b] = [await runReplications(small(), { n: 5, jobs: 1 }), await runReplications(small(), { n: 5, jobs: 2 })];
    expect(summaryJson(b.summary)).toBe(summaryJson(a.summary));
    const p = parsePrecision('8%', ['wait.mean']);
    const [c, d] = [await runReplications(small(), { precision: p, jobs: 1 }), await runReplications(small(), { precision: p, jobs: 2 })];
    expect(d.n).toBe(c.n);
    expect(summaryJson(d.summary)).toBe(summaryJson(c.summary));
  });

  test('sweep: jobs 1 and jobs 2 write identical files', async () => {
    const raw = await mmcRaw();
    const params = [{ path: 'workers', values: [4, 5] }, ...SMALL_PARAMS];
    const dirs = [await mkdtemp(join(tmpdir(), 'sweep-j1-')), await mkdtemp(join(tmpdir(), 'sweep-j2-'))];
    try {
      await writeSweepReports(await new Sweep(raw, params, { replications: 3 }).run({ jobs: 1 }), dirs[0], { png: false });
      await writeSweepReports(await new Sweep(raw, params, { replications: 3 }).run({ jobs: 2 }), dirs[1], { png: false });
      for (const f of ['sweep.json', 'sweep.csv', 'sweep.html']) {
        expect(await readFile(join(dirs[1], f), 'utf8'), f).toBe(await readFile(join(dirs[0], f), 'utf8'));
      }
    } finally {
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    }
  });

  test('run --replications in shards merges to the unsharded summary', async () => {
    const model = small();
    const design = replicationsDesign(model, 'scenario text', 5);
    const parts = [];
    for (const index of [1, 2]) parts.push({ file: `partial-${index}-of-2.json`, partial: JSON.parse(JSON.stringify(await runReplicationShard(model, design, { index, count: 2 }, { jobs: 2 }))) });
    const merged = mergePartials(parts);
    const whole = await runReplications(model, { n: 5, jobs: 1 });
    expect(merged.mode).toBe('replications');
    if (merged.mode === 'replications') expect(summaryJson(merged.summary)).toBe(summaryJson(whole.summary));
  });
});
