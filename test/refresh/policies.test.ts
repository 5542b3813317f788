// Scheduling policies (issue 12): each one's rule on small hand-built runs, and the invariants every
// policy must keep on generated scenarios that use every mechanism (limits, deferrals, failures).
import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/run/index.js';
import { renderHtml } from '../../src/report/html.js';
import type { PooledQueue, QueuePolicy } from '../../src/refresh/policies/index.js';
import type { Model } from '../../src/scenario/model.js';
import type { RequestRecord } from '../../src/stats/types.js';
import { makeModel } from '../helpers/model.js';
import { randomModel } from '../helpers/random-model.js';

// trigger codes: login 0, due 1, email 2, manual 3, api 4, warmup 5
const API_FIRST: QueuePolicy = { kind: 'priority', classOfTrigger: [1, 1, 1, 1, 0, 1] };

function records(m: Model): RequestRecord[] {
  const out: RequestRecord[] = [];
  simulate(m, { onRequest: (r) => out.push(r) });
  return out;
}

/** Manual-only sources s0..s(n-1) of the given accounts, one worker, 10 s calls. */
function small(accounts: string[], perAccount: number, over: Partial<Model> = {}): Model {
  const sources = accounts.flatMap((a) => Array.from({ length: perAccount }, (_, i) => ({ id: `${a}-${i}`, account: a, connector: 'rest', interval: null, dataAsOf: 0 })));
  return makeModel({
    accounts: accounts.map((id) => ({ id, kind: 'standard', timezone: 'UTC' })),
    users: accounts.map((a) => ({ id: `${a}-u`, account: a })),
    sources,
    duration: 3600,
    ...over,
  });
}

const startOrder = (rs: RequestRecord[]) => [...rs].sort((a, b) => a.startAt! - b.startAt!).map((r) => r.source);

describe('priority', () => {
  it('serves a higher class first, FIFO within a class, and never preempts a running call', () => {
    const m = small(['a'], 6, {
      policy: API_FIRST,
      refreshes: [
        { source: 'a-0', at: 0, trigger: 'manual' }, // starts at once: the worker is free
        { source: 'a-1', at: 1, trigger: 'manual' },
        { source: 'a-2', at: 2, trigger: 'api' },
        { source: 'a-3', at: 3, trigger: 'manual' },
        { source: 'a-4', at: 4, trigger: 'api' },
      ],
    });
    expect(startOrder(records(m))).toEqual(['a-0', 'a-2', 'a-4', 'a-1', 'a-3']);
    // fifo on the same traffic: enqueue order
    expect(startOrder(records({ ...m, policy: undefined }))).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4']);
  });
});

describe('fair-share', () => {
  it('serves accounts in turn: a small account does not wait behind a large backlog', () => {
    const refreshes = [
      ...Array.from({ length: 20 }, (_, i) => ({ source: `big-${i}`, at: 0, trigger: 'api' as const })),
      { source: 'small-0', at: 1, trigger: 'api' as const },
      { source: 'small-1', at: 1, trigger: 'api' as const },
    ];
    const m = small(['big', 'small'], 20, { refreshes, policy: { kind: 'fair-share', weights: [1, 1], quantum: 10 } });
    const order = startOrder(records(m));
    // big-0 runs from 0; then the round alternates: small-0 second, small-1 fourth
    expect(order.slice(0, 4)).toEqual(['big-0', 'small-0', 'big-1', 'small-1']);
    expect(startOrder(records({ ...m, policy: undefined })).indexOf('small-0')).toBe(20);
  });

  it('weights share the worker in proportion: weight 3 starts three calls per turn to weight 1', () => {
    const refreshes = ['a', 'b'].flatMap((acc) => Array.from({ length: 20 }, (_, i) => ({ source: `${acc}-${i}`, at: 0, trigger: 'api' as const })));
    const m = small(['a', 'b'], 20, { refreshes, policy: { kind: 'fair-share', weights: [3, 1], quantum: 10 } });
    const first16 = startOrder(records(m)).slice(0, 16);
    expect(first16.filter((s) => s.startsWith('a-')).length).toBe(12);
  });
});

