// The sliding windows of every limit key: each key's admitted calls (time, cost), oldest first, as a
// ring in one shared array instead of an object and two typed arrays per key.
//
// A million-source model has tens of thousands of window keys (one per account for a per-account
// hourly quota): a ring object per key made every admission a chain of cache misses (key -> object ->
// array -> data), and each ring that grew left its old arrays behind for the garbage collector. Here a
// key's ring is a power-of-two run of (time, cost) pairs in one Float64Array; a ring that fills moves to
// a run twice its size and its old run is reused by the next ring of that size.

const FIRST = 16; // pairs in a key's first run

export class WindowRings {
  // per key, four numbers: base (in pairs), capacity (a power of two; 0: no run yet), head, size. They
  // live in the caller's record of the key (`stride` numbers per key, from `at`), so an admission reads
  // the key's counts and its ring's place from one cache line.
  readonly #meta: Float64Array;
  readonly #stride: number;
  readonly #at: number;
  #pairs = new Float64Array(2 * 1024); // (time, cost) per pair
  #top = 0; // pairs handed out
  readonly #free: number[][] = []; // per log2(capacity), bases of runs given back

  constructor(meta: Float64Array, stride: number, at: number) {
    this.#meta = meta;
    this.#stride = stride;
    this.#at = at;
  }

  size(k: number): number {
    return this.#meta[k * this.#stride + this.#at + 3];
  }

  /** The time of the i-th oldest call (0 = oldest). */
  time(k: number, i: number): number {
    const m = this.#meta, b = k * this.#stride + this.#at;
    return this.#pairs[2 * (m[b] + ((m[b + 2] + i) & (m[b + 1] - 1)))];
  }

  cost(k: number, i: number): number {
    const m = this.#meta, b = k * this.#stride + this.#at;
    return this.#pairs[2 * (m[b] + ((m[b + 2] + i) & (m[b + 1] - 1))) + 1];
  }

  dropOldest(k: number): void {
    const m = this.#meta, b = k * this.#stride + this.#at;
    m[b + 2] = (m[b + 2] + 1) & (m[b + 1] - 1);
    m[b + 3]--;
  }

  push(k: number, time: number, cost: number): void {
    const m = this.#meta, b = k * this.#stride + this.#at;
    if (m[b + 3] === m[b + 1]) this.#move(k);
    const j = 2 * (m[b] + ((m[b + 2] + m[b + 3]) & (m[b + 1] - 1)));
    this.#pairs[j] = time;
    this.#pairs[j + 1] = cost;
    m[b + 3]++;
  }

  /** The key's ring is full (or has no run yet): it moves to a run twice the size, oldest first. */
  #move(k: number): void {
    const m = this.#meta, b = k * this.#stride + this.#at;
    const cap = m[b + 1], next = cap === 0 ? FIRST : 2 * cap;
    const base = this.#take(next);
    const pairs = this.#pairs; // #take may have replaced it
    for (let i = 0; i < m[b + 3]; i++) {
      const from = 2 * (m[b] + ((m[b + 2] + i) & (cap - 1))), to = 2 * (base + i);
      pairs[to] = pairs[from];
      pairs[to + 1] = pairs[from + 1];
    }
    if (cap > 0) (this.#free[Math.log2(cap)] ??= []).push(m[b]);
    m[b] = base; m[b + 1] = next; m[b + 2] = 0;
  }

  #take(capacity: number): number {
    const free = this.#free[Math.log2(capacity)];
    if (free !== undefined && free.length > 0) return free.pop()!;
    if (2 * (this.#top + capacity) > this.#pairs.length) {
      let n = this.#pairs.length;
      while (2 * (this.#top + capacity) > n) n *= 2;
      const pairs = new Float64Array(n);
      pairs.set(this.#pairs);
      this.#pairs = pairs;
    }
    const base = this.#top;
    this.#top += capacity;
    return base;
  }
}
