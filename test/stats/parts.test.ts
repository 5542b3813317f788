// A group's five distributions: plain starts (queue time = wait, no deferral) skip the queue and deferred
// histograms, and reading them must give exactly what adding every value to each would have.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ByteArena, LogHistogram, bucketOf } from '../../src/stats/histogram.js';
import { DistCollector, Parts, addEnd, addStart } from '../../src/stats/parts.js';

type Start = [wait: number, queue: number, deferred: number];

/** Starts of which about `deferredShare` were deferred (queue + deferred = wait, in two stretches). */
function starts(seed: string, n: number, deferredShare: number): Start[] {
  const rng = seedrandom.alea(seed);
  return Array.from({ length: n }, () => {
    const wait = rng() < 0.3 ? 0 : Math.exp(6 * rng() - 2);
    if (rng() >= deferredShare) return [wait, wait, 0];
    const deferred = wait * rng();
    return [wait, wait - deferred, deferred];
  });
}

function add(g: Parts, s: Start): void {
  const v = Float64Array.from(s);
  addStart(g, v, bucketOf(s[0]), bucketOf(s[1]), bucketOf(s[2]));
}

/** The reference: each value added to its own collector. */
function direct(all: Start[], part: 0 | 1 | 2): DistCollector {
  const d = new DistCollector();
  for (const s of all) d.add(s[part]);
  return d;
}

const same = (got: DistCollector, want: DistCollector) => {
  expect(got.toDist()).toEqual(want.toDist());
  expect(got.count).toBe(want.count);
  expect(got.zeros).toBe(want.zeros);
  expect(got.sum).toBe(want.sum);
  expect(got.max).toBe(want.max);
  expect([...got.buckets()]).toEqual([...want.buckets()]);
};

describe('Parts', () => {
  for (const share of [0, 0.1, 0.9, 1]) {
    it(`queue and deferred read as if every value were added (${share * 100} % deferred)`, () => {
      const all = starts(`parts/${share}`, 20_000, share);
      const g = new Parts(new ByteArena());
      for (const s of all) add(g, s);
      expect(g.plain).toBe(all.filter((s) => s[2] === 0 && s[1] === s[0]).length);
      same(g.wait, direct(all, 0));
      same(g.queue, direct(all, 1));
      same(g.deferred, direct(all, 2));
      expect(g.toParts().queue).toEqual(direct(all, 1).toDist());
    });
  }

  it('merged groups read as the union of their values, in merge order', () => {
    const a = starts('parts/a', 5_000, 0.2), b = starts('parts/b', 5_000, 0), c = starts('parts/c', 5_000, 1);
    const groups = [a, b, c].map((list) => {
      const g = new Parts();
      for (const s of list) add(g, s);
      return g;
    });
    const merged = new Parts();
    for (const g of groups) merged.merge(g);
    // the reference merges per-group collectors the same way (sums added group by group)
    for (const part of [0, 1, 2] as const) {
      const want = new DistCollector();
      for (const list of [a, b, c]) want.merge(direct(list, part));
      same([merged.wait, merged.queue, merged.deferred][part], want);
    }
  });

  it('a start whose queue time differs from its wait in the last bit is not plain', () => {
    const g = new Parts();
    const wait = 0.1 + 0.2; // 0.30000000000000004
    add(g, [wait, 0.3, 0]);
    expect(g.plain).toBe(0);
    expect(g.queue.max).toBe(0.3);
    expect(g.wait.max).toBe(wait);
  });

  it('ends count in response and total', () => {
    const g = new Parts();
    const v = Float64Array.from([2, 5]);
    addEnd(g, v, bucketOf(2), bucketOf(5));
    expect(g.response.toDist().max).toBe(2);
    expect(g.total.toDist().max).toBe(5);
  });
});

describe('LogHistogram.subtract', () => {
  it('takes away exactly the counts of a histogram whose values were added', () => {
    const rng = seedrandom.alea('subtract');
    const all = new LogHistogram(), part = new LogHistogram(), rest = new LogHistogram();
    for (let i = 0; i < 50_000; i++) {
      const v = rng() < 0.1 ? 0 : Math.exp(8 * rng() - 3);
      all.add(v);
      (rng() < 0.3 ? part : rest).add(v);
    }
    all.subtract(part);
    expect(all.count).toBe(rest.count);
    expect(all.zeros).toBe(rest.zeros);
    expect([...all.buckets()]).toEqual([...rest.buckets()]);
  });

  it('refuses to take away values that are not there', () => {
    const a = new LogHistogram(), b = new LogHistogram();
    a.add(1);
    b.add(1000);
    expect(() => a.subtract(b)).toThrow(RangeError);
  });
});
