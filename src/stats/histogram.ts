// A streaming log-linear histogram of non-negative seconds: bounded memory, relative error under 1%.
//
// Why not DDSketch directly: it costs ~32 ns per value here, and each finished refresh lands in 20
// distributions (5 parts x overall/trigger/connector/account). Bucketing a value once and counting it
// in several histograms is what keeps the event loop above a million refreshes per second. The
// conformance test checks these quantiles against @datadog/sketches-js.
//
// A bucket is the top 32 bits of the IEEE double shifted right by 14: the 11 exponent bits and the 6
// leading mantissa bits, i.e. 64 buckets per power of two. Reporting a bucket's midpoint is within
// 1/128 (0.78%) of any value in it. Integer bit operations only, so results are the same everywhere.

const SUB_BITS = 6;
const SHIFT = 20 - SUB_BITS;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word second

/** Values below this count as zero (one microsecond). */
const ZERO_BELOW = 1e-6;

/** The bucket of a value; -1 for values that count as zero. */
export function bucketOf(v: number): number {
  if (!(v >= ZERO_BELOW)) return -1;
  f64[0] = v;
  return u32[HI] >>> SHIFT;
}

/** The midpoint of a bucket. */
export function bucketValue(b: number): number {
  u32[1 - HI] = 0;
  u32[HI] = b << SHIFT;
  const lo = f64[0];
  u32[HI] = (b + 1) << SHIFT;
  return (lo + f64[0]) / 2;
}

const EMPTY = new Uint8Array(0);
/** buckets (bytes) in a histogram's first array */
export const FIRST = 512;
// quantile's arguments to quantiles, reused: no allocation per call
const ONE_Q = new Float64Array(1);
const ONE_OUT = new Float64Array(1);

/** Rank of quantile q among `count` values, nearest rank (see quantile). */
function rankOf(q: number, count: number): number {
  // the tiny tolerance keeps q * count from landing one rank high on a binary fraction (0.95 * 20 = 19.000000000000004)
  return Math.max(1, Math.ceil(q * count - 1e-9));
}

/**
 * Counts are kept in bytes, with a carry array (counts / 256) allocated only once a bucket passes 255:
 * a run keeps one histogram per part per account (5 x 40,000 at a million sources), most holding a few
 * hundred values over a thousand buckets, and eight-byte counts made them most of a run's memory.
 * Counts stay exact. The lowest and highest buckets used are not tracked per value (two compares per
 * add on the hot path): the queries scan the array, whose zeros cost nothing to count.
 */
export class LogHistogram {
  // count % 256 of bucket #lo + i is #low[#off + i], i < #len (#low is an arena's slab, or the histogram's own)
  #low: Uint8Array = EMPTY;
  #off = 0;
  #len = 0;
  #high: Float64Array | null = null; // floor(count / 256) per bucket (index i), once any bucket has needed it
  #lo = 0;
  readonly #arena: ByteArena | null;
  zeros = 0;
  count = 0;

  /** `arena`: where the byte counts come from (absent: their own arrays). */
  constructor(arena: ByteArena | null = null) {
    this.#arena = arena;
  }

  /** Adds a value given its bucket (from bucketOf): callers that count one value in several histograms bucket it once. */
  addBucket(b: number): void {
    this.count++;
    if (b < 0) {
      this.zeros++;
      return;
    }
    let i = b - this.#lo;
    if (i < 0 || i >= this.#len) {
      this.#grow(b);
      i = b - this.#lo;
    }
    const c = this.#low;
    const j = this.#off + i;
    const n = c[j] + 1;
    c[j] = n;
    if (n === 256) this.#carry(i, 1);
  }

  add(v: number): void {
    this.addBucket(bucketOf(v));
  }

  /** Adds n values that count as zero. */
  addZeros(n: number): void {
    this.count += n;
    this.zeros += n;
  }

