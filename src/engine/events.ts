// The future-event set: a binary heap ordered by (time, priority, insertion sequence).
//
// Events are four numbers (time, priority, kind, arg) held in parallel typed arrays, so scheduling and
// popping allocate nothing. The engine knows nothing of what a kind means: the caller dispatches.
// Ties: the lower priority number runs first; equal priorities run in the order they were scheduled.

const SEQ_SPAN = 2 ** 44; // sequence numbers below this; priority * SEQ_SPAN + seq stays an exact double

export class EventQueue {
  #time: Float64Array;
  #order: Float64Array; // priority * SEQ_SPAN + seq
  #kind: Int32Array;
  #arg: Int32Array;
  #size = 0;
  #seq = 0;

  constructor(capacity = 1024) {
    this.#time = new Float64Array(capacity);
    this.#order = new Float64Array(capacity);
    this.#kind = new Int32Array(capacity);
    this.#arg = new Int32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Time of the next event, Infinity if none. */
  peekTime(): number {
    return this.#size > 0 ? this.#time[0] : Infinity;
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    if (!(priority >= 0 && priority < 256)) throw new RangeError(`priority must be 0..255, got ${priority}`);
    if (this.#size === this.#time.length) this.#grow();
    const order = priority * SEQ_SPAN + this.#seq++;
    const t = this.#time, o = this.#order, k = this.#kind, a = this.#arg;
    // sift up: move parents down until the slot fits
    let i = this.#size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (t[p] < time || (t[p] === time && o[p] < order)) break;
      t[i] = t[p]; o[i] = o[p]; k[i] = k[p]; a[i] = a[p];
      i = p;
    }
    t[i] = time; o[i] = order; k[i] = kind; a[i] = arg;
  }

  /** Removes the next event; its fields are then in `lastTime`, `lastKind`, `lastArg`. */
  lastTime = 0;
  lastKind = 0;
  lastArg = 0;

  pop(): boolean {
    if (this.#size === 0) return false;
    const t = this.#time, o = this.#order, k = this.#kind, a = this.#arg;
    this.lastTime = t[0]; this.lastKind = k[0]; this.lastArg = a[0];
    const n = --this.#size;
    if (n === 0) return true;
    const time = t[n], order = o[n], kind = k[n], arg = a[n];
    // sift down the last element from the root
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (t[r] < t[c] || (t[r] === t[c] && o[r] < o[c]))) c = r;
      if (time < t[c] || (time === t[c] && order < o[c])) break;
      t[i] = t[c]; o[i] = o[c]; k[i] = k[c]; a[i] = a[c];
      i = c;
    }
    t[i] = time; o[i] = order; k[i] = kind; a[i] = arg;
    return true;
  }

  #grow(): void {
    const cap = this.#time.length * 2;
    const t = new Float64Array(cap); t.set(this.#time); this.#time = t;
    const o = new Float64Array(cap); o.set(this.#order); this.#order = o;
    const k = new Int32Array(cap); k.set(this.#kind); this.#kind = k;
    const a = new Int32Array(cap); a.set(this.#arg); this.#arg = a;
  }
}
