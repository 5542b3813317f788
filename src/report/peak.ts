// How a peak window (summary.peaks, computed in src/stats/peaks.ts) is named for people.
import { wallDateTime, wallTime, type WallClock } from './time-axis.js';

/** "Mon 5 Jan 2026, 08:00–09:00 (America/New_York)"; seconds since the start without a clock. */
export function peakWhen(p: { start: number; end: number }, clock: WallClock | undefined, seconds: (s: number) => string): string {
  return clock
    ? `${wallDateTime(p.start / clock.unitSeconds, clock)}–${wallTime(p.end / clock.unitSeconds, clock)} (${clock.timeZone})`
    : `${seconds(p.start)}–${seconds(p.end)} after the start`;
}
