// KeyedBatch: the garbage-free sort of a batch of sources by (key, source), against the built-in sort.
import { describe, expect, it } from 'vitest';
import { KeyedBatch } from '../../src/refresh/sort.js';
import { stream } from '../../src/engine/index.js';

function reference(pairs: [number, number][]): number[] {
  return [...pairs].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map((p) => p[0]);
}

describe('KeyedBatch', () => {
  it('sorts by key, then by source, for short (insertion) and long (heap) batches, with ties and infinities', () => {
    const rng = stream(7, 'sort-test');
    for (const n of [0, 1, 2, 5, 63, 64, 65, 200, 1000]) {
      const batch = new KeyedBatch();
      const pairs: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const id = Math.floor(rng.next() * 1000);
        const r = rng.next();
        const key = r < 0.05 ? -Infinity : r < 0.3 ? Math.floor(rng.next() * 5) : rng.next() * 1e6;
        pairs.push([id, key]);
        batch.push(id, key);
      }
      batch.sort();
      expect(Array.from(batch.ids.subarray(0, batch.length)), `n = ${n}`).toEqual(reference(pairs));
    }
  });

  it('is reused: clear() empties it and it grows past its first capacity', () => {
    const batch = new KeyedBatch();
    for (let i = 0; i < 100; i++) batch.push(100 - i, 0);
    batch.sort();
    expect(batch.ids[0]).toBe(1);
    batch.clear();
    batch.push(3, 2); batch.push(4, 1);
    batch.sort();
    expect(Array.from(batch.ids.subarray(0, batch.length))).toEqual([4, 3]);
  });
});
