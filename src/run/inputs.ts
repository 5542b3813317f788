// The scenario's inputs replayed onto the refresh model: the traces (sessions, refreshes, embed and
// link views, warm-ups) at their times, and the arrival processes (logins, manual/API refreshes, embed
// and link views), each drawn lazily one event ahead from its own seeded stream. The event kinds from
// FIRST_INPUT_KIND on (refresh/ladder.ts) are these; the handler passes the model's own to the model.
import { compileDist, exponential, pick, stream, type Clock, type Rng, type Sampler, type Timers } from '../engine/index.js';
import * as ladder from '../refresh/index.js';
import { TriggerCode, type RefreshModel, type Topology } from '../refresh/index.js';
import type { Model } from '../scenario/model.js';
import type { Calendar } from './calendar.js';
import { findSource } from './topology.js';

// Module-level copies of the registry: V8 folds a module const's fields into the event switch as
// constants, an import's it reads each time (see R in refresh/system.ts: ~8% on the mmc bench).
const Kind = ladder.Kind;
const Priority = ladder.Priority;
const FIRST_INPUT_KIND = ladder.FIRST_INPUT_KIND;

/** A login process's weights: 24 by hour of day, then 7 by weekday. */
const WEIGHTS = 31;

/**
 * A refresh process draws its arrivals BATCH at a time, when LOW or fewer are left, into a ring of AHEAD
 * (a power of two; see Inputs.#aheadTime). Eight misses at once cost about what one does.
 */
const BATCH = 8, LOW = 4, AHEAD = 16;

/** Ids resolved to indices once, so the event loop never looks up a string. */
function indexOf<T>(xs: readonly T[], id: (x: T) => string): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < xs.length; i++) map.set(id(xs[i]), i);
  return map;
}

/** One of a process's targets, uniformly. */
function pickFrom(rng: Rng, list: Int32Array): number {
  return list[pick(rng, list.length)];
}

/** The mean time between a Poisson process's events (Infinity at rate 0: none). */
const meanGap = (rate: number): number => (rate > 0 ? 1 / rate : Infinity);

/** A Poisson process's next arrival after `last`, given its mean gap (meanGap; Infinity: none). */
function poissonAfter(last: number, mean: number, rng: Rng): number {
  return mean < Infinity ? last + exponential(rng, mean) : Infinity;
}

/** A Poisson process's next event after `now`, if before the horizon: whether there is one. */
function nextPoisson(clock: Timers, horizon: number, i: number, now: number, rate: number, rng: Rng, priority: number, kind: number): boolean {
  const t = poissonAfter(now, meanGap(rate), rng);
  if (!(t < horizon)) return false;
  clock.at(t, priority, kind, i);
  return true;
}

export class Inputs {
  readonly #m: Model;
  readonly #model: RefreshModel;
  readonly #clock: Clock & Timers;
  readonly #calendar: Calendar;
  readonly #horizon: number;
  // traces
  readonly #sessionAccount: Int32Array; // per session trace
  readonly #traceSource: Int32Array; // per refresh trace
  readonly #traceTrigger: Uint8Array;
  // login processes
  #loginRng: Rng[] = [];
  #sessionRng: Rng[] = [];
  #sessionLength: Sampler[] = [];
  #loginAccount: Int32Array;
  #loginZone: Int32Array;
  #loginUsers: Int32Array[];
  #loginBase: Float64Array; // logins per second before shaping
  #loginMaxWeight: Float64Array;
  // each process's 24 hour weights then 7 day weights, side by side: one cache line or two per login
  // candidate instead of the process object and its two arrays (40,000 accounts at a million sources)
  #loginWeights: Float64Array;
  // refresh, embed-view and link-view processes
  #refreshRng: Rng[] = [];
  #refreshSources: Int32Array[] = [];
  // when a process covers a contiguous run of sources (e.g. `sources: all`), its pick is base + i:
  // no look-up in a 100,000-entry list (a cache miss) per request
  #refreshBase: Int32Array;
  #refreshTrigger: Uint8Array;
  /** per refresh process: its meanGap, divided once, not per arrival (the same number as dividing each time) */
  #refreshMean: Float64Array;
  // Each refresh process's next arrivals, drawn ahead in its stream's own order (time, source, time,
  // source, ...: the stream serves nothing else, so drawing early changes no number). The head is the one
  // scheduled. A batch's sources have their records read together right after it is drawn: a load that
  // misses the cache stalls the processor whenever it comes, but independent loads in one loop miss in
  // parallel (mmc over 100,000 sources: 415 -> 305 ms, the time it takes over 1,000).
  #aheadTime: Float64Array; // [process * AHEAD + slot]
  #aheadSource: Int32Array;
  #aheadHead: Int32Array; // per process: the slot of the scheduled arrival
  #aheadCount: Int32Array; // per process: arrivals drawn and not yet handled (0: the process has ended)
  #aheadLast: Float64Array; // per process: the time of the arrival drawn last; Infinity once a draw passed the horizon
  /** the records read ahead (kept so the reads are not optimised away) */
  #readAhead = 0;
  #embedRng: Rng[] = [];
  #embedTargets: Int32Array[] = [];
  #linkRng: Rng[] = [];
  #linkAccounts: Int32Array[] = [];

