// The future-event set's tiers (near heap, calendar ring, overflow) pop exactly the order one sorted list would.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { BUCKET_WIDTH as W, EventQueue } from '../../src/engine/events.js';
import { VirtualClock } from '../../src/engine/clock.js';

interface Ev { t: number; p: number; seq: number }
const before = (a: Ev, b: Ev) => a.t < b.t || (a.t === b.t && (a.p < b.p || (a.p === b.p && a.seq < b.seq)));

/** The reference: pending events in one array sorted by (time, priority, seq), popped from the front. */
class SortedList {
  #xs: Ev[] = [];
  #head = 0;
  get size(): number {
    return this.#xs.length - this.#head;
  }
  push(e: Ev): void {
    let lo = this.#head, hi = this.#xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.#xs[mid], e)) lo = mid + 1;
      else hi = mid;
    }
    this.#xs.splice(lo, 0, e);
  }
  peek(): Ev | undefined {
    return this.#xs[this.#head];
  }
  pop(): Ev | undefined {
    if (this.#head === this.#xs.length) return undefined;
    const e = this.#xs[this.#head++];
    if (this.#head > 4096) { this.#xs = this.#xs.slice(this.#head); this.#head = 0; }
    return e;
  }
}

// boundaries of the buckets are where rounding could misplace an event
const up = (x: number) => x + Math.max(Math.abs(x) * Number.EPSILON, Number.MIN_VALUE); // a float just above
const down = (x: number) => x - Math.max(Math.abs(x) * Number.EPSILON, Number.MIN_VALUE);

/** A time to schedule at, relative to `now`: ties, boundaries, near, far, beyond the ring, huge. */
function pickTime(rng: () => number, now: number): number {
  const r = rng();
  const boundary = (Math.floor(now / W) + Math.floor(rng() * 3)) * W; // this bucket's end or the next ones
  if (r < 0.15) return now; // at the current instant, while it drains
  if (r < 0.3) return now + Math.floor(rng() * 5); // seconds ahead, many equal times
  if (r < 0.45) return [boundary, up(boundary), down(boundary), boundary + W][Math.floor(rng() * 4)];
  if (r < 0.6) return now + rng() * 120; // fractional, within a couple of buckets
  if (r < 0.85) return now + Math.floor(rng() * 86_400); // due timers: up to a day ahead
  if (r < 0.93) return now + 86_400 * (3 + rng() * 30); // beyond the ring: the overflow
  if (r < 0.97) return 1e12 + Math.floor(rng() * 4) * W; // a huge gap the calendar must jump
  if (r < 0.99) return down(1e12) + (rng() < 0.5 ? 0 : W);
  if (r < 0.995) return -Infinity; // before every other time (VirtualClock never asks for it; the queue still orders it)
  return Infinity;
}

/**
 * Runs `steps` random pushes and pops against the reference; `pushShare` of the steps push while the
 * pending count is under `high`. Returns the number of pops checked.
 */
function race(seed: string, steps: number, pushShare: number, high: number, cap = 4): number {
  const rng = seedrandom.alea(seed);
  const q = new EventQueue(cap), ref = new SortedList();
  let seq = 0, now = 0, pops = 0;
  const popBoth = () => {
    const want = ref.pop();
    expect(q.peekTime()).toBe(want === undefined ? Infinity : want.t);
    expect(q.pop()).toBe(want !== undefined);
    if (want === undefined) return;
    if (q.lastTime !== want.t || q.lastArg !== want.seq || q.lastKind !== want.p) {
      expect([q.lastTime, q.lastKind, q.lastArg], `pop ${pops}`).toEqual([want.t, want.p, want.seq]);
    }
    if (Number.isFinite(want.t)) now = want.t;
    pops++;
  };
  for (let step = 0; step < steps; step++) {
    if (ref.size < high && rng() < pushShare) {
      const t = pickTime(rng, now), p = Math.floor(rng() * 3);
      q.push(t, p, p, seq);
      ref.push({ t, p, seq: seq++ });
    } else popBoth();
    expect(q.size).toBe(ref.size);
  }
  while (ref.size > 0) popBoth();
  popBoth(); // empty: Infinity and false
  return pops;
}

describe('future-event set tiers', () => {
  it('pops the sorted order with a few events pending (the plain heap alone)', () => {
    expect(race('small', 30_000, 0.5, 50)).toBeGreaterThan(10_000);
  });

  it('pops the sorted order with thousands pending (ring, overflow, jumps over empty time)', () => {
    expect(race('large', 120_000, 0.55, 20_000)).toBeGreaterThan(50_000);
  });

  it('pops the sorted order when the set fills, drains to empty and fills again (the calendar stops and restarts)', () => {
    for (const seed of ['cycle-1', 'cycle-2', 'cycle-3']) expect(race(seed, 40_000, 0.8, 9_000)).toBeGreaterThan(9_000);
  });

  it('pops the sorted order with a growing backlog (steady pushes a day ahead, as due timers)', () => {
    const rng = seedrandom.alea('backlog');
    const q = new EventQueue(), ref = new SortedList();
    let seq = 0;
    for (let i = 0; i < 10_000; i++) {
      const t = Math.floor(rng() * 86_400);
      q.push(t, 1, 0, seq); ref.push({ t, p: 1, seq: seq++ });
    }
    for (let i = 0; i < 100_000; i++) {
      const want = ref.pop()!;
      expect(q.pop()).toBe(true);
      if (q.lastArg !== want.seq) expect([q.lastTime, q.lastArg]).toEqual([want.t, want.seq]);
      // each event due again later: the same time of a day ahead, or on a bucket boundary at this instant
      const t = rng() < 0.1 ? want.t : want.t + (rng() < 0.5 ? 86_400 : Math.ceil(rng() * 3) * W);
      const p = rng() < 0.5 ? 0 : 1;
      q.push(t, p, 0, seq); ref.push({ t, p, seq: seq++ });
    }
  });

  it('keeps every tier small until it is used, then grows it by doubling', () => {
    const q = new EventQueue(4);
    expect(q.capacities).toEqual({ near: 4, ring: 0, pool: 0, overflow: 0 });
    // an M/M/c-like load: a handful of events, seconds ahead, stays in the heap
    for (let i = 0; i < 100_000; i++) {
      q.push(i / 10 + 3, 0, 0, i);
      if (i >= 4) q.pop();
    }
    expect(q.capacities).toEqual({ near: 8, ring: 0, pool: 0, overflow: 0 });
    // thousands of timers spread over days: the calendar starts, its pool grows with them
    const rng = seedrandom.alea('grow');
    for (let i = 0; i < 20_000; i++) q.push(1e4 + rng() * 86_400 * 5, 0, 0, i);
    const c = q.capacities;
    expect(c.ring).toBeGreaterThan(0);
    expect(c.pool).toBeGreaterThanOrEqual(64);
    expect(c.overflow).toBeGreaterThan(0);
    for (const n of [c.near, c.pool, c.overflow]) expect(Math.log2(n) % 1).toBe(0); // powers of two
    expect(c.near).toBeLessThanOrEqual(8192); // it grew to spill, no further: the rest went to the calendar
    expect(q.size).toBe(20_004);
    let last = -Infinity, popped = 0;
    while (q.pop()) {
      expect(q.lastTime).toBeGreaterThanOrEqual(last);
      last = q.lastTime; popped++;
    }
    expect(popped).toBe(20_004);
  });

  it('pops every event even with NaN times among them (no order to keep, but no hang and nothing lost)', () => {
    for (const nanFirst of [true, false]) {
      const q = new EventQueue();
      if (nanFirst) q.push(NaN, 0, 0, -1); // on top when the calendar would start
      for (let i = 0; i < 10_000; i++) q.push(i % 7 === 0 ? NaN : i * 37, 0, 0, i);
      let popped = 0;
      while (q.pop()) popped++;
      expect(popped).toBe(nanFirst ? 10_001 : 10_000);
      expect(q.peekTime()).toBe(Infinity);
    }
  });

  it('still refuses a priority outside 0..255, with the calendar running', () => {
    const q = new EventQueue();
    for (let i = 0; i < 10_000; i++) q.push(i * 37, 0, 0, i);
    expect(() => q.push(5, -1, 0, 0)).toThrow(RangeError);
    expect(() => q.push(5, 256, 0, 0)).toThrow(RangeError);
    expect(q.size).toBe(10_000);
  });
});

describe('reserved places (EventQueue.reserve, pushReserved)', () => {
  it('an event pushed later in a place reserved earlier pops exactly where it would have, pushed then', () => {
    const rng = seedrandom.alea('reserved places');
    const q = new EventQueue(4), ref = new SortedList();
    const held: (Ev & { place: number })[] = [];
    let seq = 0, now = 0, late = 0;
    const pushHeld = (i: number) => {
      const e = held[i];
      q.pushReserved(e.t, e.place, e.p, e.seq);
      held.splice(i, 1);
      late++;
    };
    for (let step = 0; step < 30_000; step++) {
      if (ref.size < 3000 && rng() < 0.55) {
        const t = pickTime(rng, now), p = Math.floor(rng() * 3);
        // some events only take their place now, as a due timer no session covers, and are pushed later
        if (Number.isFinite(t) && t > now && rng() < 0.4) held.push({ t, p, seq, place: q.reserve(p) });
        else q.push(t, p, p, seq);
        ref.push({ t, p, seq: seq++ });
      } else {
        const want = ref.peek();
        // a held event goes in at some random moment, at the latest just before its time comes
        for (let i = held.length - 1; i >= 0; i--) if (want === undefined || held[i].t <= want.t || rng() < 0.05) pushHeld(i);
        ref.pop();
        expect(q.pop()).toBe(want !== undefined);
        if (want === undefined) continue;
        expect([q.lastTime, q.lastKind, q.lastArg]).toEqual([want.t, want.p, want.seq]);
        if (Number.isFinite(want.t)) now = want.t;
      }
    }
    expect(late).toBeGreaterThan(2000);
  });

  it('the clock refuses a place that has already passed at the current instant, or a time before now', () => {
    const clock = new VirtualClock();
    const early = clock.reserve(1);
    clock.at(10, 2, 0, 0);
    const seen: string[] = [];
    clock.runUntil(10, {
      handle: (_kind, arg) => {
        seen.push(`ran ${arg}`);
        if (arg !== 0) return;
        expect(() => clock.atReserved(10, early, 0, 1)).toThrow(/has passed/);
        expect(() => clock.atReserved(9, clock.reserve(3), 0, 1)).toThrow(/before now/);
        clock.atReserved(10, clock.reserve(3), 0, 2); // after the running event's place: still to come
        clock.atReserved(20, early, 0, 3); // a later instant: any place
      },
    });
    clock.runUntil(30, { handle: (_kind, arg) => void seen.push(`ran ${arg}`) });
    expect(seen).toEqual(['ran 0', 'ran 2', 'ran 3']);
  });
});

describe('EventQueue lookahead', () => {
  it('is told of each batch the calendar moves into the near heap, before any of it pops', () => {
    const q = new EventQueue();
    const announced = new Set<number>(); // args told and not yet popped
    let batches = 0;
    q.lookahead = (events, n) => {
      batches++;
      for (let i = 0; i < n; i++) {
        expect(events[2 * i]).toBe(7); // the kind given at push
        announced.add(events[2 * i + 1]);
      }
    };
    const rng = seedrandom('lookahead');
    const N = 20_000; // beyond the plain heap's 4,096: the calendar is in use
    for (let i = 0; i < N; i++) q.push(rng() * 86400, 1, 7, i);
    let popped = 0;
    while (q.pop()) {
      popped++;
      // every event popped after the calendar started was announced first
      if (batches > 0 && !announced.delete(q.lastArg)) expect.fail(`event ${q.lastArg} popped without being announced`);
    }
    expect(popped).toBe(N);
    expect(batches).toBeGreaterThan(100); // a day of 30 s buckets
  });

  it('is never called while every event fits in the plain heap', () => {
    const q = new EventQueue();
    let calls = 0;
    q.lookahead = () => void calls++;
    for (let i = 0; i < 100; i++) q.push(i * 1000, 0, 1, i);
    while (q.pop());
    expect(calls).toBe(0);
  });
});
