// Seeded, named random streams: each part of the model draws from its own stream.
//
// A stream is derived from the scenario seed and a name ("latency/ga", "arrivals/0", ...), so changing
// one part of a scenario (say the number of workers) never shifts the numbers drawn by another. That is
// what makes two configurations comparable with common random numbers.
import seedrandom from 'seedrandom';

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
}

export function stream(seed: number, name: string): Rng {
  // alea: fast, 32-bit state, good statistical quality; seeded by string so names never collide.
  return new Alea(`${seed}/${name}`);
}

/**
 * seedrandom's Alea: seeded by seedrandom, then stepped here with the same arithmetic, so the same numbers
 * (test/engine/engine.test.ts holds them to seedrandom's, bit for bit). A class rather than seedrandom's
 * generator, a closure per stream: every stream of every run is then one call target, so the places that
 * draw keep it inlined when a second stream or a second run comes along (with closures, the second run
 * in a process de-optimised the arrivals' draws, "wrong call target").
 */
class Alea implements Rng {
  /** s0, s1, s2, c */
  readonly #s = new Float64Array(4);

  constructor(seedText: string) {
    const { s0, s1, s2, c } = seedrandom.alea(seedText, { state: true }).state() as { s0: number; s1: number; s2: number; c: number };
    this.#s.set([s0, s1, s2, c]);
  }

  next(): number {
    const s = this.#s;
    const t = 2091639 * s[0] + s[3] * 2.3283064365386963e-10; // 2^-32
    s[0] = s[1];
    s[1] = s[2];
    s[3] = t | 0;
    return (s[2] = t - s[3]);
  }
}

export function exponential(rng: Rng, mean: number): number {
  // 1 - u is in (0, 1]: never log(0)
  return -mean * Math.log(1 - rng.next());
}

export function normal(rng: Rng): number {
  // Box-Muller, one of the pair; deterministic and allocation-free
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function pick(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}
