// Peak windows: whole-run averages hide a 90-minute storm, so the busiest hour (and any named local-time
// windows a scenario declares) get their own figures, from the time series and the wait histogram of
// each bucket (merged, so a window's p95 is its own, not the worst bucket's).
import { LogHistogram } from './histogram.js';
import { round, type PeakFigures, type TimeseriesRow } from '../vocabulary/index.js';

function arrivalsOf(r: TimeseriesRow): number {
  let n = 0;
  for (const v of Object.values(r.arrivals)) n += v;
  return n;
}

/** The length of one bucket, seconds (the last bucket may be shorter: the second row tells). */
function bucketOf(rows: readonly TimeseriesRow[], fallback: number): number {
  return rows.length > 1 ? rows[1].t - rows[0].t : fallback;
}

/**
 * The figures of a set of buckets (given by index, ascending): arrivals, waits of the refreshes started
 * in them, utilisation, queue and deferrals. `start`/`end` are the first bucket's start and the last's end.
 */
function figuresOf(rows: readonly TimeseriesRow[], waits: readonly LogHistogram[], picked: readonly number[], bucket: number): PeakFigures {
  const h = new LogHistogram();
  let arrivals = 0, busy = 0, workers = 0, queue = 0, queueMax = 0, deferrals = 0, sum = 0;
  for (const i of picked) {
    const r = rows[i];
    arrivals += arrivalsOf(r);
    busy += r.busyMean;
    workers += r.workers;
    queue += r.queueMean;
    if (r.queueMax > queueMax) queueMax = r.queueMax;
    deferrals += r.deferrals;
    if (r.waitMean !== null) sum += r.waitMean * r.started;
    if (waits[i]) h.merge(waits[i]);
  }
  const q = (p: number) => (h.count > 0 ? round(h.quantile(p)) : null);
  const last = rows[picked[picked.length - 1]];
  return {
    start: rows[picked[0]].t,
    end: last.t + bucket,
    buckets: picked.length,
    arrivals,
    wait: { count: h.count, mean: h.count > 0 ? round(sum / h.count) : null, p50: q(0.5), p95: q(0.95), p99: q(0.99) },
    utilisation: workers > 0 ? round(busy / workers) : null,
    queueMean: round(queue / picked.length),
    queueMax,
    deferrals,
  };
}

/**
 * The hour (whole buckets, sliding by one bucket) after the warm-up with the most arrivals; ties go to
 * the earliest. Null when no bucket after the warm-up saw an arrival.
 */
export function busiestHour(rows: readonly TimeseriesRow[], waits: readonly LogHistogram[], warmup: number, length = 3600): PeakFigures | null {
  if (rows.length === 0) return null;
  const bucket = bucketOf(rows, length);
  const k = Math.max(1, Math.round(length / bucket));
  const first = rows.findIndex((r) => r.t >= warmup);
  if (first < 0) return null;
  const n = rows.length - first;
  let best = -1, bestAt = -1, sum = 0;
  // a running sum over the sliding window
  for (let j = 0; j < Math.min(k, n); j++) sum += arrivalsOf(rows[first + j]);
  for (let i = 0; i + k <= Math.max(k, n); i++) {
    if (i > 0) sum += arrivalsOf(rows[first + i + k - 1]) - arrivalsOf(rows[first + i - 1]);
    if (sum > best) {
      best = sum;
      bestAt = i;
    }
  }
  if (!(best > 0)) return null;
  const picked: number[] = [];
  for (let j = bestAt; j < Math.min(bestAt + k, n); j++) picked.push(first + j);
  return figuresOf(rows, waits, picked, bucket);
}

/** A named window as the run's intervals, seconds since the start, [from, to). */
export interface WindowIntervals {
  name: string;
  intervals: readonly (readonly [number, number])[];
}

/**
 * A named window's figures over every occurrence in the run after the warm-up: the buckets that start
 * inside one of its intervals (windows are declared on bucket boundaries). Null when none does.
 */
export function namedWindow(rows: readonly TimeseriesRow[], waits: readonly LogHistogram[], warmup: number, w: WindowIntervals): PeakFigures | null {
  const picked: number[] = [];
  let k = 0;
  rows.forEach((r, i) => {
    if (r.t < warmup) return;
    while (k < w.intervals.length && w.intervals[k][1] <= r.t) k++;
    if (k < w.intervals.length && w.intervals[k][0] <= r.t) picked.push(i);
  });
  if (picked.length === 0) return null;
  const occurrences = w.intervals.filter(([from, to]) => picked.some((i) => rows[i].t >= from && rows[i].t < to)).length;
  return { ...figuresOf(rows, waits, picked, bucketOf(rows, 0)), occurrences };
}
