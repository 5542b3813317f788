// Validation of the scheduling policies (issue 12) against queueing theory, over replications with
// 95% confidence intervals: priority against Cobham's M/M/c non-preemptive priority formula, and
// fair-share's share of service and the light account's wait under a heavy neighbour's backlog.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/index.js';
import type { Model } from '../../src/scenario/model.js';
import type { RequestRecord } from '../../src/stats/types.js';
import { ci95, erlangC, mmcWq } from '../helpers/queueing.js';
import { makeModel, mmcModel } from '../helpers/model.js';

const R = 10;

/** Cobham: class k (1-based) waits [C(c, a) / (c mu)] / ((1 - s_{k-1})(1 - s_k)), s_k = load of classes 1..k. */
function cobhamWq(lambdas: readonly number[], mu: number, c: number): number[] {
  const lambda = lambdas.reduce((a, b) => a + b, 0);
  const base = erlangC(c, lambda / mu) / (c * mu);
  let s = 0;
  return lambdas.map((l) => {
    const before = s;
    s += l / (c * mu);
    return base / ((1 - before) * (1 - s));
  });
}

/** Poisson manual (class 1) and API (class 2) refreshes on disjoint sources, exponential service. */
function twoClassModel(l1: number, l2: number, mu: number, c: number, seed: number): Model {
  const base = mmcModel({ lambda: l1 + l2, mu, c, duration: 30000, warmup: 3000, seed });
  const ids = base.sources.map((s) => s.id);
  const half = ids.length / 2;
  return {
    ...base,
    // manual first, then API; every other trigger after them
    policy: { kind: 'priority', classOfTrigger: [2, 2, 2, 0, 1, 2] },
    refreshProcesses: [
      { trigger: 'manual', rate: l1, sources: ids.slice(0, half) },
      { trigger: 'api', rate: l2, sources: ids.slice(half) },
    ],
  };
}

describe('priority: Cobham M/M/c non-preemptive priority', () => {
  it.each([
    [1, 0.3, 0.4],
    [4, 1.2, 2.0],
  ] as const)('c = %i: each class mean wait within the replications CI', (c, l1, l2) => {
    const mu = 1;
    const runs = Array.from({ length: R }, (_, i) => simulate(twoClassModel(l1, l2, mu, c, i + 1)).summary);
    const expected = cobhamWq([l1, l2], mu, c);
    (['manual', 'api'] as const).forEach((t, k) => {
      const ci = ci95(runs.map((s) => s.byTrigger[t].wait.mean!));
      expect(expected[k], `c=${c} class ${t}: CI [${ci.lo.toFixed(3)}, ${ci.hi.toFixed(3)}]`).toBeGreaterThanOrEqual(ci.lo);
      expect(expected[k]).toBeLessThanOrEqual(ci.hi);
      expect(ci.half / ci.mean).toBeLessThan(0.15);
    });
    // and not FIFO's answer: the high class waits clearly less than everyone does under FIFO
    const high = ci95(runs.map((s) => s.byTrigger.manual.wait.mean!));
    expect(high.hi).toBeLessThan(mmcWq(l1 + l2, mu, c));
    expect(runs.every((s) => s.policy === 'priority' && s.requests.coalesced < s.requests.started * 0.001)).toBe(true);
  });
});

/** Two accounts, `heavy` and `light`, with Poisson API refreshes at the given rates on their own sources. */
function twoAccountModel(heavyRate: number, lightRate: number, c: number, weights: [number, number], seed: number, duration = 4000): Model {
  const src = (a: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${a}-${i}`, account: a, connector: 'rest', interval: null, dataAsOf: 0 }));
  const heavy = src('heavy', 40000), light = src('light', 5000);
  return makeModel({
    seed,
    duration,
    warmup: 400,
    workers: { kind: 'fixed', workers: c },
    policy: { kind: 'fair-share', weights, quantum: 5 },
    accounts: [{ id: 'heavy', kind: 'standard', timezone: 'UTC' }, { id: 'light', kind: 'standard', timezone: 'UTC' }],
    users: [{ id: 'hu', account: 'heavy' }, { id: 'lu', account: 'light' }],
    connectors: [{ id: 'rest', latency: { type: 'exponential', mean: 1 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
    sources: [...heavy, ...light],
    refreshProcesses: [
      { trigger: 'api', rate: heavyRate, sources: heavy.map((s) => s.id) },
      { trigger: 'api', rate: lightRate, sources: light.map((s) => s.id) },
    ],
  });
}

describe('fair-share: deficit round robin', () => {
  it('both accounts backlogged: each one\'s share of service is within 0.02 of its weight share', () => {
    // 4 workers; heavy asks for 3x their capacity, light for 1.5x; weights 2 : 1
    const shares = Array.from({ length: 6 }, (_, i) => {
      const busy = { heavy: 0, light: 0 };
      simulate(twoAccountModel(12, 6, 4, [2, 1], i + 1, 2000), {
        onRequest: (r: RequestRecord) => {
          if (r.startAt !== null && r.startAt >= 400) busy[r.account as 'heavy' | 'light'] += r.response;
        },
      });
      return busy.heavy / (busy.heavy + busy.light);
    });
    const ci = ci95(shares);
    expect(ci.lo).toBeGreaterThan(2 / 3 - 0.02);
    expect(ci.hi).toBeLessThan(2 / 3 + 0.02);
  });

  it("a light account's wait does not grow with the heavy account's backlog (under FIFO it does)", () => {
    const light = (heavyRate: number, fair: boolean) =>
      ci95(Array.from({ length: 6 }, (_, i) => {
        const m = twoAccountModel(heavyRate, 0.2, 4, [1, 1], i + 1);
        return simulate(fair ? m : { ...m, policy: undefined }).summary.byAccount.light.wait.mean!;
      }));
    // heavy at 1.1x and 3x the workers' capacity: its backlog grows 3x / 20x as fast
    const mild = light(4.4, true), severe = light(12, true);
    // the light account's mean wait stays under one DRR turn of the heavy account (quantum / workers
    // = 1.25 s, plus a call's residual), whatever the backlog
    expect(mild.hi).toBeLessThan(2.5);
    expect(severe.hi).toBeLessThan(2.5);
    expect(Math.abs(severe.mean - mild.mean)).toBeLessThan(mild.half + severe.half + 0.3);
    // FIFO on the same traffic: the light account waits behind the whole backlog
    expect(light(12, false).lo).toBeGreaterThan(100);
  });
});
