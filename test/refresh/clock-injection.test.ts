// The refresh model takes time only from the injected clock (a hand-driven fake here, no event loop),
// and the workers act once per instant, after every event of that instant (RefreshSystem.dispatch).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VirtualClock, type Clock, type Timers } from '../../src/engine/clock.js';
import { FIRST_INPUT_KIND, Kind, Priority } from '../../src/refresh/ladder.js';
import type { RefreshObserver } from '../../src/refresh/observer.js';
import { RefreshModel, type ModelRules } from '../../src/refresh/refresh-model.js';
import type { LocalTime } from '../../src/refresh/schedules.js';
import { State } from '../../src/refresh/params.js';
import { TriggerCode } from '../../src/refresh/topology.js';
import { buildTopology } from '../../src/run/topology.js';
import type { Model, SourceSpec } from '../../src/scenario/model.js';
import { makeModel } from '../helpers/model.js';

/** A clock moved by hand; timers are only written down, never fired by themselves. */
class HandClock implements Clock, Timers {
  t = 0;
  timers: { time: number; priority: number; kind: number; arg: number }[] = [];
  now(): number {
    return this.t;
  }
  at(time: number, priority: number, kind: number, arg: number): void {
    this.timers.push({ time, priority, kind, arg });
  }
  readonly timeIn = new Float64Array(1);
  atTimeIn(priority: number, kind: number, arg: number): void {
    this.at(this.timeIn[0], priority, kind, arg);
  }
  #places = 0;
  reserve(priority: number): number {
    return priority * 2 ** 44 + this.#places++;
  }
  atReserved(time: number, place: number, kind: number, arg: number): void {
    this.timers.push({ time, priority: Math.floor(place / 2 ** 44), kind, arg });
  }
}

/** An observer that writes down every call as [what, ...arguments]. */
function recorder(): { log: unknown[][]; observer: RefreshObserver } {
  const log: unknown[][] = [];
  const observer = new Proxy({}, { get: (_, name) => (...args: unknown[]) => log.push([name, ...args]) }) as RefreshObserver;
  return { log, observer };
}

const src = (id: string, over: Partial<SourceSpec> = {}): SourceSpec => ({ id, account: 'a', connector: 'rest', interval: null, dataAsOf: 0, ...over });

function rulesOf(m: Model): ModelRules {
  return {
    timeout: Float64Array.from([Infinity]),
    defer: m.defer,
    retryLadder: m.retryLadder,
    disableAt: m.disableAt,
    embedTtl: m.embedTtl,
    dashboardViewEvery: m.dashboardViewEvery,
    emailLead: m.emailLead,
    horizon: m.duration,
  };
}

function build(m: Model, clock: Clock & Timers) {
  const { log, observer } = recorder();
  const model = new RefreshModel(buildTopology(m), rulesOf(m), clock, clock, { latency: () => 10, fails: () => false }, observer);
  return { model, log };
}

/** A calendar whose every zone is UTC with sim time 0 at a midnight. */
const utc: LocalTime = {
  wall: (_zone, t) => t,
  daily: (_zone, secondsOfDay, from, to) => {
    const out: number[] = [];
    for (let d = Math.floor(from / 86400); d * 86400 + secondsOfDay < to; d++) if (d * 86400 + secondsOfDay >= from) out.push(d * 86400 + secondsOfDay);
    return out;
  },
};
const half = { next: () => 0.5 }; // every source here has its data time: the draw is not used

