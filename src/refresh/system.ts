// The refresh system under simulation: scheduling rules, the global FIFO queue, workers, deferral and
// retries (MODEL.md; what users see of the data is in views.ts). Pure logic: time comes from the injected
// Clock and Timers, randomness from the injected CallSampler, and everything worth counting goes to the observer.
import type { Clock, Timers } from '../engine/clock.js';
import { PooledQueue, makePooledQueue, type RequestQueue } from './policies/index.js';
import { Kind, Priority } from './ladder.js';
import { LimitKeeper } from './limits.js';
import { Q, RequestPool } from './requests.js';
import { Outcome, type OutcomeCode, type RefreshObserver } from './observer.js';
import type { CallSampler } from './sampler.js';
import { TRIGGER_COUNT, TriggerCode, type Topology } from './topology.js';
import { State, retryDelay, type RefreshParams } from './params.js';
import { Views } from './views.js';
import { Accounts } from './accounts.js';
import { Releases } from './releases.js';

/**
 * Memory layout, for locality (a random source of a million is a cache miss, and a TLB miss when the
 * records span many pages; every other line touched per request is another):
 * - all a request and a due timer use of their source is one 32-byte record, two to a cache line: four
 *   32-bit integers (`H`: state and failures, request slot, connector, account and flags), then two
 *   doubles (`R`: data time, next due time), through an Int32Array and a Float64Array over one buffer;
 * - the interval, read only when a call on an interval ends and at the start, in its own array;
 * - its request in flight (rule 7 allows at most one) in a small pool of request records (requests.ts)
 *   reused as requests end: the few thousand in use stay in cache however many sources there are.
 * `H` and `R` stay in this module: read from another module's export they are not folded into the hot path (~8% slower on the mmc bench). */
const H = {
  stateFailures: 0, // state + consecutive failures * FAILURE (state in the low 3 bits)
  slot: 1, // its request's record in the pool, -1 if none
  connector: 2,
  accountFlags: 3, // account * ACCOUNT + flags (HAS_LIMITS, REVOKED, NO_INTERVAL, NO_TIMER)
  size: 8, // the record's stride in 32-bit words; words 4..7 are R's two doubles
} as const;
const R = {
  dataAsOf: 2, // in doubles from the record's start: after H's 16 bytes
  nextDueAt: 3,
  size: 4, // the record's stride in doubles
} as const;
const STATE = 7; // mask of the state in H.stateFailures
const FAILURE = 8; // one consecutive failure in H.stateFailures
const HAS_LIMITS = 1;
const REVOKED = 2;
const NO_INTERVAL = 4; // manual-only (interval Infinity): a call's end need not read the cold record
const NO_TIMER = 8; // the next due time has a place among ties (#duePlace) but no timer: no session covered it
const ACCOUNT = 16;
const ACCOUNT_SHIFT = 4;
/** When a due time's timer fires: sources overdue at the start (due before 0) fire at time 0. */
const timerTime = (due: number): number => (due > 0 ? due : 0);

