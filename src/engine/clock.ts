// The virtual clock: the event loop that drives a model through simulated time.
import { EVENT_IN, EventQueue } from './events.js';
import { raiseInliningBudget } from './inlining.js';

/** What model code sees of time: the current instant and a way to be called back later. */
export interface Clock {
  now(): number;
}

export interface Timers {
  /** Call back (kind, arg) at `time` (>= now). Lower priority numbers run first at the same instant. */
  at(time: number, priority: number, kind: number, arg: number): void;
  /**
   * A timer's place among ties, taken now for a timer that may be set later with atReserved, or never
   * (a model that knows a timer would find nothing to do need not keep it in the queue meanwhile).
   */
  reserve(priority: number): number;
  /** Call back (kind, arg) at `time` (>= now), in the place `reserve` gave: as if set when reserved. */
  atReserved(time: number, place: number, kind: number, arg: number): void;
  /**
   * `at`, the time written to timeIn[0] first: for a model's hot paths. A time passed to a call V8 does
   * not inline is a new heap number each time, and which calls V8 inlines changes from one process to
   * the next; a number written to a typed array is never boxed.
   */
  atTimeIn(priority: number, kind: number, arg: number): void;
  readonly timeIn: Float64Array;
}

/**
 * What the clock runs events on. An object with methods, not two functions: every run of one model class
 * then calls the same two targets, so V8 keeps the loop's calls as optimised in the second run in a
 * process as in the first (a closure per run is a new target at each call site: the second run
 * de-optimised the loop, "wrong call target"). Sweeps and replications run many models in one process.
 */
export interface Handler {
  /** Runs the event (kind, arg), at now(). */
  handle(kind: number, arg: number): void;
  /**
   * Called once after the last event of each instant, before time moves on: where a model acts on
   * everything that happened at that instant together.
   */
  endOfInstant?(): void;
}

/** The error of a timer set before now. */
function tooEarly(time: number, now: number): never {
  throw new RangeError(`cannot schedule at ${time}, before now (${now})`);
}

/** events per call of VirtualClock's inner loop (see #run) */
const SLICE = 4096;

export class VirtualClock implements Clock, Timers {
  #events = new EventQueue();
  #now = 0;
  #processed = 0;

  constructor() {
    raiseInliningBudget();
  }

  now(): number {
    return this.#now;
  }

  /** A model's look at the events about to run, batch by batch (see EventQueue.lookahead). */
  set lookahead(f: ((events: Int32Array, n: number) => void) | null) {
    this.#events.lookahead = f;
  }

  /** Events handled so far. */
  get processed(): number {
    return this.#processed;
  }

  /** where atTimeIn reads its time: the event queue's own (times go through it inside the queue too) */
  readonly timeIn = EVENT_IN;

  at(time: number, priority: number, kind: number, arg: number): void {
    EVENT_IN[0] = time;
    this.atTimeIn(priority, kind, arg);
  }

  atTimeIn(priority: number, kind: number, arg: number): void {
    if (!(EVENT_IN[0] >= this.#now)) tooEarly(EVENT_IN[0], this.#now);
    this.#events.pushIn(priority, kind, arg);
  }

  reserve(priority: number): number {
    return this.#events.reserve(priority);
  }

  atReserved(time: number, place: number, kind: number, arg: number): void {
    if (!(time >= this.#now)) tooEarly(time, this.#now);
    EVENT_IN[0] = time;
    EVENT_IN[1] = place;
    const ev = this.#events;
    // at this very instant, a place before the event running now has passed: it can no longer be kept
    if (time === this.#now && ev.lastTime === time && place < ev.lastOrder) throw new RangeError(`the place reserved for ${time} has passed`);
    ev.pushReservedIn(kind, arg);
  }

  /**
   * runUntil's loop, `limit` events at most: true if it stopped there. It is a function called again and
   * again (a run is one call of runUntil), and the next event's time is read afresh each turn, not carried
   * in a variable: no number of the loop itself is boxed. V8 still compiles it on the stack (on-stack
   * replacement, `--trace-opt`), entered anew at each call; slices of 256 events made it compile the
   * function whole, and the mmc bench ran 10% slower (README, Speed).
   */
  #run(until: number, h: Handler, limit: number): boolean {
    const ev = this.#events;
    let processed = this.#processed;
    const stop = processed + limit;
    while (ev.peekTime() <= until && ev.size > 0) {
      if (processed === stop) return true;
      ev.pop();
      const now = (this.#now = ev.lastTime);
      this.#processed = ++processed;
      h.handle(ev.lastKind, ev.lastArg);
      if (h.endOfInstant !== undefined && ev.peekTime() !== now) h.endOfInstant();
    }
    return false;
  }

  /** Runs every event with time <= until (in order) on `h`, then leaves the clock at `until`. */
  runUntil(until: number, h: Handler): void {
    while (this.#run(until, h, SLICE));
    if (until > this.#now) this.#now = until;
  }
}
