// The future-event set: events ordered by (time, priority, insertion sequence), a heap in front of a calendar.
//
// Events are four numbers (time, priority, kind, arg) held in typed arrays, so scheduling and popping
// allocate nothing. The engine knows nothing of what a kind means: the caller dispatches.
// Ties: the lower priority number runs first; equal priorities run in the order they were scheduled.
// The order is total (the sequence number breaks every tie), so any correct arrangement of the tiers
// below pops the same sequence: the layout changes no result.
//
// Layout: a model of a million sources keeps about a million timers pending (one due time per source,
// minutes to a day ahead). In one heap every pop walks ten levels of a 24 MB array, a cache miss each.
// So there are three tiers, split by the bucket number b(time) = floor(time * (1 / W)):
// - near: a four-ary heap of the events with b < cur. Four children per node halve the depth, and each
//   node's (time, order) pair sits side by side, so a node's four children are one cache line. It holds
//   only a bucket or so of events (a few hundred in the week bench), so it stays in cache.
// - ring: K buckets of W seconds for cur <= b < cur + K, each an unsorted list of chunks of CHUNK events
//   in one typed-array pool. Scheduling appends to the bucket's front chunk; moving a bucket reads its
//   chunks front to back, which the hardware prefetcher streams (a list of single nodes was a cache miss
//   per event: 200 ns per hold at a million pending in bench/queue.ts, 120 with chunks, 340 one heap).
//   Freed chunks are reused last-in first-out, so the next pushes write memory still in cache.
// - overflow: a second four-ary heap for b >= cur + K (e-mails scheduled days ahead, huge times).
// b never decreases as time grows (a rounded product and floor are monotone in floating point too), so every
// near event is strictly earlier than every ring event, which is earlier than every overflow event's
// bucket: the heap's top is the next event. When the near heap is empty, the next non-empty bucket is
// moved into it (cur then passes it), and overflow events whose bucket the ring now reaches move into
// the ring; with the ring empty, cur jumps to the overflow's first bucket, skipping empty time.
// Small models (a few events, seconds ahead) never leave the heap: the calendar starts only once more
// than SPILL events are pending (cur is HEAP_ONLY until then), and its arrays start small and double.

const SEQ_SPAN = 2 ** 44; // sequence numbers below this; priority * SEQ_SPAN + seq stays an exact double
export const BUCKET_WIDTH = 30; // seconds: the near heap holds about one bucket (bench/queue.ts: 30 beat 60 and 120 by 7-15%)
const W = BUCKET_WIDTH;
const K = 4096; // buckets in the ring (a power of two): 34 hours of 30 s, more than the day ahead due timers reach
const MASK = K - 1;
const PER_W = 1 / W; // a product rounds monotonically too, and is cheaper than a division
const CHUNK = 32; // events per chunk of a bucket: read back in order, so the prefetcher streams them
const SPILL = 4096; // pending events the near heap holds alone before the calendar starts
const MAX_BUCKET = 2 ** 50; // later times (up to Infinity) share the last bucket, keeping b exact (earlier: the first)
const HEAP_ONLY = 2 ** 52; // cur while every event is in the near heap: above every bucket number

/** The bucket of a time: monotone (a later time never gets an earlier bucket), which is all the order needs. */
const bucketOf = (time: number): number => {
  const b = Math.floor(time * PER_W);
  return b > MAX_BUCKET ? MAX_BUCKET : b < -MAX_BUCKET ? -MAX_BUCKET : b; // NaN stays NaN: see push
};

/**
 * The (time, order) of the event being placed. Times and orders go between the functions below through
 * this array, not as arguments: a double passed to a call V8 does not inline is a new heap number, and
 * which calls V8 inlines into the clock's loop varies from one process to the next (its compiler runs
 * concurrently). With the sift-down taking two doubles, a process that kept it a call allocated two heap
 * numbers an event: 64 MB a million refreshes (README, Speed: "No number boxed per refresh").
 */
