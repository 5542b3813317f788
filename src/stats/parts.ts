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

/** The five distributions of a group, as fields (not an array: one pointer less per value). */
export class Parts {
  readonly wait: DistCollector;
  readonly queue: DistCollector;
  readonly deferred: DistCollector;
  readonly response: DistCollector;
  readonly total: DistCollector;
  /** `arena`: where the histograms' counts come from (absent: their own arrays) */
  constructor(arena: ByteArena | null = null) {
    this.wait = new DistCollector(arena);
    this.queue = new DistCollector(arena);
    this.deferred = new DistCollector(arena);
    this.response = new DistCollector(arena);
    this.total = new DistCollector(arena);
  }
  merge(o: Parts): void {
    this.wait.merge(o.wait);
    this.queue.merge(o.queue);
    this.deferred.merge(o.deferred);
    this.response.merge(o.response);
    this.total.merge(o.total);
  }
  toParts(): TimeParts & { count: number } {
    return {
      count: this.wait.count,
      wait: this.wait.toDist(),
      queue: this.queue.toDist(),
      deferred: this.deferred.toDist(),
      response: this.response.toDist(),
      total: this.total.toDist(),
    };
  }
}

/** Adds a started request's [wait, queue, deferred] (vs[o..o + 2]), given their buckets. */
export function addStart(g: Parts, vs: Float64Array, wb: number, qb: number, db: number, o = 0): void {
  g.wait.addAt(vs, o, wb);
  g.queue.addAt(vs, o + 1, qb);
  g.deferred.addAt(vs, o + 2, db);
}

/** Adds an ended request's [response, total] (vs[o..o + 1]), given their buckets. */
export function addEnd(g: Parts, vs: Float64Array, rb: number, tb: number, o = 0): void {
  g.response.addAt(vs, o, rb);
  g.total.addAt(vs, o + 1, tb);
}