describe('stalest-first', () => {
  it('takes the source furthest past due relative to its interval, whatever the enqueue order', () => {
    // both due at 0; at 3000 s the 60 s source is 50 intervals overdue, the 1 h one under one
    const m = makeModel({
      policy: { kind: 'stalest-first' },
      sources: [
        { id: 'blocker', account: 'a', connector: 'rest', interval: null, dataAsOf: 0 },
        { id: 'hourly', account: 'a', connector: 'rest', interval: 3600, dataAsOf: -3600 },
        { id: 'minutely', account: 'a', connector: 'rest', interval: 60, dataAsOf: -60 },
      ],
      refreshes: [
        { source: 'blocker', at: 2995, trigger: 'api' },
        { source: 'hourly', at: 2996, trigger: 'api' },
        { source: 'minutely', at: 2997, trigger: 'api' },
      ],
      duration: 3100,
    });
    const rs = records(m).filter((r) => r.enqueueAt >= 2995);
    expect(startOrder(rs)).toEqual(['blocker', 'minutely', 'hourly']);
    expect(startOrder(records({ ...m, policy: undefined }).filter((r) => r.enqueueAt >= 2995))).toEqual(['blocker', 'hourly', 'minutely']);
  });
});

/** With pools: a pool's worker idles while its lane waits, or a shared worker idles while any lane waits. */
function pooledIdle(sim: Simulation, pools: NonNullable<Model['pools']>): boolean {
  const q = sim.system.queue as PooledQueue;
  let reserved = 0, poolBusy = 0;
  for (let j = 0; j < pools.length; j++) {
    const cap = Math.min(pools[j].workers, sim.system.capacity - reserved);
    reserved += cap;
    const busy = sim.system.poolBusy(j);
    poolBusy += busy;
    if (busy < cap && q.lanes[j + 1].length > 0) return true;
  }
  const sharedBusy = sim.system.busy - poolBusy;
  return sharedBusy < sim.system.capacity - reserved && q.length > 0;
}

describe('reserved pools', () => {
  it('a pool worker serves only its own requests; a shared worker takes the request enqueued first', () => {
    // 2 workers: one reserved for manual refreshes, one shared
    const m = small(['a'], 6, {
      workers: { kind: 'fixed', workers: 2 },
      pools: [{ workers: 1, triggers: [3], connectors: null }],
      refreshes: [
        { source: 'a-0', at: 0, trigger: 'api' }, // shared worker, 0..10
        { source: 'a-1', at: 1, trigger: 'api' }, // waits for the shared worker (the pool's is not for it)
        { source: 'a-2', at: 2, trigger: 'manual' }, // the pool's worker, at once
        { source: 'a-3', at: 3, trigger: 'manual' }, // the pool's worker frees at 12; the shared one at 10 takes a-1 (enqueued first)
      ],
    });
    const rs = records(m);
    const start = Object.fromEntries(rs.map((r) => [r.source, r.startAt]));
    expect(start).toEqual({ 'a-0': 0, 'a-1': 10, 'a-2': 2, 'a-3': 12 });
    // without the pool: plain FIFO on two workers
    const plain = Object.fromEntries(records({ ...m, pools: undefined }).map((r) => [r.source, r.startAt]));
    expect(plain).toEqual({ 'a-0': 0, 'a-1': 1, 'a-2': 10, 'a-3': 11 });
  });
});

// trigger e-mail (2) and manual (3) get a worker of their own; connector 0 (ga) another
const POOLS: Model['pools'] = [{ workers: 1, triggers: [2, 3], connectors: null }, { workers: 1, triggers: null, connectors: [0] }];

const POLICIES: [string, (m: Model) => QueuePolicy | undefined, Model['pools']][] = [
  ['fifo', () => undefined, undefined],
  ['priority', () => ({ kind: 'priority', classOfTrigger: [0, 2, 1, 0, 0, 3] }), undefined],
  ['fair-share', (m) => ({ kind: 'fair-share', weights: m.accounts.map((_, i) => 1 + (i % 3)), quantum: 5 }), undefined],
  ['stalest-first', () => ({ kind: 'stalest-first' }), undefined],
  ['fifo', () => undefined, POOLS],
  ['fair-share', (m) => ({ kind: 'fair-share', weights: m.accounts.map(() => 1), quantum: 30 }), POOLS],
];

