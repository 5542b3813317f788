// One test per rule of MODEL.md, on small hand-written models whose timeline can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { simulate, Simulation } from '../../src/run/simulation.js';
import type { Model, SourceSpec } from '../../src/scenario/model.js';
import type { RequestRecord } from '../../src/vocabulary/index.js';
import { makeModel } from '../helpers/model.js';

function run(m: Model) {
  const records: RequestRecord[] = [];
  const result = simulate(m, { onRequest: (r) => records.push(r) });
  const bySource = (id: string) => records.filter((r) => r.source === id).sort((a, b) => a.enqueueAt - b.enqueueAt);
  const byStart = [...records].filter((r) => r.startAt !== null).sort((a, b) => a.startAt! - b.startAt! || a.enqueueAt - b.enqueueAt);
  return { records, summary: result.summary, result, bySource, byStart };
}

const src = (id: string, over: Partial<SourceSpec> = {}): SourceSpec => ({ id, account: 'a', connector: 'rest', interval: 3600, dataAsOf: 0, ...over });
const session = (at: number, duration: number, user = 'u') => ({ user, at, duration });

describe('MODEL.md: when a refresh request is made', () => {
  it('rule 1 (login): every idle due source of the account is enqueued at login, in order of nextDueAt, ties by declaration order', () => {
    const { records, byStart } = run(
      makeModel({
        duration: 2000,
        sources: [src('late', { dataAsOf: -3500 }), src('tieA', { dataAsOf: -3700 }), src('tieB', { dataAsOf: -3700 }), src('notDue', { dataAsOf: 0 })],
        sessions: [session(1000, 500)],
      }),
    );
    const atLogin = records.filter((r) => r.trigger === 'login');
    expect(atLogin.map((r) => r.enqueueAt)).toEqual([1000, 1000, 1000]);
    // one worker, 10 s each: they run in the order they were enqueued
    expect(byStart.map((r) => [r.source, r.startAt])).toEqual([['tieA', 1000], ['tieB', 1010], ['late', 1020]]);
    expect(records.some((r) => r.source === 'notDue')).toBe(false);
  });

  it('rule 2 (due while active): a source is enqueued when nextDueAt arrives while its account has a session', () => {
    const { bySource } = run(makeModel({ duration: 9000, sources: [src('s', { dataAsOf: 0, interval: 3600 })], sessions: [session(10, 8900)] }));
    const rs = bySource('s');
    expect(rs.map((r) => [r.trigger, r.enqueueAt])).toEqual([['due', 3600], ['due', 7210]]); // next due = completion (3610) + interval
    expect(rs[0].endAt).toBe(3610);
  });

  it('rule 3 (due while nobody is active): nothing happens; the source stays overdue until a login', () => {
    const { bySource } = run(makeModel({ duration: 9000, sources: [src('s', { dataAsOf: 0, interval: 3600 })], sessions: [session(100, 60), session(5000, 60)] }));
    expect(bySource('s').map((r) => [r.trigger, r.enqueueAt])).toEqual([['login', 5000]]);
  });

  it('rule 4 (partner accounts): only a session in the client account itself activates it', () => {
    const m = makeModel({
      duration: 9000,
      accounts: [
        { id: 'p', kind: 'partner', timezone: 'UTC' },
        { id: 'c', kind: 'client', partner: 'p', timezone: 'UTC' },
      ],
      users: [{ id: 'staff', account: 'p' }, { id: 'client', account: 'c' }],
      sources: [src('cs', { account: 'c', dataAsOf: -4000 }), src('ps', { account: 'p', dataAsOf: -4000 })],
      sessions: [session(100, 4000, 'staff'), session(6000, 100, 'client')],
    });
    const { bySource } = run(m);
    expect(bySource('ps')[0]).toMatchObject({ trigger: 'login', enqueueAt: 100 });
    // the partner's staff being signed in from 100 to 4100 does nothing for the client's overdue source
    expect(bySource('cs').map((r) => [r.trigger, r.enqueueAt])).toEqual([['login', 6000]]);
  });

  it('rule 5 (e-mail reports): emailLead before the send, every source of its Klips is enqueued whether or not anyone is active; the report goes out on time', () => {
    const m = makeModel({
      duration: 40000,
      connectors: [
        { id: 'rest', latency: { type: 'constant', value: 10 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 },
        { id: 'slow', latency: { type: 'constant', value: 900 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 },
      ],
      sources: [src('fast', { dataAsOf: -100000 }), src('slowOne', { connector: 'slow', dataAsOf: -100000 }), src('other', { dataAsOf: -100000 })],
      klips: [{ id: 'k1', account: 'a', sources: ['fast'] }, { id: 'k2', account: 'a', sources: ['slowOne'] }],
      emails: [{ id: 'e', account: 'a', klips: ['k1', 'k2'], sendAt: [28800] }],
    });
    const { bySource, summary } = run(m);
    expect(bySource('fast').map((r) => [r.trigger, r.enqueueAt])).toEqual([['email', 28200]]);
    expect(bySource('slowOne').map((r) => [r.trigger, r.enqueueAt, r.endAt])).toEqual([['email', 28200, 28200 + 10 + 900]]);
    expect(bySource('other')).toEqual([]);
    expect(summary.emails).toEqual({ sent: 1, pendingAtSend: 1, pendingAtSendPct: 100 });
    // at 28800 'slowOne' still holds data from before the run: the oldest source decides the report's age
    expect(summary.freshness.email.max).toBeCloseTo(28800 + 100000, 3);
  });

  it('rule 6 (manual and API refreshes): a click or an API call enqueues the source at that moment', () => {
    const { bySource } = run(makeModel({ duration: 1000, sources: [src('s', { interval: null })], refreshes: [{ source: 's', at: 123, trigger: 'manual' }, { source: 's', at: 500, trigger: 'api' }] }));
    expect(bySource('s').map((r) => [r.trigger, r.enqueueAt, r.startAt])).toEqual([['manual', 123, 123], ['api', 500, 500]]);
  });

  it('rule 7 (no duplicates): a request for a source already queued, deferred or running is coalesced', () => {
    const { bySource, summary } = run(
      makeModel({
        duration: 1000,
        sources: [src('s', { interval: null })],
        refreshes: [{ source: 's', at: 100, trigger: 'manual' }, { source: 's', at: 105, trigger: 'api' }, { source: 's', at: 109, trigger: 'manual' }, { source: 's', at: 110, trigger: 'manual' }],
      }),
    );
    // running from 100 to 110: the requests at 105 and 109 coalesce; the one at 110 arrives after the call ended (ladder: call end first)
    expect(bySource('s').map((r) => r.enqueueAt)).toEqual([100, 110]);
    expect(summary.requests.coalesced).toBe(2);
  });

  it('rule 7 (no duplicates): a source coming due while its request is in flight is coalesced, and counted', () => {
    // due at 3600 while active; a manual refresh runs 3595-3605, so the due request at 3600 coalesces;
    // the success at 3605 makes it due again at 7205
    const { bySource, summary } = run(
      makeModel({
        duration: 8000,
        sources: [src('s')],
        sessions: [session(10, 7900)],
        refreshes: [{ source: 's', at: 3595, trigger: 'manual' }],
      }),
    );
    expect(bySource('s').map((r) => [r.trigger, r.enqueueAt])).toEqual([['manual', 3595], ['due', 7205]]);
    expect(summary.requests.coalesced).toBe(1);
  });
});

describe('MODEL.md: the global queue and its workers', () => {
  it('global FIFO queue: one queue for all accounts, served first-in first-out by `workers` workers', () => {
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 2 },
      accounts: [{ id: 'a', kind: 'standard', timezone: 'UTC' }, { id: 'b', kind: 'standard', timezone: 'UTC' }],
      sources: ['s1', 's2', 's3', 's4', 's5'].map((id, i) => src(id, { interval: null, account: i % 2 ? 'b' : 'a' })),
      refreshes: ['s1', 's2', 's3', 's4', 's5'].map((s, i) => ({ source: s, at: i, trigger: 'api' as const })),
    });
    const { byStart } = run(m);
    expect(byStart.map((r) => [r.source, r.startAt])).toEqual([['s1', 0], ['s2', 1], ['s3', 10], ['s4', 11], ['s5', 20]]);
  });

  it('workers may follow a schedule over the day (in the schedule zone)', () => {
    const m = makeModel({
      duration: 7200,
      workers: { kind: 'schedule', timezone: 'UTC', steps: [{ at: 0, workers: 1 }, { at: 3600, workers: 3 }] },
      sources: ['s1', 's2', 's3'].map((id) => src(id, { interval: null })),
      refreshes: ['s1', 's2', 's3'].map((s) => ({ source: s, at: 3595, trigger: 'api' as const })),
    });
    const { byStart, result } = run(m);
    // one worker until 3600, then three: s1 runs at 3595, s2 and s3 start when the extra workers arrive
    expect(byStart.map((r) => r.startAt)).toEqual([3595, 3600, 3600]);
    expect(result.summary.workers.max).toBe(3);
  });

  it('success sets dataAsOf = now and nextDueAt = now + interval', () => {
    const sim = new Simulation(makeModel({ duration: 2000, sources: [src('s', { interval: 600 })], refreshes: [{ source: 's', at: 100, trigger: 'manual' }] }));
    sim.advance(200);
    expect(sim.system.dataAsOf(0)).toBe(110);
    expect(sim.system.nextDueAt(0)).toBe(710);
  });

  it('time split: total = queue + deferred + response, from enqueue to completion', () => {
    const { records } = run(
      makeModel({
        duration: 1000,
        sources: ['s1', 's2', 's3'].map((id) => src(id, { interval: null })),
        refreshes: ['s1', 's2', 's3'].map((s) => ({ source: s, at: 5, trigger: 'api' as const })),
      }),
    );
    for (const r of records) expect(r.queue + r.deferred + r.response).toBeCloseTo(r.endAt! - r.enqueueAt, 9);
    expect(records.map((r) => r.queue)).toEqual([0, 10, 20]);
  });
});

