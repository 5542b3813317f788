// The streaming histogram behind every percentile: relative error under 1%, bounded memory, and the
// same answers as the reference DDSketch (@datadog/sketches-js) within their combined error.
import { DDSketch } from '@datadog/sketches-js';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ByteArena, LogHistogram, bucketOf, bucketValue } from '../../src/stats/histogram.js';

/** The reference: nearest rank on the sorted values, rank ceil(q * n) counting from 1 (Hyndman & Fan type 1). */
function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length - 1e-9)) - 1];
}

/** Within a bucket's 1/128 of the exact value. */
const near = (got: number, exact: number) => Math.abs(got - exact) / exact <= 1 / 128;

describe('LogHistogram', () => {
  const rng = seedrandom.alea('hist');
  const values = Array.from({ length: 200_000 }, () => Math.exp(3 * (rng() + rng() + rng() - 1.5)) * (rng() < 0.2 ? 0 : 1));
  const sorted = [...values].sort((a, b) => a - b);
  const h = new LogHistogram();
  for (const v of values) h.add(v);

  it('percentiles are within 1% of the exact values', () => {
    for (const q of [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999]) {
      const exact = exactQuantile(sorted, q);
      const got = h.quantile(q);
      if (exact === 0) expect(got).toBe(0);
      else expect(Math.abs(got - exact) / exact, `q=${q}`).toBeLessThanOrEqual(0.01);
    }
  });

  it('uses the nearest-rank definition: the smallest value with at least q of all values at or below it', () => {
    const two = new LogHistogram();
    two.add(600);
    two.add(1200);
    // within a bucket's 1/128 of the exact answer
    expect(near(two.quantile(0.5), 600)).toBe(true);
    expect(near(two.quantile(0.95), 1200)).toBe(true);
    const hundred = new LogHistogram();
    for (let v = 1; v <= 100; v++) hundred.add(v);
    for (const [q, exact] of [[0.5, 50], [0.9, 90], [0.95, 95], [0.99, 99], [1, 100], [0.001, 1]] as const) {
      expect(Math.abs(hundred.quantile(q) - exact) / exact, `q=${q}`).toBeLessThanOrEqual(1 / 128);
    }
    // twenty values: 0.95 * 20 is 19 in exact arithmetic, so p95 is the 19th, not the 20th
    const twenty = new LogHistogram();
    for (let v = 1; v <= 20; v++) twenty.add(v * 10);
    expect(near(twenty.quantile(0.95), 190)).toBe(true);
    // zeros count: 3 zeros of 4 values
    const zeros = new LogHistogram();
    [0, 0, 0, 7].forEach((v) => zeros.add(v));
    expect(zeros.quantile(0.75)).toBe(0);
    expect(near(zeros.quantile(0.76), 7)).toBe(true);
  });

  it('agrees with DDSketch (1% relative accuracy) within their combined error', () => {
    const dd = new DDSketch({ relativeAccuracy: 0.01 });
    for (const v of values) dd.accept(v);
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const a = h.quantile(q), b = dd.getValueAtQuantile(q);
      expect(Math.abs(a - b) / b, `q=${q}`).toBeLessThanOrEqual(0.02);
    }
  });

  it('memory is bounded by the range of values, not their number', () => {
    const small = new LogHistogram();
    for (let i = 0; i < 1000; i++) small.add(1 + (i % 100));
    const buckets = [...small.buckets()].length;
    for (let i = 0; i < 1_000_000; i++) small.add(1 + (i % 100));
    expect([...small.buckets()].length).toBe(buckets);
    expect(buckets).toBeLessThanOrEqual(64 * 7 + 1); // 64 buckets per power of two, 1..100 spans < 7 octaves
  });

  it('a bucket midpoint is within 1/128 of every value in the bucket', () => {
    for (const v of [1e-6, 0.0013, 0.5, 1, 1.999, 3.7, 59.99, 3600, 86400 * 30]) {
      expect(Math.abs(bucketValue(bucketOf(v)) - v) / v).toBeLessThanOrEqual(1 / 128);
    }
    expect(bucketOf(0)).toBe(-1);
    expect(bucketOf(5e-7)).toBe(-1);
  });

  it('clear and merge keep counts exact', () => {
    const a = new LogHistogram(), b = new LogHistogram(), all = new LogHistogram();
    values.slice(0, 1000).forEach((v) => (a.add(v), all.add(v)));
    values.slice(1000, 3000).forEach((v) => (b.add(v), all.add(v)));
    a.merge(b);
    expect(a.count).toBe(all.count);
    expect(a.zeros).toBe(all.zeros);
    for (const q of [0.1, 0.5, 0.9]) expect(a.quantile(q)).toBe(all.quantile(q));
    a.clear();
    expect(a.count).toBe(0);
    expect(Number.isNaN(a.quantile(0.5))).toBe(true);
    a.add(2);
    expect(a.quantile(0.5)).toBeCloseTo(2, 1);
  });

  it('counts past 255 in a bucket stay exact (byte counts carry), through add, merge, grow and clear', () => {
    const a = new LogHistogram(), b = new LogHistogram();
    for (let i = 0; i < 70_000; i++) a.add(1); // 70,000 = 273 * 256 + 112
    for (let i = 0; i < 300; i++) b.add(1);
    for (let i = 0; i < 255; i++) b.add(2);
    b.add(1e6); // far away: the arrays grow with carries in them
    a.merge(b);
    expect([...a.buckets()]).toEqual([
      [bucketOf(1), 70_300],
      [bucketOf(2), 255],
      [bucketOf(1e6), 1],
    ]);
    expect(a.quantile(0.5)).toBe(bucketValue(bucketOf(1)));
    expect(a.quantile(0.997)).toBe(bucketValue(bucketOf(2)));
    a.clear();
    a.add(1);
    expect([...a.buckets()]).toEqual([[bucketOf(1), 1]]);
  });

  it('histograms sharing a small arena (ranges reused as they grow, one past a slab) count as their own arrays do', () => {
    const arena = new ByteArena(256); // 256-byte slabs: growth to 512 and 1,024 buckets leaves them
    const shared = [0, 1, 2].map(() => new LogHistogram(arena));
    const own = [0, 1, 2].map(() => new LogHistogram());
    values.slice(0, 30_000).forEach((v, i) => {
      shared[i % 3].add(v * (1 + (i % 3) * 1000));
      own[i % 3].add(v * (1 + (i % 3) * 1000));
    });
    for (let k = 0; k < 3; k++) {
      expect([...shared[k].buckets()]).toEqual([...own[k].buckets()]);
      expect(shared[k].count).toBe(own[k].count);
      for (const q of [0.01, 0.5, 0.99]) expect(shared[k].quantile(q)).toBe(own[k].quantile(q));
    }
    const late = new LogHistogram(arena); // takes a range another histogram gave back: it starts empty
    late.add(7);
    expect([...late.buckets()]).toEqual([[bucketOf(7), 1]]);
  });

  it('an arena reserve hands out its ranges from one slab allocated at once, then slabs as before', () => {
    const arena = new ByteArena(1024);
    arena.reserve(512); // not above a slab: ignored
    arena.take(512);
    const first = arena.slab;
    expect(first.length).toBe(1024);
    arena.reserve(4096);
    const ranges: [Uint8Array, number][] = [];
    for (let i = 0; i < 8; i++) {
      arena.take(512);
      ranges.push([arena.slab, arena.off]);
    }
    expect(ranges.slice(0, 8).every(([slab]) => slab === ranges[0][0] && slab.length === 4096)).toBe(true);
    expect(ranges.map(([, off]) => off)).toEqual([0, 512, 1024, 1536, 2048, 2560, 3072, 3584]);
    arena.take(512); // the reserve is used up: a new slab of the usual size
    expect(arena.slab.length).toBe(1024);
    expect(arena.slab).not.toBe(ranges[0][0]);
  });

  it('quantiles finds each quantile in one pass, as quantile does one by one', () => {
    const qs = [0, 0.1, 0.5, 0.9, 0.95, 0.99, 1];
    const out = new Float64Array(qs.length);
    h.quantiles(qs, out);
    expect([...out]).toEqual(qs.map((q) => h.quantile(q)));
  });
});
