// The limit keeper: counts API use per key and says whether a call may start now (MODEL.md "Limits").
//
// Concurrent limits count calls in flight; window limits count calls (or cost units) admitted in a
// sliding or fixed window. A deferred request waits on the key that blocked it. "Until free" never
// looks ahead: a concurrent key wakes waiters when one of its calls ends, a window key when enough
// admitted calls have left the window (or the fixed window resets). A woken request holds a
// reservation on the key's headroom until a worker takes it, so one freed slot wakes one request.
import type { Timers } from '../engine/clock.js';
import { Kind, Priority } from './ladder.js';
import { KeyKind, type Topology } from './topology.js';
import { WindowRings } from './windows.js';

export interface LimitHost {
  /** original enqueue order of a deferred request (for waking in order) */
  seq(source: number): number;
  /** move a deferred request back to the front of the queue */
  release(source: number, key: number): void;
}

/**
 * A key's fixed facts and running counts share one record (a refresh admitted against three keys then
 * reads three records, not three slots in each of ten arrays: at a million sources every one of those
 * is a cache miss), and a source's key range, cost and reservation share another.
 */
const K = {
  // what an admission reads and writes, first (the record is 128 bytes: two cache lines, the first hot)
  kind: 0,
  max: 1,
  inUse: 2, // in-flight calls (concurrent) or use in the current window
  reserved: 3,
  window: 4,
  peak: 5,
  waiting: 6, // waiters parked on the key
  timerAt: 7,
  windowEnd: 8, // fixed windows with reset times: the next reset (the current window's end), -Infinity until known
  windowIndex: 9, // fixed windows: index of the current window
  offset: 10,
  ring: 11, // sliding windows: four numbers of its ring (windows.ts)
  size: 16,
} as const;
// per source, 32-bit integers (16 bytes: four to a cache line at a million sources): its key range, the
// key holding its reservation (-1 if none), and its cost's index in the table of distinct costs
const S = { start: 0, end: 1, wakeKey: 2, cost: 3, size: 4 } as const;

export class LimitKeeper {
  /**
   * Per key, read after the run, counted like the headline figures from the warm-up's end: deferrals
   * made then, deferred seconds of requests enqueued then, and the peak use reached by a call admitted
   * then (use only grows at an admission).
   */
  readonly peak: Float64Array;
  readonly deferrals: Float64Array;
  readonly deferredSeconds: Float64Array;
  readonly #k: Float64Array;
  readonly #s: Int32Array;
  readonly #costs: Float64Array; // the distinct costs, by S.cost
  readonly #keyList: Int32Array;
  readonly #windows: WindowRings;
  #waiters: (number[] | null)[];
  #woken = new Int32Array(64); // scratch for #wake
  #resets: (Float64Array | null)[];
  #timers: Timers;
  #host: LimitHost;
  readonly #countFrom: number;

