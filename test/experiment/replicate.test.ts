import { describe, expect, test } from 'vitest';
import { replicationsSchema } from '../../src/vocabulary/index.js';
import { HEADLINE_METRICS, aggregate, deriveSeed, metricValues, parsePrecision, replicationModel, runReplications } from '../../src/experiment/replicate.js';
import { studentTQuantile } from '../../src/experiment/confidence.js';
import { simulate } from '../../src/run/simulation.js';
import { mmcModel } from '../helpers/model.js';

const small = (seed = 1) => mmcModel({ lambda: 3.2, mu: 1, c: 4, duration: 2000, warmup: 200, sources: 3000, seed });

describe('seeds', () => {
  test('replication 0 keeps the scenario seed; others are distinct whole numbers', () => {
    expect(deriveSeed(7, 0)).toBe(7);
    const seeds = Array.from({ length: 50 }, (_, k) => deriveSeed(7, k));
    expect(new Set(seeds).size).toBe(50);
    for (const s of seeds) expect(Number.isInteger(s)).toBe(true);
    expect(deriveSeed(7, 3)).toBe(deriveSeed(7, 3));
    expect(deriveSeed(8, 3)).not.toBe(deriveSeed(7, 3));
    expect(replicationModel(small(), 2).seed).toBe(deriveSeed(1, 2));
    expect(replicationModel(small(), 2).params.seed).toBe(deriveSeed(1, 2));
  });
});

describe('runReplications', () => {
  test('one replication is exactly a plain run (no replications block)', async () => {
    const r = await runReplications(small(), { n: 1, jobs: 1 });
    expect(r.n).toBe(1);
    expect(JSON.stringify(r.summary)).toBe(JSON.stringify(simulate(small()).summary));
    expect('replications' in r.summary).toBe(false);
  });

  test('the body is replication 0; the block has the gate\'s shape and the headline metrics', async () => {
    const r = await runReplications(small(), { n: 4, jobs: 1, metrics: ['byTrigger.api.wait.p95'] });
    const { replications, ...body } = r.summary;
    expect(JSON.stringify(body)).toBe(JSON.stringify(simulate(small()).summary));
    expect(replicationsSchema.safeParse(replications).success).toBe(true);
    expect(replications!.n).toBe(4);
    expect(replications!.confidence).toBe(0.95);
    for (const p of ['wait.mean', 'wait.p95', 'total.p99', 'utilisation.mean', 'queueLength.mean', 'deferrals.count', 'requests.deferred', 'byTrigger.api.wait.p95']) {
      expect(replications!.metrics[p], p).toBeDefined();
    }
    // no e-mails in this model: a metric without data is left out, never NaN
    expect(replications!.metrics['freshness.email.p95']).toBeUndefined();
    // the mean is the mean of the replications' values
    const values = [0, 1, 2, 3].map((k) => simulate(replicationModel(small(), k)).summary.wait.mean!);
    expect(replications!.metrics['wait.mean'].mean).toBeCloseTo(values.reduce((a, b) => a + b) / 4, 12);
  });

  test("confidence half-widths are Student t's, t(n - 1) s / sqrt(n), and shrink as replications grow", async () => {
    // A realised half-width also follows the realised spread: three replications that happen to agree give
    // a narrow one (for one metric, 3 against 15 fails that way about one time in twenty). So the test
    // holds each half-width to the formula, over the replications' own values, and the factor to 1/sqrt(n).
    const values = Array.from({ length: 15 }, (_, k) => simulate(replicationModel(small(), k)).summary);
    const few = await runReplications(small(), { n: 3, jobs: 1 });
    const many = await runReplications(small(), { n: 15, jobs: 1 });
    const factor = (n: number) => studentTQuantile(0.975, n - 1) / Math.sqrt(n);
    expect(factor(15)).toBeLessThan(factor(3) / 4);
    for (const p of ['wait.mean', 'wait.p95', 'queueLength.mean', 'utilisation.mean']) {
      const xs = values.map((v) => metricValues(v, [p])[p]!);
      for (const [r, n] of [[few, 3], [many, 15]] as const) {
        const m = r.summary.replications!.metrics[p];
        const mean = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
        const sd = Math.sqrt(xs.slice(0, n).reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
        expect(m.halfWidth, `${p}, ${n} replications`).toBeCloseTo(factor(n) * sd, 9);
      }
    }
  });

  test('precision: adds replications until the relative half-width is reached (with a look-ahead), capped', async () => {
    const r = await runReplications(small(), { precision: parsePrecision('10%', ['wait.mean', 'utilisation.mean']), jobs: 1 });
    expect(r.precisionReached).toBe(true);
    expect(r.n).toBeGreaterThanOrEqual(3 + 5);
    const m = r.summary.replications!.metrics['wait.mean'];
    expect(m.halfWidth / m.mean).toBeLessThanOrEqual(0.1);
    const capped = await runReplications(small(), { precision: { relHalfWidth: 0.001, metrics: ['wait.p99'], maxN: 6 }, jobs: 1 });
    expect(capped.n).toBe(6);
    expect(capped.precisionReached).toBe(false);
  });

  test('bad options are input errors', async () => {
    expect(() => parsePrecision('5%', ['wait.p59'])).toThrow(/--precision-metric\[0\]: unknown path "wait.p59".*did you mean "wait.p50"/);
    expect(() => parsePrecision('abc')).toThrow(/--precision/);
    expect(parsePrecision('5%').relHalfWidth).toBeCloseTo(0.05, 12);
    expect(parsePrecision('0.02').relHalfWidth).toBeCloseTo(0.02, 12);
    await expect(runReplications(small(), { n: 0, jobs: 1 })).rejects.toThrow(/whole number/);
  });

  test('aggregate', () => {
    const a = aggregate([{ x: 1, y: null }, { x: 3, y: 2 }], ['x', 'y']);
    expect(a).toEqual({ n: 2, confidence: 0.95, metrics: { x: { mean: 2, halfWidth: expect.any(Number), ci: expect.any(Array) } } });
    expect(HEADLINE_METRICS).toContain('freshness.dashboard.p95');
  });
});
