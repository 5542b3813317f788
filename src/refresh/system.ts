// The refresh system under simulation: scheduling rules, the global FIFO queue, workers, deferral,
// retries and the embed cache (MODEL.md). Pure logic: time comes from the injected Clock and Timers,
// randomness from the injected CallSampler, and everything worth counting goes to the observer.
import type { Clock, Timers } from '../engine/clock.js';
import { IntDeque } from './deque.js';
import { Priority, Timer } from './ladder.js';
import { LimitKeeper } from './limits.js';
import { Outcome, type OutcomeCode, type RefreshObserver } from './observer.js';
import { TriggerCode, type Topology } from './topology.js';

export const State = { idle: 0, queued: 1, deferred: 2, running: 3, disabled: 4 } as const;

/** Draws the source system's behaviour for one call; the simulator backs it with seeded streams. */
export interface CallSampler {
  /** response time in seconds for a call of this connector */
  latency(connector: number): number;
  /** whether the call fails with an error */
  fails(connector: number): boolean;
}

export interface RefreshParams {
  /** per connector, seconds (Infinity for none) */
  timeout: Float64Array;
  defer: { mode: 'until-free' } | { mode: 'fixed'; deferFor: number };
  retryLadder: { from: number; delay: number }[];
  disableAt: number;
  embedTtl: number;
}

export class RefreshSystem {
  // per source
  readonly state: Uint8Array;
  readonly dataAsOf: Float64Array;
  readonly nextDueAt: Float64Array;
  readonly failures: Int32Array;
  // the source's request in flight (rule 7 allows at most one, so requests are indexed by source)
  readonly reqTrigger: Uint8Array;
  readonly reqRetry: Uint8Array;
  readonly reqSeq: Float64Array;
  readonly reqEnqueueAt: Float64Array;
  readonly reqStartAt: Float64Array;
  readonly reqQueue: Float64Array; // seconds in the queue so far
  readonly reqDeferred: Float64Array; // seconds deferred so far
  readonly reqDeferrals: Int32Array;
  readonly reqDeferKey: Int32Array; // key of the last deferral, -1 if none
  readonly reqLatency: Float64Array;
  readonly reqOutcome: Uint8Array;
  #since: Float64Array; // when it last entered the queue, or was deferred
  // per account
  readonly activeSessions: Int32Array;
  activeAccounts = 0;
  // per embed
  readonly renderedAt: Float64Array;
  readonly renderedDataAsOf: Float64Array;

  readonly queue = new IntDeque();
  readonly limits: LimitKeeper;
  capacity = 0;
  busy = 0;
  #seq = 0;
  // releases from deferral wait here until the next dispatch, to enter the front in enqueue order
  #releases: number[] = [];
  #releasedNowAt = -Infinity;
  #releasedNow = 0; // how many at the head of the queue were released at #releasedNowAt
  #loginBatch: number[] = [];
  #reportedLength = 0;

  readonly topo: Topology;
  #clock: Clock;
  #timers: Timers;
  #sampler: CallSampler;
  #observer: RefreshObserver;
  #p: RefreshParams;

  constructor(topo: Topology, params: RefreshParams, clock: Clock, timers: Timers, sampler: CallSampler, observer: RefreshObserver) {
    const S = topo.sourceIds.length;
    this.topo = topo;
    this.#p = params;
    this.#clock = clock;
    this.#timers = timers;
    this.#sampler = sampler;
    this.#observer = observer;
    this.state = new Uint8Array(S);
    this.dataAsOf = new Float64Array(S);
    this.nextDueAt = new Float64Array(S).fill(Infinity);
    this.failures = new Int32Array(S);
    this.reqTrigger = new Uint8Array(S);
    this.reqRetry = new Uint8Array(S);
    this.reqSeq = new Float64Array(S);
    this.reqEnqueueAt = new Float64Array(S);
    this.reqStartAt = new Float64Array(S);
    this.reqQueue = new Float64Array(S);
    this.reqDeferred = new Float64Array(S);
    this.reqDeferrals = new Int32Array(S);
    this.reqDeferKey = new Int32Array(S);
    this.reqLatency = new Float64Array(S);
    this.reqOutcome = new Uint8Array(S);
    this.#since = new Float64Array(S);
    this.activeSessions = new Int32Array(topo.accountIds.length);
    this.renderedAt = new Float64Array(topo.embedKlip.length).fill(-Infinity);
    this.renderedDataAsOf = new Float64Array(topo.embedKlip.length);
    this.limits = new LimitKeeper(topo, timers, {
      seq: (s) => this.reqSeq[s],
      release: (s, k) => this.#release(s, k),
    });
  }