describe('MODEL.md: failures and the retry ladder', () => {
  it('failure retry ladder: 5 min after the 1st and 2nd failures, 30 min from the 3rd, 6 h from the 5th, disabled at the 20th', () => {
    const m = makeModel({
      duration: 30 * 86400,
      connectors: [{ id: 'rest', latency: { type: 'constant', value: 10 }, latencyScale: 1, failureRate: 1, timeout: Infinity, limits: [], cost: 1 }],
      sources: [src('s', { interval: 3600, dataAsOf: 0 })],
      sessions: [session(0, 40 * 86400)],
    });
    const { bySource, summary } = run(m);
    const rs = bySource('s');
    const gaps = rs.slice(1).map((r, i) => r.enqueueAt - rs[i].endAt!);
    expect(rs.length).toBe(20);
    expect(gaps).toEqual([300, 300, 1800, 1800, ...Array(15).fill(21600)]);
    expect(rs.every((r) => r.outcome === 'error')).toBe(true);
    expect(summary.failures.disabledSources).toBe(1);
    expect(summary.failures.retries).toBe(19);
  });

  it('timeout: a call longer than the connector timeout fails at the timeout and leaves the data as it was', () => {
    const m = makeModel({
      duration: 1000,
      connectors: [{ id: 'rest', latency: { type: 'constant', value: 100 }, latencyScale: 1, failureRate: 0, timeout: 30, limits: [], cost: 1 }],
      sources: [src('s', { interval: null, dataAsOf: -50 })],
      refreshes: [{ source: 's', at: 10, trigger: 'manual' }],
    });
    const sim = new Simulation(m);
    const recs: RequestRecord[] = [];
    const s2 = new Simulation(m, { onRequest: (r) => recs.push(r) });
    s2.finish();
    expect(recs[0]).toMatchObject({ outcome: 'timeout', endAt: 40, response: 30 });
    sim.advance(100);
    expect(sim.system.dataAsOf(0)).toBe(-50);
  });

  it('tokens per Google user: past the cap, the oldest tokens fail with an auth error', () => {
    const tokens = Array.from({ length: 3 }, (_, i) => ({ id: `t${i}`, googleUser: 'g', createdAt: -100 + i }));
    const m = makeModel({
      duration: 1000,
      tokensPerGoogleUser: 2,
      tokens,
      sources: tokens.map((t, i) => src(`s${i}`, { interval: null, token: t.id, googleUser: 'g' })),
      refreshes: tokens.map((_, i) => ({ source: `s${i}`, at: 1, trigger: 'api' as const })),
    });
    const { bySource, summary } = run(m);
    expect(bySource('s0')[0].outcome).toBe('auth');
    expect(bySource('s1')[0].outcome).toBe('success');
    expect(bySource('s2')[0].outcome).toBe('success');
    expect(summary.failures.byReason.auth).toBe(1);
    expect(summary.failures.revokedTokenSources).toBe(1);
  });
});

