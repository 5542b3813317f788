// One simulation run: wires a scenario's model to the refresh model on the virtual clock, replays the
// scenario's inputs (traces and arrival processes) onto it and turns what the observer saw into a RunResult.
import { VirtualClock } from '../engine/clock.js';
import { compileDist, type Sampler } from '../engine/distributions.js';
import { exponential, pick, stream, type Rng } from '../engine/random.js';
import { Priority } from '../refresh/ladder.js';
import { RefreshSystem, State } from '../refresh/system.js';
import { buildTopology, TriggerCode, type Topology } from '../refresh/topology.js';
import { Collector } from '../stats/collector.js';
import { buildSummary } from '../stats/summary.js';
import type { RequestRecord, RunResult } from '../stats/types.js';
import { TRIGGERS, type Model } from '../scenario/model.js';
import { Calendar } from './calendar.js';

/** The driver's own event kinds (the refresh system's timers are below 100). */
const Ev = {
  sessionStart: 100, // arg: trace session index
  sessionEnd: 101, // arg: slot
  dashboardView: 102, // arg: slot
  loginProcess: 103, // arg: process index
  refreshTrace: 104, // arg: trace index
  refreshProcess: 105, // arg: process index
  embedTrace: 106, // arg: embed
  embedProcess: 107, // arg: process index
  emailPrefresh: 108, // arg: e-mail
  emailSend: 109, // arg: e-mail
  workers: 110, // arg: worker count
  warmUp: 111, // arg: account
  linkTrace: 112, // arg: account
  linkProcess: 113, // arg: process index
} as const;

export interface SimulateOptions {
  /** called once per request when it ends (or at the end of the run, if still pending) */
  onRequest?: (r: RequestRecord) => void;
}

export class Simulation {
  readonly model: Model;
  readonly topo: Topology;
  readonly clock = new VirtualClock();
  readonly system: RefreshSystem;
  readonly collector: Collector;
  readonly #calendar: Calendar;
  readonly #sessionAccount: Int32Array; // per session trace
  readonly #embedIndex: Map<string, number>;
  // open sessions (slots reused)
  #slotAccount: number[] = [];
  #slotEnd: number[] = [];
  #freeSlots: number[] = [];
  // arrival processes
  #loginRng: Rng[] = [];
  #sessionRng: Rng[] = [];
  #sessionLength: Sampler[] = [];
  #loginAccount: Int32Array;
  #loginZone: Int32Array;
  #loginUsers: Int32Array[];
  #loginBase: Float64Array; // logins per second before shaping
  #loginMaxWeight: Float64Array;
  #refreshRng: Rng[] = [];
  #traceSource: Int32Array; // per refresh trace
  #traceTrigger: Uint8Array;
  #refreshSources: Int32Array[] = [];
  // when a process covers a contiguous run of sources (e.g. `sources: all`), its pick is base + i:
  // no look-up in a 100,000-entry list (a cache miss) per request
  #refreshBase: Int32Array;
  #refreshTrigger: Uint8Array;
  #embedRng: Rng[] = [];
  #embedTargets: Int32Array[] = [];
  #linkRng: Rng[] = [];
  #linkAccounts: Int32Array[] = [];
  #finished = false;

