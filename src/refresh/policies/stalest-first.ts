// `stalest-first`: the request whose data is furthest past its due time, relative to its interval,
// goes first: overdue = (now - nextDueAt) / interval, ties by enqueue order.
//
// The ratio's order between two sources of different intervals changes with `now`, so no single heap
// key holds it. Within one interval it is the order of nextDueAt, which does not change while the
// request waits. So there is one min-heap per distinct interval (a scenario has a handful), and a pop
// compares only the heads: exact, O(intervals + log n). A manual-only source (no interval) counts from
// its request's enqueue time over the shortest interval, 60 s.
// Releases from deferral go to the front, ahead of every heap, in the order they arrive there.
import { IntDeque } from '../deque.js';
import type { RequestQueue, RequestView } from './queue.js';

const NO_INTERVAL = 60;

export class StalestFirstQueue implements RequestQueue {
  readonly #view: RequestView;
  readonly #released = new IntDeque(16);
  readonly #heaps: DueHeap[] = [];
  readonly #heapOf = new Map<number, DueHeap>();
  length = 0;

  constructor(view: RequestView) {
    this.#view = view;
  }

  pushBack(s: number): void {
    const v = this.#view;
    const interval = v.interval(s);
    const finite = interval !== Infinity;
    const key = finite ? interval : NO_INTERVAL;
    let h = this.#heapOf.get(key);
    if (h === undefined) {
      h = new DueHeap(key);
      this.#heapOf.set(key, h);
      this.#heaps.push(h);
    }
    h.push(s, finite ? v.nextDueAt(s) : v.enqueueAt(s), v.seq(s));
    this.length++;
  }

  pushFront(s: number): void {
    this.#released.pushFront(s);
    this.length++;
  }

  popFront(now: number): number {
    if (this.length === 0) throw new RangeError('popFront on an empty queue');
    this.length--;
    if (this.#released.length > 0) return this.#released.popFront();
    return this.#stalest(now).pop();
  }

  peek(now: number): number {
    if (this.length === 0) throw new RangeError('peek on an empty queue');
    return this.#released.length > 0 ? this.#released.peekFront() : this.#stalest(now).top();
  }

  /** the heap whose head is furthest past due relative to its interval (ties: enqueued first) */
  #stalest(now: number): DueHeap {
    let best: DueHeap | null = null, bestOver = -Infinity, bestSeq = Infinity;
    for (const h of this.#heaps) {
      if (h.size === 0) continue;
      const over = (now - h.topDue()) / h.interval;
      if (over > bestOver || (over === bestOver && h.topSeq() < bestSeq)) {
        best = h;
        bestOver = over;
        bestSeq = h.topSeq();
      }
    }
    return best!;
  }
}

/** A binary min-heap of sources keyed by (due, seq). */
class DueHeap {
  readonly interval: number;
  size = 0;
  #id = new Int32Array(64);
  #due = new Float64Array(64);
  #seq = new Float64Array(64);

  constructor(interval: number) {
    this.interval = interval;
  }

  top(): number { return this.#id[0]; }
  topDue(): number { return this.#due[0]; }
  topSeq(): number { return this.#seq[0]; }

  push(s: number, due: number, seq: number): void {
    if (this.size === this.#id.length) this.#grow();
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(due, seq, this.#due[p], this.#seq[p])) break;
      this.#move(p, i);
      i = p;
    }
    this.#set(i, s, due, seq);
  }

  pop(): number {
    const top = this.#id[0];
    const n = --this.size;
    if (n === 0) return top;
    // the last entry sifts down from the root
    const s = this.#id[n], due = this.#due[n], seq = this.#seq[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(this.#due[c + 1], this.#seq[c + 1], this.#due[c], this.#seq[c])) c++;
      if (!before(this.#due[c], this.#seq[c], due, seq)) break;
      this.#move(c, i);
      i = c;
    }
    this.#set(i, s, due, seq);
    return top;
  }

  #move(from: number, to: number): void {
    this.#id[to] = this.#id[from];
    this.#due[to] = this.#due[from];
    this.#seq[to] = this.#seq[from];
  }

  #set(i: number, s: number, due: number, seq: number): void {
    this.#id[i] = s;
    this.#due[i] = due;
    this.#seq[i] = seq;
  }

  #grow(): void {
    const n = this.#id.length * 2;
    const id = new Int32Array(n), due = new Float64Array(n), seq = new Float64Array(n);
    id.set(this.#id);
    due.set(this.#due);
    seq.set(this.#seq);
    this.#id = id;
    this.#due = due;
    this.#seq = seq;
  }
}

/** (due, seq) orders before (d2, q2) */
function before(due: number, seq: number, d2: number, q2: number): boolean {
  return due < d2 || (due === d2 && seq < q2);
}