  constructor(m: Model, topo: Topology, model: RefreshModel, clock: Clock & Timers, calendar: Calendar) {
    this.#m = m;
    this.#model = model;
    this.#clock = clock;
    this.#calendar = calendar;
    this.#horizon = m.duration;
    const userIndex = indexOf(m.users, (u) => u.id);
    const embedIndex = indexOf(m.embeds, (e) => e.id);
    const userAccount = m.users.map((u) => topo.accountIndex.get(u.account)!);
    this.#sessionAccount = Int32Array.from(m.sessions.map((s) => userAccount[userIndex.get(s.user)!]));
    this.#traceSource = Int32Array.from(m.refreshes.map((r) => topo.sourceIndex.get(r.source)!));
    this.#traceTrigger = Uint8Array.from(m.refreshes.map((r) => TriggerCode[r.trigger]));
    this.#scheduleTraces(topo, embedIndex);

    this.#loginAccount = Int32Array.from(m.loginProcesses.map((p) => topo.accountIndex.get(p.account)!));
    this.#loginZone = Int32Array.from(this.#loginAccount, (a) => calendar.zone(m.accounts[a].timezone));
    this.#loginUsers = m.loginProcesses.map((p) => Int32Array.from(p.users.map((u) => userIndex.get(u)!)));
    this.#loginBase = Float64Array.from(m.loginProcesses.map((p) => (p.perUserPerDay * p.users.length) / 86400));
    this.#loginMaxWeight = Float64Array.from(m.loginProcesses.map((p) => Math.max(...p.hourWeights) * Math.max(...p.dayWeights)));
    this.#loginWeights = new Float64Array(WEIGHTS * m.loginProcesses.length);
    m.loginProcesses.forEach((p, i) => {
      if (p.hourWeights.length !== 24 || p.dayWeights.length !== 7) throw new Error(`login process ${i}: 24 hour and 7 day weights expected`);
      this.#loginWeights.set(p.hourWeights, WEIGHTS * i);
      this.#loginWeights.set(p.dayWeights, WEIGHTS * i + 24);
    });
    this.#refreshTrigger = Uint8Array.from(m.refreshProcesses.map((p) => TriggerCode[p.trigger]));
    this.#refreshBase = new Int32Array(m.refreshProcesses.length);
    this.#refreshMean = Float64Array.from(m.refreshProcesses.map((p) => meanGap(p.rate)));
    const P = m.refreshProcesses.length;
    this.#aheadTime = new Float64Array(P * AHEAD);
    this.#aheadSource = new Int32Array(P * AHEAD);
    this.#aheadHead = new Int32Array(P);
    this.#aheadCount = new Int32Array(P);
    this.#aheadLast = new Float64Array(P);
    this.#startProcesses(topo, embedIndex);
  }

