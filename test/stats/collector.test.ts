// Time-weighted levels, the warm-up and the time series, on timelines worked out by hand.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/simulation.js';
import type { SourceSpec } from '../../src/scenario/model.js';
import { makeModel } from '../helpers/model.js';

const src = (id: string): SourceSpec => ({ id, account: 'a', connector: 'rest', interval: null, dataAsOf: 0 });

describe('statistics', () => {
  // one worker, 10 s calls, three requests at t=0: the queue holds 2 for 10 s, then 1 for 10 s
  const three = makeModel({
    duration: 100,
    bucket: 10,
    sources: ['s1', 's2', 's3'].map(src),
    refreshes: ['s1', 's2', 's3'].map((s) => ({ source: s, at: 0, trigger: 'api' as const })),
  });

  it('queue length and utilisation are time-weighted over [warmup, end]', () => {
    const { summary } = simulate(three);
    expect(summary.queueLength).toEqual({ mean: 0.3, max: 2 });
    expect(summary.utilisation.mean).toBeCloseTo(0.3, 9);
    expect(summary.workers).toEqual({ mean: 1, min: 1, max: 1, busyMean: 0.3 });
    expect(summary.wait).toMatchObject({ count: 3, mean: 10, max: 20 });
    expect(summary.total).toMatchObject({ count: 3, mean: 20, max: 30 });
  });

  it('warm-up: requests enqueued before it are not counted; levels start at it', () => {
    const m = makeModel({ ...three, warmup: 5, refreshes: [...three.refreshes, { source: 's1', at: 50, trigger: 'manual' }] });
    const { summary } = simulate(m);
    expect(summary.requests.enqueued).toMatchObject({ total: 1, manual: 1, api: 0 });
    expect(summary.wait.count).toBe(1);
    // over [5, 100]: queue 2 for 5 s, 1 for 10 s = 20 / 95
    expect(summary.queueLength.mean).toBeCloseTo(20 / 95, 6);
  });

  it('time series: one row per bucket, arrivals and completions where they happened', () => {
    const { timeseries } = simulate(three);
    expect(timeseries).toHaveLength(10);
    expect(timeseries.map((r) => r.t)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(timeseries[0].arrivals.api).toBe(3);
    expect(timeseries.slice(0, 4).map((r) => r.completions)).toEqual([0, 1, 1, 1]);
    expect(timeseries.slice(0, 3).map((r) => r.queueMean)).toEqual([2, 1, 0]);
    expect(timeseries.slice(0, 4).map((r) => r.busyMean)).toEqual([1, 1, 1, 0]);
    expect(Math.abs(timeseries[1].waitP95! - 10) / 10).toBeLessThan(0.01); // s2 started at 10 after waiting 10 s (histogram: within 1%)
    expect(timeseries[0].waitCumMean).toBe(0);
    expect(timeseries[2].waitCumMean).toBeCloseTo(10, 6);
  });
});
