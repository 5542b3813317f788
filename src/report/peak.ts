// The busiest hour of a run, found in its time series (pure): whole-run averages hide a 90-minute storm.
import type { TimeseriesRow } from '../vocabulary/index.js';
import { wallDateTime, wallTime, type WallClock } from './time-axis.js';

interface PeakWindow {
  /** window start and end, seconds since the start of the run */
  start: number;
  end: number;
  /** requests enqueued in the window (every trigger) */
  arrivals: number;
  /** the highest p95 wait of a bucket in the window (bucket p95s cannot be merged into the window's), null if none started */
  worstBucketP95: number | null;
  /** busy worker-seconds over available worker-seconds */
  utilisation: number | null;
  queueMean: number;
  queueMax: number;
  deferrals: number;
  /** the length of one bucket, seconds */
  bucket: number;
}

function arrivalsOf(r: TimeseriesRow): number {
  let n = 0;
  for (const v of Object.values(r.arrivals)) n += v;
  return n;
}

/**
 * The window of `length` seconds (whole buckets, sliding by one bucket) after the warm-up with the most
 * arrivals; ties go to the earliest. Null when no bucket after the warm-up saw an arrival.
 */
export function busiestWindow(rows: readonly TimeseriesRow[], warmup: number, length = 3600): PeakWindow | null {
  if (rows.length === 0) return null;
  const bucket = rows.length > 1 ? rows[1]!.t - rows[0]!.t : length;
  const k = Math.max(1, Math.round(length / bucket));
  const after = rows.filter((r) => r.t >= warmup);
  let best = -1;
  let bestAt = -1;
  for (let i = 0; i + k <= Math.max(k, after.length); i++) {
    let n = 0;
    for (let j = i; j < Math.min(i + k, after.length); j++) n += arrivalsOf(after[j]!);
    if (n > best) {
      best = n;
      bestAt = i;
    }
  }
  if (!(best > 0)) return null;
  const w = after.slice(bestAt, bestAt + k);
  let busy = 0;
  let workers = 0;
  let queue = 0;
  let queueMax = 0;
  let deferrals = 0;
  let worst: number | null = null;
  for (const r of w) {
    busy += r.busyMean;
    workers += r.workers;
    queue += r.queueMean;
    queueMax = Math.max(queueMax, r.queueMax);
    deferrals += r.deferrals;
    if (r.waitP95 !== null && (worst === null || r.waitP95 > worst)) worst = r.waitP95;
  }
  return {
    start: w[0]!.t,
    end: w[w.length - 1]!.t + bucket,
    arrivals: best,
    worstBucketP95: worst,
    utilisation: workers > 0 ? busy / workers : null,
    queueMean: queue / w.length,
    queueMax,
    deferrals,
    bucket,
  };
}

/** "Mon 5 Jan 2026, 08:00–09:00 (America/New_York)"; seconds since the start without a clock. */
export function peakWhen(p: PeakWindow, clock: WallClock | undefined, seconds: (s: number) => string): string {
  return clock
    ? `${wallDateTime(p.start / clock.unitSeconds, clock)}–${wallTime(p.end / clock.unitSeconds, clock)} (${clock.timeZone})`
    : `${seconds(p.start)}–${seconds(p.end)} after the start`;
}
