// The engine: future-event ordering, the virtual clock, named random streams, the refresh queue's deque.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/engine/clock.js';
import { EventQueue } from '../../src/engine/events.js';
import { exponential, stream } from '../../src/engine/random.js';
import { ksCritical, ksOneSample } from '../../src/calibrate/fit.js';
import { IntDeque } from '../../src/refresh/deque.js';
import { simulate } from '../../src/run/simulation.js';
import { mmcModel } from '../helpers/model.js';

describe('future-event set', () => {
  it('pops events by time, then priority, then insertion order', () => {
    const rng = seedrandom.alea('events');
    const q = new EventQueue(4); // small, so it grows
    const pushed: { t: number; p: number; seq: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng() * 50); // many equal times
      const p = Math.floor(rng() * 4);
      q.push(t, p, 7, i);
      pushed.push({ t, p, seq: i });
    }
    pushed.sort((a, b) => a.t - b.t || a.p - b.p || a.seq - b.seq);
    const popped: number[] = [];
    while (q.pop()) popped.push(q.lastArg);
    expect(popped).toEqual(pushed.map((e) => e.seq));
  });

  it('keeps that order when pushes and pops interleave (a heap deep enough to have full and partial nodes)', () => {
    const rng = seedrandom.alea('interleaved');
    const q = new EventQueue(2);
    const pending: { t: number; p: number; seq: number }[] = [];
    const byOrder = (a: { t: number; p: number; seq: number }, b: { t: number; p: number; seq: number }) => a.t - b.t || a.p - b.p || a.seq - b.seq;
    let seq = 0, now = 0;
    for (let round = 0; round < 20_000; round++) {
      if (pending.length === 0 || rng() < 0.55) {
        const t = now + Math.floor(rng() * 20), p = Math.floor(rng() * 3);
        q.push(t, p, 1, seq);
        pending.push({ t, p, seq: seq++ });
      } else {
        pending.sort(byOrder);
        const next = pending.shift()!;
        expect(q.pop()).toBe(true);
        expect([q.lastTime, q.lastArg]).toEqual([next.t, next.seq]);
        now = next.t;
      }
    }
    expect(q.size).toBe(pending.length);
  });

  it('refuses a priority outside 0..255', () => {
    expect(() => new EventQueue().push(0, 256, 0, 0)).toThrow(RangeError);
  });
});

describe('virtual clock', () => {
  it('runs events up to a time, in order, and never schedules into the past', () => {
    const clock = new VirtualClock();
    const seen: [number, number][] = [];
    clock.at(5, 1, 1, 1);
    clock.at(5, 0, 1, 2); // same time, lower priority number: first
    clock.at(2, 9, 1, 3);
    clock.runUntil(4, { handle: (_k, arg) => void seen.push([clock.now(), arg]) });
    expect(seen).toEqual([[2, 3]]);
    expect(clock.now()).toBe(4);
    expect(() => clock.at(3, 0, 1, 0)).toThrow(RangeError);
    clock.runUntil(10, { handle: (_k, arg) => void seen.push([clock.now(), arg]) });
    expect(seen).toEqual([[2, 3], [5, 2], [5, 1]]);
  });
});

describe('virtual clock: long runs', () => {
  it('calls endOfInstant once after the last event of each instant, over runs far longer than one slice of the loop', () => {
    // 25,000 events, two or three to an instant, some scheduled by their own instant's events
    const clock = new VirtualClock();
    const rng = seedrandom.alea('instants');
    let t = 0;
    for (let i = 0; i < 10_000; i++) {
      t += 1 + Math.floor(rng() * 3);
      clock.at(t, 1, 1, i);
      clock.at(t, 0, 2, i);
    }
    const log: (number | 'end')[] = []; // each event's time, and 'end' where endOfInstant ran
    clock.runUntil(Infinity, {
      handle: (kind, arg) => {
        log.push(clock.now());
        if (kind === 2 && arg % 2 === 0) clock.at(clock.now(), 3, 3, arg); // same instant, after the others
      },
      endOfInstant: () => void log.push('end'),
    });
    expect(clock.processed).toBe(25_000);
    // between two ends, the events of exactly one instant; every instant ends once, in order
    const instants: number[][] = [[]];
    for (const x of log) {
      if (x === 'end') instants.push([]);
      else instants[instants.length - 1].push(x);
    }
    expect(instants.pop()).toEqual([]); // the log closes with an end
    expect(instants.length).toBe(10_000);
    expect(instants.every((ts) => ts.length >= 2 && ts.every((x) => x === ts[0]))).toBe(true);
    expect(instants.every((ts, i) => i === 0 || ts[0] > instants[i - 1][0])).toBe(true);
  });

  it('stops at `until` in the middle of a long run and goes on from there', () => {
    const run = (steps: number[]) => {
      const clock = new VirtualClock();
      for (let i = 1; i <= 20_000; i++) clock.at(i / 4, 0, 0, i);
      const seen: number[] = [];
      for (const until of steps) clock.runUntil(until, { handle: (_k, arg) => void seen.push(arg) });
      return { seen, now: clock.now(), processed: clock.processed };
    };
    const whole = run([5000]);
    const parts = run([0.5, 1234.25, 1234.25, 2500.1, 5000]);
    expect(parts).toEqual(whole);
    expect(whole.seen.length).toBe(20_000);
    expect(run([1234.25]).seen.length).toBe(4937);
  });
});

