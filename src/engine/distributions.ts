// Samplers for the distributions scenario files name (seconds in, seconds out).
import { exponential, normal, type Rng } from './random.js';

export type DistSpec =
  | { type: 'constant'; value: number }
  | { type: 'exponential'; mean: number }
  | { type: 'lognormal'; mean: number; sd: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'empirical'; values: number[] }
  /** replay (backtest --replay): the values in the order given, then again from the first */
  | { type: 'sequence'; values: number[] };

export type Sampler = (rng: Rng) => number;

/** A sampler for the distribution, with every draw multiplied by `scale`. */
export function compileDist(d: DistSpec, scale = 1): Sampler {
  switch (d.type) {
    case 'constant': {
      const v = d.value * scale;
      return () => v;
    }
    case 'exponential': {
      const mean = d.mean * scale;
      return (rng) => exponential(rng, mean);
    }
    case 'lognormal': {
      // parameters of the underlying normal from the mean and standard deviation of the lognormal
      const sigma2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const mu = Math.log(d.mean * scale) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return (rng) => Math.exp(mu + sigma * normal(rng));
    }
    case 'uniform': {
      const lo = d.min * scale, span = (d.max - d.min) * scale;
      return (rng) => lo + span * rng.next();
    }
    case 'empirical': {
      const vs = d.values.map((v) => v * scale);
      return (rng) => vs[Math.floor(rng.next() * vs.length)];
    }
    case 'sequence': {
      const vs = d.values.map((v) => v * scale);
      let i = 0;
      return () => vs[i++ % vs.length];
    }
    default: {
      const never: never = d;
      throw new Error(`unknown distribution ${JSON.stringify(never)}`);
    }
  }
}
