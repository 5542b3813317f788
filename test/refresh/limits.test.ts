// MODEL.md "Limits" and "The global queue and its workers": the limit keeper and deferral rules.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/simulation.js';
import type { ConnectorSpec, LimitSpec, Model, SourceSpec } from '../../src/scenario/model.js';
import type { RequestRecord } from '../../src/vocabulary/index.js';
import { makeModel } from '../helpers/model.js';

const conn = (id: string, latency: number, limits: string[] = []): ConnectorSpec => ({ id, latency: { type: 'constant', value: latency }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits, cost: 1 });
const src = (id: string, connector: string, over: Partial<SourceSpec> = {}): SourceSpec => ({ id, account: 'a', connector, interval: null, dataAsOf: 0, ...over });
const at = (source: string, t: number) => ({ source, at: t, trigger: 'api' as const });

function run(m: Model) {
  const records: RequestRecord[] = [];
  const { summary } = simulate(m, { onRequest: (r) => records.push(r) });
  const get = (id: string) => records.find((r) => r.source === id)!;
  return { records, summary, get };
}

describe('limit keeper', () => {
  const concurrent1: LimitSpec = { id: 'tok-conc', kind: 'concurrent', scope: 'token', max: 1 };

  it('concurrent limit: at most N calls in flight per key; a deferred request waits until a call on that key ends', () => {
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 2 },
      limits: [concurrent1],
      connectors: [conn('api', 10, ['tok-conc']), conn('free', 10)],
      sources: [src('s1', 'api', { token: 't' }), src('s2', 'api', { token: 't' }), src('s3', 'api', { token: 't' }), src('f', 'free')],
      refreshes: [at('s1', 0), at('s2', 0), at('s3', 0), at('f', 0)],
    });
    const { get, summary } = run(m);
    expect([get('s1').startAt, get('s2').startAt, get('s3').startAt, get('f').startAt]).toEqual([0, 10, 20, 0]);
    expect([get('s2').deferred, get('s3').deferred]).toEqual([10, 20]);
    // one freed slot wakes one request: nobody is deferred twice
    expect([get('s2').deferrals, get('s3').deferrals]).toEqual([1, 1]);
    expect(get('s3').deferLimit).toBe('tok-conc');
    expect(summary.deferrals.byLimit[0]).toMatchObject({ id: 'tok-conc', deferrals: 2, peakUse: 1, keys: 1 });
  });

  it('deferral: a deferred request does not use the worker, which takes the next request; on release it goes to the front of the queue', () => {
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 2 },
      limits: [concurrent1],
      connectors: [conn('api', 10, ['tok-conc']), conn('free', 100)],
      sources: [src('s1', 'api', { token: 't' }), src('s2', 'api', { token: 't' }), src('y', 'free'), src('x', 'free')],
      refreshes: [at('s1', 0), at('s2', 1), at('y', 2), at('x', 3)],
    });
    const { get } = run(m);
    expect(get('y').startAt).toBe(2); // the worker that deferred s2 at 1 took y at 2
    expect(get('s2').startAt).toBe(10); // released at 10 to the front, ahead of x that waited since 3
    expect(get('x').startAt).toBe(20);
  });

  it('sliding window limit: at most N calls per window; a deferred request waits until enough calls have left the window', () => {
    const lim: LimitSpec = { id: 'w', kind: 'window', scope: 'connector', max: 2, window: 100, windowType: 'sliding', resetOffset: 0 };
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 3 },
      limits: [lim],
      connectors: [conn('api', 10, ['w'])],
      sources: ['r1', 'r2', 'r3', 'r4'].map((id) => src(id, 'api')),
      refreshes: [at('r1', 50), at('r2', 51), at('r3', 52), at('r4', 53)],
    });
    const { get, summary } = run(m);
    expect(['r1', 'r2', 'r3', 'r4'].map((id) => get(id).startAt)).toEqual([50, 51, 150, 151]);
    expect(summary.deferrals.byLimit[0].peakUse).toBe(2);
  });

  it('fixed window limit: the count resets at each window boundary', () => {
    const lim: LimitSpec = { id: 'w', kind: 'window', scope: 'connector', max: 2, window: 100, windowType: 'fixed', resetOffset: 0 };
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 3 },
      limits: [lim],
      connectors: [conn('api', 10, ['w'])],
      sources: ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => src(id, 'api')),
      refreshes: [at('r1', 50), at('r2', 51), at('r3', 52), at('r4', 53), at('r5', 54)],
    });
    const { get } = run(m);
    expect(['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => get(id).startAt)).toEqual([50, 51, 100, 100, 200]);
  });

  it('window limits with cost units ("tokens"): a call uses its cost against the window', () => {
    const lim: LimitSpec = { id: 'tokens', kind: 'window', scope: 'gaProfile', max: 10, window: 3600, windowType: 'fixed', resetOffset: 0 };
    const m = makeModel({
      duration: 8000,
      workers: { kind: 'fixed', workers: 4 },
      limits: [lim],
      connectors: [{ ...conn('ga4', 5, ['tokens']), cost: 4 }],
      sources: ['a', 'b', 'c'].map((id) => src(id, 'ga4', { gaProfile: 'p' })),
      refreshes: [at('a', 0), at('b', 1), at('c', 2)],
    });
    const { get, summary } = run(m);
    expect([get('a').startAt, get('b').startAt, get('c').startAt]).toEqual([0, 1, 3600]); // 4 + 4 + 4 > 10
    expect(summary.deferrals.byLimit[0].peakUse).toBe(8);
  });

  it('limits are counted per key: per OAuth token, GA profile, Google user, account or connector', () => {
    const scopes = ['token', 'gaProfile', 'googleUser', 'account', 'connector'] as const;
    for (const scope of scopes) {
      const m = makeModel({
        duration: 1000,
        workers: { kind: 'fixed', workers: 4 },
        accounts: [{ id: 'a', kind: 'standard', timezone: 'UTC' }, { id: 'b', kind: 'standard', timezone: 'UTC' }],
        limits: [{ id: 'c1', kind: 'concurrent', scope, max: 1 }],
        connectors: [conn('api', 10, ['c1']), conn('api2', 10, ['c1'])],
        sources: [
          src('x1', 'api', { account: 'a', token: 't1', gaProfile: 'p1', googleUser: 'g1' }),
          // same everything as x1 but the scope being tested
          src('x2', scope === 'connector' ? 'api2' : 'api', {
            account: scope === 'account' ? 'b' : 'a',
            token: scope === 'token' ? 't2' : 't1',
            gaProfile: scope === 'gaProfile' ? 'p2' : 'p1',
            googleUser: scope === 'googleUser' ? 'g2' : 'g1',
          }),
          src('x3', 'api', { account: 'a', token: 't1', gaProfile: 'p1', googleUser: 'g1' }),
        ],
        refreshes: [at('x1', 0), at('x2', 0), at('x3', 0)],
      });
      const { get } = run(m);
      expect([scope, get('x2').startAt, get('x3').startAt]).toEqual([scope, 0, 10]);
    }
  });

  it('defer for a fixed period (defer: fixed): the request goes back to the front after deferFor and asks again', () => {
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 2 },
      defer: { mode: 'fixed', deferFor: 30 },
      limits: [concurrent1],
      connectors: [conn('api', 50, ['tok-conc'])],
      sources: [src('s1', 'api', { token: 't' }), src('s2', 'api', { token: 't' })],
      refreshes: [at('s1', 0), at('s2', 1)],
    });
    const { get } = run(m);
    expect(get('s2')).toMatchObject({ startAt: 61, deferrals: 2, deferred: 60 });
  });

  it('releases at the same instant keep their original enqueue order', () => {
    const fixed = (id: string): LimitSpec => ({ id, kind: 'window', scope: 'token', max: 1, window: 100, windowType: 'fixed', resetOffset: 0 });
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 1 },
      limits: [fixed('w')],
      connectors: [conn('api', 10, ['w']), conn('long', 100)],
      sources: [src('a1', 'api', { token: 'A' }), src('b1', 'api', { token: 'B' }), src('b2', 'api', { token: 'B' }), src('a2', 'api', { token: 'A' }), src('z', 'long')],
      refreshes: [at('a1', 0), at('b1', 1), at('b2', 20), at('a2', 30), at('z', 95)],
    });
    const { get } = run(m);
    // both windows reset at 100 while z holds the only worker until 195: b2 (enqueued at 20) goes before a2 (30)
    expect([get('b2').startAt, get('a2').startAt]).toEqual([195, 205]);
  });

  it('a later release stands ahead of an earlier one still waiting in the queue', () => {
    // token A's window resets at 100, 200, ...; token B's at 50, 150, ...
    const fixed = (id: string, resetOffset: number): LimitSpec => ({ id, kind: 'window', scope: 'token', max: 1, window: 100, windowType: 'fixed', resetOffset });
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 1 },
      limits: [fixed('wa', 0), fixed('wb', 50)],
      connectors: [conn('apiA', 10, ['wa']), conn('apiB', 10, ['wb']), conn('long', 200)],
      sources: [src('a1', 'apiA', { token: 'A' }), src('a2', 'apiA', { token: 'A' }), src('b1', 'apiB', { token: 'B' }), src('b2', 'apiB', { token: 'B' }), src('z', 'long')],
      refreshes: [at('a1', 0), at('a2', 20), at('b1', 60), at('b2', 65), at('z', 72)],
    });
    const { get } = run(m);
    // a2 is deferred at 20 until A's window resets at 100; b2 waits for b1's call, is deferred at 70
    // until B's window resets at 150; z holds the only worker from 72 to 272
    expect(get('a2')).toMatchObject({ deferrals: 1, deferred: 80 });
    expect(get('b2')).toMatchObject({ deferrals: 1, deferred: 80 });
    expect(get('z').startAt).toBe(72);
    // released at 100, a2 is still in the queue when b2 is released at 150 to the front, ahead of it
    expect([get('b2').startAt, get('a2').startAt]).toEqual([272, 282]);
  });
});

