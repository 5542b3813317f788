// Observed against simulated waits: quantiles with intervals over replications, KS distance, Q-Q
// points, p95 by hour of day, and the verdict with its tolerance.
import { confidenceInterval } from '../experiment/index.js';
import { ksCritical, ksTwoSample, quantile } from '../calibrate/index.js';

export const QUANTILES = [
  ['p50', 0.5],
  ['p90', 0.9],
  ['p95', 0.95],
  ['p99', 0.99],
] as const;

/** Waits (and totals) of one set of requests, with the hour of day (UTC) each was enqueued in. */
export interface Sample {
  wait: number[];
  total: number[];
  hour: number[];
}

export interface QuantileRow {
  metric: 'wait' | 'total';
  stat: string;
  observed: number;
  /** mean over replications, with its interval */
  simulated: number;
  ci: [number, number];
  /** what the observed value may be and still pass: the interval widened by the tolerance */
  band: [number, number];
  pass: boolean;
}

export interface Tolerance {
  /** relative widening of the simulated interval, e.g. 0.25 */
  relative: number;
  /** absolute widening in seconds (so waits near zero are not judged to the millisecond) */
  absolute: number;
  /** the largest KS distance of the wait distributions that passes */
  maxKs: number;
}

export interface Comparison {
  observedRequests: number;
  simulatedRequests: { mean: number; ci: [number, number] };
  quantiles: QuantileRow[];
  ks: { wait: number; total: number; perReplication: number[]; critical05: number };
  qq: { q: number; observed: number; simulated: number }[];
  hours: { hour: number; observedN: number; observed: number | null; simulatedN: number; simulated: number | null }[];
  pass: boolean;
  reasons: string[];
}

const sorted = (xs: readonly number[]) => Float64Array.from(xs).sort();

function ci(values: number[], confidence: number): { mean: number; ci: [number, number] } {
  if (values.length < 2) return { mean: values[0] ?? NaN, ci: [values[0] ?? NaN, values[0] ?? NaN] };
  const c = confidenceInterval(values, confidence);
  return { mean: c.mean, ci: c.ci as [number, number] };
}

function hourly(observed: Sample, pooled: Sample) {
  const by = (s: Sample) => {
    const hs: number[][] = Array.from({ length: 24 }, () => []);
    s.wait.forEach((w, i) => hs[s.hour[i]].push(w));
    return hs.map((h) => sorted(h));
  };
  const o = by(observed);
  const p = by(pooled);
  return o.map((ow, hour) => ({
    hour,
    observedN: ow.length,
    observed: ow.length ? quantile(ow as unknown as number[], 0.95) : null,
    simulatedN: p[hour].length,
    simulated: p[hour].length ? quantile(p[hour] as unknown as number[], 0.95) : null,
  }));
}

/** Compares the observed sample with the replications' samples (in replication order). */
export function compareWaits(observed: Sample, reps: Sample[], tol: Tolerance, confidence = 0.95): Comparison {
  const obs = { wait: sorted(observed.wait), total: sorted(observed.total) };
  const repSorted = reps.map((r) => ({ wait: sorted(r.wait), total: sorted(r.total) }));
  const pooled: Sample = { wait: reps.flatMap((r) => r.wait), total: reps.flatMap((r) => r.total), hour: reps.flatMap((r) => r.hour) };
  const pool = { wait: sorted(pooled.wait), total: sorted(pooled.total) };
  const arr = (x: Float64Array) => x as unknown as number[];
  const quantiles: QuantileRow[] = [];
  for (const metric of ['wait', 'total'] as const) {
    for (const [stat, q] of QUANTILES) {
      const o = quantile(arr(obs[metric]), q);
      const s = ci(repSorted.map((r) => quantile(arr(r[metric]), q)), confidence);
      const band: [number, number] = [Math.max(0, s.ci[0] * (1 - tol.relative) - tol.absolute), s.ci[1] * (1 + tol.relative) + tol.absolute];
      quantiles.push({ metric, stat, observed: o, simulated: s.mean, ci: s.ci, band, pass: o >= band[0] && o <= band[1] });
    }
  }
  const ksWait = ksTwoSample(arr(obs.wait), arr(pool.wait));
  const ks = {
    wait: ksWait,
    total: ksTwoSample(arr(obs.total), arr(pool.total)),
    perReplication: repSorted.map((r) => ksTwoSample(arr(obs.wait), arr(r.wait))),
    critical05: ksCritical(0.05, obs.wait.length, pool.wait.length),
  };
  const qq = Array.from({ length: 99 }, (_, i) => ({ q: (i + 1) / 100, observed: quantile(arr(obs.wait), (i + 1) / 100), simulated: quantile(arr(pool.wait), (i + 1) / 100) }));
  const reasons: string[] = [];
  for (const r of quantiles) if (!r.pass) reasons.push(`${r.metric}.${r.stat}`);
  if (!(ksWait <= tol.maxKs)) reasons.push('ks');
  return {
    observedRequests: observed.wait.length,
    simulatedRequests: ci(reps.map((r) => r.wait.length), confidence),
    quantiles,
    ks,
    qq,
    hours: hourly(observed, pooled),
    pass: reasons.length === 0,
    reasons,
  };
}
