// Small helpers the expansion steps share: units to seconds, random draws, the run's calendar, e-mail send times.
import type { Rng } from '../../engine/random.js';
import type { Dist } from '../model.js';
import { DAY_NAMES, DAY_SETS, type DaySetName } from '../presets.js';
import type { DistInput } from '../schema.js';
import { recordedKey } from '../recorded.js';
import { localDatesCovering, zonedToEpochMs } from '../timezone.js';
import { parseDuration, parseTimeOfDay } from '../../vocabulary/index.js';

type IntRange = number | { min: number; max: number };
type Days = string | readonly string[];

export const sec = (x: number | string): number => parseDuration(x);

/** Values (seconds) of the files named by `{ type: empirical, file }`, by `recordedKey(file, column)` (recorded.ts). */
export type DistFiles = ReadonlyMap<string, readonly number[]>;

export function toDist(d: DistInput, files?: DistFiles): Dist {
  if (typeof d === 'number' || typeof d === 'string') return { type: 'constant', value: sec(d) };
  switch (d.type) {
    case 'constant':
      return { type: 'constant', value: sec(d.value) };
    case 'exponential':
      return { type: 'exponential', mean: sec(d.mean) };
    case 'lognormal':
      return { type: 'lognormal', mean: sec(d.mean), sd: sec(d.sd) };
    case 'uniform':
      return { type: 'uniform', min: sec(d.min), max: sec(d.max) };
    case 'empirical':
      if (d.file !== undefined) {
        const values = files?.get(recordedKey(d.file, d.column));
        // load.ts reads every named file before expansion and stops on any problem, so this is a bug
        if (values === undefined) throw new Error(`the recorded values of ${d.file} were not read before expansion`);
        return { type: 'empirical', values: [...values] };
      }
      return { type: 'empirical', values: (d.values ?? []).map(sec) };
  }
}

export function toInterval(x: number | string | null): number | null {
  return x === null || x === 'manual' || x === 'none' ? null : sec(x);
}

export function drawInt(rng: Rng, r: IntRange | undefined, fallback: number): number {
  if (r === undefined) return fallback;
  if (typeof r === 'number') return r;
  return r.min + Math.floor(rng.next() * (r.max - r.min + 1));
}

/** Cumulative weights for fast weighted picks. */
export class Weighted<T> {
  readonly #items: T[];
  readonly #cum: number[];
  constructor(entries: [T, number][]) {
    const kept = entries.filter(([, w]) => w > 0);
    this.#items = kept.map(([v]) => v);
    let total = 0;
    this.#cum = kept.map(([, w]) => (total += w));
  }
  pick(rng: Rng): T {
    const u = rng.next() * this.#cum[this.#cum.length - 1];
    let lo = 0;
    let hi = this.#cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo];
  }
}

/** k distinct indices of 0..n-1 (k <= n), in random order. */
export function sample(rng: Rng, n: number, k: number): number[] {
  const out: number[] = [];
  if (k * 3 > n) {
    const all = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng.next() * (n - i));
      [all[i], all[j]] = [all[j], all[i]];
      out.push(all[i]);
    }
    return out;
  }
  const taken = new Set<number>();
  while (out.length < k) {
    const j = Math.floor(rng.next() * n);
    if (!taken.has(j)) {
      taken.add(j);
      out.push(j);
    }
  }
  return out;
}

/** `i` zero-padded to the width of `count`: generated ids of one generator all have the same length. */
export function pad(i: number, count: number): string {
  return String(i).padStart(String(count).length, '0');
}

export function normaliseMeanOne(w: readonly number[]): number[] {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => (mean > 0 ? x / mean : 0));
}

function daysOf(days: Days | undefined): number[] {
  if (days === undefined) return DAY_SETS.daily;
  if (typeof days === 'string') return DAY_SETS[days as DaySetName];
  return [...new Set(days.map((d) => DAY_NAMES.indexOf(d as (typeof DAY_NAMES)[number])))].sort();
}

/** The simulated span: where it starts (epoch ms) and how long it lasts (seconds). */
export interface Span {
  startEpochMs: number;
  duration: number;
  endEpochMs: number;
}

export type SendTimes = (timezone: string, at: string, days: Days | undefined) => number[];

/**
 * Seconds after the start of every local `at` on the given weekdays within the run. E-mail send times
 * repeat for every account with the same zone, time and days, so each is computed once.
 */
export function sendTimesFor(span: Span): SendTimes {
  const cache = new Map<string, number[]>();
  return (timezone, at, days) => {
    const wanted = daysOf(days);
    const key = `${timezone}|${at}|${wanted.join('')}`;
    let out = cache.get(key);
    if (!out) {
      out = [];
      const secondsOfDay = parseTimeOfDay(at);
      for (const date of localDatesCovering(span.startEpochMs, span.endEpochMs, timezone)) {
        if (!wanted.includes(date.weekday)) continue;
        const t = (zonedToEpochMs(date.year, date.month, date.day, secondsOfDay, timezone) - span.startEpochMs) / 1000;
        if (t >= 0 && t < span.duration) out.push(t);
      }
      cache.set(key, out);
    }
    return out;
  };
}
