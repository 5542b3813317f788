// `fair-share`: one queue per account, served in turn by deficit round robin (Shreedhar and Varghese,
// 1995), so one account's backlog cannot hold the queue (BullMQ group round-robin, Kubernetes API
// Priority and Fairness). A request costs its response time (drawn at enqueue, so known): each turn
// an account earns `quantum * weight` seconds of service and starts requests while its deficit
// covers the next one's cost, so backlogged accounts share the workers' time in proportion to weight.
import { IntDeque } from '../deque.js';
import type { RequestQueue, RequestView } from './queue.js';

export class FairShareQueue implements RequestQueue {
  readonly #view: RequestView;
  readonly #quantum: Float64Array;
  readonly #deficit: Float64Array;
  /** 1 while the account at the front of the round has had this turn's quantum */
  readonly #inTurn: Uint8Array;
  readonly #queues: (IntDeque | undefined)[];
  /** accounts with a non-empty queue, in round order */
  readonly #active = new IntDeque();
  length = 0;

  constructor(weights: readonly number[], quantum: number, view: RequestView) {
    if (!(quantum > 0)) throw new RangeError(`fair-share quantum must be positive, got ${quantum}`);
    this.#view = view;
    this.#quantum = Float64Array.from(weights, (w) => w * quantum);
    this.#deficit = new Float64Array(weights.length);
    this.#inTurn = new Uint8Array(weights.length);
    this.#queues = new Array<IntDeque | undefined>(weights.length);
  }

  pushBack(s: number): void {
    this.#queueOf(s).pushBack(s);
    this.length++;
  }

  /** a release goes to the front of its own account's queue */
  pushFront(s: number): void {
    this.#queueOf(s).pushFront(s);
    this.length++;
  }

  popFront(): number {
    const a = this.#serving();
    const q = this.#queues[a]!;
    const s = q.popFront();
    this.length--;
    this.#deficit[a] -= this.#view.latency(s);
    if (q.length === 0) {
      // an account that empties leaves the round and keeps no credit (DRR)
      this.#active.popFront();
      this.#deficit[a] = 0;
      this.#inTurn[a] = 0;
    }
    return s;
  }

  peek(): number {
    return this.#queues[this.#serving()]!.peekFront();
  }

  /**
   * Turns the round until the account at its front may start its next request (its deficit covers the
   * cost) and returns that account. Terminates: every visit without a start adds a positive quantum.
   * Idempotent: a peek followed by a pop serves the same request.
   */
  #serving(): number {
    if (this.length === 0) throw new RangeError('the queue is empty');
    for (;;) {
      const a = this.#active.peekFront();
      if (this.#inTurn[a] === 0) {
        this.#deficit[a] += this.#quantum[a];
        this.#inTurn[a] = 1;
      }
      if (this.#view.latency(this.#queues[a]!.peekFront()) <= this.#deficit[a]) return a;
      this.#inTurn[a] = 0;
      this.#active.pushBack(this.#active.popFront());
    }
  }

  #queueOf(s: number): IntDeque {
    const a = this.#view.account(s);
    let q = this.#queues[a];
    if (q === undefined) q = this.#queues[a] = new IntDeque(16);
    if (q.length === 0) this.#active.pushBack(a);
    return q;
  }
}
