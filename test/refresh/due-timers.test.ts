// Rules 2 and 3 act only while a session is open, so a due timer no session covers is never set: it keeps
// its place among ties and a covering login sets it there (refresh/system.ts #scheduleDue, armDue). The
// run must be the very run with every timer set, event for event, only shorter.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/run/simulation.js';
import type { Model } from '../../src/scenario/model.js';
import { makeModel } from '../helpers/model.js';
import { randomModel } from '../helpers/random-model.js';

function run(model: Model, eager: boolean): { summary: string; events: number } {
  const sim = new Simulation(model, { eagerDueTimers: eager });
  const { summary, timeseries } = sim.finish();
  return { summary: JSON.stringify({ summary, timeseries }), events: sim.clock.processed };
}

/** The random model on a one-minute grid: constant latencies, sessions and refreshes on whole minutes, so
 *  due times, logins, logouts and call ends fall on the same instants all the time (every tie is tested). */
function onTheMinute(m: Model): Model {
  const minute = (t: number) => Math.round(t / 60) * 60;
  return {
    ...m,
    warmup: 0, // everything counts, from time 0
    connectors: m.connectors.map((c, i) => ({ ...c, latency: { type: 'constant', value: 60 * (i + 1) }, timeout: Infinity })),
    sessions: m.sessions.map((s) => ({ ...s, at: minute(s.at), duration: minute(s.duration) })),
    refreshes: m.refreshes.map((r) => ({ ...r, at: minute(r.at) })),
    refreshProcesses: [],
    embedViewProcesses: [],
  };
}

describe('rules 2 and 3: due timers only where a session covers them', () => {
  it.each([1, 2, 3, 4, 5])('random model %i: the same summary and time series as with every due timer set, in fewer events', (seed) => {
    const model = randomModel(seed);
    const lazy = run(model, false), eager = run(model, true);
    expect(lazy.summary).toBe(eager.summary);
    expect(lazy.events).toBeLessThan(eager.events);
  });

  it.each([1, 2, 3, 4, 5])('random model %i on a one-minute grid (ties at every instant): the same run', (seed) => {
    const model = onTheMinute(randomModel(seed));
    const lazy = run(model, false), eager = run(model, true);
    expect(lazy.summary).toBe(eager.summary);
    expect(lazy.events).toBeLessThan(eager.events);
  });

  it.each([1, 2, 3])('random model %i with sources overdue at the start and logins at time 0: the same run', (seed) => {
    const m = onTheMinute(randomModel(seed));
    const model: Model = {
      ...m,
      warmup: 0, // what happens at time 0 counts (a due timer meeting a source the login enqueued is coalesced)
      // every other source overdue at the start: due at time 0, where two accounts log in
      sources: m.sources.map((s, i) => (i % 2 === 0 ? { ...s, dataAsOf: -7200 } : s)),
      sessions: [...m.sessions, { user: m.users[0].id, at: 0, duration: 600 }, { user: m.users[4].id, at: 0, duration: 4000 }],
    };
    const lazy = run(model, false), eager = run(model, true);
    expect(lazy.summary).toBe(eager.summary);
    expect(lazy.events).toBeLessThan(eager.events);
  });

  it('a timer set at a later login keeps its place: of two due at one instant, the one whose call ended first runs first', () => {
    // a-s and b-s are refreshed at 0 on two workers and end together at 60, a-s first; both are due again at
    // 660. At 60 only b has a session, so b-s gets its timer then, and a-s only at a's login at 300. At 660
    // there is one worker: a-s must still be enqueued first (it ran first at 60), and b-s wait 60 s.
    const model = makeModel({
      duration: 3000,
      workers: { kind: 'schedule', timezone: 'UTC', steps: [{ at: 0, workers: 2 }, { at: 600, workers: 1 }] },
      connectors: [{ id: 'rest', latency: { type: 'constant', value: 60 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
      accounts: [{ id: 'a', kind: 'standard', timezone: 'UTC' }, { id: 'b', kind: 'standard', timezone: 'UTC' }],
      users: [{ id: 'ua', account: 'a' }, { id: 'ub', account: 'b' }],
      sources: [{ id: 'a-s', account: 'a', connector: 'rest', interval: 600, dataAsOf: 0 }, { id: 'b-s', account: 'b', connector: 'rest', interval: 600, dataAsOf: 0 }],
      sessions: [{ user: 'ub', at: 0, duration: 5000 }, { user: 'ua', at: 300, duration: 5000 }],
      refreshes: [{ source: 'a-s', at: 0, trigger: 'api' }, { source: 'b-s', at: 0, trigger: 'api' }],
    });
    const lazy = new Simulation(model).finish().summary;
    expect(lazy.byAccount.a.wait.max).toBe(0);
    expect(lazy.byAccount.b.wait.max).toBe(60);
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(new Simulation(model, { eagerDueTimers: true }).finish().summary));
  });
});
