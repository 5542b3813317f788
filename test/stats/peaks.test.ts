// Peak windows: the busiest hour and named windows, with waits merged from their buckets' histograms.
import { describe, expect, it } from 'vitest';
import { LogHistogram } from '../../src/stats/histogram.js';
import { busiestHour, namedWindow } from '../../src/stats/peaks.js';
import type { TimeseriesRow } from '../../src/stats/types.js';

function row(t: number, arrivals: number, o: Partial<TimeseriesRow> = {}): TimeseriesRow {
  return {
    t, arrivals: { login: arrivals, due: 0, email: 0, manual: 0, api: 0, warmup: 0 }, completions: 0, failures: 0, deferrals: 0,
    queueMean: 0, queueMax: 0, busyMean: 0, workers: 4, started: 0, waitMean: null, waitP95: null, waitCumMean: null, activeAccounts: 0, ...o,
  };
}

/** A bucket's wait histogram holding `values`, and the row fields that go with it. */
function waits(values: number[]): { h: LogHistogram; o: Partial<TimeseriesRow> } {
  const h = new LogHistogram();
  values.forEach((v) => h.add(v));
  return { h, o: { started: values.length, waitMean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null } };
}

const near = (got: number | null, exact: number) => got !== null && Math.abs(got - exact) / exact <= 1 / 128;

describe('busiest hour', () => {
  // arrivals per 15 min: 1 2 10 20 30 5 1 1 -> the best four buckets are 2..5 (10+20+30+5 = 65)
  const counts = [1, 2, 10, 20, 30, 5, 1, 1];
  // 19 waits of 10 s in bucket 3 and one of 600 s in bucket 4: the hour's p95 (nearest rank 19 of 20) is 10 s,
  // where the worst bucket's own p95 would say 600 s
  const w = counts.map((_, i) => waits(i === 3 ? Array(19).fill(10) : i === 4 ? [600] : []));
  const rows = counts.map((n, i) => row(i * 900, n, { busyMean: i >= 2 && i <= 5 ? 3 : 1, queueMean: n, queueMax: 2 * n, deferrals: i === 3 ? 7 : 0, ...w[i].o }));
  const hs = w.map((x) => x.h);

  it('slides a one-hour window over the buckets and sums what it covers', () => {
    const p = busiestHour(rows, hs, 0)!;
    expect(p).toMatchObject({ start: 1800, end: 5400, buckets: 4, arrivals: 65, utilisation: 0.75, queueMean: 65 / 4, queueMax: 60, deferrals: 7 });
    expect(p.occurrences).toBeUndefined();
  });

  it('merges the buckets’ wait histograms: the hour’s own percentiles, not the worst bucket’s', () => {
    const p = busiestHour(rows, hs, 0)!;
    expect(p.wait.count).toBe(20);
    expect(near(p.wait.p95, 10)).toBe(true);
    expect(near(p.wait.p99, 600)).toBe(true);
    expect(p.wait.mean).toBeCloseTo((19 * 10 + 600) / 20, 6);
  });

  it('skips the warm-up, prefers the earliest of equal windows, and has none without arrivals', () => {
    const r = [row(0, 50), row(3600, 4), row(7200, 4)];
    expect(busiestHour(r, [], 3600)!.start).toBe(3600);
    expect(busiestHour([row(0, 0), row(3600, 0)], [], 0)).toBeNull();
    expect(busiestHour([], [], 0)).toBeNull();
  });
});

describe('named windows', () => {
  // hourly buckets over two days; the window is 08:00-10:00 each day
  const rows = Array.from({ length: 48 }, (_, i) => row(i * 3600, i % 24 === 8 || i % 24 === 9 ? 100 : 1, { deferrals: 1 }));
  const win = { name: 'morning', intervals: [[8 * 3600, 10 * 3600], [32 * 3600, 34 * 3600]] as [number, number][] };

  it('cover every occurrence after the warm-up', () => {
    const p = namedWindow(rows, [], 3600, win)!;
    expect(p).toMatchObject({ start: 8 * 3600, end: 34 * 3600, buckets: 4, occurrences: 2, arrivals: 400, deferrals: 4 });
    expect(p.wait).toEqual({ count: 0, mean: null, p50: null, p95: null, p99: null });
  });

  it('leave out occurrences inside the warm-up, and are null when nothing is left', () => {
    expect(namedWindow(rows, [], 12 * 3600, win)).toMatchObject({ buckets: 2, occurrences: 1, arrivals: 200 });
    expect(namedWindow(rows, [], 40 * 3600, win)).toBeNull();
  });
});
