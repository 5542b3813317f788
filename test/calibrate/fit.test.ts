// The fits recover the parameters of samples drawn from known distributions, and the KS distances
// tell a right model from a wrong one.
import { describe, expect, it } from 'vitest';
import { compileDist } from '../../src/engine/distributions.js';
import { stream } from '../../src/engine/random.js';
import {
  fitExponential, fitLatency, fitLognormal, ksCritical, ksOneSample, ksTwoSample, lognormalCdf, lognormalParams, normalCdf, quantile, wilson, exponentialCdf,
} from '../../src/calibrate/index.js';

const draw = (spec: Parameters<typeof compileDist>[0], n: number, name = 'fit') => {
  const s = compileDist(spec);
  const rng = stream(11, name);
  return Array.from({ length: n }, () => s(rng));
};

describe('fits against known distributions', () => {
  it('lognormal MLE recovers mu and sigma within their 95% intervals', () => {
    const truth = lognormalParams(20, 15);
    const xs = draw({ type: 'lognormal', mean: 20, sd: 15 }, 4000);
    const f = fitLognormal(xs);
    expect(f.muCi[0]).toBeLessThanOrEqual(truth.mu);
    expect(f.muCi[1]).toBeGreaterThanOrEqual(truth.mu);
    expect(f.sigmaCi[0]).toBeLessThanOrEqual(truth.sigma);
    expect(f.sigmaCi[1]).toBeGreaterThanOrEqual(truth.sigma);
    expect(f.mean).toBeCloseTo(20, -0.5); // within about 1.6 s
  });

  it('exponential MLE recovers the mean within its 95% interval', () => {
    const xs = draw({ type: 'exponential', mean: 45 }, 3000);
    const f = fitExponential(xs);
    expect(f.meanCi[0]).toBeLessThanOrEqual(45);
    expect(f.meanCi[1]).toBeGreaterThanOrEqual(45);
  });

  it('picks the family the data came from, and the empirical one when neither fits', () => {
    expect(fitLatency(draw({ type: 'lognormal', mean: 20, sd: 15 }, 2000)).chosen).toBe('lognormal');
    expect(fitLatency(draw({ type: 'exponential', mean: 45 }, 2000)).chosen).toBe('exponential');
    // two well separated humps: no lognormal or exponential passes the KS test
    const bimodal = [...draw({ type: 'uniform', min: 1, max: 2 }, 1000, 'a'), ...draw({ type: 'uniform', min: 30, max: 31 }, 1000, 'b')];
    const f = fitLatency(bimodal);
    expect(f.chosen).toBe('empirical');
    expect(f.empirical.ks).toBeLessThan(f.critical);
    expect(f.reason).toMatch(/rejected by the KS test/);
  });

  it('KS distance: small against the true CDF, large against a wrong one', () => {
    const xs = draw({ type: 'exponential', mean: 10 }, 2000).sort((a, b) => a - b);
    expect(ksOneSample(xs, exponentialCdf(10))).toBeLessThan(ksCritical(0.05, xs.length));
    expect(ksOneSample(xs, exponentialCdf(20))).toBeGreaterThan(0.2);
    expect(ksOneSample(xs, lognormalCdf(Math.log(10), 0.1))).toBeGreaterThan(0.2);
  });

  it('two-sample KS distance: 0 for equal samples, 1 for disjoint, ties handled', () => {
    expect(ksTwoSample([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(ksTwoSample([1, 2], [3, 4])).toBe(1);
    expect(ksTwoSample([0, 0, 0, 5], [0, 0, 5, 5])).toBeCloseTo(0.25, 12);
  });

  it('helpers: normal CDF, quantile, Wilson interval', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(quantile([0, 10], 0.5)).toBe(5);
    const [lo, hi] = wilson(30, 1000);
    expect(lo).toBeLessThan(0.03);
    expect(hi).toBeGreaterThan(0.03);
    expect(wilson(0, 100)[0]).toBeCloseTo(0, 12);
  });
});