  /** `countFrom`: the warm-up's end, from which the per-key figures count */
  constructor(topo: Topology, timers: Timers, host: LimitHost, countFrom = 0) {
    const nKeys = topo.keyLabel.length;
    this.#countFrom = countFrom;
    this.#timers = timers;
    this.#host = host;
    this.peak = new Float64Array(nKeys);
    this.deferrals = new Float64Array(nKeys);
    this.deferredSeconds = new Float64Array(nKeys);
    const k = (this.#k = new Float64Array(nKeys * K.size));
    for (let i = 0; i < nKeys; i++) {
      const b = i * K.size;
      k[b + K.kind] = topo.keyKind[i];
      k[b + K.max] = topo.keyMax[i];
      k[b + K.window] = topo.keyWindow[i];
      k[b + K.offset] = topo.keyOffset[i];
      k[b + K.windowIndex] = -Infinity;
      k[b + K.windowEnd] = -Infinity;
      k[b + K.timerAt] = Infinity;
    }
    const nSources = topo.sourceIds.length;
    const s = (this.#s = new Int32Array(nSources * S.size));
    const { start } = topo.sourceKeys;
    const costIndex = new Map<number, number>();
    for (let i = 0; i < nSources; i++) {
      const b = i * S.size;
      s[b + S.start] = start[i];
      s[b + S.end] = start[i + 1];
      s[b + S.wakeKey] = -1;
      const c = topo.sourceCost[i];
      let ci = costIndex.get(c);
      if (ci === undefined) costIndex.set(c, (ci = costIndex.size));
      s[b + S.cost] = ci;
    }
    this.#costs = Float64Array.from(costIndex.keys());
    this.#keyList = topo.sourceKeys.list;
    this.#resets = topo.keyResets;
    this.#windows = new WindowRings(k, K.size, K.ring);
    this.#waiters = new Array(nKeys).fill(null);
  }

  /** Admits the call and counts it (returns -1), or returns the first key that would be exceeded. */
  tryAdmit(s: number, now: number): number {
    const src = this.#s, rec = this.#k, list = this.#keyList;
    const sb = s * S.size;
    const a = src[sb + S.start], b = src[sb + S.end];
    if (a === b) return -1;
    const cost = this.#costs[src[sb + S.cost]];
    const held = src[sb + S.wakeKey];
    if (held >= 0) {
      rec[held * K.size + K.reserved] -= this.#kindCost(held, cost);
      src[sb + S.wakeKey] = -1;
    }
    for (let i = a; i < b; i++) {
      const k = list[i];
      this.#refresh(k, now);
      const kb = k * K.size;
      if (rec[kb + K.inUse] + rec[kb + K.reserved] + this.#kindCost(k, cost) > rec[kb + K.max]) {
        // the headroom it held goes back to whoever else waits on that key
        if (held >= 0 && held !== k) this.#wake(held, now);
        return k;
      }
    }
    for (let i = a; i < b; i++) {
      const k = list[i];
      const kb = k * K.size;
      const kind = rec[kb + K.kind];
      const c = kind === KeyKind.concurrent ? 1 : cost;
      const use = (rec[kb + K.inUse] += c);
      if (kind === KeyKind.sliding) this.#windows.push(k, now, c);
      if (use > rec[kb + K.peak] && now >= this.#countFrom) this.peak[k] = rec[kb + K.peak] = use;
      if (rec[kb + K.waiting] > 0 && rec[kb + K.timerAt] === Infinity && kind !== KeyKind.concurrent) {
        this.#scheduleWake(k, now, this.#kindCost(k, this.#costOf(this.#waiters[k]![0])));
      }
    }
    return -1;
  }

  /** A call has ended: concurrent keys free a slot and wake their waiters. */
  callEnded(s: number, now: number): void {
    const src = this.#s, rec = this.#k, list = this.#keyList;
    const sb = s * S.size;
    for (let i = src[sb + S.start], end = src[sb + S.end]; i < end; i++) {
      const kb = list[i] * K.size;
      if (rec[kb + K.kind] !== KeyKind.concurrent) continue;
      rec[kb + K.inUse] -= 1;
      if (rec[kb + K.waiting] > 0) this.#wake(list[i], now);
    }
  }

  /** Park a deferred request on the key that blocked it (defer: until-free). */
  wait(k: number, s: number, now: number): void {
    let w = this.#waiters[k];
    if (w === null) w = this.#waiters[k] = [];
    // keep waiters in original enqueue order, so they are woken in it
    const seq = this.#host.seq(s);
    let i = w.length;
    w.push(s); // room for one more; then shift the later ones up (splice would allocate its result)
    while (i > 0 && this.#host.seq(w[i - 1]) > seq) {
      w[i] = w[i - 1];
      i--;
    }
    w[i] = s;
    this.#k[k * K.size + K.waiting] = w.length;
    this.#wake(k, now); // nothing to wake unless headroom appeared meanwhile; schedules the window timer
  }

  /** Count a deferral against the key that caused it (from the warm-up's end). */
  countDeferral(k: number, now: number): void {
    if (now >= this.#countFrom) this.deferrals[k]++;
  }

  /** Count a release's deferred seconds against its key, for a request enqueued from the warm-up's end. */
  countDeferredTime(k: number, seconds: number, enqueueAt: number): void {
    if (enqueueAt >= this.#countFrom) this.deferredSeconds[k] += seconds;
  }

  /** A window key's timer fired. */
  onTimer(k: number, now: number): void {
    const kb = k * K.size;
    if (this.#k[kb + K.timerAt] !== now) return; // superseded
    this.#k[kb + K.timerAt] = Infinity;
    this.#wake(k, now);
  }

  #costOf(s: number): number {
    return this.#costs[this.#s[s * S.size + S.cost]];
  }

  #kindCost(k: number, cost: number): number {
    return this.#k[k * K.size + K.kind] === KeyKind.concurrent ? 1 : cost;
  }

  /** Lets time pass for a window key: calls leave a sliding window, a fixed window resets. */
  #refresh(k: number, now: number): void {
    const rec = this.#k;
    const kb = k * K.size;
    const kind = rec[kb + K.kind];
    if (kind === KeyKind.sliding) {
      const w = this.#windows;
      const edge = now - rec[kb + K.window];
      while (w.size(k) > 0 && w.time(k, 0) <= edge) {
        rec[kb + K.inUse] -= w.cost(k, 0);
        w.dropOldest(k);
      }
      if (w.size(k) === 0) rec[kb + K.inUse] = 0; // no float dust
    } else if (kind === KeyKind.fixed) {
      if (now < rec[kb + K.windowEnd]) return; // the window in force stays until its next reset
      const resets = this.#resets[k];
      const cur = rec[kb + K.windowIndex];
      let idx: number;
      if (resets === null) idx = Math.floor((now - rec[kb + K.offset]) / rec[kb + K.window]);
      // time only moves forward: the window in force stays until its next boundary
      else if (cur >= 0 && (cur === resets.length || now < resets[cur])) idx = cur;
      else idx = boundariesUpTo(resets, now);
      if (resets !== null) rec[kb + K.windowEnd] = idx < resets.length ? resets[idx] : Infinity;
      if (idx !== cur) {
        rec[kb + K.windowIndex] = idx;
        rec[kb + K.inUse] = 0;
      }
    }
  }

  #wake(k: number, now: number): void {
    const w = this.#waiters[k];
    if (w === null) return;
    this.#refresh(k, now);
    const rec = this.#k, src = this.#s;
    const kb = k * K.size;
    const max = rec[kb + K.max];
    let n = 0;
    while (n < w.length) {
      const c = this.#kindCost(k, this.#costOf(w[n]));
      if (rec[kb + K.inUse] + rec[kb + K.reserved] + c > max) break;
      rec[kb + K.reserved] += c;
      src[w[n] * S.size + S.wakeKey] = k;
      n++;
    }
    // the woken leave the list before they are released (release never re-enters the keeper)
    const woken = this.#woken;
    if (n > woken.length) this.#woken = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) this.#woken[i] = w[i];
    if (n > 0) {
      w.copyWithin(0, n);
      w.length -= n;
    }
    rec[kb + K.waiting] = w.length;
    if (w.length === 0) this.#waiters[k] = null;
    for (let i = 0; i < n; i++) this.#host.release(this.#woken[i], k);
    if (w.length > 0 && rec[kb + K.kind] !== KeyKind.concurrent) this.#scheduleWake(k, now, this.#kindCost(k, this.#costOf(w[0])));
  }

  /** The earliest instant the first waiter fits, from calls already admitted (never from future ones). */
  #scheduleWake(k: number, now: number, need: number): void {
    const rec = this.#k;
    const kb = k * K.size;
    let at = Infinity;
    const max = rec[kb + K.max];
    if (rec[kb + K.kind] === KeyKind.fixed) {
      const resets = this.#resets[k];
      const idx = rec[kb + K.windowIndex];
      if (resets === null) at = rec[kb + K.offset] + (idx + 1) * rec[kb + K.window];
      else if (idx < resets.length) at = resets[idx]; // the next boundary; none left: Infinity
    } else {
      const win = this.#windows;
      let use = rec[kb + K.inUse] + rec[kb + K.reserved];
      for (let i = 0, n = win.size(k); i < n; i++) {
        use -= win.cost(k, i);
        if (use + need <= max) {
          at = win.time(k, i) + rec[kb + K.window];
          break;
        }
      }
    }
    // Infinity: only reservations stand in the way; their admission (below) or release re-plans this
    if (at < rec[kb + K.timerAt]) {
      rec[kb + K.timerAt] = at;
      this.#timers.at(at, Priority.limitWake, Kind.limitWake, k);
    }
  }
}

/** How many of the ascending boundaries are at or before `now` (the index of the current window). */
function boundariesUpTo(resets: Float64Array, now: number): number {
  let lo = 0, hi = resets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (resets[mid] <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
