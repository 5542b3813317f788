// The engine: future-event ordering, the virtual clock, named random streams, the refresh queue's deque.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/engine/clock.js';
import { EventQueue } from '../../src/engine/events.js';
import { stream } from '../../src/engine/random.js';
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
    clock.runUntil(4, (_k, arg) => seen.push([clock.now(), arg]));
    expect(seen).toEqual([[2, 3]]);
    expect(clock.now()).toBe(4);
    expect(() => clock.at(3, 0, 1, 0)).toThrow(RangeError);
    clock.runUntil(10, (_k, arg) => seen.push([clock.now(), arg]));
    expect(seen).toEqual([[2, 3], [5, 2], [5, 1]]);
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
