// Is the warm-up long enough? A verdict computed from the time series, right for runs that follow a
// daily cycle: two days or more are judged by comparing the first day with the second at the same
// hours (the cycle cancels out); shorter runs by MSER-5 truncation (White, 1997), which says where the
// mean wait stops drifting.
import type { TimeseriesRow } from '../vocabulary/index.js';
import { formatDuration } from '../vocabulary/index.js';

const DAY = 86_400;
/** MSER-5 batches: five buckets each. */
export const MSER_BATCH = 5;
/** Fewer batches than this and MSER cannot tell a drift from noise. */
const MSER_MIN_BATCHES = 10;
/** The first day agrees with the second when their means differ by at most this share... */
const SAME_HOUR_TOLERANCE = 0.1;
/** ...or by at most this many seconds (waits of a second or two are noise, whatever the share). */
const SAME_HOUR_FLOOR_S = 1;

export interface WarmupVerdict {
  status: 'ok' | 'lengthen' | 'undecided';
  method: 'same-hour' | 'mser-5';
  /** MSER-5: where the kept series starts, seconds since the start (null for same-hour or undecided) */
  truncateAt: number | null;
  /** MSER-5: the batch means it judged, for the chart (x = batch start, seconds since the start) */
  batches: { t: number; mean: number }[];
  /** a few words for a chart's subtitle */
  headline: string;
  /** one or two plain sentences */
  text: string;
}

/** Mean wait over a run of buckets, weighted by the requests started in each. */
function meanOf(rows: readonly TimeseriesRow[]): { mean: number; n: number } {
  let sum = 0, n = 0;
  for (const r of rows) {
    if (r.waitMean === null || r.started === 0) continue;
    sum += r.waitMean * r.started;
    n += r.started;
  }
  return { mean: n > 0 ? sum / n : NaN, n };
}

/** The batch means MSER-5 works on: five buckets each, batches with no started request left out. */
export function mserBatches(rows: readonly TimeseriesRow[]): { t: number; mean: number }[] {
  const out: { t: number; mean: number }[] = [];
  for (let i = 0; i + MSER_BATCH <= rows.length; i += MSER_BATCH) {
    const { mean, n } = meanOf(rows.slice(i, i + MSER_BATCH));
    if (n > 0) out.push({ t: rows[i].t, mean });
  }
  return out;
}

/**
 * MSER truncation point: the number of leading batches d (0 <= d <= m/2) minimising
 * sum_{j>d} (Y_j - mean_d)^2 / (m - d)^2, the squared standard error of the mean of what is kept.
 */
export function mserTruncation(ys: readonly number[]): number {
  const m = ys.length;
  let best = 0, bestValue = Infinity;
  // suffix sums make every d O(1)
  let sum = 0, sumSq = 0;
  const suffix: { sum: number; sumSq: number }[] = new Array(m + 1);
  suffix[m] = { sum: 0, sumSq: 0 };
  for (let j = m - 1; j >= 0; j--) {
    sum += ys[j];
    sumSq += ys[j] * ys[j];
    suffix[j] = { sum, sumSq };
  }
  for (let d = 0; d <= Math.floor(m / 2); d++) {
    const k = m - d;
    const { sum: s, sumSq: q } = suffix[d];
    const value = Math.max(0, q - (s * s) / k) / (k * k);
    // ties (within rounding) keep the smaller cut
    if (d === 0 || value < bestValue - 1e-12 * Math.max(1, bestValue)) {
      bestValue = value;
      best = d;
    }
  }
  return best;
}

