// Requests in flight: a pool of Float64Array records reused as requests end (see RefreshSystem's layout).
//
// Rule 7 allows one request per source, but only a few thousand are in flight at once however many
// sources there are: records reused from a free stack stay in cache, where a record per source would
// be a cache miss on every request at a million sources.

/** A request's record in the pool. */
export const Q = {
  trigger: 0,
  seq: 1, // enqueue order
  enqueueAt: 2,
  startAt: 3,
  queue: 4, // seconds in the queue so far
  deferred: 5, // seconds deferred so far
  deferrals: 6,
  deferKey: 7, // key of the last deferral, -1 if none
  latency: 8, // drawn at enqueue
  outcome: 9, // drawn at enqueue
  since: 10, // when it last entered the queue, or was deferred
  retry: 11, // 1 if enqueued after a failure
  size: 12,
} as const;

export class RequestPool {
  /** the records, Q.size numbers per slot (replaced when the pool grows: read it after alloc) */
  q = new Float64Array(256 * Q.size);
  #free = Int32Array.from({ length: 256 }, (_, i) => 255 - i); // free slots, a stack: lowest on top
  #top = 256;

  /** A free slot (the pool doubles when none is left). */
  alloc(): number {
    if (this.#top === 0) this.#grow();
    return this.#free[--this.#top];
  }

  release(slot: number): void {
    this.#free[this.#top++] = slot;
  }

  #grow(): void {
    const n = this.#free.length;
    const q = new Float64Array(2 * n * Q.size);
    q.set(this.q);
    this.q = q;
    const free = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) free[i] = 2 * n - 1 - i; // the new slots n .. 2n-1, lowest on top
    this.#free = free;
    this.#top = n;
  }
}
