// A group's distributions (wait, queue, deferred, response, total), streamed into log histograms with an
// exact count, sum and max: what the collector keeps per (trigger, connector) cell and per account.
import { ByteArena, LogHistogram, bucketOf } from './histogram.js';
import { round, type Dist, type TimeParts } from '../vocabulary/index.js';

// toDist's percentiles, found in one pass over the buckets
const QS = [0.5, 0.9, 0.95, 0.99];
const QS_OUT = new Float64Array(4);

/**
 * Count (the histogram's), exact sum and max, and the histogram for percentiles. It is the histogram,
 * not a holder of one: at 40,000 accounts every pointer between an account and its counts is a cache
 * miss per refresh.
 */
export class DistCollector extends LogHistogram {
  sum = 0;
  max = -Infinity;

  override add(v: number): void {
    this.sum += v;
    if (v > this.max) this.max = v;
    this.addBucket(bucketOf(v));
  }

  /**
   * Adds vs[i], given its bucket. The value is read here, not passed: a double passed to (or returned
   * from) a call V8 does not inline is boxed, one allocation per value on the hot path.
   */
  addAt(vs: Float64Array, i: number, b: number): void {
    const v = vs[i];
    this.sum += v;
    if (v > this.max) this.max = v;
    this.addBucket(b);
  }

  /** Adds another collector's values (for groups assembled after the run). */
  override merge(o: DistCollector): void {
    this.sum += o.sum;
    if (o.max > this.max) this.max = o.max;
    super.merge(o);
  }

  /** Adds a histogram's counts, whose values' sum and maximum this collector already has. */
  mergeCounts(h: LogHistogram): void {
    super.merge(h);
  }

  toDist(): Dist {
    if (this.count === 0) return { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
    const q = QS_OUT, max = this.max;
    this.quantiles(QS, q);
    return {
      count: this.count,
      mean: round(this.sum / this.count),
      p50: round(Math.min(q[0], max)),
      p90: round(Math.min(q[1], max)),
      p95: round(Math.min(q[2], max)),
      p99: round(Math.min(q[3], max)),
      max: round(max),
    };
  }
}

/**
 * The five distributions of a group, as fields (not an array: one pointer less per value).
 *
 * Most requests are never held by a limit: their deferred time is 0 and their queue time is their wait.
 * Such a request's wait is counted once, in `plain`, and its queue time and deferred time only in the
 * sums and maxima: two histogram adds a start instead of six (the cell's and the account's; the
 * per-account batches still count every start in all three, see addStartEach). A request that was held
 * (anything else) is counted in `wait`, `queue` and `deferred` as before. The full distributions are
 * assembled when read (`full`): `plain` added to the held waits and queue times, as many zeros to the
 * deferred times. Sums and maxima are kept for every value in the order they came, and
 * histogram counts add exactly, so what is read is what counting each value in all three gave.
 */
export class Parts {
  /** every wait's sum and maximum; histogram: the held requests' waits */
  readonly wait: DistCollector;
  /** every queue time's sum and maximum; histogram: the held requests' */
  readonly queue: DistCollector;
  /** every deferred time's sum and maximum (the plain requests' zeros: at reading); histogram: the held requests' */
  readonly deferred: DistCollector;
  /** the wait of each request never held (its queue time, deferred 0) */
  readonly plain: LogHistogram;
  readonly response: DistCollector;
  readonly total: DistCollector;
  /** `arena`: where the histograms' counts come from (absent: their own arrays) */
  constructor(arena: ByteArena | null = null) {
    this.wait = new DistCollector(arena);
    this.queue = new DistCollector(arena);
    this.deferred = new DistCollector(arena);
    this.plain = new LogHistogram(arena);
    this.response = new DistCollector(arena);
    this.total = new DistCollector(arena);
  }
  merge(o: Parts): void {
    this.wait.merge(o.wait);
    this.queue.merge(o.queue);
    this.deferred.merge(o.deferred);
    this.plain.merge(o.plain);
    this.response.merge(o.response);
    this.total.merge(o.total);
  }
  /** The wait, queue and deferred distributions of every request, plain ones included. */
  full(): { wait: DistCollector; queue: DistCollector; deferred: DistCollector } {
    const n = this.plain.count;
    if (n === 0) return { wait: this.wait, queue: this.queue, deferred: this.deferred };
    const withPlain = (d: DistCollector): DistCollector => {
      const out = new DistCollector();
      out.merge(d);
      out.mergeCounts(this.plain);
      return out;
    };
    const deferred = new DistCollector();
    deferred.merge(this.deferred);
    deferred.addZeros(n);
    deferred.max = Math.max(deferred.max, 0);
    return { wait: withPlain(this.wait), queue: withPlain(this.queue), deferred };
  }
  toParts(): TimeParts & { count: number } {
    const { wait, queue, deferred } = this.full();
    return {
      count: wait.count,
      wait: wait.toDist(),
      queue: queue.toDist(),
      deferred: deferred.toDist(),
      response: this.response.toDist(),
      total: this.total.toDist(),
    };
  }
}

/**
 * Adds a started request's [wait, queue, deferred] (vs[o..o + 2]), given its wait's bucket: a plain
 * request (deferred 0, queue time equal to the wait) in one histogram, a held one in three.
 */
export function addStart(g: Parts, vs: Float64Array, wb: number, o = 0): void {
  const w = vs[o];
  if (vs[o + 2] === 0 && vs[o + 1] === w) {
    const wait = g.wait, queue = g.queue;
    wait.sum += w;
    if (w > wait.max) wait.max = w;
    queue.sum += w;
    if (w > queue.max) queue.max = w;
    g.plain.addBucket(wb);
  } else addStartEach(g, vs, wb, o); // a held request: off the hot path
}

/**
 * Adds a started request's three values each to its own histogram, plain or not, as before Parts.plain:
 * for held requests, and for the per-account batches (account-batch.ts). There an account's histograms
 * are cold, and most accounts of a large model have both plain and held requests: counting the plain ones
 * apart touched one more cold histogram per account and kept one more (a million-source day: run CPU
 * x1.09, 40 MB more).
 */
export function addStartEach(g: Parts, vs: Float64Array, wb: number, o = 0): void {
  g.wait.addAt(vs, o, wb);
  g.queue.addAt(vs, o + 1, bucketOf(vs[o + 1]));
  g.deferred.addAt(vs, o + 2, bucketOf(vs[o + 2]));
}

/** Adds an ended request's [response, total] (vs[o..o + 1]), given their buckets. */
export function addEnd(g: Parts, vs: Float64Array, rb: number, tb: number, o = 0): void {
  g.response.addAt(vs, o, rb);
  g.total.addAt(vs, o + 1, tb);
}