  /** The count of a bucket (index into the arrays). */
  #at(i: number): number {
    const h = this.#high;
    return h === null ? this.#low[this.#off + i] : this.#low[this.#off + i] + 256 * h[i];
  }

  /**
   * The value at quantile q (0..1), nearest rank: the smallest value with at least q * count values at
   * or below it (rank ceil(q * count), counting from 1; Hyndman & Fan's type 1, the inverse of the
   * empirical distribution function). So "p95 = x" reads "95 % of the values were at most x" (within
   * the bucket error): of {600, 1200}, p50 is 600 and p95 is 1200. NaN when empty.
   */
  quantile(q: number): number {
    ONE_Q[0] = q;
    this.quantiles(ONE_Q, ONE_OUT);
    return ONE_OUT[0];
  }

  /** quantile(qs[k]) into out[k] for every k, in one pass over the buckets (qs ascending). */
  quantiles(qs: ArrayLike<number>, out: { [k: number]: number }): void {
    const n = qs.length, count = this.count;
    let k = 0;
    if (n === 0) return;
    if (count === 0) {
      for (; k < n; k++) out[k] = NaN;
      return;
    }
    // the arrays are read here, not through #at: a count or rank returned from a call is a boxed number
    const low = this.#low, off = this.#off, high = this.#high, len = this.#len;
    let cum = this.zeros;
    let rank = rankOf(qs[0], count);
    while (cum >= rank) {
      out[k++] = 0;
      if (k === n) return;
      rank = rankOf(qs[k], count);
    }
    for (let i = 0; i < len; i++) {
      cum += high === null ? low[off + i] : low[off + i] + 256 * high[i];
      while (cum >= rank) {
        out[k++] = bucketValue(i + this.#lo);
        if (k === n) return;
        rank = rankOf(qs[k], count);
      }
    }
    // only for q above 1: the highest bucket used
    let i = len - 1;
    while (i > 0 && this.#at(i) === 0) i--;
    for (; k < n; k++) out[k] = bucketValue(i + this.#lo);
  }

  clear(): void {
    this.#low.fill(0, this.#off, this.#off + this.#len);
    this.#high?.fill(0);
    this.zeros = 0;
    this.count = 0;
  }

  /** Adds every count of another histogram (for merging partial results). */
  merge(other: LogHistogram): void {
    this.count += other.count;
    this.zeros += other.zeros;
    const len = other.#len;
    for (let j = 0; j < len; j++) {
      const n = other.#at(j);
      if (n === 0) continue;
      const b = j + other.#lo;
      let i = b - this.#lo;
      if (i < 0 || i >= this.#len) {
        this.#grow(b);
        i = b - this.#lo;
      }
      const sum = this.#low[this.#off + i] + n;
      this.#low[this.#off + i] = sum % 256;
      if (sum >= 256) this.#carry(i, Math.floor(sum / 256));
    }
  }

  /** [bucket, count] of every bucket used, ascending (for tests and inspection; merge does not use it). */
  *buckets(): Generator<[number, number]> {
    for (let i = 0; i < this.#len; i++) {
      const n = this.#at(i);
      if (n > 0) yield [i + this.#lo, n];
    }
  }

  /** Bucket index i passed 255 (its byte already holds the remainder): carry `n` * 256 up. */
  #carry(i: number, n: number): void {
    (this.#high ??= new Float64Array(this.#len))[i] += n;
  }

  /** Points #low/#off at `size` zeroed bytes (#len is the caller's to set). */
  #take(size: number): void {
    const arena = this.#arena;
    if (arena === null) {
      this.#low = new Uint8Array(size);
      this.#off = 0;
    } else {
      arena.take(size);
      this.#low = arena.slab;
      this.#off = arena.off;
    }
  }

  /** Makes room for bucket b, keeping every count. */
  #grow(b: number): void {
    const oldLen = this.#len;
    if (oldLen === 0) {
      // eight octaves around the first value: at bench-week almost every histogram of a wait or a response
      // spans more than four (starting at one octave cost four growths each, two of them to reach this)
      this.#lo = b - FIRST / 2;
      this.#take(FIRST);
      this.#len = FIRST;
      return;
    }
    const lo = Math.min(this.#lo, b - 16);
    const hi = Math.max(this.#lo + oldLen, b + 17);
    let size = oldLen;
    while (size < hi - lo) size *= 2;
    // keep the old counts in place relative to the new low bucket; extend towards the side that grew
    const newLo = b < this.#lo ? hi - size : lo;
    const shift = this.#lo - newLo;
    const old = this.#low, oldOff = this.#off;
    this.#take(size);
    // a byte loop, not set(subarray): no view allocated per growth
    const next = this.#low, to = this.#off + shift;
    for (let j = 0; j < oldLen; j++) next[to + j] = old[oldOff + j];
    if (this.#high !== null) {
      const high = new Float64Array(size);
      high.set(this.#high, shift);
      this.#high = high;
    }
    this.#arena?.give(old, oldOff, oldLen);
    this.#lo = newLo;
    this.#len = size;
  }
}

/**
 * Hands out zeroed byte ranges of power-of-two sizes from large shared slabs, and takes back the ones a
 * histogram grew out of for reuse. At a million sources a run keeps 200,000 per-account histograms: an
 * ArrayBuffer each (and a new one, or a view, at every growth) was many small allocations the garbage
 * collector had to track; a few hundred slabs are not. A range is (slab, offset), returned in the
 * fields `slab` and `off` rather than as an object, so taking one allocates nothing.
 */
export class ByteArena {
  /** the last take()'s range: its slab and offset */
  slab: Uint8Array = EMPTY;
  off = 0;
  #cur: Uint8Array = EMPTY;
  #used = 0;
  // ranges given back, by log2 of their size: their slabs and offsets
  readonly #freeSlabs: Uint8Array[][] = [];
  readonly #freeOffs: number[][] = [];
  readonly #slabBytes: number;

  constructor(slabBytes = 1 << 18) {
    this.#slabBytes = slabBytes;
  }

  /**
   * Makes the next `bytes` of ranges come from one slab allocated now. V8 runs a full collection for
   * every 64 MB of ArrayBuffers allocated since the last one, and at a million sources each marks about
   * 400 MB of heap: a run that takes its slabs one by one as accounts fill pays several of them, one
   * slab allocated at set-up at most one. Pages never written cost no memory (the allocation is lazily
   * zeroed by the system).
   */
  reserve(bytes: number): void {
    if (bytes <= this.#slabBytes) return;
    this.#cur = new Uint8Array(bytes);
    this.#used = 0;
  }

  /** Sets slab and off to `size` zeroed bytes (size a power of two). */
  take(size: number): void {
    const k = 31 - Math.clz32(size);
    const offs = this.#freeOffs[k];
    if (offs !== undefined && offs.length > 0) {
      this.off = offs.pop()!;
      this.slab = this.#freeSlabs[k].pop()!;
      return;
    }
    if (size > this.#slabBytes) {
      this.slab = new Uint8Array(size);
      this.off = 0;
      return;
    }
    if (this.#used + size > this.#cur.length) {
      this.#cur = new Uint8Array(this.#slabBytes);
      this.#used = 0;
    }
    this.slab = this.#cur;
    this.off = this.#used;
    this.#used += size;
  }

  /** Takes back a range from take() (size a power of two), for reuse: it is zeroed here. */
  give(slab: Uint8Array, off: number, size: number): void {
    slab.fill(0, off, off + size);
    const k = 31 - Math.clz32(size);
    (this.#freeSlabs[k] ??= []).push(slab);
    (this.#freeOffs[k] ??= []).push(off);
  }
}