describe('MODEL.md: embedded Klips', () => {
  const embedModel = (views: number[]) =>
    makeModel({
      duration: 40000,
      embedTtl: 3 * 3600,
      sources: [src('s', { interval: 3600, dataAsOf: 0 })],
      klips: [{ id: 'k', account: 'a', sources: ['s'] }],
      embeds: [{ id: 'e', klip: 'k' }],
      embedViews: views.map((at) => ({ embed: 'e', at })),
      sessions: [session(5000, 100)], // refreshes s at 5000 (overdue since 3600), done 5010
    });

  it('embed render cache: a view within embedTtl of the last render shows the cached render; later, it re-renders from the current cached data', () => {
    const { summary } = run(embedModel([1000, 6000, 1000 + 3 * 3600, 1001 + 3 * 3600]));
    // 1000: render (data of 0, age 1000); 6000: cached render (age 6000); 11800: still within 3 h (age 11800);
    // 11801: past 3 h -> re-render from the source's cache refreshed at 5010 (age 6791)
    expect(summary.embeds).toEqual({ views: 4, cacheHits: 2, renders: 2 });
    expect(summary.freshness.embed.max).toBeCloseTo(11800, 3);
    expect(summary.freshness.embed.count).toBe(4);
  });

  it('embed render cache: kept per Klip, so one Klip embedded on two pages renders once per embedTtl', () => {
    // e1 at 1000 renders k (data of 0, age 1000); e2 at 2000 shows that render (age 2000);
    // e2 at 1001 + 3 h is past the TTL: re-render from the data refreshed at 5010 (age 6791)
    const m = embedModel([]);
    const { summary } = run({
      ...m,
      embeds: [{ id: 'e1', klip: 'k' }, { id: 'e2', klip: 'k' }],
      embedViews: [{ embed: 'e1', at: 1000 }, { embed: 'e2', at: 2000 }, { embed: 'e2', at: 1001 + 3 * 3600 }],
    });
    expect(summary.embeds).toEqual({ views: 3, cacheHits: 1, renders: 2 });
    expect(summary.freshness.embed.max).toBe(6791);
    expect(summary.freshness.embed.mean).toBeCloseTo((1000 + 2000 + 6791) / 3, 6);
  });

  it('embed views never enqueue a refresh', () => {
    const views = Array.from({ length: 50 }, (_, i) => 100 + i * 700);
    const { records } = run({ ...embedModel(views), sessions: [] });
    expect(records).toEqual([]);
  });
});

