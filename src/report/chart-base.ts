// The building blocks every chart module shares: the palette, display units, number formats, common options.
import type { ChartConfiguration } from 'chart.js';
import { type Dist, formatDuration } from '../vocabulary/index.js';
import type { AxisUnit, WallClock } from './time-axis.js';

export type ChartId = 'wait-distribution' | 'time-split' | 'queue-over-time' | 'wait-p95-over-time' | 'warmup' | 'deferrals-by-limit' | 'freshness';

export interface ChartSpec {
  id: ChartId;
  title: string;
  /** a sentence for screen readers (aria-label) and alt text */
  description: string;
  config: ChartConfiguration;
  /** the x axis is time: how an x value reads as a wall-clock time (ticks, tooltips) */
  clock?: WallClock;
  /** how the values on each axis (by axis id) read in a tooltip */
  units?: Record<string, AxisUnit>;
  /** ticks at exactly these x values (a sweep's values on a log axis) */
  xTicks?: number[];
  /** set when the chart would be empty: the sentence shown instead (the HTML draws no canvas, no PNG is written) */
  empty?: string;
}

/** One palette for both formats; the three causes of refresh time keep their colours everywhere. */
export const COLOURS = {
  queue: '#4c78a8',
  deferred: '#f58518',
  response: '#54a24b',
  wait: '#4c78a8',
  total: '#9d755d',
  busy: '#e45756',
  workers: '#79706e',
  dashboard: '#4c78a8',
  embed: '#b279a2',
  email: '#f58518',
  cumMean: '#4c78a8',
  batchMean: '#b279a2',
  warmup: '#79706e',
  warmupShade: 'rgba(121, 112, 110, 0.14)',
  deferrals: '#f58518',
  grid: '#e6e6e6',
  text: '#333333',
} as const;

export const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;

/** A display unit for seconds, chosen so the largest value reads as a small number. */
export interface Unit {
  name: 's' | 'min' | 'h' | 'd';
  seconds: number;
}

export function unitFor(maxSeconds: number): Unit {
  if (!(maxSeconds >= 120)) return { name: 's', seconds: 1 };
  if (maxSeconds < 2 * 3600) return { name: 'min', seconds: 60 };
  if (maxSeconds < 2 * 86400) return { name: 'h', seconds: 3600 };
  return { name: 'd', seconds: 86400 };
}

/** Rounded to 4 significant digits so the embedded data stays short and identical across platforms. */
export function inUnit(seconds: number | null, unit: Unit): number | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  return Number((seconds / unit.seconds).toPrecision(4));
}

export function maxOf(values: readonly (number | null)[]): number {
  let m = 0;
  for (const v of values) if (v !== null && Number.isFinite(v) && v > m) m = v;
  return m;
}

/** Seconds for people in the one style (`formatDuration`); "—" when there is no value. */
export function formatSeconds(seconds: number | null | undefined): string {
  return formatDuration(seconds, '—');
}

/** A fraction (0..1) as a percentage for people: "73.4 %". */
export function formatFraction(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  const pct = x * 100;
  return `${pct >= 10 || pct === 0 ? pct.toFixed(1) : pct.toPrecision(2)} %`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Math.round(n).toLocaleString('en-US');
}

export function percentilesOf(d: Dist): (number | null)[] {
  return PERCENTILES.map((p) => d[p]);
}

export const BASE_OPTIONS = {
  maintainAspectRatio: false,
  animation: false as const,
};

export function title(text: string) {
  return { display: true, text, font: { size: 16, weight: 'bold' as const }, color: COLOURS.text, padding: { top: 6, bottom: 10 } };
}

export function axisTitle(text: string) {
  return { display: true, text, color: COLOURS.text };
}

/** A round number at or above x (1, 2, 2.5 or 5 times a power of ten), for an axis maximum; 1 when x is not positive. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return Number((m * p).toPrecision(6));
  return 10 * p;
}