  /** Sets a source's cached data time before the run; schedules its first due time. */
  initSource(s: number, dataAsOf: number): void {
    this.dataAsOf[s] = dataAsOf;
    this.nextDueAt[s] = dataAsOf + this.topo.sourceInterval[s];
    this.#scheduleDue(s);
  }

  /** A timer set by the refresh system has fired. */
  onTimer(kind: number, arg: number): void {
    switch (kind) {
      case Timer.callEnd: this.#callEnd(arg); break;
      case Timer.due: this.#due(arg); break;
      case Timer.limitWake: this.limits.onTimer(arg, this.#clock.now()); break;
      case Timer.deferWake: this.#release(arg, this.reqDeferKey[arg]); break;
      default: throw new Error(`unknown refresh timer kind ${kind}`);
    }
    this.dispatch();
  }

  // ---- activity -------------------------------------------------------------------------------

  /** Rule 1 (login) and rule 4 (only the account's own sessions count). */
  login(account: number): void {
    const now = this.#clock.now();
    if (this.activeSessions[account]++ === 0) this.#observer.activeAccounts(++this.activeAccounts, now);
    this.#observer.login(account, now);
    this.#enqueueOverdue(account);
  }

  /** Extension: a published-link view acts like a login for its account, without opening a session. */
  linkView(account: number): void {
    this.#enqueueOverdue(account);
  }

  /** Extension: the account's daily warm-up time enqueues all of its sources, active or not. */
  warmUp(account: number): void {
    const { start, list } = this.topo.accountSources;
    for (let i = start[account]; i < start[account + 1]; i++) this.#enqueue(list[i], TriggerCode.warmup);
    this.dispatch();
  }

  /** Every idle, due source of the account, in order of nextDueAt (ties by declaration order). */
  #enqueueOverdue(account: number): void {
    const now = this.#clock.now();
    const { start, list } = this.topo.accountSources;
    const batch = this.#loginBatch;
    batch.length = 0;
    for (let i = start[account]; i < start[account + 1]; i++) {
      const s = list[i];
      if (this.state[s] === State.idle && this.nextDueAt[s] <= now) batch.push(s);
    }
    if (batch.length > 1) batch.sort((a, b) => this.nextDueAt[a] - this.nextDueAt[b] || a - b);
    for (const s of batch) this.#enqueue(s, TriggerCode.login);
    this.dispatch();
  }

  logout(account: number): void {
    if (this.activeSessions[account] <= 0) throw new Error(`logout with no open session in account ${account}`);
    if (--this.activeSessions[account] === 0) this.#observer.activeAccounts(--this.activeAccounts, this.#clock.now());
  }

  /** A user looks at the dashboard: record the age of each of the account's sources. */
  dashboardView(account: number): void {
    const now = this.#clock.now();
    const { start, list } = this.topo.accountSources;
    for (let i = start[account]; i < start[account + 1]; i++) this.#observer.dashboardAge(now - this.dataAsOf[list[i]], now);
  }

  // ---- requests -------------------------------------------------------------------------------

  /** Rule 6: a manual click or an API call. */
  request(s: number, trigger: number): void {
    this.#enqueue(s, trigger);
    this.dispatch();
  }

  /** Rule 5: ahead of an e-mail report, every source of its Klips, active or not. */
  emailPrefresh(email: number): void {
    const { start, list } = this.topo.emailSources;
    for (let i = start[email]; i < start[email + 1]; i++) this.#enqueue(list[i], TriggerCode.email);
    this.dispatch();
  }