describe('fixed windows that reset at a local time', () => {
  it('fixed window limit with explicit boundaries (a local midnight across DST): the count resets at each boundary', () => {
    // boundaries 23 h and then 25 h apart, as a zone's midnights are around daylight-saving changes
    const lim: LimitSpec = { id: 'day', kind: 'window', scope: 'connector', max: 1, window: 86400, windowType: 'fixed', resetOffset: 0, resets: [3600, 3600 + 23 * 3600, 3600 + 48 * 3600] };
    const m = makeModel({
      duration: 4 * 86400,
      workers: { kind: 'fixed', workers: 2 },
      limits: [lim],
      connectors: [conn('api', 10, ['day'])],
      sources: ['r1', 'r2', 'r3', 'r4'].map((id) => src(id, 'api')),
      refreshes: [at('r1', 10), at('r2', 20), at('r3', 30), at('r4', 40)],
    });
    const { get } = run(m);
    // r1 in the window before the first boundary; then one per window, at each boundary
    expect(['r1', 'r2', 'r3', 'r4'].map((id) => get(id).startAt)).toEqual([10, 3600, 3600 + 23 * 3600, 3600 + 48 * 3600]);
  });
});

describe('releases from different events at the same instant', () => {
  it('releases at the same instant keep their original enqueue order, even when different events release them', () => {
    // b2 waits on a window (its timer fires at 100), a2 on a concurrent slot (its call ends at 100).
    // The call end runs first (ladder), but b2 was enqueued first, so b2 takes the one worker freed at 100.
    const m = makeModel({
      duration: 2000,
      workers: { kind: 'fixed', workers: 2 },
      limits: [
        { id: 'win', kind: 'window', scope: 'token', max: 1, window: 100, windowType: 'sliding', resetOffset: 0 },
        { id: 'conc', kind: 'concurrent', scope: 'token', max: 1 },
      ],
      connectors: [conn('wapi', 10, ['win']), { ...conn('capi', 100, ['conc']) }, conn('long', 1000)],
      sources: [src('w1', 'wapi', { token: 'W' }), src('c1', 'capi', { token: 'C' }), src('b2', 'wapi', { token: 'W' }), src('a2', 'capi', { token: 'C' }), src('z', 'long')],
      refreshes: [at('w1', 0), at('c1', 0), at('b2', 5), at('a2', 6), at('z', 11)],
    });
    const { get } = run(m);
    expect([get('b2').deferrals, get('a2').deferrals]).toEqual([1, 1]);
    expect([get('b2').startAt, get('a2').startAt]).toEqual([100, 110]);
  });

  it('a deferral still in progress at the end counts in its limit\'s deferred seconds, as in the headline seconds', () => {
    // one slot, 400 s calls: s1 runs 0-400, s2 is released at 400 and runs to 800, s3 is still deferred at the end (700)
    const m = makeModel({
      duration: 700,
      workers: { kind: 'fixed', workers: 3 },
      limits: [{ id: 'tok-conc', kind: 'concurrent', scope: 'token', max: 1 }],
      connectors: [conn('api', 400, ['tok-conc'])],
      sources: [src('s1', 'api', { token: 't' }), src('s2', 'api', { token: 't' }), src('s3', 'api', { token: 't' })],
      refreshes: [at('s1', 0), at('s2', 0), at('s3', 0)],
    });
    const { summary } = run(m);
    expect(summary.deferrals.seconds).toBe(400 + 700); // s2's 400 s, released; s3's 700 s, in progress at the end
    expect(summary.deferrals.byLimit[0].deferredSeconds).toBe(summary.deferrals.seconds);
    expect(summary.deferrals.byLimit[0].topKeys[0].deferredSeconds).toBe(1100);
  });
});
