// The limit keeper: counts API use per key and says whether a call may start now (MODEL.md "Limits").
//
// Concurrent limits count calls in flight; window limits count calls (or cost units) admitted in a
// sliding or fixed window. A deferred request waits on the key that blocked it. "Until free" never
// looks ahead: a concurrent key wakes waiters when one of its calls ends, a window key when enough
// admitted calls have left the window (or the fixed window resets). A woken request holds a
// reservation on the key's headroom until a worker takes it, so one freed slot wakes one request.
import type { Timers } from '../engine/clock.js';
import { Priority, Timer } from './ladder.js';
import { KeyKind, type Topology } from './topology.js';

export interface LimitHost {
  /** original enqueue order of a deferred request (for waking in order) */
  seq(source: number): number;
  /** move a deferred request back to the front of the queue */
  release(source: number, key: number): void;
}

/** Admitted calls of a sliding-window key, oldest first (a ring buffer). */
class Window {
  times = new Float64Array(16);
  costs = new Float64Array(16);
  head = 0;
  size = 0;
  push(t: number, c: number): void {
    if (this.size === this.times.length) {
      const n = this.times.length * 2;
      const times = new Float64Array(n), costs = new Float64Array(n);
      for (let i = 0; i < this.size; i++) {
        const j = (this.head + i) % this.times.length;
        times[i] = this.times[j];
        costs[i] = this.costs[j];
      }
      this.times = times; this.costs = costs; this.head = 0;
    }
    const j = (this.head + this.size) % this.times.length;
    this.times[j] = t; this.costs[j] = c; this.size++;
  }
}

export class LimitKeeper {
  readonly inUse: Float64Array; // in-flight calls (concurrent) or use in the current window
  readonly peak: Float64Array;
  readonly deferrals: Float64Array;
  readonly deferredSeconds: Float64Array;
  #reserved: Float64Array;
  #windowIndex: Float64Array; // fixed windows: index of the current window
  #windows: (Window | null)[];
  #waiters: (number[] | null)[];
  #timerAt: Float64Array;
  #wakeKey: Int32Array; // per source: the key holding its reservation, or -1
  #topo: Topology;
  #timers: Timers;
  #host: LimitHost;

  constructor(topo: Topology, timers: Timers, host: LimitHost) {
    const K = topo.keyLabel.length;
    this.#topo = topo;
    this.#timers = timers;
    this.#host = host;
    this.inUse = new Float64Array(K);
    this.peak = new Float64Array(K);
    this.deferrals = new Float64Array(K);
    this.deferredSeconds = new Float64Array(K);
    this.#reserved = new Float64Array(K);
    this.#windowIndex = new Float64Array(K).fill(-Infinity);
    this.#windows = new Array(K).fill(null);
    this.#waiters = new Array(K).fill(null);
    this.#timerAt = new Float64Array(K).fill(Infinity);
    this.#wakeKey = new Int32Array(topo.sourceIds.length).fill(-1);
  }

