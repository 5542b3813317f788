// Streaming statistics of a run: distributions, time-weighted levels and the time series.
//
// It implements the refresh system's observer and reads the request's fields from the system when a
// request starts or ends. Memory is bounded by the number of distinct groups and buckets, not by the
// number of requests. Only requests enqueued at or after the warm-up count in distributions and counts;
// levels (queue length, busy workers) are time-weighted over [warmup, end]. The time series covers the
// whole run, warm-up included, so a reader can judge the warm-up.
import { ByteArena, LogHistogram, bucketOf } from './histogram.js';
import { DistCollector, Parts, addEnd, addStart } from './parts.js';
import { AccountParts } from './account-batch.js';
import { requestRecord, type RecordFields, type RecordNames } from './request-record.js';
import { DEFAULTS } from '../scenario/index.js';
import { round, type TimeParts, type TimeseriesRow, type RequestRecord, type Outcome as OutcomeName, type Trigger } from '../vocabulary/index.js';

export { DistCollector, Parts } from './parts.js';

/** What the collector reads of a source's request (the refresh system has it, indexed by source). */
export interface RequestFields extends RecordFields {
  /** A request's fields at once (it has one): out = [trigger, account, connector, enqueueAt, startAt, queue, deferred, deferrals]. */
  facts(s: number, out: Float64Array): void;
  /** workers busy right now */
  readonly busy: number;
}

export type GroupNames = RecordNames;

const OUTCOME_NAMES: readonly OutcomeName[] = ['success', 'error', 'timeout', 'auth'];

export interface CollectorOptions {
  warmup: number;
  bucket: number;
  /** SLO attainment's wait target, seconds (absent: DEFAULTS.waitTarget) */
  waitTarget?: number;
  onRequest?: (r: RequestRecord) => void;
  /** from this many accounts on, their distributions are filled in batches (absent: account-batch.ts BATCH_FROM) */
  batchFrom?: number;
}

// indices into Collector.#sums: the levels (queue length, busy workers, worker count, active accounts),
// their time integrals over [warmup, end] and over the current bucket, the time of the last level change
// and the time to integrate to, the warm-up, sums of waits (whole run, current bucket) and the time to close buckets up to
const Q = 0, BUSY = 1, CAP = 2, ACTIVE = 3, Q_AREA = 4, BUSY_AREA = 5, CAP_AREA = 6, ACTIVE_AREA = 7;
const B_Q_AREA = 8, B_BUSY_AREA = 9, LAST_T = 10, AT = 11, WARMUP = 12, CUM_WAIT_SUM = 13, B_WAIT_SUM = 14, ROLL_TO = 15, SUMS = 16;

export class Collector {
  // A request is counted in its (trigger, connector) cell and in its account: two groups per value
  // instead of four. Overall, by-trigger and by-connector distributions are merged from the cells
  // after the run (merging histograms is exact: same buckets, added counts).
  readonly #cells: (Parts | null)[];
  readonly #accounts: AccountParts;
  readonly dashboard = new DistCollector();
  readonly embed = new DistCollector();
  readonly email = new DistCollector();

  readonly enqueuedBy: Float64Array;
  /** SLO attainment, per trigger: refreshes counted, and those whose wait was at most the target */
  readonly waitTarget: number;
  readonly attainCount: Float64Array;
  readonly attainMet: Float64Array;
  nCoalesced = 0;
  nDropped = 0;
  nStarted = 0;
  /** requests enqueued after the warm-up and still waiting (not started) at the end, and the longest wait among them */
  nWaitingAtEnd = 0;
  waitingAtEndMax = 0;
  completed = 0;
  failed = 0;
  deferredRequests = 0;
  deferrals = 0;
  deferredSeconds = 0;
  retries = 0;
  readonly failReasons = new Float64Array(4);
  disabledSources: number[] = [];
  logins = 0;
  embedViews = 0;
  embedHits = 0;
  emailsSent = 0;
  emailsPending = 0;