const IN = new Float64Array(2);
/** IN, for the clock, which hands on the times it is given the same way (Timers.atTimeIn) */
export const EVENT_IN = IN;

/** A four-ary min-heap of (time, order) keys with (kind, arg) values: the near tier and the overflow. */
class Heap {
  key: Float64Array; // [time, order] per slot; order = priority * SEQ_SPAN + seq
  val: Int32Array; // [kind, arg] per slot
  n = 0;

  constructor(capacity: number) {
    this.key = new Float64Array(2 * capacity);
    this.val = new Int32Array(2 * capacity);
  }

  /** Inserts the event (IN[0], IN[1], kind, arg). */
  insert(kind: number, arg: number): void {
    if (2 * this.n === this.key.length) this.#grow();
    const key = this.key, val = this.val;
    const time = IN[0], order = IN[1];
    // sift up: move parents down until the slot fits
    let i = this.n++;
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

  /** Adds event j of a pool's arrays (f64: [time, order], i32: [kind, arg]) at the end, out of order: heapify() before the next read. */
  append(f64: Float64Array, i32: Int32Array, j: number): void {
    if (2 * this.n === this.key.length) this.#grow();
    const i = this.n++;
    this.key[2 * i] = f64[2 * j]; this.key[2 * i + 1] = f64[2 * j + 1];
    this.val[2 * i] = i32[2 * j]; this.val[2 * i + 1] = i32[2 * j + 1];
  }

  /** Drops the top (read it first). */
  removeTop(): void {
    const n = --this.n;
    if (n > 0) this.#siftDown(0, n);
  }

  /** Restores the heap order after the slots were written in any order (Floyd: linear time). */
  heapify(): void {
    for (let i = (this.n - 2) >> 2; i >= 0; i--) this.#siftDown(i, i);
  }

  /** Places the event of slot `from` (i itself, or one past the end) at slot i or below, moving lesser children up. */
  #siftDown(i: number, from: number): void {
    const key = this.key, val = this.val, n = this.n;
    const time = key[2 * from], order = key[2 * from + 1], kind = val[2 * from], arg = val[2 * from + 1];
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
  }

  #grow(): void {
    const key = new Float64Array(Math.max(2, this.key.length * 2)); key.set(this.key); this.key = key;
    const val = new Int32Array(Math.max(2, this.val.length * 2)); val.set(this.val); this.val = val;
  }
}

export class EventQueue {
  #near: Heap;
  #over = new Heap(0);
  #cur = HEAP_ONLY; // first bucket not yet moved into the near heap
  #seq = 0;
  // the ring: K list heads (-1: empty), allocated when the calendar first starts
  #head = new Int32Array(0);
  #ringCount = 0;
  // the chunk pool: slot j (of chunk j / CHUNK) is f64 [2j] time, [2j+1] order; i32 [2j] kind, [2j+1] arg
  #f64 = new Float64Array(0);
  #i32 = new Int32Array(0);
  #link = new Int32Array(0); // per chunk: [next chunk of its bucket (or of the free list), slots filled]
  #used = 0; // chunks ever handed out (the rest of the pool is fresh)
  #free = -1; // freed chunks, a list through `next`

  /**
   * Told of each batch of events the calendar moves into the near heap (about one bucket, just before
   * they run): `events[2i]` is event i's kind and `events[2i + 1]` its arg, for i < n. A model can read
   * what they will touch in one loop, so the cache misses of a million-source model overlap instead of
   * stalling one event each. It must not schedule or pop.
   */
  lookahead: ((events: Int32Array, n: number) => void) | null = null;

  constructor(capacity = 1024) {
    this.#near = new Heap(Math.max(1, capacity)); // peekTime reads slot 0 even when empty
  }

  get size(): number {
    return this.#near.n + this.#ringCount + this.#over.n;
  }

