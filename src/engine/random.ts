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
  const prng = seedrandom.alea(`${seed}/${name}`);
  // alea's generator reads its state from a closure, not `this`, so it can be the method itself
  return { next: prng };
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
