// The future-event set: a four-ary heap ordered by (time, priority, insertion sequence).
//
// Events are four numbers (time, priority, kind, arg) held in typed arrays, so scheduling and popping
// allocate nothing. The engine knows nothing of what a kind means: the caller dispatches.
// Ties: the lower priority number runs first; equal priorities run in the order they were scheduled.
//
// Layout: a model of a million sources keeps about a million timers pending (one due time per source),
// so the heap is deep and each level is a cache miss. Four children per node halve the depth, and each
// node's (time, order) pair sits side by side, so a node's four children are 64 contiguous bytes (one
// cache line) instead of four reads in each of two arrays. The order is total (the sequence number
// breaks every tie), so any correct heap pops the same sequence: this layout changes no result.

const SEQ_SPAN = 2 ** 44; // sequence numbers below this; priority * SEQ_SPAN + seq stays an exact double

export class EventQueue {
  #key: Float64Array; // [time, order] per slot; order = priority * SEQ_SPAN + seq
  #val: Int32Array; // [kind, arg] per slot
  #size = 0;
  #seq = 0;

  constructor(capacity = 1024) {
    this.#key = new Float64Array(2 * capacity);
    this.#val = new Int32Array(2 * capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Time of the next event, Infinity if none. */
  peekTime(): number {
    return this.#size > 0 ? this.#key[0] : Infinity;
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    if (!(priority >= 0 && priority < 256)) throw new RangeError(`priority must be 0..255, got ${priority}`);
    if (2 * this.#size === this.#key.length) this.#grow();
    const order = priority * SEQ_SPAN + this.#seq++;
    const key = this.#key, val = this.#val;
    // sift up: move parents down until the slot fits
    let i = this.#size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = key[2 * p];
      if (pt < time || (pt === time && key[2 * p + 1] < order)) break;
      key[2 * i] = pt; key[2 * i + 1] = key[2 * p + 1];
      val[2 * i] = val[2 * p]; val[2 * i + 1] = val[2 * p + 1];
      i = p;
    }
    key[2 * i] = time; key[2 * i + 1] = order;
    val[2 * i] = kind; val[2 * i + 1] = arg;
  }

  /** Removes the next event; its fields are then in `lastTime`, `lastKind`, `lastArg`. */
  lastTime = 0;
  lastKind = 0;
  lastArg = 0;

  pop(): boolean {
    if (this.#size === 0) return false;
    const key = this.#key, val = this.#val;
    this.lastTime = key[0]; this.lastKind = val[0]; this.lastArg = val[1];
    const n = --this.#size;
    if (n === 0) return true;
    const time = key[2 * n], order = key[2 * n + 1], kind = val[2 * n], arg = val[2 * n + 1];
    // sift down the last element from the root
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // the least of up to four children
      let c = first, ct = key[2 * first], co = key[2 * first + 1];
      const last = first + 4 < n ? first + 4 : n;
      for (let j = first + 1; j < last; j++) {
        const jt = key[2 * j];
        if (jt < ct || (jt === ct && key[2 * j + 1] < co)) {
          c = j; ct = jt; co = key[2 * j + 1];
        }
      }
      if (time < ct || (time === ct && order < co)) break;
      key[2 * i] = ct; key[2 * i + 1] = co;
      val[2 * i] = val[2 * c]; val[2 * i + 1] = val[2 * c + 1];
      i = c;
    }
    key[2 * i] = time; key[2 * i + 1] = order;
    val[2 * i] = kind; val[2 * i + 1] = arg;
    return true;
  }

  #grow(): void {
    const key = new Float64Array(this.#key.length * 2); key.set(this.#key); this.#key = key;
    const val = new Int32Array(this.#val.length * 2); val.set(this.#val); this.#val = val;
  }
}