  /** The report goes out on time regardless; record how old its data is and whether a refresh is pending. */
  emailSend(email: number): void {
    const now = this.#clock.now();
    const { start, list } = this.topo.emailSources;
    let oldest = now, pending = false;
    for (let i = start[email]; i < start[email + 1]; i++) {
      const s = list[i];
      if (this.dataAsOf[s] < oldest) oldest = this.dataAsOf[s];
      const st = this.state[s];
      if (st === State.queued || st === State.deferred || st === State.running) pending = true;
    }
    this.#observer.emailSent(now - oldest, pending, now);
  }

  /** An embedded Klip is viewed: served from the render cache within embedTtl, never enqueues. */
  embedView(embed: number): void {
    const now = this.#clock.now();
    let hit = true;
    if (!(now - this.renderedAt[embed] <= this.#p.embedTtl)) {
      hit = false;
      this.renderedAt[embed] = now;
      this.renderedDataAsOf[embed] = this.#klipDataAsOf(this.topo.embedKlip[embed], now);
    }
    this.#observer.embedView(now - this.renderedDataAsOf[embed], hit, now);
  }

  setWorkers(n: number): void {
    this.capacity = n;
    this.#observer.workers(this.busy, this.capacity, this.#clock.now());
    this.dispatch();
  }

  /** Workers take requests from the head of the queue while any is free. */
  dispatch(): void {
    if (this.#releases.length > 0) this.#flushReleases();
    const now = this.#clock.now();
    while (this.busy < this.capacity && this.queue.length > 0) {
      const s = this.queue.popFront();
      if (this.#releasedNow > 0) this.#releasedNow--;
      this.reqQueue[s] += now - this.#since[s];
      if (this.topo.sourceRevoked[s] === 1) {
        // the token was revoked: the call fails at once with an auth error, before any quota is counted
        this.reqOutcome[s] = Outcome.auth;
        this.reqLatency[s] = 0;
        this.#start(s, now);
        continue;
      }
      const k = this.limits.tryAdmit(s, now);
      if (k < 0) this.#start(s, now);
      else this.#defer(s, k, now);
      if (this.#releases.length > 0) this.#flushReleases();
    }
    if (this.queue.length !== this.#reportedLength) {
      this.#reportedLength = this.queue.length;
      this.#observer.queueLength(this.#reportedLength, now);
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  #enqueue(s: number, trigger: number): void {
    const now = this.#clock.now();
    const st = this.state[s];
    if (st !== State.idle) {
      if (st === State.disabled) this.#observer.dropped(s, trigger, now);
      else this.#observer.coalesced(s, trigger, now); // rule 7
      return;
    }
    this.state[s] = State.queued;
    this.reqTrigger[s] = trigger;
    this.reqRetry[s] = this.failures[s] > 0 ? 1 : 0;
    this.reqSeq[s] = this.#seq++;
    this.reqEnqueueAt[s] = now;
    this.reqStartAt[s] = NaN;
    this.reqQueue[s] = 0;
    this.reqDeferred[s] = 0;
    this.reqDeferrals[s] = 0;
    this.reqDeferKey[s] = -1;
    this.#since[s] = now;
    // The call's behaviour is drawn at enqueue, from the connector's own stream, so configurations that
    // differ only in capacity see the same work (common random numbers).
    const c = this.topo.sourceConnector[s];
    const latency = this.#sampler.latency(c);
    const timeout = this.#p.timeout[c];
    if (this.#sampler.fails(c)) this.reqOutcome[s] = Outcome.error;
    else this.reqOutcome[s] = latency > timeout ? Outcome.timeout : Outcome.success;
    this.reqLatency[s] = latency > timeout ? timeout : latency;
    this.queue.pushBack(s);
    this.#observer.enqueued(s, trigger, this.reqRetry[s] === 1, now);
  }

  #start(s: number, now: number): void {
    this.state[s] = State.running;
    this.reqStartAt[s] = now;
    this.busy++;
    this.#timers.at(now + this.reqLatency[s], Priority.callEnd, Timer.callEnd, s);
    this.#observer.started(s, now); // the observer reads `busy` here: no separate workers() call per call
  }

  #defer(s: number, k: number, now: number): void {
    this.state[s] = State.deferred;
    this.#since[s] = now;
    this.reqDeferrals[s]++;
    this.reqDeferKey[s] = k;
    this.limits.countDeferral(k);
    this.#observer.deferred(s, k, now);
    const d = this.#p.defer;
    if (d.mode === 'fixed') this.#timers.at(now + d.deferFor, Priority.deferWake, Timer.deferWake, s);
    else this.limits.wait(k, s, now);
  }

  /** A deferred request may go again: it will enter the front of the queue at the next dispatch. */
  #release(s: number, k: number): void {
    const now = this.#clock.now();
    const held = now - this.#since[s];
    this.reqDeferred[s] += held;
    this.limits.countDeferredTime(k, held);
    this.state[s] = State.queued;
    this.#since[s] = now;
    this.#releases.push(s);
    this.#observer.released(s, k, held, now);
  }

  /**
   * Releases enter the front of the queue, so a later release stands ahead of an earlier one still
   * waiting; releases at the same instant keep their original enqueue order among themselves.
   */
  #flushReleases(): void {
    const now = this.#clock.now();
    if (this.#releasedNowAt !== now) {
      this.#releasedNowAt = now;
      this.#releasedNow = 0;
    }
    const batch = this.#releases;
    for (let i = 0; i < this.#releasedNow; i++) batch.push(this.queue.popFront());
    batch.sort((a, b) => this.reqSeq[a] - this.reqSeq[b]);
    for (let i = batch.length - 1; i >= 0; i--) this.queue.pushFront(batch[i]);
    this.#releasedNow = batch.length;
    batch.length = 0;
  }

  #callEnd(s: number): void {
    const now = this.#clock.now();
    this.busy--;
    this.limits.callEnded(s, now);
    const outcome = this.reqOutcome[s] as OutcomeCode;
    if (outcome === Outcome.success) {
      this.dataAsOf[s] = now;
      this.failures[s] = 0;
      this.nextDueAt[s] = now + this.topo.sourceInterval[s];
      this.state[s] = State.idle;
    } else {
      // the data stays as it was; retry on the ladder, disable at the last rung
      const n = ++this.failures[s];
      if (n >= this.#p.disableAt) {
        this.state[s] = State.disabled;
        this.nextDueAt[s] = Infinity;
      } else {
        this.state[s] = State.idle;
        this.nextDueAt[s] = now + this.#retryDelay(n);
      }
    }
    this.#observer.ended(s, outcome, now);
    if (this.state[s] === State.disabled) this.#observer.disabled(s, now);
    this.#scheduleDue(s);
  }

  #retryDelay(failures: number): number {
    let delay = 0;
    for (const step of this.#p.retryLadder) if (failures >= step.from) delay = step.delay;
    return delay;
  }

  #scheduleDue(s: number): void {
    const at = this.nextDueAt[s];
    if (at === Infinity) return;
    const now = this.#clock.now();
    this.#timers.at(at > now ? at : now, Priority.due, Timer.due, s);
  }

  /** Rules 2 and 3: a due source is enqueued only while its account has an open session. */
  #due(s: number): void {
    const now = this.#clock.now();
    const due = this.nextDueAt[s];
    if (this.state[s] !== State.idle) return; // already on its way, or disabled
    // only the timer set for the current nextDueAt acts; sources overdue at the start were set for time 0
    if (due !== now && !(due < now && now === 0)) return;
    if (this.activeSessions[this.topo.sourceAccount[s]] > 0) this.#enqueue(s, TriggerCode.due);
    // else: stays overdue until a login (rule 3)
  }

  #klipDataAsOf(klip: number, now: number): number {
    const { start, list } = this.topo.klipSources;
    let oldest = now;
    for (let i = start[klip]; i < start[klip + 1]; i++) if (this.dataAsOf[list[i]] < oldest) oldest = this.dataAsOf[list[i]];
    return oldest;
  }
}