  constructor(model: Model, opts: SimulateOptions = {}) {
    this.model = model;
    const topo = (this.topo = buildTopology(model));
    this.#calendar = new Calendar(model.startEpochMs);
    const seed = model.seed;

    const latency = model.connectors.map((c) => compileDist(c.latency, c.latencyScale));
    const latencyRng = model.connectors.map((c) => stream(seed, `latency/${c.id}`));
    const failRng = model.connectors.map((c) => stream(seed, `failures/${c.id}`));
    const failureRate = model.connectors.map((c) => c.failureRate);
    const sampler = {
      latency: (c: number) => latency[c](latencyRng[c]),
      fails: (c: number) => failureRate[c] > 0 && failRng[c].next() < failureRate[c],
    };

    this.collector = new Collector(
      {
        triggers: TRIGGERS,
        sourceIds: topo.sourceIds,
        accountIds: topo.accountIds,
        connectorIds: topo.connectorIds,
        keyLimitId: (k) => topo.limits[topo.keyLimit[k]].id,
      },
      { warmup: model.warmup, bucket: model.bucket, onRequest: opts.onRequest },
    );
    this.system = new RefreshSystem(
      topo,
      {
        timeout: Float64Array.from(model.connectors.map((c) => c.timeout)),
        defer: model.defer,
        retryLadder: model.retryLadder,
        disableAt: model.disableAt,
        embedTtl: model.embedTtl,
      },
      this.clock,
      this.clock,
      sampler,
      this.collector,
    );

    this.collector.attach(this.system);
    const userIndex = new Map(model.users.map((u, i) => [u.id, i] as const));
    const userAccount = model.users.map((u) => topo.accountIndex.get(u.account)!);
    this.#sessionAccount = Int32Array.from(model.sessions.map((s) => userAccount[userIndex.get(s.user)!]));
    this.#embedIndex = new Map(model.embeds.map((e, i) => [e.id, i] as const));

    // Initial cached data: given, or a uniformly random phase within one interval (stream "initial").
    const initRng = stream(seed, 'initial');
    model.sources.forEach((src, s) => {
      const interval = topo.sourceInterval[s];
      const u = initRng.next();
      const asOf = src.dataAsOf ?? (interval === Infinity ? 0 : -u * interval);
      this.system.initSource(s, asOf);
    });

    // Workers: a number, or a daily schedule in a zone.
    const w = model.workers;
    if (w.kind === 'fixed') this.system.setWorkers(w.workers);
    else {
      const steps = [...w.steps].sort((a, b) => a.at - b.at);
      // the step in force at time 0 is the last one of the (local) day before
      const h0 = (this.#calendar.wall(w.timezone, 0) % 86400 + 86400) % 86400;
      let initial = steps[steps.length - 1].workers;
      for (const st of steps) if (st.at <= h0) initial = st.workers;
      this.system.setWorkers(initial);
      for (const st of steps) for (const t of this.#calendar.daily(w.timezone, st.at, 0, model.duration)) if (t > 0) this.clock.at(t, Priority.workers, Ev.workers, st.workers);
    }

    // Traces. Ids are resolved to indices here, once, so the event loop never looks up a string:
    // events that need one index carry it as their argument.
    model.sessions.forEach((s, i) => this.clock.at(s.at, Priority.login, Ev.sessionStart, i));
    this.#traceSource = Int32Array.from(model.refreshes.map((r) => topo.sourceIndex.get(r.source)!));
    this.#traceTrigger = Uint8Array.from(model.refreshes.map((r) => TriggerCode[r.trigger]));
    model.refreshes.forEach((r, i) => this.clock.at(r.at, Priority.refresh, Ev.refreshTrace, i));
    model.embedViews.forEach((v) => this.clock.at(v.at, Priority.embedView, Ev.embedTrace, this.#embedIndex.get(v.embed)!));
    model.warmUps.forEach((w) => {
      const a = topo.accountIndex.get(w.account)!;
      for (const at of w.at) this.clock.at(at, Priority.warmUp, Ev.warmUp, a);
    });
    model.linkViews.forEach((v) => this.clock.at(v.at, Priority.linkView, Ev.linkTrace, topo.accountIndex.get(v.account)!));
    model.emails.forEach((e, i) => {
      for (const at of e.sendAt) {
        this.clock.at(Math.max(0, at - model.emailLead), Priority.emailPrefresh, Ev.emailPrefresh, i);
        this.clock.at(at, Priority.emailSend, Ev.emailSend, i);
      }
    });

    // Generated processes, drawn lazily one event ahead.
    this.#loginAccount = Int32Array.from(model.loginProcesses.map((p) => topo.accountIndex.get(p.account)!));
    this.#loginZone = Int32Array.from(this.#loginAccount, (a) => this.#calendar.zone(model.accounts[a].timezone));
    this.#loginUsers = model.loginProcesses.map((p) => Int32Array.from(p.users.map((u) => userIndex.get(u)!)));
    this.#loginBase = Float64Array.from(model.loginProcesses.map((p) => (p.perUserPerDay * p.users.length) / 86400));
    this.#loginMaxWeight = Float64Array.from(model.loginProcesses.map((p) => Math.max(...p.hourWeights) * Math.max(...p.dayWeights)));
    model.loginProcesses.forEach((p, i) => {
      this.#loginRng.push(stream(seed, `logins/${p.account}`));
      this.#sessionRng.push(stream(seed, `sessions/${p.account}`));
      this.#sessionLength.push(compileDist(p.sessionLength));
      this.#nextLogin(i, 0);
    });
    this.#refreshTrigger = Uint8Array.from(model.refreshProcesses.map((p) => TriggerCode[p.trigger]));
    this.#refreshBase = new Int32Array(model.refreshProcesses.length);
    model.refreshProcesses.forEach((p, i) => {
      this.#refreshRng.push(stream(seed, `refreshes/${i}`));
      const list = new Int32Array(p.sources.length); // a loop: no temporary array of a million numbers
      for (let j = 0; j < list.length; j++) list[j] = topo.sourceIndex.get(p.sources[j])!;
      this.#refreshSources.push(list);
      this.#refreshBase[i] = list.every((s, j) => s === list[0] + j) ? list[0] : -1;
      this.#nextPoisson(i, 0, p.rate, this.#refreshRng[i], Priority.refresh, Ev.refreshProcess);
    });
    model.linkViewProcesses.forEach((p, i) => {
      this.#linkRng.push(stream(seed, `linkViews/${i}`));
      this.#linkAccounts.push(Int32Array.from(p.accounts.map((id) => topo.accountIndex.get(id)!)));
      this.#nextPoisson(i, 0, p.rate, this.#linkRng[i], Priority.linkView, Ev.linkProcess);
    });
    model.embedViewProcesses.forEach((p, i) => {
      this.#embedRng.push(stream(seed, `embedViews/${i}`));
      this.#embedTargets.push(Int32Array.from(p.embeds.map((id) => this.#embedIndex.get(id)!)));
      this.#nextPoisson(i, 0, p.rate, this.#embedRng[i], Priority.embedView, Ev.embedProcess);
    });
  }

  /** Simulated time reached so far. */
  get now(): number {
    return this.clock.now();
  }

  /** Runs events up to `until` (capped at the scenario's duration). */
  advance(until: number): void {
    const end = Math.min(until, this.model.duration);
    this.clock.runUntil(end, this.#handle, this.#dispatch);
  }

  /** Runs to the end and builds the result. */
  finish(): RunResult {
    if (this.#finished) throw new Error('simulation already finished');
    this.#finished = true;
    const end = this.model.duration;
    this.advance(end);
    this.collector.finish(end);
    const pending = { queued: 0, deferred: 0, running: 0, total: 0 };
    const sys = this.system;
    for (let s = 0; s < this.topo.sourceIds.length; s++) {
      const st = sys.state(s);
      if (st !== State.queued && st !== State.deferred && st !== State.running) continue;
      this.collector.pending(s, end);
      if (sys.enqueueAt(s) < this.model.warmup) continue;
      if (st === State.queued) pending.queued++;
      else if (st === State.deferred) pending.deferred++;
      else pending.running++;
      pending.total++;
    }
    return {
      summary: buildSummary(this.model, this.topo, this.system, this.collector, pending),
      timeseries: this.collector.rows,
      params: this.model.params,
    };
  }

  /** Workers act once per instant, on everything that happened at it (see RefreshSystem.dispatch). */
  readonly #dispatch = (): void => this.system.dispatch();

  readonly #handle = (kind: number, arg: number): void => {
    const sys = this.system;
    if (kind < 100) {
      sys.onTimer(kind, arg);
      return;
    }
    const now = this.clock.now();
    const m = this.model;
    switch (kind) {
      case Ev.sessionStart: {
        this.#openSession(this.#sessionAccount[arg], now + m.sessions[arg].duration);
        break;
      }
      case Ev.sessionEnd: {
        sys.logout(this.#slotAccount[arg]);
        this.#freeSlots.push(arg);
        break;
      }
      case Ev.dashboardView: {
        sys.dashboardView(this.#slotAccount[arg]);
        const next = now + m.dashboardViewEvery;
        if (next < this.#slotEnd[arg]) this.clock.at(next, Priority.dashboardView, Ev.dashboardView, arg);
        break;
      }
      case Ev.loginProcess: {
        // thinning: accept the candidate with probability rate(t) / max rate
        const p = m.loginProcesses[arg];
        const rng = this.#loginRng[arg];
        const a = this.#loginAccount[arg];
        const zone = this.#loginZone[arg];
        const weight = p.hourWeights[this.#calendar.hourOfDay(zone, now)] * p.dayWeights[this.#calendar.weekday(zone, now)];
        if (rng.next() * this.#loginMaxWeight[arg] < weight) {
          const srng = this.#sessionRng[arg];
          pick(srng, this.#loginUsers[arg].length); // which user (all users of an account act alike)
          this.#openSession(a, now + Math.max(1, this.#sessionLength[arg](srng)));
        }
        this.#nextLogin(arg, now);
        break;
      }
      case Ev.refreshTrace:
        sys.request(this.#traceSource[arg], this.#traceTrigger[arg]);
        break;
      case Ev.refreshProcess: {
        const rng = this.#refreshRng[arg];
        const sources = this.#refreshSources[arg];
        const i = pick(rng, sources.length);
        const base = this.#refreshBase[arg];
        sys.request(base >= 0 ? base + i : sources[i], this.#refreshTrigger[arg]);
        this.#nextPoisson(arg, now, m.refreshProcesses[arg].rate, rng, Priority.refresh, Ev.refreshProcess);
        break;
      }
      case Ev.embedTrace:
        sys.embedView(arg);
        break;
      case Ev.embedProcess: {
        const rng = this.#embedRng[arg];
        const targets = this.#embedTargets[arg];
        sys.embedView(targets[pick(rng, targets.length)]);
        this.#nextPoisson(arg, now, m.embedViewProcesses[arg].rate, rng, Priority.embedView, Ev.embedProcess);
        break;
      }
      case Ev.emailPrefresh:
        sys.emailPrefresh(arg);
        break;
      case Ev.emailSend:
        sys.emailSend(arg);
        break;
      case Ev.workers:
        sys.setWorkers(arg);
        break;
      case Ev.warmUp:
        sys.warmUp(arg);
        break;
      case Ev.linkTrace:
        sys.linkView(arg);
        break;
      case Ev.linkProcess: {
        const rng = this.#linkRng[arg];
        const accounts = this.#linkAccounts[arg];
        sys.linkView(accounts[pick(rng, accounts.length)]);
        this.#nextPoisson(arg, now, m.linkViewProcesses[arg].rate, rng, Priority.linkView, Ev.linkProcess);
        break;
      }
      default:
        throw new Error(`unknown event kind ${kind}`);
    }
  };

  #openSession(account: number, endAt: number): void {
    const slot = this.#freeSlots.length > 0 ? this.#freeSlots.pop()! : this.#slotAccount.length;
    this.#slotAccount[slot] = account;
    this.#slotEnd[slot] = endAt;
    this.system.login(account);
    const now = this.clock.now();
    this.system.dashboardView(account);
    if (now + this.model.dashboardViewEvery < endAt) this.clock.at(now + this.model.dashboardViewEvery, Priority.dashboardView, Ev.dashboardView, slot);
    if (endAt <= this.model.duration) this.clock.at(endAt, Priority.logout, Ev.sessionEnd, slot);
  }

  #nextLogin(i: number, now: number): void {
    const rate = this.#loginBase[i] * this.#loginMaxWeight[i];
    if (!(rate > 0)) return;
    const t = now + exponential(this.#loginRng[i], 1 / rate);
    if (t < this.model.duration) this.clock.at(t, Priority.login, Ev.loginProcess, i);
  }

  #nextPoisson(i: number, now: number, rate: number, rng: Rng, priority: number, kind: number): void {
    if (!(rate > 0)) return;
    const t = now + exponential(rng, 1 / rate);
    if (t < this.model.duration) this.clock.at(t, priority, kind, i);
  }
}

/** Runs a model from start to end. */
export function simulate(model: Model, opts: SimulateOptions = {}): RunResult {
  return new Simulation(model, opts).finish();
}