describe('the refresh model on a hand-driven clock', () => {
  // the model must not read the wall clock: any read fails the test
  beforeEach(() => {
    vi.spyOn(Date, 'now').mockImplementation(() => { throw new Error('Date.now read by the model'); });
    vi.spyOn(performance, 'now').mockImplementation(() => { throw new Error('performance.now read by the model'); });
  });
  afterEach(() => vi.restoreAllMocks());

  it('every time it records or schedules is the injected clock\'s now, plus a model duration', () => {
    const clock = new HandClock();
    const { model, log } = build(makeModel({ sources: [src('s0'), src('s1')] }), clock);
    model.setUp(makeModel({ sources: [src('s0'), src('s1')] }), half, utc);
    clock.t = 1000;
    model.system.request(0, TriggerCode.manual);
    model.dispatch();
    expect(log).toEqual([
      ['workers', 0, 1, 0], // set up at 0
      ['enqueued', 0, TriggerCode.manual, false, 1000],
      ['started', 0, 1000], // the queue is empty again: no queueLength (told only when it changes)
    ]);
    // the call's end is a timer on the injected Timers, 10 s (the sampled latency) after the clock's now
    expect(clock.timers).toEqual([{ time: 1010, priority: Priority.callEnd, kind: Kind.callEnd, arg: 0 }]);
    clock.t = 1010;
    model.onEvent(Kind.callEnd, 0);
    expect(log.at(-1)).toEqual(['ended', 0, 0, 1010]);
    expect(model.system.dataAsOf(0)).toBe(1010);
    expect(model.system.state(0)).toBe(State.idle);
  });

  it('the sessions, e-mail and worker rules schedule their own kinds on the injected timers', () => {
    const clock = new HandClock();
    const m = makeModel({
      duration: 86400,
      dashboardViewEvery: 900,
      emailLead: 600,
      workers: { kind: 'schedule', timezone: 'UTC', steps: [{ at: 8 * 3600, workers: 4 }, { at: 18 * 3600, workers: 1 }] },
      // on a Klip and refreshed daily: a source the dashboard shows (dashboard freshness counts it)
      sources: [src('s0', { interval: 86400 })],
      klips: [{ id: 'k', account: 'a', sources: ['s0'] }],
      emails: [{ id: 'e', account: 'a', klips: ['k'], sendAt: [300, 7200] }],
    });
    const { model, log } = build(m, clock);
    model.setUp(m, half, utc);
    expect(log).toEqual([['workers', 0, 1, 0]]); // at midnight, the evening's step is in force
    // s0's first due time (86400, from its data of 0) gets no timer: no session covers it (see due-timers.test.ts)
    expect(clock.timers).toEqual([
      { time: 8 * 3600, priority: Priority.workers, kind: Kind.workers, arg: 4 },
      { time: 18 * 3600, priority: Priority.workers, kind: Kind.workers, arg: 1 },
      { time: 0, priority: Priority.emailPrefresh, kind: Kind.emailPrefresh, arg: 0 }, // not before time 0
      { time: 300, priority: Priority.emailSend, kind: Kind.emailSend, arg: 0 },
      { time: 6600, priority: Priority.emailPrefresh, kind: Kind.emailPrefresh, arg: 0 },
      { time: 7200, priority: Priority.emailSend, kind: Kind.emailSend, arg: 0 },
    ]);
    clock.timers = [];
    clock.t = 500;
    model.openSession(0, 2000);
    expect(clock.timers).toEqual([
      { time: 1400, priority: Priority.dashboardView, kind: Kind.dashboardView, arg: 0 },
      { time: 2000, priority: Priority.logout, kind: Kind.sessionEnd, arg: 0 },
    ]);
    clock.t = 1400;
    model.onEvent(Kind.dashboardView, 0);
    expect(clock.timers).toHaveLength(2); // the next view, at 2300, would fall after the session's end
    expect(log.filter((e) => e[0] === 'dashboardAge')).toEqual([['dashboardAge', 500, 500], ['dashboardAge', 1400, 1400]]);
    clock.t = 2000;
    model.onEvent(Kind.sessionEnd, 0);
    expect(model.system.activeSessions[0]).toBe(0);
    expect(() => model.onEvent(FIRST_INPUT_KIND, 0)).toThrow(/unknown refresh timer kind/);
  });
});

describe('dispatch once per instant', () => {
  it('requests arriving at one instant are dispatched in one pass after all of its events, in ladder order, then enqueue order', () => {
    const clock = new VirtualClock();
    // s0 and s1 are overdue (a login enqueues them, by due time); s2 is manual-only
    const m = makeModel({
      duration: 1000,
      workers: { kind: 'fixed', workers: 2 },
      sources: [src('s0', { interval: 600, dataAsOf: -900 }), src('s1', { interval: 600, dataAsOf: -1000 }), src('s2')],
    });
    const { model, log } = build(m, clock);
    model.setUp(m, half, utc);
    // the test plays the scenario's inputs: scheduled refresh first, login second, both at 100
    clock.at(100, Priority.refresh, Kind.refreshTrace, 2);
    clock.at(100, Priority.login, Kind.sessionStart, 0);
    const dispatchedAt: number[] = [];
    clock.runUntil(100, {
      handle: (kind, arg) => {
        if (kind < FIRST_INPUT_KIND) model.onEvent(kind, arg);
        else if (kind === Kind.sessionStart) model.openSession(arg, 500);
        else model.system.request(arg, TriggerCode.manual);
      },
      endOfInstant: () => {
        dispatchedAt.push(clock.now());
        model.dispatch();
      },
    });
    // once per instant, at 100 only: no session covers time 0, so the overdue sources get no timer there
    expect(dispatchedAt).toEqual([100]);
    const at100 = log.filter((e) => e.at(-1) === 100 && ['enqueued', 'started', 'queueLength'].includes(e[0] as string));
    expect(at100).toEqual([
      // the login (Priority.login) runs before the refresh (Priority.refresh) although scheduled after it;
      // it enqueues the account's overdue sources by due time: s1 (due -400) before s0 (due -300)
      ['enqueued', 1, TriggerCode.login, false, 100],
      ['enqueued', 0, TriggerCode.login, false, 100],
      ['enqueued', 2, TriggerCode.manual, false, 100],
      // then one pass: two workers take the head of the queue; s2 waits
      ['started', 1, 100],
      ['started', 0, 100],
      ['queueLength', 1, 100],
    ]);
  });
});

describe('the registry of event kinds (ladder.ts)', () => {
  it('gives every kind its own number, the refresh model\'s below FIRST_INPUT_KIND and the inputs\' from it on', () => {
    const numbers = Object.values(Kind);
    expect(new Set(numbers).size).toBe(numbers.length);
    const model = Object.entries(Kind).filter(([, k]) => k < FIRST_INPUT_KIND).map(([name]) => name);
    expect(model).toEqual(['callEnd', 'due', 'limitWake', 'deferWake', 'sessionEnd', 'dashboardView', 'workers', 'emailPrefresh', 'emailSend']);
  });
});