describe.each(POLICIES)('invariants under %s (pools: %o)', (name, policyOf, pools) => {
  const cases = [1, 2].map((seed) => {
    const base = randomModel(seed);
    const m: Model = { ...base, policy: policyOf(base), pools };
    const recs: RequestRecord[] = [];
    const sim = new Simulation(m, { onRequest: (r) => recs.push(r) });
    // work conservation: after every dispatch, either nothing waits or every worker is busy
    let idleWhileWaiting = 0, dispatches = 0;
    const dispatch = sim.system.dispatch.bind(sim.system);
    sim.system.dispatch = () => {
      dispatch();
      dispatches++;
      if (pools ? pooledIdle(sim, pools) : sim.system.queue.length > 0 && sim.system.busy < sim.system.capacity) idleWhileWaiting++;
    };
    const summary = sim.finish().summary;
    return { m, sim, recs, summary, idleWhileWaiting, dispatches };
  });

  it('records the policy in summary.json and exercises deferrals', () => {
    for (const c of cases) {
      expect(c.summary.policy).toBe(name);
      if (pools) expect(c.summary.requests.started).toBeGreaterThan(100);
      expect(c.summary.requests.deferrals).toBeGreaterThan(0);
    }
  });

  it('every enqueued request ends exactly once, and a source never has two requests alive', () => {
    for (const { m, recs, summary } of cases) {
      const r = summary.requests;
      expect(r.enqueued.total).toBe(r.completed + r.failed + r.pendingAtEnd.total);
      const after = recs.filter((x) => x.enqueueAt >= m.warmup);
      expect(after.length).toBe(r.enqueued.total);
      const bySource = new Map<string, RequestRecord[]>();
      for (const rec of recs) bySource.set(rec.source, [...(bySource.get(rec.source) ?? []), rec]);
      for (const list of bySource.values()) {
        list.sort((a, b) => a.enqueueAt - b.enqueueAt);
        for (let i = 1; i < list.length; i++) expect(list[i].enqueueAt).toBeGreaterThanOrEqual(list[i - 1].endAt ?? Infinity);
      }
      for (const x of recs) expect(x.queue + x.deferred + x.response).toBeCloseTo((x.endAt ?? m.duration) - x.enqueueAt, 4);
    }
  });

  it('no limit is exceeded', () => {
    for (const { sim, summary } of cases) {
      for (let k = 0; k < sim.topo.keyMax.length; k++) expect(sim.system.limits.peak[k]).toBeLessThanOrEqual(sim.topo.keyMax[k]);
      expect(summary.deferrals.byLimit.every((l) => l.peakUse <= l.max)).toBe(true);
    }
  });

  it('work conservation: no request waits in the queue while a worker is idle', () => {
    for (const c of cases) {
      expect(c.dispatches).toBeGreaterThan(1000); // the check ran
      expect(c.idleWhileWaiting).toBe(0);
    }
  });

  it('deterministic: the same model gives the same summary and requests', () => {
    const { m, recs, summary } = cases[0];
    const again: RequestRecord[] = [];
    const s2 = simulate(m, { onRequest: (r) => again.push(r) }).summary;
    expect(JSON.stringify(s2)).toBe(JSON.stringify(summary));
    expect(again).toEqual(recs);
  });
});

describe('the run report', () => {
  it('states the policy and the fairness figures of summary.json', () => {
    const base = randomModel(1);
    const result = simulate({ ...base, policy: { kind: 'fair-share', weights: base.accounts.map(() => 1), quantum: 60 } });
    const f = result.summary.fairness!;
    expect(f.accounts).toBeGreaterThan(1);
    expect(f.jainIndex!).toBeGreaterThan(1 / f.accounts);
    expect(f.jainIndex!).toBeLessThanOrEqual(1);
    expect(f.worstAccountP95Wait).toBe(Math.max(...Object.values(result.summary.byAccount).filter((a) => a.wait.count > 0).map((a) => a.wait.p95!)));
    const html = renderHtml(result, { chartJs: null });
    const at = html.indexOf('id="fairness"');
    expect(html.slice(at - 25, at + 400)).toMatch(/<p class="muted" id="fairness">Queue policy: fair-share\. Fairness: worst account p95 wait .+ \(acc\d\); Jain&#39;s index over \d+ accounts&#39; mean waits 0\.\d{3}/);
  });
});
