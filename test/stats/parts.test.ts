// A group's distributions (stats/parts.ts): a request never held by a limit has its wait counted once,
// and reading the group gives what counting every value in all three distributions gave.
import { describe, expect, it } from 'vitest';
import { DistCollector, Parts, addStart, addStartEach } from '../../src/stats/parts.js';
import { ByteArena, bucketOf } from '../../src/stats/histogram.js';

/** A start's values: plain (deferred 0, queue = wait) or held (deferred > 0; or deferred 0 with queue != wait). */
function starts(seed: number, n: number, heldShare: number): [number, number, number][] {
  let x = seed;
  const u = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const queue = u() < 0.1 ? 0 : -Math.log(1 - u()) * 30;
    if (u() < heldShare) {
      const deferred = u() < 0.2 ? 0 : -Math.log(1 - u()) * 600;
      // held and released at the very instant: deferred 0, but the queue time was summed in two pieces
      const wait = deferred === 0 ? queue + 1e-9 : queue + deferred;
      out.push([wait, queue, deferred]);
    } else out.push([queue, queue, 0]);
  }
  return out;
}

describe('Parts', () => {
  it.each([
    ['no request held', 0],
    ['some held', 0.2],
    ['every request held', 1],
  ])('a never-held request is counted once, and reads back as in all three distributions: %s', (_name, share) => {
    const values = starts(7 + share * 10, 5_000, share);
    const arena = new ByteArena();
    const parts = new Parts(arena);
    const ref = { wait: new DistCollector(), queue: new DistCollector(), deferred: new DistCollector() };
    const v = new Float64Array(3);
    for (const [w, q, d] of values) {
      v[0] = w; v[1] = q; v[2] = d;
      addStart(parts, v, bucketOf(w));
      ref.wait.add(w); ref.queue.add(q); ref.deferred.add(d);
    }
    const plain = values.filter(([w, q, d]) => d === 0 && q === w).length;
    expect(parts.plain.count).toBe(plain);
    expect(parts.wait.count).toBe(values.length - plain); // the held ones' histogram only
    const got = parts.toParts();
    expect(got.count).toBe(values.length);
    expect(got.wait).toEqual(ref.wait.toDist());
    expect(got.queue).toEqual(ref.queue.toDist());
    expect(got.deferred).toEqual(ref.deferred.toDist());
    // the per-account batches count every start in all three (addStartEach): read back the same
    const each = new Parts(arena);
    for (const [w, q, d] of values) {
      v[0] = w; v[1] = q; v[2] = d;
      addStartEach(each, v, bucketOf(w));
    }
    expect(each.plain.count).toBe(0);
    expect(each.toParts()).toEqual({ ...got, response: each.response.toDist(), total: each.total.toDist() });
    // merged groups too (overall, by trigger, by connector are merges of cells)
    const merged = new Parts();
    merged.merge(parts);
    merged.merge(parts);
    const twice = { wait: new DistCollector(), queue: new DistCollector(), deferred: new DistCollector() };
    for (const k of ['wait', 'queue', 'deferred'] as const) {
      twice[k].merge(ref[k]);
      twice[k].merge(ref[k]);
    }
    expect(merged.toParts().wait).toEqual(twice.wait.toDist());
    expect(merged.toParts().queue).toEqual(twice.queue.toDist());
    expect(merged.toParts().deferred).toEqual(twice.deferred.toDist());
  });
});