  // levels, integrated over time
  /** the numbers every event updates, indexed by the constants above: a double field read into a call V8
   *  does not inline, or by code that has seen the collector's map change, is a new heap number each time */
  readonly #sums = new Float64Array(SUMS);
  qMax = 0;
  #capAtWarmup = -1; #capMin = Infinity; #capMax = -Infinity;
  // time series
  readonly rows: TimeseriesRow[] = [];
  #bStart = 0; #bEnd: number;
  #bArr: Float64Array;
  #bDone = 0; #bFail = 0; #bDefer = 0;
  #bQMax = 0;
  /** the per-group and per-bucket histograms' counts (a few hundred slabs, not an ArrayBuffer each) */
  readonly #arena = new ByteArena();
  #bWait = new LogHistogram(this.#arena);
  /** the wait histogram of each closed bucket (requests started in it), for peak windows */
  readonly bucketWaits: LogHistogram[] = [];
  #cumWaitN = 0;

  #f: RequestFields | null = null;
  /** scratch for RequestFields.facts: one call per start or end instead of seven accessor calls */
  readonly #facts = new Float64Array(8);
  /** scratch for the values a start or end adds to its groups' distributions: [wait, queue, deferred] or [response, total] */
  readonly #v = new Float64Array(3);
  readonly #connectors: number;
  readonly #names: GroupNames;
  readonly #warmup: number;
  readonly #bucket: number;
  readonly #onRequest?: (r: RequestRecord) => void;

  constructor(names: GroupNames, opts: CollectorOptions) {
    this.#names = names;
    this.#warmup = opts.warmup;
    this.#sums[WARMUP] = opts.warmup;
    this.#bucket = opts.bucket;
    this.#onRequest = opts.onRequest;
    this.#bEnd = opts.bucket;
    this.#connectors = names.connectorIds.length;
    this.#cells = new Array(names.triggers.length * names.connectorIds.length).fill(null);
    this.#accounts = new AccountParts(names.accountIds.length, this.#arena, opts.batchFrom);
    this.enqueuedBy = new Float64Array(names.triggers.length);
    this.waitTarget = opts.waitTarget ?? DEFAULTS.waitTarget;
    this.attainCount = new Float64Array(names.triggers.length);
    this.attainMet = new Float64Array(names.triggers.length);
    this.#bArr = new Float64Array(names.triggers.length);
  }

  /** The system whose request fields this collector reads (set once, before the run). */
  attach(fields: RequestFields): void {
    this.#f = fields;
  }

  // ---- observer -------------------------------------------------------------------------------