  /**
   * Time of the next event, Infinity if none. One return of a typed-array element: `cond ? key[0] :
   * Infinity` made V8 box the time (a heap number per call, two per event), as the constant is one.
   */
  peekTime(): number {
    const near = this.#near;
    if (near.n === 0) this.#refill(); // with nothing left, it sets key[0] to Infinity
    return near.key[0];
  }

  push(time: number, priority: number, kind: number, arg: number): void {
    IN[0] = time;
    this.pushIn(priority, kind, arg);
  }

  /** push, the time in EVENT_IN[0]. */
  pushIn(priority: number, kind: number, arg: number): void {
    this.#reserveIn(priority);
    this.#place(kind, arg);
  }

  /**
   * Takes the next place in the order of events of this priority, for an event that may be scheduled
   * later (pushReserved) or never. An event pushed later in its place pops exactly where it would have,
   * had it been pushed now: the places are what orders ties.
   */
  reserve(priority: number): number {
    this.#reserveIn(priority);
    return IN[1];
  }

  /** reserve's place, into IN[1]. */
  #reserveIn(priority: number): void {
    if (!(priority >= 0 && priority < 256)) throw new RangeError(`priority must be 0..255, got ${priority}`);
    IN[1] = priority * SEQ_SPAN + this.#seq++;
  }

  /** Schedules an event in a place taken with reserve (used once). */
  pushReserved(time: number, order: number, kind: number, arg: number): void {
    IN[0] = time;
    IN[1] = order;
    this.#place(kind, arg);
  }

  /** pushReserved, the time and the place in EVENT_IN[0] and [1]. */
  pushReservedIn(kind: number, arg: number): void {
    this.#place(kind, arg);
  }

  /** Schedules the event (IN[0], IN[1], kind, arg). */
  #place(kind: number, arg: number): void {
    const near = this.#near, cur = this.#cur;
    if (cur === HEAP_ONLY) {
      near.insert(kind, arg);
      if (near.n > SPILL) this.#spill();
      return;
    }
    // `!(b >= cur)`, not `b < cur`: a NaN time stays in the heap, as it did before the calendar
    if (!(bucketOf(IN[0]) >= cur)) near.insert(kind, arg);
    else this.#far(kind, arg);
  }

  /** Removes the next event; its fields are then in `lastTime`, `lastKind`, `lastArg`. */
  lastTime = 0;
  lastKind = 0;
  lastArg = 0;
  /** the popped event's place among ties (see reserve) */
  lastOrder = 0;

  pop(): boolean {
    const near = this.#near;
    if (near.n === 0 && !this.#refill()) return false;
    this.lastTime = near.key[0]; this.lastOrder = near.key[1]; this.lastKind = near.val[0]; this.lastArg = near.val[1];
    near.removeTop();
    return true;
  }

  /** Array sizes, in events, of each tier (for tests: a tier costs nothing until used). */
  get capacities(): { near: number; ring: number; pool: number; overflow: number } {
    return { near: this.#near.key.length / 2, ring: this.#head.length, pool: this.#f64.length / 2, overflow: this.#over.key.length / 2 };
  }

  /** Schedules the event (IN[0], IN[1], kind, arg), whose bucket is cur or later, into the ring or, beyond it, the overflow. */
  #far(kind: number, arg: number): void {
    const time = IN[0], b = bucketOf(time);
    if (b >= this.#cur + K) {
      this.#over.insert(kind, arg);
      return;
    }
    const s = b & MASK; // b < 2^53: `&` takes it modulo 2^32 exactly
    let c = this.#head[s];
    if (c === -1 || this.#link[2 * c + 1] === CHUNK) c = this.#newChunk(s);
    const j = c * CHUNK + this.#link[2 * c + 1]++;
    this.#f64[2 * j] = time; this.#f64[2 * j + 1] = IN[1];
    this.#i32[2 * j] = kind; this.#i32[2 * j + 1] = arg;
    this.#ringCount++;
  }

  /** Puts a fresh chunk in front of bucket slot s's list. */
  #newChunk(s: number): number {
    let c = this.#free;
    if (c !== -1) this.#free = this.#link[2 * c];
    else {
      if (this.#used === this.#link.length / 2) this.#growPool();
      c = this.#used++;
    }
    this.#link[2 * c] = this.#head[s]; this.#link[2 * c + 1] = 0;
    this.#head[s] = c;
    return c;
  }

  /** With the near heap empty: moves the next events into it. False if there are none. */
  #refill(): boolean {
    if (this.#ringCount === 0) {
      const over = this.#over;
      if (over.n === 0) {
        this.#cur = HEAP_ONLY; // nothing far: back to the plain heap until it grows again
        this.#near.key[0] = Infinity; // what peekTime reads of an empty set
        return false;
      }
      this.#cur = bucketOf(over.key[0]); // skip the empty time up to the overflow's first bucket
      this.#pullOverflow();
    }
    // the ring holds only buckets cur .. cur + K - 1, so a non-empty one is found within K steps
    const head = this.#head, f64 = this.#f64, i32 = this.#i32, link = this.#link, near = this.#near;
    let b = this.#cur;
    while (head[b & MASK] === -1) b++;
    let c = head[b & MASK];
    head[b & MASK] = -1;
    let free = this.#free, moved = 0;
    // the bucket is unsorted: write it into the (empty) heap's slots, then order them in linear time
    while (c !== -1) {
      const from = c * CHUNK, to = from + link[2 * c + 1];
      for (let j = from; j < to; j++) near.append(f64, i32, j);
      moved += to - from;
      const next = link[2 * c];
      link[2 * c] = free;
      free = c;
      c = next;
    }
    near.heapify();
    if (this.lookahead !== null) this.lookahead(near.val, near.n);
    this.#free = free;
    this.#ringCount -= moved;
    this.#cur = b + 1;
    this.#pullOverflow();
    return true;
  }

  /** Moves overflow events whose bucket the ring now covers into it (the overflow pops them by time). */
  #pullOverflow(): void {
    const over = this.#over, end = this.#cur + K;
    while (over.n > 0) {
      const time = over.key[0];
      if (bucketOf(time) >= end) break;
      IN[0] = time;
      IN[1] = over.key[1];
      const kind = over.val[0], arg = over.val[1];
      over.removeTop();
      this.#far(kind, arg);
    }
  }

  /** More than SPILL events in the plain heap: keep its first bucket there, the rest go to the calendar. */
  #spill(): void {
    if (this.#head.length === 0) this.#head = new Int32Array(K).fill(-1);
    const near = this.#near, key = near.key, val = near.val, n = near.n;
    const first = bucketOf(key[0]);
    if (first !== first) return; // a NaN time on top: no bucket to start from, stay a plain heap
    const cur = (this.#cur = first + 1);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const time = key[2 * i], b = bucketOf(time);
      if (!(b >= cur)) {
        key[2 * kept] = time; key[2 * kept + 1] = key[2 * i + 1];
        val[2 * kept] = val[2 * i]; val[2 * kept + 1] = val[2 * i + 1];
        kept++;
      } else {
        IN[0] = time;
        IN[1] = key[2 * i + 1];
        this.#far(val[2 * i], val[2 * i + 1]);
      }
    }
    near.n = kept;
    near.heapify();
  }

  #growPool(): void {
    const chunks = Math.max(4, 2 * this.#used);
    const f64 = new Float64Array(2 * CHUNK * chunks); f64.set(this.#f64); this.#f64 = f64;
    const i32 = new Int32Array(2 * CHUNK * chunks); i32.set(this.#i32); this.#i32 = i32;
    const link = new Int32Array(2 * chunks); link.set(this.#link); this.#link = link;
  }
}