function sameHour(rows: readonly TimeseriesRow[], warmup: number): WarmupVerdict {
  const first = rows.filter((r) => r.t >= warmup && r.t < DAY);
  const offsets = new Set(first.map((r) => r.t));
  const second = rows.filter((r) => r.t >= DAY && r.t < 2 * DAY && offsets.has(r.t - DAY));
  const a = meanOf(first), b = meanOf(second);
  const base = { method: 'same-hour' as const, truncateAt: null, batches: [] };
  if (a.n === 0 || b.n === 0) {
    return { ...base, status: 'undecided', headline: 'Warm-up not judged (same-hour comparison: no data)', text: 'Not judged: no refresh started in the hours the first two days share after the warm-up.' };
  }
  const diff = a.mean - b.mean;
  const share = b.mean > 0 ? diff / b.mean : 0;
  const shareText = b.mean > 0 ? ` (${share >= 0 ? '+' : '−'}${Math.abs(100 * share).toFixed(1)} %)` : '';
  const numbers = `the first day after the warm-up waited ${formatDuration(a.mean)} on average, the same hours of the second day ${formatDuration(b.mean)}${shareText}`;
  if (Math.abs(diff) <= SAME_HOUR_FLOOR_S || Math.abs(share) <= SAME_HOUR_TOLERANCE) {
    return { ...base, status: 'ok', headline: 'Warm-up long enough (first day vs second, same hours)', text: `Warm-up long enough: ${numbers}, within ${100 * SAME_HOUR_TOLERANCE} % (a daily cycle cancels out in this comparison).` };
  }
  return {
    ...base,
    status: 'lengthen',
    headline: `Lengthen the warm-up: the first day differs from the second by ${Math.abs(100 * share).toFixed(0)} %`,
    text: `Lengthen the warm-up: ${numbers}, more than ${100 * SAME_HOUR_TOLERANCE} % apart, so the start of the run still shows. (If the two days differ on purpose, e.g. a Monday storm, judge by eye.)`,
  };
}

function mser(rows: readonly TimeseriesRow[], warmup: number): WarmupVerdict {
  const batches = mserBatches(rows);
  const base = { method: 'mser-5' as const, batches };
  if (batches.length < MSER_MIN_BATCHES) {
    return { ...base, status: 'undecided', truncateAt: null, headline: 'Warm-up not judged (too few batches for MSER-5)', text: `Not judged: ${batches.length} batches of ${MSER_BATCH} buckets with refreshes, and MSER-5 needs at least ${MSER_MIN_BATCHES}.` };
  }
  const d = mserTruncation(batches.map((b) => b.mean));
  const at = batches[d].t;
  if (d >= Math.floor(batches.length / 2) - 1 && d > 0) {
    return { ...base, status: 'undecided', truncateAt: at, headline: 'Warm-up not judged: the mean wait never settles (MSER-5)', text: `Not judged: MSER-5 would cut half the run (${formatDuration(at)}), so the mean wait never settles in it. Run longer; for a daily cycle, run two days or more.` };
  }
  if (at <= warmup) {
    const text =
      d === 0
        ? 'Warm-up long enough: MSER-5 finds no start-up drift to cut (it would keep the whole run).'
        : `Warm-up long enough: MSER-5 finds the mean wait settled ${formatDuration(at)} after the start, within the warm-up (${formatDuration(warmup)}).`;
    return { ...base, status: 'ok', truncateAt: at, headline: 'Warm-up long enough (MSER-5)', text };
  }
  return {
    ...base,
    status: 'lengthen',
    truncateAt: at,
    headline: `Lengthen the warm-up to at least ${formatDuration(at)} (MSER-5)`,
    text: `Lengthen the warm-up to at least ${formatDuration(at)}: MSER-5 finds the mean wait drifting until then (the warm-up is ${formatDuration(warmup)}). In a run shorter than two days it cannot tell start-up from a daily cycle.`,
  };
}

/** The warm-up verdict for a run's time series (`span` = the run's length, `warmup` its warm-up, seconds). */
export function warmupVerdict(rows: readonly TimeseriesRow[], warmup: number, span: number): WarmupVerdict {
  return span >= 2 * DAY && warmup < DAY ? sameHour(rows, warmup) : mser(rows, warmup);
}