  /** Every trace event at its time, in the order of the file. */
  #scheduleTraces(topo: Topology, embedIndex: Map<string, number>): void {
    const m = this.#m, clock = this.#clock;
    m.sessions.forEach((s, i) => clock.at(s.at, Priority.login, Kind.sessionStart, i));
    m.refreshes.forEach((r, i) => clock.at(r.at, Priority.refresh, Kind.refreshTrace, i));
    m.embedViews.forEach((v) => clock.at(v.at, Priority.embedView, Kind.embedTrace, embedIndex.get(v.embed)!));
    m.warmUps.forEach((w) => {
      const a = topo.accountIndex.get(w.account)!;
      for (const at of w.at) clock.at(at, Priority.warmUp, Kind.warmUp, a);
    });
    m.linkViews.forEach((v) => clock.at(v.at, Priority.linkView, Kind.linkTrace, topo.accountIndex.get(v.account)!));
  }

  /** Each arrival process's own streams, and its first event. */
  #startProcesses(topo: Topology, embedIndex: Map<string, number>): void {
    const m = this.#m, seed = m.seed, clock = this.#clock, horizon = this.#horizon;
    m.loginProcesses.forEach((p, i) => {
      this.#loginRng.push(stream(seed, `logins/${p.account}`));
      this.#sessionRng.push(stream(seed, `sessions/${p.account}`));
      this.#sessionLength.push(compileDist(p.sessionLength));
      this.#nextLogin(i, 0);
    });
    m.refreshProcesses.forEach((p, i) => {
      this.#refreshRng.push(stream(seed, `refreshes/${i}`));
      const list = new Int32Array(p.sources.length); // a loop: no temporary array of a million numbers
      // a process's sources follow the scenario's order: each looked for just after the last one found
      const index = () => topo.sourceIndex;
      for (let j = 0, next = 0; j < list.length; j++) next = (list[j] = findSource(m.sources, p.sources[j], next, index)!) + 1;
      this.#refreshSources.push(list);
      this.#refreshBase[i] = list.every((s, j) => s === list[0] + j) ? list[0] : -1;
      this.#startRefreshes(i);
    });
    m.linkViewProcesses.forEach((p, i) => {
      this.#linkRng.push(stream(seed, `linkViews/${i}`));
      this.#linkAccounts.push(Int32Array.from(p.accounts.map((id) => topo.accountIndex.get(id)!)));
      nextPoisson(clock, horizon, i, 0, p.rate, this.#linkRng[i], Priority.linkView, Kind.linkProcess);
    });
    m.embedViewProcesses.forEach((p, i) => {
      this.#embedRng.push(stream(seed, `embedViews/${i}`));
      this.#embedTargets.push(Int32Array.from(p.embeds.map((id) => embedIndex.get(id)!)));
      nextPoisson(clock, horizon, i, 0, p.rate, this.#embedRng[i], Priority.embedView, Kind.embedProcess);
    });
  }

  /** An event: the model's own kinds go to the model, the inputs' are replayed here. */
  handle(kind: number, arg: number): void {
    if (kind < FIRST_INPUT_KIND) this.#model.onEvent(kind, arg);
    else if (kind === Kind.refreshProcess) {
      this.#model.system.request(this.#aheadSource[arg * AHEAD + this.#aheadHead[arg]], this.#refreshTrigger[arg]);
      this.#nextRefresh(arg);
    } else this.#input(kind, arg);
  }

  /** The inputs' other events (rarer than the model's own and the refresh processes' arrivals: kept out of handle, which V8 can then inline). */
  #input(kind: number, arg: number): void {
    const sys = this.#model.system;
    const now = this.#clock.now();
    const m = this.#m;
    switch (kind) {
      case Kind.sessionStart:
        this.#model.openSession(this.#sessionAccount[arg], now + m.sessions[arg].duration);
        break;
      case Kind.loginProcess:
        this.#login(arg, now);
        break;
      case Kind.refreshTrace:
        sys.request(this.#traceSource[arg], this.#traceTrigger[arg]);
        break;
      case Kind.embedTrace:
        sys.embedView(arg);
        break;
      case Kind.embedProcess: {
        const rng = this.#embedRng[arg];
        sys.embedView(pickFrom(rng, this.#embedTargets[arg]));
        nextPoisson(this.#clock, this.#horizon, arg, now, m.embedViewProcesses[arg].rate, rng, Priority.embedView, Kind.embedProcess);
        break;
      }
      case Kind.warmUp:
        sys.warmUp(arg);
        break;
      case Kind.linkTrace:
        sys.linkView(arg);
        break;
      case Kind.linkProcess: {
        const rng = this.#linkRng[arg];
        sys.linkView(pickFrom(rng, this.#linkAccounts[arg]));
        nextPoisson(this.#clock, this.#horizon, arg, now, m.linkViewProcesses[arg].rate, rng, Priority.linkView, Kind.linkProcess);
        break;
      }
      default:
        throw new Error(`unknown event kind ${kind}`);
    }
  }

  /** A login of a process (a candidate its thinning accepted, see #nextLogin). */
  #login(i: number, now: number): void {
    const srng = this.#sessionRng[i];
    pick(srng, this.#loginUsers[i].length); // which user (all users of an account act alike)
    this.#model.openSession(this.#loginAccount[i], now + Math.max(1, this.#sessionLength[i](srng)));
    this.#nextLogin(i, now);
  }

  /** A refresh process's first arrivals drawn, the first scheduled. */
  #startRefreshes(i: number): void {
    this.#drawBatch(i);
    if (this.#aheadCount[i] > 0) this.#clock.at(this.#aheadTime[i * AHEAD], Priority.refresh, Kind.refreshProcess, i);
  }

  /** The head arrival has been handled: the next one is scheduled, drawing a batch more when it is the last drawn. */
  #nextRefresh(i: number): void {
    const head = this.#aheadHead[i] + 1;
    this.#aheadHead[i] = head === AHEAD ? 0 : head;
    if (--this.#aheadCount[i] <= LOW) this.#drawBatch(i);
    if (this.#aheadCount[i] > 0) {
      const clock = this.#clock; // the time through timeIn: never boxed (see Timers.atTimeIn)
      clock.timeIn[0] = this.#aheadTime[i * AHEAD + this.#aheadHead[i]];
      clock.atTimeIn(Priority.refresh, Kind.refreshProcess, i);
    }
  }

  /**
   * A refresh process's next BATCH arrivals after the last one drawn (a Poisson process: each one's time,
   * then its source), up to the horizon; then their sources' records are read in one loop of independent
   * loads, so their cache misses overlap (see #aheadTime).
   */
  #drawBatch(i: number): void {
    if (this.#aheadLast[i] === Infinity) return; // the process has ended
    const at = i * AHEAD, head = this.#aheadHead[i], n0 = this.#aheadCount[i];
    const mean = this.#refreshMean[i];
    const rng = this.#refreshRng[i];
    const sources = this.#refreshSources[i];
    const base = this.#refreshBase[i];
    let last = this.#aheadLast[i], n = n0;
    for (; n < n0 + BATCH; n++) {
      const t = poissonAfter(last, mean, rng);
      if (!(t < this.#horizon)) {
        last = Infinity;
        break;
      }
      const j = pick(rng, sources.length);
      const slot = at + ((head + n) & (AHEAD - 1));
      this.#aheadTime[slot] = t;
      this.#aheadSource[slot] = (base >= 0 ? base + j : sources[j]);
      last = t;
    }
    this.#aheadCount[i] = n;
    this.#aheadLast[i] = last;
    const sys = this.#model.system;
    let x = this.#readAhead;
    for (let k = n0; k < n; k++) x ^= sys.state(this.#aheadSource[at + ((head + k) & (AHEAD - 1))]);
    this.#readAhead = x;
  }

  /**
   * A login process's next login, by thinning: candidates at the peak rate, each accepted with probability
   * rate(t) / peak rate. The rate depends on the time alone, so rejected candidates are skipped here, with
   * the same draws in the same order, instead of each being an event that does nothing: at a million
   * sources (40,000 accounts) that was one event in nine, on the biggest heap.
   */
  #nextLogin(i: number, now: number): void {
    const max = this.#loginMaxWeight[i], rate = this.#loginBase[i] * max;
    if (!(rate > 0)) return;
    const rng = this.#loginRng[i], zone = this.#loginZone[i], cal = this.#calendar;
    const w = this.#loginWeights, at = WEIGHTS * i;
    for (let t = now; ; ) {
      t += exponential(rng, 1 / rate);
      if (!(t < this.#horizon)) return;
      const weight = w[at + cal.hourOfDay(zone, t)] * w[at + 24 + cal.weekday(zone, t)];
      if (rng.next() * max < weight) {
        this.#clock.at(t, Priority.login, Kind.loginProcess, i);
        return;
      }
    }
  }
}