export class RefreshSystem {
  readonly #h: Int32Array;
  readonly #r: Float64Array; // the same records as #h, read as doubles
  readonly #interval: Float64Array;
  /** per source: the place among ties of its next due timer, while it has none (NO_TIMER) */
  readonly #duePlace: Float64Array;
  /** set every due timer, covered by a session or not (tests: the results must be the same) */
  readonly #eagerDue: boolean;
  readonly #pool = new RequestPool();
  readonly #accounts: Accounts;
  /** what dashboard users, e-mail reports and embed viewers see (views.ts) */
  readonly #views: Views;
  /** the policy's queue, picked once: the plain deque for fifo, so its call sites stay monomorphic */
  readonly queue: RequestQueue;
  /** the queue again when there are reserved pools (it keeps their workers' count), else null */
  readonly #pooled: PooledQueue | null;
  readonly limits: LimitKeeper;
  capacity = 0;
  busy = 0;
  #seq = 0;
  /** releases from deferral, until the next dispatch puts them at the front of the queue */
  readonly #releases: Releases;
  #reportedLength = 0;
  #touched = 0; // what lookahead read, kept so the reads are not optimised away

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
    this.queue = makePooledQueue(params.policy, params.pools, { triggers: TRIGGER_COUNT, connectors: topo.connectorIds.length, sources: S }, this);
    this.#releases = new Releases(this.queue, this);
    this.#pooled = this.queue instanceof PooledQueue ? this.queue : null;
    const records = new ArrayBuffer(S * R.size * 8);
    const r = (this.#r = new Float64Array(records));
    const h = (this.#h = new Int32Array(records));
    this.#interval = topo.sourceInterval; // read only
    this.#duePlace = new Float64Array(S);
    this.#eagerDue = params.eagerDueTimers === true;
    for (let s = 0; s < S; s++) {
      const b = s * R.size;
      r[b + R.nextDueAt] = Infinity;
      const hb = s * H.size;
      h[hb + H.slot] = -1;
      h[hb + H.connector] = topo.sourceConnector[s];
      const flags = (topo.sourceKeys.start[s + 1] > topo.sourceKeys.start[s] ? HAS_LIMITS : 0) | (topo.sourceRevoked[s] === 1 ? REVOKED : 0) |
        (topo.sourceInterval[s] === Infinity ? NO_INTERVAL : 0);
      h[hb + H.accountFlags] = topo.sourceAccount[s] * ACCOUNT + flags;
    }
    this.#accounts = new Accounts(topo, this, clock, observer);
    this.#views = new Views(topo, this, clock, observer, params.embedTtl);
    this.limits = new LimitKeeper(topo, timers, {
      seq: (s) => this.#req(s, Q.seq),
      release: (s, k) => this.#release(s, k),
    }, params.countFrom ?? 0);
  }

  // ---- reading a source and its request (statistics, traces, tests) ----------------------------

  state(s: number): number { return this.#h[s * H.size + H.stateFailures] & STATE; }
  dataAsOf(s: number): number { return this.#r[s * R.size + R.dataAsOf]; }
  nextDueAt(s: number): number { return this.#r[s * R.size + R.nextDueAt]; }
  failures(s: number): number { return this.#h[s * H.size + H.stateFailures] >> 3; }
  // A request's fields: readable from its enqueue until the observer has been told it ended (NaN
  // for a source with no request).
  trigger(s: number): number { return this.#req(s, Q.trigger); }
  enqueueAt(s: number): number { return this.#req(s, Q.enqueueAt); }
  /** NaN until the call starts */
  startAt(s: number): number { return this.#req(s, Q.startAt); }
  queueTime(s: number): number { return this.#req(s, Q.queue); }
  deferredTime(s: number): number { return this.#req(s, Q.deferred); }
  /** Queue and deferred seconds of a request still waiting, counted up to `now` (for requests pending at the end). */
  waitedSoFar(s: number, now: number): { queue: number; deferred: number } {
    const open = now - this.#req(s, Q.since);
    const st = this.state(s);
    return {
      queue: this.#req(s, Q.queue) + (st === State.queued ? open : 0),
      deferred: this.#req(s, Q.deferred) + (st === State.deferred ? open : 0),
    };
  }
  deferrals(s: number): number { return this.#req(s, Q.deferrals); }
  deferKey(s: number): number { return this.#req(s, Q.deferKey); }
  account(s: number): number { return this.#h[s * H.size + H.accountFlags] >> ACCOUNT_SHIFT; }
  interval(s: number): number { return this.#interval[s]; }
  seq(s: number): number { return this.#req(s, Q.seq); }
  /** the call's response time, drawn at enqueue */
  latency(s: number): number { return this.#req(s, Q.latency); }
  connector(s: number): number { return this.#h[s * H.size + H.connector]; }

  /** A request's fields in one look-up, for the statistics at each start and end (one call instead of
   *  seven): out = [trigger, account, connector, enqueueAt, startAt, queue, deferred, deferrals]. */
  facts(s: number, out: Float64Array): void {
    const hb = s * H.size;
    const q = this.#pool.q, qb = this.#h[hb + H.slot] * Q.size;
    out[0] = q[qb + Q.trigger]; out[1] = this.#h[hb + H.accountFlags] >> ACCOUNT_SHIFT; out[2] = this.#h[hb + H.connector];
    out[3] = q[qb + Q.enqueueAt]; out[4] = q[qb + Q.startAt];
    out[5] = q[qb + Q.queue]; out[6] = q[qb + Q.deferred]; out[7] = q[qb + Q.deferrals];
  }

  #req(s: number, field: number): number {
    const slot = this.#h[s * H.size + H.slot];
    return slot < 0 ? NaN : this.#pool.q[slot * Q.size + field];
  }

  /** Sets a source's cached data time before the run (time 0); schedules its first due time, 0 if overdue. */
  initSource(s: number, dataAsOf: number): void {
    const b = s * R.size;
    this.#r[b + R.dataAsOf] = dataAsOf;
    const due = (this.#r[b + R.nextDueAt] = dataAsOf + this.#interval[s]);
    if (due !== Infinity) this.#scheduleDue(s, s * H.size, timerTime(due));
  }

  /** The clock's lookahead: the records of the due timers and call ends about to run, read in one loop
   *  where their cache misses overlap (each would stall its event; 1M-source day: A/B cpu 0.968). */
  readonly lookahead = (events: Int32Array, n: number): void => {
    let x = this.#touched;
    for (let i = 0; i < 2 * n; i += 2) if (events[i] === Kind.due || events[i] === Kind.callEnd) x ^= this.#h[events[i + 1] * H.size];
    this.#touched = x;
  };

  /** A timer set by the refresh system has fired. */
  onTimer(kind: number, arg: number): void {
    switch (kind) {
      case Kind.callEnd: this.#callEnd(arg); break;
      case Kind.due: this.#due(arg); break;
      case Kind.limitWake: this.limits.onTimer(arg, this.#clock.now()); break;
      case Kind.deferWake: this.#release(arg, this.#req(arg, Q.deferKey)); break;
      default: throw new Error(`unknown refresh timer kind ${kind}`);
    }
  }

  // ---- whole accounts and e-mails (accounts.ts) ------------------------------------------------

  /** Rules 1 and 4: a login enqueues the account's idle, due sources; its session lasts until `endAt`. */
  login(account: number, endAt: number): void { this.#accounts.login(account, endAt); }
  /** Extension: a published-link view acts like a login for its account, without opening a session. */
  linkView(account: number): void { this.#accounts.enqueueOverdue(account); }
  /** Extension: the account's daily warm-up time enqueues all of its sources, active or not. */
  warmUp(account: number): void { this.#accounts.warmUp(account); }
  logout(account: number): void { this.#accounts.logout(account); }
  get activeSessions(): Int32Array { return this.#accounts.activeSessions; }
  get activeAccounts(): number { return this.#accounts.activeAccounts; }

  /** A user looks at the dashboard: the age of each source it shows (views.ts). */
  dashboardView(account: number): void { this.#views.dashboardView(account); }

  // ---- requests -------------------------------------------------------------------------------

  /** Rule 6: a manual click or an API call. */
  request(s: number, trigger: number): void { this.#enqueue(s, trigger); }

  /** Rule 5: ahead of an e-mail report, every source of its Klips, active or not (accounts.ts). */
  emailPrefresh(email: number): void { this.#accounts.emailPrefresh(email); }

  /** The report goes out on time regardless: its data's age, and whether a refresh is pending (views.ts). */
  emailSend(email: number): void { this.#views.emailSend(email); }

  /** An embedded Klip is viewed: from its Klip's render cache within embedTtl; never enqueues (views.ts). */
  embedView(embed: number): void { this.#views.embedView(embed); }

  /** calls running on reserved pool j's workers (statistics, tests) */
  poolBusy(j: number): number { return this.#pooled?.poolBusy(j) ?? 0; }

  setWorkers(n: number): void {
    this.capacity = n;
    this.#pooled?.setWorkers(n);
    this.#observer.workers(this.busy, this.capacity, this.#clock.now());
  }

  /**
   * Workers take requests from the head of the queue while any is free. The host calls it once at the
   * end of each instant, after every event of that instant (the simulator's clock does; a service on a
   * wall clock would after each batch of events): requests enqueued and released at the same instant are
   * then all in place, releases in their original enqueue order at the front, before a worker picks.
   */
  dispatch(): void {
    if (this.#pooled) return this.#dispatchPooled(this.#pooled);
    const now = this.#clock.now();
    const releases = this.#releases;
    if (releases.length > 0) releases.flush(now);
    while (this.busy < this.capacity && this.queue.length > 0) {
      const s = this.queue.popFront(now);
      releases.taken();
      this.#take(s);
      if (releases.length > 0) releases.flush(now);
    }
    this.#reportLength();
  }

  /** With reserved pools: a pool's free worker takes its own lane's next request; a free shared worker
   *  the lane whose next request was enqueued first (policies/pools.ts). */
  #dispatchPooled(pq: PooledQueue): void {
    const now = this.#clock.now();
    const releases = this.#releases;
    if (releases.length > 0) releases.flush(now);
    for (let lane = pq.nextLane(now); lane >= 0; lane = pq.nextLane(now)) {
      const s = pq.popFrom(lane, now);
      if (this.#take(s)) pq.started(s);
      if (releases.length > 0) releases.flush(now);
    }
    this.#reportLength();
  }

  /**
   * A worker takes source s's request: it starts (true) or is deferred by a limit (false). It, #start,
   * #defer and #reportLength read the time from the clock rather than take it from dispatch: a double
   * passed to a call V8 does not inline is boxed, one heap number per call.
   */
  #take(s: number): boolean {
    const now = this.#clock.now();
    const h = this.#h;
    const hb = s * H.size;
    const q = this.#pool.q, qb = h[hb + H.slot] * Q.size;
    q[qb + Q.queue] += now - q[qb + Q.since];
    const flags = h[hb + H.accountFlags] & (HAS_LIMITS | REVOKED);
    if (flags & REVOKED) {
      // the token was revoked: the call fails at once with an auth error, before any quota is counted
      q[qb + Q.outcome] = Outcome.auth;
      q[qb + Q.latency] = 0;
      this.#start(s);
      return true;
    }
    const k = flags & HAS_LIMITS ? this.limits.tryAdmit(s, now) : -1;
    if (k < 0) this.#start(s);
    else this.#defer(s, k);
    return k < 0;
  }

  #reportLength(): void {
    if (this.queue.length !== this.#reportedLength) {
      const now = this.#clock.now();
      this.#reportedLength = this.queue.length;
      this.#observer.queueLength(this.#reportedLength, now);
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  #enqueue(s: number, trigger: number): void {
    const now = this.#clock.now();
    const h = this.#h;
    const hb = s * H.size;
    const sf = h[hb + H.stateFailures];
    const st = sf & STATE;
    if (st !== State.idle) {
      if (st === State.disabled) this.#observer.dropped(s, trigger, now);
      else this.#observer.coalesced(s, trigger, now); // rule 7
      return;
    }
    const retry = sf >= FAILURE;
    h[hb + H.stateFailures] = sf - st + State.queued;
    const slot = this.#pool.alloc();
    h[hb + H.slot] = slot;
    const q = this.#pool.q, qb = slot * Q.size;
    q[qb + Q.trigger] = trigger;
    q[qb + Q.retry] = retry ? 1 : 0;
    q[qb + Q.seq] = this.#seq++;
    q[qb + Q.enqueueAt] = now;
    q[qb + Q.startAt] = NaN;
    q[qb + Q.queue] = 0;
    q[qb + Q.deferred] = 0;
    q[qb + Q.deferrals] = 0;
    q[qb + Q.deferKey] = -1;
    q[qb + Q.since] = now;
    // The call's behaviour is drawn at enqueue, from the connector's own stream, so configurations that
    // differ only in capacity see the same work (common random numbers).
    const c = h[hb + H.connector];
    const latency = this.#sampler.latency(c);
    const timeout = this.#p.timeout[c];
    if (this.#sampler.fails(c)) q[qb + Q.outcome] = Outcome.error;
    else q[qb + Q.outcome] = latency > timeout ? Outcome.timeout : Outcome.success;
    q[qb + Q.latency] = latency > timeout ? timeout : latency;
    this.queue.pushBack(s);
    this.#observer.enqueued(s, trigger, retry, now);
  }

  #start(s: number): void {
    const now = this.#clock.now();
    this.#setState(s, State.running);
    const qb = this.#h[s * H.size + H.slot] * Q.size;
    this.#pool.q[qb + Q.startAt] = now;
    this.busy++;
    const timers = this.#timers; // the time through timeIn: never boxed (see Timers.atTimeIn)
    timers.timeIn[0] = now + this.#pool.q[qb + Q.latency];
    timers.atTimeIn(Priority.callEnd, Kind.callEnd, s);
    this.#observer.started(s, now); // the observer reads `busy` here: no separate workers() call per call
  }

  #defer(s: number, k: number): void {
    const now = this.#clock.now();
    this.#setState(s, State.deferred);
    const qb = this.#h[s * H.size + H.slot] * Q.size;
    this.#pool.q[qb + Q.since] = now;
    this.#pool.q[qb + Q.deferrals]++;
    this.#pool.q[qb + Q.deferKey] = k;
    this.limits.countDeferral(k, now);
    this.#observer.deferred(s, k, now);
    const d = this.#p.defer;
    if (d.mode === 'fixed') this.#timers.at(now + d.deferFor, Priority.deferWake, Kind.deferWake, s);
    else this.limits.wait(k, s, now);
  }

  /** A deferred request may go again: it will enter the front of the queue at the next dispatch. */
  #release(s: number, k: number): void {
    const now = this.#clock.now();
    const qb = this.#h[s * H.size + H.slot] * Q.size;
    const held = now - this.#pool.q[qb + Q.since];
    this.#pool.q[qb + Q.deferred] += held;
    this.limits.countDeferredTime(k, held, this.#pool.q[qb + Q.enqueueAt]);
    this.#setState(s, State.queued);
    this.#pool.q[qb + Q.since] = now;
    this.#releases.push(s, this.#pool.q[qb + Q.seq]);
    this.#observer.released(s, k, held, now);
  }

  #callEnd(s: number): void {
    const now = this.#clock.now();
    const r = this.#r, h = this.#h;
    const b = s * R.size, hb = s * H.size;
    this.busy--;
    if (this.#pooled) this.#pooled.ended(s);
    const flags = h[hb + H.accountFlags];
    if (flags & HAS_LIMITS) this.limits.callEnded(s, now);
    const slot = h[hb + H.slot];
    const outcome = this.#pool.q[slot * Q.size + Q.outcome] as OutcomeCode;
    let next: number;
    if (outcome === Outcome.success) {
      r[b + R.dataAsOf] = now;
      next = flags & NO_INTERVAL ? Infinity : now + this.#interval[s];
      h[hb + H.stateFailures] = State.idle; // no failures
    } else {
      // the data stays as it was; retry on the ladder, disable at the last rung
      const n = (h[hb + H.stateFailures] >> 3) + 1;
      if (n >= this.#p.disableAt) {
        h[hb + H.stateFailures] = n * FAILURE + State.disabled;
        next = Infinity;
      } else {
        h[hb + H.stateFailures] = n * FAILURE + State.idle;
        next = now + retryDelay(this.#p.retryLadder, n);
      }
    }
    r[b + R.nextDueAt] = next;
    this.#observer.ended(s, outcome, now);
    // the request is over and reported: its record goes back to the pool
    h[hb + H.slot] = -1;
    this.#pool.release(slot);
    if ((h[hb + H.stateFailures] & STATE) === State.disabled) this.#observer.disabled(s, now);
    if (next !== Infinity) this.#scheduleDue(s, hb, next > now ? next : now); // the due time just written: no second read of the cold record
  }

  /**
   * Rules 2 and 3 act only while a session is open: a due timer that no session covers would find
   * nothing to do (a quarter of all events at bench-week). So a call's end sets the timer only when the
   * account's open sessions last past it; otherwise the timer keeps just its place among ties, and the
   * login of a session that covers it sets it in that place (armDue), so every event runs in the order
   * it would have with every timer set. A timer at a session's very end runs after its logout
   * (Priority.logout < Priority.due): "covered" is strictly before the end.
   */
  #scheduleDue(s: number, hb: number, at: number): void {
    const h = this.#h;
    const flags = h[hb + H.accountFlags];
    if (this.#eagerDue || at < this.#accounts.sessionsUntil[flags >> ACCOUNT_SHIFT]) {
      if (flags & NO_TIMER) h[hb + H.accountFlags] = flags & ~NO_TIMER;
      this.#timers.timeIn[0] = at;
      this.#timers.atTimeIn(Priority.due, Kind.due, s);
    } else {
      h[hb + H.accountFlags] = flags | NO_TIMER;
      this.#duePlace[s] = this.#timers.reserve(Priority.due);
    }
  }

  /**
   * A login: the account's sessions now last until `until`. A source whose next due time kept only its
   * place gets its timer, in that place, when the time is still ahead (or now: a due timer runs after a
   * login at the same instant) and before `until`. A due time already past would have found no session.
   */
  armDue(s: number, until: number): void {
    const hb = s * H.size;
    const flags = this.#h[hb + H.accountFlags];
    if (!(flags & NO_TIMER)) return;
    const at = timerTime(this.#r[s * R.size + R.nextDueAt]);
    if (at < this.#clock.now() || !(at < until)) return;
    this.#h[hb + H.accountFlags] = flags & ~NO_TIMER;
    this.#timers.atReserved(at, this.#duePlace[s], Kind.due, s);
  }

  /** Sets a source's state, keeping its failure count. */
  #setState(s: number, state: number): void {
    this.#h[s * H.size + H.stateFailures] = (this.#h[s * H.size + H.stateFailures] & ~STATE) | state;
  }

  /** Rules 2 and 3: a due source is enqueued only while its account has an open session. */
  #due(s: number): void {
    const now = this.#clock.now();
    const b = s * R.size;
    // only the timer set for the current nextDueAt acts; sources overdue at the start were set for time 0
    // (a disabled source's nextDueAt is Infinity: its timers never act)
    const due = this.#r[b + R.nextDueAt];
    if (due !== now && !(due < now && now === 0)) return;
    // a source already queued, deferred or running is coalesced there (rule 7), and counted as such
    if (this.activeSessions[this.#h[s * H.size + H.accountFlags] >> ACCOUNT_SHIFT] > 0) this.#enqueue(s, TriggerCode.due);
    // else: stays overdue until a login (rule 3)
  }
}
