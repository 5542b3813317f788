// Analytic queueing results and a confidence interval, for validating the simulator.

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu. */
export function erlangC(c: number, a: number): number {
  let term = 1, sum = 1; // k = 0
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = (term * a) / c / (1 - a / c); // a^c / c! / (1 - rho)
  return top / (sum + top);
}

/** Mean wait in queue of M/M/c. */
export function mmcWq(lambda: number, mu: number, c: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** Pollaczek-Khinchine: mean wait in queue of M/G/1 with service mean m and second moment m2. */
export function mg1Wq(lambda: number, m: number, m2: number): number {
  const rho = lambda * m;
  return (lambda * m2) / (2 * (1 - rho));
}

// two-sided 97.5% quantiles of Student's t for small degrees of freedom
const T975 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086];

/** Mean and 95% confidence half-width (Student t) of replication values. */
export function ci95(xs: number[]): { mean: number; half: number; lo: number; hi: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (T975[n - 1] ?? 1.96) * (sd / Math.sqrt(n));
  return { mean, half, lo: mean - half, hi: mean + half };
}
