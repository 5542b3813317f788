import { describe, expect, it } from 'vitest';
import type { TimeseriesRow } from '../../src/stats/types.js';
import { MSER_BATCH, mserBatches, mserTruncation, warmupVerdict } from '../../src/report/warmup.js';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** A time series of `bucket`-second buckets whose mean wait is `wait(t)`, 10 requests started in each. */
function series(span: number, bucket: number, wait: (t: number) => number | null): TimeseriesRow[] {
  const rows: TimeseriesRow[] = [];
  for (let t = 0; t < span; t += bucket) {
    const w = wait(t);
    rows.push({
      t, arrivals: { login: 0, due: 0, email: 0, manual: 0, api: 0, warmup: 0 }, completions: 0, failures: 0, deferrals: 0,
      queueMean: 0, queueMax: 0, busyMean: 0, workers: 1, started: w === null ? 0 : 10, waitMean: w, waitP95: w, waitCumMean: null, activeAccounts: 0,
    });
  }
  return rows;
}

/** A wait that follows the working day: 2 s at night, up to 62 s at 14:00. */
const daily = (t: number) => 2 + 60 * Math.max(0, Math.sin((((t % DAY) / HOUR - 8) / 12) * Math.PI));

describe('MSER truncation', () => {
  it('minimises the squared standard error of what is kept (hand-computed)', () => {
    // d=0: mean 2, squares 9+1+1+1 = 12, /4² = 0.75; d=1: mean 1, squares 0 -> 0; d=2: 0 but d=1 is first
    expect(mserTruncation([5, 1, 1, 1])).toBe(1);
    // d=0: mean 1.5, squares 4 * 0.25 = 1, /16 = 0.0625; d=1: mean 5/3, squares 6/9, /9 = 0.074; d=2: 0.5/4 = 0.125
    expect(mserTruncation([1, 2, 1, 2])).toBe(0);
    expect(mserTruncation([3, 3, 3, 3, 3, 3])).toBe(0);
  });

  it('cuts an initial transient and keeps a stationary series whole', () => {
    const transient = Array.from({ length: 40 }, (_, j) => (j < 8 ? 50 - 5 * j : 10 + (j % 2)));
    expect(mserTruncation(transient)).toBe(8);
    const flat = Array.from({ length: 40 }, (_, j) => 10 + (j % 3));
    expect(mserTruncation(flat)).toBe(0);
  });

  it('batches five buckets, weighted by the requests started, and skips empty batches', () => {
    const rows = series(15 * 60, 60, (t) => (t < 300 ? 10 : t < 600 ? null : 20));
    rows[1].started = 30; // bucket 1 weighs three times as much
    rows[1].waitMean = 2;
    const b = mserBatches(rows);
    expect(b.map((x) => x.t)).toEqual([0, 600]);
    expect(b[0].mean).toBeCloseTo((4 * 10 * 10 + 30 * 2) / 70, 9);
    expect(b[1].mean).toBe(20);
    expect(MSER_BATCH).toBe(5);
  });
});

describe('the warm-up verdict', () => {
  it('passes a two-day daily cycle with no start-up bias, although the cumulative mean climbs all day', () => {
    const v = warmupVerdict(series(2 * DAY, 300, daily), HOUR, 2 * DAY);
    expect(v.method).toBe('same-hour');
    expect(v.status).toBe('ok');
    expect(v.text).toMatch(/^Warm-up long enough: the first day after the warm-up waited .* the same hours of the second day/);
  });

  it('asks for a longer warm-up when the first day differs from the second at the same hours', () => {
    const v = warmupVerdict(series(3 * DAY, 300, (t) => (t < DAY ? 0.5 : 1) * daily(t)), HOUR, 3 * DAY);
    expect(v.status).toBe('lengthen');
    expect(v.text).toContain('more than 10 % apart');
    expect(v.headline).toMatch(/differs from the second by (4\d|5\d) %/);
  });

  it('judges a short run by MSER-5: a transient past the warm-up asks for a longer one, naming where it ends', () => {
    // 5-minute buckets (25-minute batches), 10 hours; the wait decays until 2 h, then holds at 10 s: the
    // first batch wholly past it starts at 2 h 05 m
    const rows = series(10 * HOUR, 300, (t) => (t < 2 * HOUR ? 60 - (50 * t) / (2 * HOUR) : 10 + ((t / 300) % 2)));
    const long = warmupVerdict(rows, 30 * 60, 10 * HOUR);
    expect(long).toMatchObject({ method: 'mser-5', status: 'lengthen' });
    expect(long.truncateAt).toBeGreaterThanOrEqual(HOUR + 1500);
    expect(long.truncateAt).toBeLessThanOrEqual(2 * HOUR + 300);
    expect(long.headline).toContain('Lengthen the warm-up to at least');
    const enough = warmupVerdict(rows, 3 * HOUR, 10 * HOUR);
    expect(enough.status).toBe('ok');
    expect(enough.text).toContain('within the warm-up (3h)');
  });

  it('refuses to judge what it cannot', () => {
    expect(warmupVerdict(series(HOUR, 300, () => 5), 0, HOUR)).toMatchObject({ status: 'undecided', method: 'mser-5' });
    // a ramp that never settles: MSER would cut half the run
    const ramp = warmupVerdict(series(20 * HOUR, 300, (t) => t / 60), 0, 20 * HOUR);
    expect(ramp.status).toBe('undecided');
    expect(ramp.text).toContain('never settles');
    expect(warmupVerdict(series(2 * DAY, 300, () => null), HOUR, 2 * DAY)).toMatchObject({ status: 'undecided', method: 'same-hour' });
  });
});