  enqueued(_s: number, trigger: number, retry: boolean, now: number): void {
    // only the bucket matters here: no level changed yet (the time goes through #sums: see #roll)
    if (now >= this.#bEnd) {
      this.#sums[ROLL_TO] = now;
      this.#roll();
    }
    this.#bArr[trigger]++;
    if (now < this.#warmup) return;
    this.enqueuedBy[trigger]++;
    if (retry) this.retries++;
  }

  coalesced(_s: number, _trigger: number, now: number): void {
    if (now >= this.#warmup) this.nCoalesced++;
  }

  dropped(_s: number, _trigger: number, now: number): void {
    if (now >= this.#warmup) this.nDropped++;
  }

  started(s: number, now: number): void {
    this.#sums[AT] = now;
    this.#advance();
    const f = this.#f!;
    this.#sums[BUSY] = f.busy;
    const x = this.#facts;
    f.facts(s, x);
    const enq = x[3];
    const v = this.#v;
    v[0] = now - enq;
    v[1] = x[5];
    v[2] = x[6];
    const wait = v[0];
    const wb = bucketOf(wait);
    this.#bWait.addBucket(wb);
    this.#sums[CUM_WAIT_SUM] += wait;
    this.#cumWaitN++;
    this.#sums[B_WAIT_SUM] += wait;
    if (enq < this.#warmup) return;
    this.nStarted++;
    if (x[7] > 0) this.deferredRequests++;
    const t = x[0], a = x[1], c = x[2];
    this.attainCount[t]++;
    if (wait <= this.waitTarget) this.attainMet[t]++;
    // the wait is bucketed once and counted in its two groups (no per-event allocation)
    const i = t * this.#connectors + c;
    addStart(this.#cells[i] ?? this.#newCell(i), v, wb);
    this.#accounts.start(a, v, wb);
  }

  /** Each account's distributions (null: none counted), indexed like the topology's accounts. */
  get byAccount(): (Parts | null)[] {
    return this.#accounts.all();
  }

  // a group's first request: off the hot path, so V8 keeps it out of started
  #newCell(i: number): Parts {
    return (this.#cells[i] = new Parts(this.#arena));
  }

  deferred(_s: number, _key: number, now: number): void {
    this.#sums[AT] = now;
    this.#advance();
    this.#bDefer++;
    if (now >= this.#warmup) this.deferrals++;
  }

  released(s: number, _key: number, deferredFor: number, _now: number): void {
    if (this.#f!.enqueueAt(s) >= this.#warmup) this.deferredSeconds += deferredFor;
  }

  ended(s: number, outcome: number, now: number): void {
    this.#sums[AT] = now;
    this.#advance();
    this.#sums[BUSY] = this.#f!.busy;
    this.#bDone++;
    if (outcome !== 0) this.#bFail++;
    const x = this.#facts;
    this.#f!.facts(s, x);
    const enq = x[3];
    if (this.#onRequest) this.#onRequest(requestRecord(this.#f!, this.#names, s, OUTCOME_NAMES[outcome], now));
    if (enq < this.#warmup) return;
    if (outcome === 0) this.completed++;
    else {
      this.failed++;
      this.failReasons[outcome]++;
    }
    const v = this.#v;
    v[0] = now - x[4];
    v[1] = now - enq;
    const rb = bucketOf(v[0]), tb = bucketOf(v[1]);
    const t = x[0], a = x[1], c = x[2];
    addEnd(this.#cells[t * this.#connectors + c]!, v, rb, tb);
    this.#accounts.end(a, v, rb, tb);
  }

  disabled(s: number, _now: number): void {
    this.disabledSources.push(s);
  }

  queueLength(length: number, now: number): void {
    if (length === this.#sums[Q]) return;
    this.#sums[AT] = now;
    this.#advance();
    this.#sums[Q] = length;
    if (length > this.#bQMax) this.#bQMax = length;
    if (now >= this.#warmup && length > this.qMax) this.qMax = length;
  }

  workers(busy: number, capacity: number, now: number): void {
    this.#sums[AT] = now;
    this.#advance();
    this.#sums[BUSY] = busy;
    if (capacity !== this.#sums[CAP]) {
      this.#sums[CAP] = capacity;
      // the last count set by the end of the warm-up is the one in force when counting starts
      if (now <= this.#warmup) this.#capAtWarmup = capacity;
      else {
        if (capacity < this.#capMin) this.#capMin = capacity;
        if (capacity > this.#capMax) this.#capMax = capacity;
      }
    }
  }

  activeAccounts(count: number, now: number): void {
    this.#sums[AT] = now;
    this.#advance();
    this.#sums[ACTIVE] = count;
  }

  login(_account: number, now: number): void {
    if (now >= this.#warmup) this.logins++;
  }

  dashboardAge(age: number, now: number): void {
    if (now >= this.#warmup) this.dashboard.add(age);
  }

  embedView(age: number, cacheHit: boolean, now: number): void {
    if (now < this.#warmup) return;
    this.embedViews++;
    if (cacheHit) this.embedHits++;
    this.embed.add(age);
  }

  emailSent(age: number, pending: boolean, now: number): void {
    if (now < this.#warmup) return;
    this.emailsSent++;
    if (pending) this.emailsPending++;
    this.email.add(age);
  }

  // ---- levels and buckets ---------------------------------------------------------------------

  /**
   * Integrates the levels up to #sums[AT], closing the buckets that end by then. The time comes through
   * the array, not as an argument (see #sums): a call V8 keeps out of line would box it on every event,
   * and which calls it keeps out of line differs from one process to the next.
   */
  #advance(): void {
    const S = this.#sums;
    const now = S[AT];
    // an instant integrated to already (a second level change at it): nothing to add, and no bucket to
    // close (the last integration time is always before the current bucket's end)
    if (now <= S[LAST_T]) return;
    if (now >= this.#bEnd) {
      S[ROLL_TO] = now;
      this.#roll(); // integrates to each bucket's end
      S[AT] = now;
    }
    this.#integrate();
  }

  /** Integrates the levels up to #sums[AT] (the time goes through the array, not as an argument: see #sums). */
  #integrate(): void {
    const S = this.#sums;
    const now = S[AT];
    const last = S[LAST_T];
    if (now <= last) return;
    const dt = now - last;
    S[B_Q_AREA] += S[Q] * dt;
    S[B_BUSY_AREA] += S[BUSY] * dt;
    const warmup = S[WARMUP];
    if (now > warmup) {
      const g = now - (last > warmup ? last : warmup);
      S[Q_AREA] += S[Q] * g;
      S[BUSY_AREA] += S[BUSY] * g;
      S[CAP_AREA] += S[CAP] * g;
      S[ACTIVE_AREA] += S[ACTIVE] * g;
    }
    S[LAST_T] = now;
  }

  /**
   * Closes every bucket that ends at or before #sums[ROLL_TO]. The time goes through the array, not as
   * an argument: the hot path calls this once a bucket, but a double passed to a call V8 does not inline
   * is boxed, and V8 may box it on every pass through the caller, not only on the pass that calls.
   */
  #roll(): void {
    const now = this.#sums[ROLL_TO];
    while (now >= this.#bEnd) {
      this.#sums[AT] = this.#bEnd;
      this.#integrate();
      this.#closeBucket(this.#bEnd);
    }
  }

  #closeBucket(end: number): void {
    const len = end - this.#bStart;
    const arrivals = {} as Record<Trigger, number>;
    this.#names.triggers.forEach((t, i) => (arrivals[t] = this.#bArr[i]));
    this.rows.push({
      t: this.#bStart,
      arrivals,
      completions: this.#bDone,
      failures: this.#bFail,
      deferrals: this.#bDefer,
      queueMean: round(len > 0 ? this.#sums[B_Q_AREA] / len : this.#sums[Q]),
      queueMax: Math.max(this.#bQMax, this.#sums[Q]),
      busyMean: round(len > 0 ? this.#sums[B_BUSY_AREA] / len : this.#sums[BUSY]),
      workers: this.#sums[CAP],
      started: this.#bWait.count,
      waitMean: this.#bWait.count > 0 ? round(this.#sums[B_WAIT_SUM] / this.#bWait.count) : null,
      waitP95: this.#bWait.count > 0 ? round(this.#bWait.quantile(0.95)) : null,
      waitCumMean: this.#cumWaitN > 0 ? round(this.#sums[CUM_WAIT_SUM] / this.#cumWaitN) : null,
      activeAccounts: this.#sums[ACTIVE],
    });
    this.#bStart = end;
    this.#bEnd = end + this.#bucket;
    this.#bArr.fill(0);
    this.#bDone = this.#bFail = this.#bDefer = 0;
    this.#sums[B_Q_AREA] = this.#sums[B_BUSY_AREA] = 0;
    this.#bQMax = this.#sums[Q];
    // kept, not cleared: a window's percentiles merge its buckets' histograms
    this.bucketWaits.push(this.#bWait);
    this.#bWait = new LogHistogram(this.#arena);
    this.#sums[B_WAIT_SUM] = 0;
  }

  /** Ends the run at `end`: closes the last (possibly short) bucket. */
  finish(end: number): void {
    if (end >= this.#bEnd) {
      this.#sums[ROLL_TO] = end;
      this.#roll();
    }
    this.#sums[AT] = end;
    this.#integrate();
    if (end > this.#bStart) this.#closeBucket(end);
  }

  /** The fewest and most workers in force at any time after the warm-up (0 and 0 if never set). */
  workerRange(): { min: number; max: number } {
    const min = Math.min(this.#capMin, this.#capAtWarmup >= 0 ? this.#capAtWarmup : Infinity);
    const max = Math.max(this.#capMax, this.#capAtWarmup);
    return min === Infinity ? { min: 0, max: 0 } : { min, max };
  }

  /** Time-weighted means over [warmup, end]. */
  levels(end: number): { queue: number; busy: number; capacity: number; active: number } {
    const span = end - this.#warmup;
    if (span <= 0) return { queue: 0, busy: 0, capacity: 0, active: 0 };
    const S = this.#sums;
    return { queue: S[Q_AREA] / span, busy: S[BUSY_AREA] / span, capacity: S[CAP_AREA] / span, active: S[ACTIVE_AREA] / span };
  }

  /** The five distributions of the requests whose cell matches (null: any), merged in cell order. */
  merged(trigger: number | null, connector: number | null): Parts | null {
    const C = this.#names.connectorIds.length;
    let out: Parts | null = null;
    this.#cells.forEach((cell, i) => {
      if (cell === null) return;
      if (trigger !== null && Math.floor(i / C) !== trigger) return;
      if (connector !== null && i % C !== connector) return;
      (out ??= new Parts()).merge(cell);
    });
    return out;
  }

  get overall(): Parts {
    return this.merged(null, null) ?? new Parts();
  }

  get byTrigger(): (Parts | null)[] {
    return this.#names.triggers.map((_, t) => this.merged(t, null));
  }

  get byConnector(): (Parts | null)[] {
    return this.#names.connectorIds.map((_, c) => this.merged(null, c));
  }

  parts(p: Parts | null): (TimeParts & { count: number }) | null {
    return p === null ? null : p.toParts();
  }

  /**
   * A request still pending at the end of the run. One still waiting (queued or deferred) counts in the
   * wait, queue and deferred distributions with what it has waited so far (a lower bound, right-censored
   * at the end): leaving it out would make the tail of an overloaded or quota-exhausted run look better
   * than it was. Its deferral so far counts in the deferral totals. In SLO attainment it counts as not met
   * when it has already waited longer than the target, and is left out when not (its outcome is unknown).
   * A running one was counted when it started.
   */
  pending(s: number, now: number): void {
    if (this.#onRequest) this.#onRequest(requestRecord(this.#f!, this.#names, s, 'pending', now));
    const f = this.#f!;
    if (f.enqueueAt(s) < this.#warmup || !Number.isNaN(f.startAt(s))) return;
    const w = f.waitedSoFar(s, now);
    const wait = w.queue + w.deferred;
    this.nWaitingAtEnd++;
    if (wait > this.waitingAtEndMax) this.waitingAtEndMax = wait;
    if (f.deferrals(s) > 0) this.deferredRequests++;
    // released deferrals were counted when released; the one in progress is counted here
    this.deferredSeconds += w.deferred - f.deferredTime(s);
    const t = f.trigger(s), a = f.account(s), c = f.connector(s);
    // attainment: already over the target is a miss whatever happens next; under it, the outcome is unknown
    if (wait > this.waitTarget) this.attainCount[t]++;
    const v = this.#v;
    v[0] = wait;
    v[1] = w.queue;
    v[2] = w.deferred;
    const wb = bucketOf(wait);
    const i = t * this.#connectors + c;
    addStart(this.#cells[i] ?? this.#newCell(i), v, wb);
    this.#accounts.start(a, v, wb);
  }
}