describe('future-event set: the next time', () => {
  it('is Infinity when empty: new, drained, and drained after the calendar ran', () => {
    for (const capacity of [0, 1, 1024]) {
      const q = new EventQueue(capacity);
      expect(q.peekTime()).toBe(Infinity);
      q.push(3, 0, 0, 0);
      expect(q.peekTime()).toBe(3);
      q.pop();
      expect(q.peekTime()).toBe(Infinity);
      // enough pending to start the calendar, days apart
      for (let i = 0; i < 10_000; i++) q.push(10 + i * 97.5, 0, 0, i);
      for (let i = 0; i < 10_000; i++) {
        expect(q.peekTime()).toBe(10 + i * 97.5);
        q.pop();
      }
      expect(q.peekTime()).toBe(Infinity);
      expect(q.pop()).toBe(false);
      q.push(1e9, 0, 0, 0);
      expect(q.peekTime()).toBe(1e9);
    }
  });
});

describe('named random streams', () => {
  it('a stream depends only on the seed and its name', () => {
    const a1 = stream(7, 'latency/ga'), a2 = stream(7, 'latency/ga'), other = stream(7, 'arrivals/0');
    const xs = Array.from({ length: 5 }, () => (other.next(), a1.next())); // drawing from another stream changes nothing
    expect(Array.from({ length: 5 }, () => a2.next())).toEqual(xs);
    expect(stream(8, 'latency/ga').next()).not.toBe(stream(7, 'latency/ga').next());
    expect(stream(7, 'latency/rest').next()).not.toBe(stream(7, 'latency/ga').next());
  });

  it("draws seedrandom's Alea numbers, bit for bit, for any seed and name", () => {
    for (const [seed, name] of [[1, 'latency/api'], [7, 'refreshes/0'], [-3, 'sessions/acme.io'], [2 ** 40, '']] as const) {
      const ours = stream(seed, name), theirs = seedrandom.alea(`${seed}/${name}`);
      const a = Array.from({ length: 100_000 }, () => ours.next()), b = Array.from({ length: 100_000 }, () => theirs());
      expect(a).toEqual(b);
    }
  });

  describe('exponential draws (ziggurat)', () => {
    const n = 400_000;
    const draws = (seed: number, name: string, mean: number) => {
      const rng = stream(seed, name);
      return Array.from({ length: n }, () => exponential(rng, mean));
    };

    it.each([[1, 'latency/api', 1], [7, 'refreshes/0', 250], [-3, 'logins/acme.io', 1e-3]] as const)(
      'are exponential: seed %i, stream %s, mean %d (Kolmogorov-Smirnov, mean and the tail past the ziggurat\'s base)',
      (seed, name, mean) => {
        const xs = draws(seed, name, mean).sort((a, b) => a - b);
        expect(xs[0]).toBeGreaterThanOrEqual(0);
        // KS at the 0.1% level: a wrong layer table or a missing wedge shows as D far above it
        expect(ksOneSample(xs, (x) => 1 - Math.exp(-x / mean))).toBeLessThan(ksCritical(0.001, n));
        // the sample mean within 4 standard errors (the standard deviation is the mean)
        const m = xs.reduce((a, b) => a + b, 0) / n;
        expect(Math.abs(m - mean)).toBeLessThan((4 * mean) / Math.sqrt(n));
        // the tail (past 7.697 means: the base layer's own way out) as often as e^-7.697 says, within 4 sd
        const tail = xs.filter((x) => x > 7.69711747013105 * mean).length, p = Math.exp(-7.69711747013105);
        expect(Math.abs(tail - n * p)).toBeLessThan(4 * Math.sqrt(n * p));
        // and further out: past 12 means (the tail is exponential itself)
        const far = xs.filter((x) => x > 12 * mean).length, pf = Math.exp(-12);
        expect(Math.abs(far - n * pf)).toBeLessThan(4 * Math.sqrt(n * pf) + 1);
      },
    );

    it('depend only on their stream: the same seed and name, the same draws', () => {
      expect(draws(3, 'latency/ga', 2).slice(0, 1000)).toEqual(draws(3, 'latency/ga', 2).slice(0, 1000));
    });
  });

  it('common random numbers: changing the workers does not change the work (arrivals and response times)', () => {
    const run = (c: number) => {
      const recs: [string, number, number][] = [];
      simulate(mmcModel({ lambda: 2, mu: 1, c, duration: 2000, warmup: 0, sources: 5000 }), {
        onRequest: (r) => recs.push([r.source, r.enqueueAt, r.response]),
      });
      return recs.sort((a, b) => a[1] - b[1]);
    };
    const three = run(3), six = run(6);
    expect(six.map((r) => [r[0], r[1]])).toEqual(three.map((r) => [r[0], r[1]]));
    expect(six.map((r) => r[2])).toEqual(three.map((r) => r[2]));
  });
});

describe('refresh queue deque', () => {
  it('keeps order through growth with pushes at both ends', () => {
    const d = new IntDeque(2);
    const model: number[] = [];
    const rng = seedrandom.alea('deque');
    for (let i = 0; i < 2000; i++) {
      const r = rng();
      if (r < 0.45) (d.pushBack(i), model.push(i));
      else if (r < 0.7) (d.pushFront(i), model.unshift(i));
      else if (model.length > 0) expect(d.popFront()).toBe(model.shift());
    }
    expect(d.length).toBe(model.length);
    while (model.length) expect(d.popFront()).toBe(model.shift());
    expect(() => d.popFront()).toThrow(RangeError);
    expect(() => new IntDeque(3)).toThrow(RangeError);
  });
});
