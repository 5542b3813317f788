// Per-account statistics filled in batches (stats/account-batch.ts) give the very numbers of adding each
// value at once: each account's values in the order they came, every count, sum and maximum the same.
import { describe, expect, it } from 'vitest';
import { AccountBatch, END, START } from '../../src/stats/account-batch.js';
import { simulate } from '../../src/run/simulation.js';
import { randomModel } from '../helpers/random-model.js';

describe('AccountBatch', () => {
  it('adds entries account by account, each account\'s in arrival order, flushing when full and when asked', () => {
    const seen: [number, number, number][] = [];
    const batch = new AccountBatch(4, 5, (a, kind, vals, at) => seen.push([a, kind, vals[at]]));
    const input: [number, number][] = [[2, START], [0, START], [2, END], [1, START], [0, END], [3, START], [2, START]];
    input.forEach(([a, kind], i) => {
      const at = batch.push(a, kind);
      batch.vals[at] = i; // the entry's arrival number as its first value
    });
    // the first five were added when the sixth arrived: by account, stable within one
    expect(seen).toEqual([[0, START, 1], [0, END, 4], [1, START, 3], [2, START, 0], [2, END, 2]]);
    batch.flush();
    expect(seen.slice(5)).toEqual([[2, START, 6], [3, START, 5]]);
    batch.flush(); // nothing held: nothing added twice
    expect(seen).toHaveLength(7);
  });
});

describe('per-account statistics in batches', () => {
  // random models with limits, failures, retries, warm-up and requests pending at the end
  it.each([1, 2, 3])('summary of random model %i: batched and direct are the same', (seed) => {
    const model = randomModel(seed);
    const direct = simulate(model, { accountBatchFrom: Infinity }).summary;
    const batched = simulate(model, { accountBatchFrom: 1 }).summary;
    expect(Object.keys(batched.byAccount).length).toBeGreaterThan(1);
    expect(JSON.stringify(batched)).toBe(JSON.stringify(direct));
  });
});
