// WindowRings: every key's sliding window in one shared array, against a plain array per key.
import { describe, expect, it } from 'vitest';
import { WindowRings } from '../../src/refresh/windows.js';
import { stream } from '../../src/engine/index.js';

describe('WindowRings', () => {
  it('keeps each key\'s calls oldest first through growth, moves and reuse of runs', () => {
    const keys = 50;
    const rings = new WindowRings(new Float64Array(keys * 6), 6, 2); // its four numbers at 2..5 of a six-number record
    const ref: [number, number][][] = Array.from({ length: keys }, () => []);
    const rng = stream(3, 'windows-test');
    for (let step = 0; step < 40_000; step++) {
      const k = Math.floor(rng.next() * keys);
      // bursts on a few keys make their rings grow past several sizes; drops let others shrink to nothing
      if (rng.next() < (k < 5 ? 0.8 : 0.55)) {
        const t = step, c = 1 + Math.floor(rng.next() * 3);
        rings.push(k, t, c);
        ref[k].push([t, c]);
      } else if (ref[k].length > 0) {
        expect(rings.time(k, 0)).toBe(ref[k][0][0]);
        rings.dropOldest(k);
        ref[k].shift();
      }
      if (step % 997 === 0) {
        for (let j = 0; j < keys; j++) {
          expect(rings.size(j)).toBe(ref[j].length);
          for (let i = 0; i < ref[j].length; i++) {
            expect(rings.time(j, i)).toBe(ref[j][i][0]);
            expect(rings.cost(j, i)).toBe(ref[j][i][1]);
          }
        }
      }
    }
    expect(Math.max(...ref.map((r) => r.length))).toBeGreaterThan(64); // some ring did grow
  });
});
