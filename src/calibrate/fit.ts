// Fitting response-time and session-length distributions: lognormal and exponential by maximum
// likelihood, an empirical alternative, and the Kolmogorov-Smirnov distance of each to the data.

/** z for a two-sided 95% interval */
const Z95 = 1.959963984540054;

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, error under 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

export interface LognormalFit {
  /** mean and sd of ln x (MLE), with 95% intervals */
  mu: number;
  sigma: number;
  muCi: [number, number];
  sigmaCi: [number, number];
  /** the distribution's mean and sd in seconds (what the scenario file takes) */
  mean: number;
  sd: number;
  n: number;
}

/** Maximum-likelihood lognormal of positive values (zeros and negatives must be filtered first). */
export function fitLognormal(xs: readonly number[]): LognormalFit {
  const n = xs.length;
  if (n < 2) throw new RangeError(`fitLognormal: needs at least 2 values (got ${n})`);
  let s = 0;
  for (const x of xs) s += Math.log(x);
  const mu = s / n;
  let ss = 0;
  for (const x of xs) ss += (Math.log(x) - mu) ** 2;
  const sigma = Math.sqrt(ss / n);
  // asymptotic intervals: se(mu) = sigma/sqrt(n), se(sigma) = sigma/sqrt(2n)
  const seMu = sigma / Math.sqrt(n);
  const seSigma = sigma / Math.sqrt(2 * n);
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  return {
    mu,
    sigma,
    muCi: [mu - Z95 * seMu, mu + Z95 * seMu],
    sigmaCi: [Math.max(0, sigma - Z95 * seSigma), sigma + Z95 * seSigma],
    mean,
    sd: mean * Math.sqrt(Math.expm1(sigma * sigma)),
    n,
  };
}

export function lognormalCdf(mu: number, sigma: number): (x: number) => number {
  return (x) => (x <= 0 ? 0 : sigma === 0 ? (Math.log(x) >= mu ? 1 : 0) : normalCdf((Math.log(x) - mu) / sigma));
}

/** The (mu, sigma) of a lognormal with this mean and sd (the scenario file's parameters). */
export function lognormalParams(mean: number, sd: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

export interface ExponentialFit {
  mean: number;
  meanCi: [number, number];
  n: number;
}

/** Maximum-likelihood exponential (the mean), with its asymptotic 95% interval. */
export function fitExponential(xs: readonly number[]): ExponentialFit {
  const n = xs.length;
  if (n < 1) throw new RangeError('fitExponential: needs at least one value');
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  const h = (Z95 * mean) / Math.sqrt(n);
  return { mean, meanCi: [mean - h, mean + h], n };
}

export const exponentialCdf = (mean: number) => (x: number) => (x <= 0 ? 0 : -Math.expm1(-x / mean));

/** One-sample KS distance sup |F_n(x) - F(x)| of sorted data against a continuous CDF. */
export function ksOneSample(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** Two-sample KS distance sup |F_a(x) - F_b(x)| of two sorted samples (ties handled). */
export function ksTwoSample(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i], b[j]);
    while (i < n && a[i] <= x) i++;
    while (j < m && b[j] <= x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/** Critical KS distance at level alpha (asymptotic): one sample of n, or two samples of n and m. */
export function ksCritical(alpha: number, n: number, m?: number): number {
  const c = Math.sqrt(-Math.log(alpha / 2) / 2);
  return m === undefined ? c / Math.sqrt(n) : c * Math.sqrt((n + m) / (n * m));
}

/** The q-quantile of sorted data (linear between order statistics). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** An empirical distribution of k values: the data's quantiles at (i + 0.5) / k, rounded to the millisecond. */
function empiricalValues(sorted: readonly number[], k = 100): number[] {
  const m = Math.min(k, sorted.length);
  return Array.from({ length: m }, (_, i) => Math.round(quantile(sorted, (i + 0.5) / m) * 1000) / 1000);
}

export type LatencyChoice = 'lognormal' | 'exponential' | 'empirical';

export interface LatencyFit {
  n: number;
  lognormal: LognormalFit & { ks: number };
  exponential: ExponentialFit & { ks: number };
  empirical: { values: number[]; ks: number };
  /** the KS distance a correct parametric model would stay under with 95% probability */
  critical: number;
  chosen: LatencyChoice;
  /** why, in a sentence */
  reason: string;
}

/**
 * Fits a response-time sample. The parametric fit with the smaller KS distance is chosen unless the
 * KS test rejects it at 5% (its distance above the critical value), then the empirical one: a
 * parametric model that fits extrapolates its tail sensibly, an empirical one only replays what was seen.
 */
export function fitLatency(xs: readonly number[]): LatencyFit {
  const sorted = xs.filter((x) => x > 0).sort((a, b) => a - b);
  const n = sorted.length;
  const ln = fitLognormal(sorted);
  const ex = fitExponential(sorted);
  const lnKs = ksOneSample(sorted, lognormalCdf(ln.mu, ln.sigma));
  const exKs = ksOneSample(sorted, exponentialCdf(ex.mean));
  const values = empiricalValues(sorted);
  const empKs = ksTwoSample(sorted, [...values].sort((a, b) => a - b));
  const critical = ksCritical(0.05, n);
  const best: LatencyChoice = lnKs <= exKs ? 'lognormal' : 'exponential';
  const bestKs = Math.min(lnKs, exKs);
  const chosen: LatencyChoice = bestKs <= critical ? best : 'empirical';
  const reason =
    chosen === 'empirical'
      ? `both parametric fits are rejected by the KS test at 5% (best D=${bestKs.toFixed(3)} > ${critical.toFixed(3)}): the empirical distribution`
      : `${best} has the smaller KS distance and passes the KS test at 5% (D=${bestKs.toFixed(3)} <= ${critical.toFixed(3)})`;
  return { n, lognormal: { ...ln, ks: lnKs }, exponential: { ...ex, ks: exKs }, empirical: { values, ks: empKs }, critical, chosen, reason };
}

/** Wilson 95% interval of a proportion k/n. */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Approximate 95% interval of a Poisson count k (normal with a continuity floor at 0). */
export function poissonCi(k: number): [number, number] {
  const h = Z95 * Math.sqrt(Math.max(k, 1));
  return [Math.max(0, k - h), k + h];
}
