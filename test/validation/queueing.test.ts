// Validation anchors of MODEL.md: Erlang C, M/D/1 and Pollaczek-Khinchine mean waits, and Little's law,
// each matched within a 95% confidence interval over independent replications (seeds 1..R).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/simulation.js';
import { ci95, mg1Wq, mmcWq } from '../helpers/queueing.js';
import { mmcModel } from '../helpers/model.js';

const R = 12;

function replicate(make: (seed: number) => Parameters<typeof simulate>[0]) {
  return Array.from({ length: R }, (_, i) => simulate(make(i + 1)).summary);
}

describe('validation anchors', () => {
  it('Erlang C: M/M/c mean wait in queue matches C(c, a) / (c*mu - lambda)', () => {
    for (const [lambda, mu, c] of [[3.2, 1, 4], [1.5, 0.25, 8]] as const) {
      const runs = replicate((seed) => mmcModel({ lambda, mu, c, duration: 30000, warmup: 3000, seed }));
      const ci = ci95(runs.map((s) => s.wait.mean!));
      const expected = mmcWq(lambda, mu, c);
      expect(runs.every((s) => s.requests.coalesced < s.requests.started * 0.001)).toBe(true);
      expect(expected, `lambda=${lambda} mu=${mu} c=${c}: CI [${ci.lo}, ${ci.hi}]`).toBeGreaterThanOrEqual(ci.lo);
      expect(expected).toBeLessThanOrEqual(ci.hi);
      expect(ci.half / ci.mean).toBeLessThan(0.1); // the interval is tight enough to mean something
    }
  });

  it('M/D/1: constant response times give Wq = rho / (2 mu (1 - rho))', () => {
    const lambda = 0.7, mu = 1;
    const runs = replicate((seed) => mmcModel({ lambda, mu, c: 1, duration: 40000, warmup: 2000, seed, service: { type: 'constant', value: 1 / mu } }));
    const ci = ci95(runs.map((s) => s.wait.mean!));
    const rho = lambda / mu;
    const expected = rho / (2 * mu * (1 - rho));
    expect(expected).toBeGreaterThanOrEqual(ci.lo);
    expect(expected).toBeLessThanOrEqual(ci.hi);
    // and not the M/M/1 answer, which is twice as large
    expect(mmcWq(lambda, mu, 1)).toBeGreaterThan(ci.hi);
  });

  it('Pollaczek-Khinchine: M/G/1 with uniform response times', () => {
    const lambda = 0.5, a = 0.5, b = 2.5; // mean 1.5, rho 0.75
    const m = (a + b) / 2, m2 = (a * a + a * b + b * b) / 3;
    const runs = replicate((seed) => mmcModel({ lambda, mu: 1 / m, c: 1, duration: 40000, warmup: 2000, seed, service: { type: 'uniform', min: a, max: b } }));
    const ci = ci95(runs.map((s) => s.wait.mean!));
    const expected = mg1Wq(lambda, m, m2);
    expect(expected).toBeGreaterThanOrEqual(ci.lo);
    expect(expected).toBeLessThanOrEqual(ci.hi);
  });

  it("Little's law: the time-weighted queue length equals the arrival rate times the mean wait", () => {
    const lambda = 3.2;
    const runs = replicate((seed) => mmcModel({ lambda, mu: 1, c: 4, duration: 30000, warmup: 3000, seed }));
    const diffs = runs.map((s) => s.queueLength.mean - (s.requests.enqueued.total / (s.span.duration - s.span.warmup)) * s.wait.mean!);
    const ci = ci95(diffs);
    // On a finite window L*T and lambda*W differ only by boundary terms: requests enqueued before the
    // warm-up's end that still wait after it count in L, not in W (requests still waiting at the end
    // count in both, with their wait so far). Those are O(1/T): the whole 95% interval of the difference
    // must lie within 1% of L, an equivalence test that a wrongly counted wait or queue would fail.
    const L = runs[0].queueLength.mean;
    expect(ci.lo).toBeGreaterThan(-0.01 * L);
    expect(ci.hi).toBeLessThan(0.01 * L);
  });
});
