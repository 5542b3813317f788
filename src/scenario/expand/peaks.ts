// Named peak windows (`peaks:`): local-time windows on chosen weekdays, as the run's intervals in seconds.
import type { AccountSpec, Model } from '../model.js';
import { DAY_NAMES, DAY_SETS, DEFAULTS, type DaySetName } from '../presets.js';
import type { ScenarioInput } from '../schema.js';
import { localDatesCovering, zonedToEpochMs } from '../timezone.js';
import { parseTimeOfDay } from '../../vocabulary/index.js';
import type { Span } from './common.js';

export type PeakInput = NonNullable<ScenarioInput['peaks']>[number];

/**
 * The zone a scenario "lives in": the one most of its accounts use (ties: the first declared), else UTC.
 * A window without a `timezone` is read in it, and the reports name times in it, so "Mon 08:00" means the
 * users' Monday morning in both.
 */
export function mainTimeZone(accounts: readonly Pick<AccountSpec, 'timezone'>[]): string {
  const counts = new Map<string, number>();
  let best: string = DEFAULTS.timezone;
  let bestCount = 0;
  for (const a of accounts) {
    const n = (counts.get(a.timezone) ?? 0) + 1;
    counts.set(a.timezone, n);
    if (n > bestCount) [best, bestCount] = [a.timezone, n];
  }
  return best;
}

/** Seconds after local midnight of a window edge; "24:00" is the end of the day. */
export function edgeSeconds(text: string): number {
  return text.trim() === '24:00' ? 86400 : parseTimeOfDay(text);
}

function weekdaysOf(days: PeakInput['days']): readonly number[] {
  if (days === undefined) return DAY_SETS.daily;
  if (typeof days === 'string') return DAY_SETS[days as DaySetName];
  return days.map((d) => DAY_NAMES.indexOf(d as (typeof DAY_NAMES)[number]));
}

/**
 * Every occurrence of a window that touches the run, as unclipped [from, to) in seconds since the start
 * (DST-correct: each day's edges are that day's local times), ascending. Clipping is the caller's.
 */
export function occurrences(p: PeakInput, zone: string, span: Span): [number, number][] {
  const wanted = weekdaysOf(p.days);
  const from = edgeSeconds(p.from);
  const to = edgeSeconds(p.to);
  const out: [number, number][] = [];
  // from < to within one local day, so only the dates the run touches can hold an occurrence
  for (const d of localDatesCovering(span.startEpochMs, span.endEpochMs, zone)) {
    if (!wanted.includes(d.weekday)) continue;
    const a = (zonedToEpochMs(d.year, d.month, d.day, from, zone) - span.startEpochMs) / 1000;
    const b = (zonedToEpochMs(d.year, d.month, d.day, to, zone) - span.startEpochMs) / 1000;
    if (b > 0 && a < span.duration && b > a) out.push([a, b]);
  }
  return out;
}

/** The zone a window is read in: its own, else the scenario's main zone. */
export function windowZone(p: PeakInput, accounts: readonly Pick<AccountSpec, 'timezone'>[]): string {
  return p.timezone ?? mainTimeZone(accounts);
}

/** `peaks:` as `Model.peakWindows`: each window's occurrences clipped to the run; undefined without `peaks:`. */
export function expandPeaks(peaks: ScenarioInput['peaks'], accounts: readonly AccountSpec[], span: Span): Model['peakWindows'] {
  if (peaks === undefined) return undefined;
  return peaks.map((p) => ({
    name: p.name,
    intervals: occurrences(p, windowZone(p, accounts), span).map(([a, b]): [number, number] => [Math.max(0, a), Math.min(span.duration, b)]),
  }));
}