describe('MODEL.md extensions (off by default)', () => {
  it('published-link view: acts like a login for its account (overdue sources enqueued) without making it active', () => {
    const { bySource } = run(
      makeModel({
        duration: 9000,
        sources: [src('overdue', { dataAsOf: -4000 }), src('fresh', { dataAsOf: 0 })],
        linkViews: [{ account: 'a', at: 500 }],
      }),
    );
    expect(bySource('overdue').map((r) => [r.trigger, r.enqueueAt])).toEqual([['login', 500]]);
    // 'fresh' comes due at 3600, but nobody is signed in: the link view did not open a session
    expect(bySource('fresh')).toEqual([]);
  });

  it('daily warm-up time: enqueues all of the account’s sources, due or not, active or not', () => {
    const { bySource, summary } = run(
      makeModel({
        duration: 2 * 86400,
        sources: [src('s1', { dataAsOf: 0, interval: 86400 * 3 }), src('s2', { interval: null })],
        warmUps: [{ account: 'a', at: [7 * 3600, 31 * 3600] }],
      }),
    );
    expect(bySource('s1').map((r) => [r.trigger, r.enqueueAt])).toEqual([['warmup', 7 * 3600], ['warmup', 31 * 3600]]);
    expect(bySource('s2').map((r) => r.enqueueAt)).toEqual([7 * 3600, 31 * 3600]);
    expect(summary.requests.enqueued.warmup).toBe(4);
  });
});