  /** Admits the call and counts it (returns -1), or returns the first key that would be exceeded. */
  tryAdmit(s: number, now: number): number {
    const { start, list } = this.#topo.sourceKeys;
    const a = start[s], b = start[s + 1];
    if (a === b) return -1;
    const cost = this.#topo.sourceCost[s];
    const held = this.#wakeKey[s];
    if (held >= 0) {
      this.#reserved[held] -= this.#kindCost(held, cost);
      this.#wakeKey[s] = -1;
    }
    for (let i = a; i < b; i++) {
      const k = list[i];
      this.#refresh(k, now);
      if (this.inUse[k] + this.#reserved[k] + this.#kindCost(k, cost) > this.#topo.keyMax[k]) {
        // the headroom it held goes back to whoever else waits on that key
        if (held >= 0 && held !== k) this.#wake(held, now);
        return k;
      }
    }
    for (let i = a; i < b; i++) {
      const k = list[i];
      const c = this.#kindCost(k, cost);
      this.inUse[k] += c;
      if (this.#topo.keyKind[k] === KeyKind.sliding) (this.#windows[k] ??= new Window()).push(now, c);
      if (this.inUse[k] > this.peak[k]) this.peak[k] = this.inUse[k];
      const w = this.#waiters[k];
      if (w !== null && this.#timerAt[k] === Infinity && this.#topo.keyKind[k] !== KeyKind.concurrent) {
        this.#scheduleWake(k, now, this.#kindCost(k, this.#topo.sourceCost[w[0]]));
      }
    }
    return -1;
  }

  /** A call has ended: concurrent keys free a slot and wake their waiters. */
  callEnded(s: number, now: number): void {
    const { start, list } = this.#topo.sourceKeys;
    for (let i = start[s]; i < start[s + 1]; i++) {
      const k = list[i];
      if (this.#topo.keyKind[k] !== KeyKind.concurrent) continue;
      this.inUse[k] -= 1;
      if (this.#waiters[k] !== null) this.#wake(k, now);
    }
  }

  /** Park a deferred request on the key that blocked it (defer: until-free). */
  wait(k: number, s: number, now: number): void {
    let w = this.#waiters[k];
    if (w === null) w = this.#waiters[k] = [];
    // keep waiters in original enqueue order, so they are woken in it
    const seq = this.#host.seq(s);
    let i = w.length;
    while (i > 0 && this.#host.seq(w[i - 1]) > seq) i--;
    w.splice(i, 0, s);
    this.#wake(k, now); // nothing to wake unless headroom appeared meanwhile; schedules the window timer
  }

  /** Count a deferral against the key that caused it. */
  countDeferral(k: number): void {
    this.deferrals[k]++;
  }

  countDeferredTime(k: number, seconds: number): void {
    this.deferredSeconds[k] += seconds;
  }

  /** A window key's timer fired. */
  onTimer(k: number, now: number): void {
    if (this.#timerAt[k] !== now) return; // superseded
    this.#timerAt[k] = Infinity;
    this.#wake(k, now);
  }

  #kindCost(k: number, cost: number): number {
    return this.#topo.keyKind[k] === KeyKind.concurrent ? 1 : cost;
  }

  /** Lets time pass for a window key: calls leave a sliding window, a fixed window resets. */
  #refresh(k: number, now: number): void {
    const kind = this.#topo.keyKind[k];
    if (kind === KeyKind.sliding) {
      const w = this.#windows[k];
      if (w === null) return;
      const edge = now - this.#topo.keyWindow[k];
      while (w.size > 0 && w.times[w.head] <= edge) {
        this.inUse[k] -= w.costs[w.head];
        w.head = (w.head + 1) % w.times.length;
        w.size--;
      }
      if (w.size === 0) this.inUse[k] = 0; // no float dust
    } else if (kind === KeyKind.fixed) {
      const resets = this.#topo.keyResets[k];
      const idx = resets === null ? Math.floor((now - this.#topo.keyOffset[k]) / this.#topo.keyWindow[k]) : boundariesUpTo(resets, now);
      if (idx !== this.#windowIndex[k]) {
        this.#windowIndex[k] = idx;
        this.inUse[k] = 0;
      }
    }
  }

  #wake(k: number, now: number): void {
    const w = this.#waiters[k];
    if (w === null) return;
    this.#refresh(k, now);
    const max = this.#topo.keyMax[k];
    const cost = this.#topo.sourceCost;
    let n = 0;
    while (n < w.length) {
      const c = this.#kindCost(k, cost[w[n]]);
      if (this.inUse[k] + this.#reserved[k] + c > max) break;
      this.#reserved[k] += c;
      this.#wakeKey[w[n]] = k;
      n++;
    }
    const woken = w.splice(0, n);
    if (w.length === 0) this.#waiters[k] = null;
    for (const s of woken) this.#host.release(s, k);
    if (w.length > 0 && this.#topo.keyKind[k] !== KeyKind.concurrent) this.#scheduleWake(k, now, this.#kindCost(k, cost[w[0]]));
  }

  /** The earliest instant the first waiter fits, from calls already admitted (never from future ones). */
  #scheduleWake(k: number, now: number, need: number): void {
    let at = Infinity;
    const max = this.#topo.keyMax[k];
    if (this.#topo.keyKind[k] === KeyKind.fixed) {
      const resets = this.#topo.keyResets[k];
      if (resets === null) at = this.#topo.keyOffset[k] + (this.#windowIndex[k] + 1) * this.#topo.keyWindow[k];
      else if (this.#windowIndex[k] < resets.length) at = resets[this.#windowIndex[k]]; // the next boundary; none left: Infinity
    } else {
      const win = this.#windows[k];
      if (win !== null) {
        let use = this.inUse[k] + this.#reserved[k];
        for (let i = 0; i < win.size; i++) {
          const j = (win.head + i) % win.times.length;
          use -= win.costs[j];
          if (use + need <= max) {
            at = win.times[j] + this.#topo.keyWindow[k];
            break;
          }
        }
      }
    }
    // Infinity: only reservations stand in the way; their admission (below) or release re-plans this
    if (at < this.#timerAt[k]) {
      this.#timerAt[k] = at;
      this.#timers.at(at, Priority.limitWake, Timer.limitWake, k);
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
