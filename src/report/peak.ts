// How a peak window (summary.peaks, computed in src/stats/peaks.ts) is named and summed up for people.
import type { PeakFigures, Summary } from '../vocabulary/index.js';
import { isTimeZone, wallDateTime, wallTime, zoneOffsetSeconds, type WallClock } from './time-axis.js';

/** "Mon 5 Jan 2026, 08:00–09:00 (America/New_York)"; seconds since the start without a clock. */
export function peakWhen(p: { start: number; end: number }, clock: WallClock | undefined, seconds: (s: number) => string): string {
  return clock
    ? `${wallDateTime(p.start / clock.unitSeconds, clock)}–${wallTime(p.end / clock.unitSeconds, clock)} (${clock.timeZone})`
    : `${seconds(p.start)}–${seconds(p.end)} after the start`;
}

/**
 * When a named window fell: as `peakWhen` for one occurrence; for several, how many and the span from
 * the first's start to the last's end ("5× from Mon 5 Jan 2026, 08:00 to Fri 9 Jan 2026, 10:00 (zone)").
 */
export function windowWhen(p: PeakFigures, clock: WallClock | undefined, seconds: (s: number) => string): string {
  const n = p.occurrences ?? 1;
  if (n <= 1) return peakWhen(p, clock, seconds);
  return clock
    ? `${n}× from ${wallDateTime(p.start / clock.unitSeconds, clock)} to ${wallDateTime(p.end / clock.unitSeconds, clock)} (${clock.timeZone})`
    : `${n}× from ${seconds(p.start)} to ${seconds(p.end)} after the start`;
}

/** A wall clock in seconds for naming windows of a summary in a zone (UTC for an unknown one); undefined if the start is unreadable. */
export function peakClock(s: Pick<Summary, 'span'>, timeZone = 'UTC'): WallClock | undefined {
  const startMs = Date.parse(s.span.start);
  if (!Number.isFinite(startMs)) return undefined;
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  return { startMs, unitSeconds: 1, timeZone: zone, offsetSeconds: zoneOffsetSeconds(startMs, zone) };
}

/** "p95 wait 5m 37s (of 812 started), utilisation 98.0%, queue 312 mean / 753 max, 12 deferrals" (console and summary.md). */
export function peakFiguresText(p: PeakFigures, seconds: (s: number | null) => string): string {
  const util = p.utilisation === null ? '–' : `${(100 * p.utilisation).toFixed(1)}%`;
  return `p95 wait ${seconds(p.wait.p95)} (of ${p.wait.count} started), utilisation ${util}, queue ${Math.round(p.queueMean)} mean / ${p.queueMax} max, ${p.deferrals} deferrals`;
}
