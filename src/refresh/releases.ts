// Requests released from deferral wait here until the next dispatch, then enter the front of the queue
// (MODEL.md "Deferral": a released request goes back to the front), in their original enqueue order.
import { IntDeque } from './deque.js';
import type { RequestQueue } from './policies/index.js';
import { KeyedBatch } from './sort.js';

export class Releases {
  readonly #batch = new KeyedBatch(); // keyed by enqueue order
  readonly #queue: RequestQueue;
  /** fifo keeps its exact release order across dispatches at one instant (see flush) */
  readonly #fifo: boolean;
  /** where a queued request's enqueue order is read (the refresh system: one class, not a closure per run) */
  readonly #requests: { seq(s: number): number };
  #nowAt = -Infinity;
  #now = 0; // how many at the head of the queue were released at #nowAt

  constructor(queue: RequestQueue, requests: { seq(s: number): number }) {
    this.#queue = queue;
    this.#fifo = queue instanceof IntDeque;
    this.#requests = requests;
  }

  /** releases waiting for the next flush */
  get length(): number {
    return this.#batch.length;
  }

  /** Source s's request is released; `seq` is its enqueue order. */
  push(s: number, seq: number): void {
    this.#batch.push(s, seq);
  }

  /** A worker took the head of the queue (fifo: one release of this instant fewer stands there). */
  taken(): void {
    if (this.#now > 0) this.#now--;
  }

  /**
   * Releases enter the front of the queue, so a later release stands ahead of an earlier one still
   * waiting; releases at the same instant keep their original enqueue order among themselves (fifo:
   * also with those of an earlier flush at this instant still at the head). Other policies: each goes
   * to the front of the queue it belongs to (its class, its account's queue...), in enqueue order.
   */
  flush(now: number): void {
    const batch = this.#batch, queue = this.#queue;
    if (this.#fifo) {
      if (this.#nowAt !== now) {
        this.#nowAt = now;
        this.#now = 0;
      }
      for (let i = 0; i < this.#now; i++) {
        const s = queue.popFront(now);
        batch.push(s, this.#requests.seq(s));
      }
    }
    batch.sort();
    for (let i = batch.length - 1; i >= 0; i--) queue.pushFront(batch.ids[i]);
    if (this.#fifo) this.#now = batch.length;
    batch.clear();
  }
}
