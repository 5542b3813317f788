// `priority`: non-preemptive classes by trigger, FIFO within a class (Tableau-style refresh priorities).
import { IntDeque } from '../deque.js';
import type { RequestQueue, RequestView } from './queue.js';

export class PriorityQueue implements RequestQueue {
  readonly #classes: IntDeque[];
  readonly #classOf: Int32Array;
  readonly #view: RequestView;
  length = 0;

  /** classOfTrigger[trigger code] = class; class 0 is served first */
  constructor(classOfTrigger: readonly number[], view: RequestView) {
    this.#classOf = Int32Array.from(classOfTrigger);
    const n = Math.max(...classOfTrigger) + 1;
    this.#classes = Array.from({ length: n }, () => new IntDeque());
    this.#view = view;
  }

  pushBack(s: number): void {
    this.#classes[this.#classOf[this.#view.trigger(s)]].pushBack(s);
    this.length++;
  }

  /** a release goes to the front of its own class, never ahead of a higher class */
  pushFront(s: number): void {
    this.#classes[this.#classOf[this.#view.trigger(s)]].pushFront(s);
    this.length++;
  }

  popFront(): number {
    const q = this.#first();
    this.length--;
    return q.popFront();
  }

  peek(): number {
    return this.#first().peekFront();
  }

  #first(): IntDeque {
    for (const q of this.#classes) if (q.length > 0) return q;
    throw new RangeError('the queue is empty');
  }
}
