// Chart definitions shared by the PNG and HTML writers, so both show the same charts from the same numbers.
//
// Every config here is plain JSON (no callbacks): the HTML writer embeds it as data, the PNG writer
// renders a copy of it with chartjs-node-canvas.
import type { ChartConfiguration } from 'chart.js';
import type { Dist, RunResult, TimeParts, TimeseriesRow } from '../stats/types.js';
import { TRIGGERS } from '../scenario/model.js';

export type ChartId = 'wait-distribution' | 'time-split' | 'queue-over-time' | 'warmup' | 'deferrals-by-limit' | 'freshness';

export interface ChartSpec {
  id: ChartId;
  title: string;
  /** a sentence for screen readers (aria-label) and alt text */
  description: string;
  config: ChartConfiguration;
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
function inUnit(seconds: number | null, unit: Unit): number | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  return Number((seconds / unit.seconds).toPrecision(4));
}

function maxOf(values: readonly (number | null)[]): number {
  let m = 0;
  for (const v of values) if (v !== null && Number.isFinite(v) && v > m) m = v;
  return m;
}

/** Seconds for people: "0.42 s", "4.2 s", "42 s", "3 m 10 s", "2 h 5 m", "1 d 3 h"; "—" when there is no value. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s === 0) return '0 s';
  if (s < 1) return `${sign}${s.toFixed(2)} s`;
  if (s < 10) return `${sign}${s.toFixed(1)} s`;
  if (s < 60) return `${sign}${Math.round(s)} s`;
  // two units at most, the smaller left out when it is zero: "3 m 10 s", "2 h", "1 d 3 h"
  const pair = (big: number, bigName: string, small: number, smallName: string) => `${sign}${big} ${bigName}${small > 0 ? ` ${small} ${smallName}` : ''}`;
  const total = Math.round(s);
  if (total < 3600) return pair(Math.floor(total / 60), 'm', total % 60, 's');
  const minutes = Math.round(s / 60);
  if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'm');
  const hours = Math.round(s / 3600);
  return pair(Math.floor(hours / 24), 'd', hours % 24, 'h');
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

function percentilesOf(d: Dist): (number | null)[] {
  return PERCENTILES.map((p) => d[p]);
}

const BASE_OPTIONS = {
  maintainAspectRatio: false,
  animation: false as const,
};

function title(text: string) {
  return { display: true, text, font: { size: 16, weight: 'bold' as const }, color: COLOURS.text, padding: { top: 6, bottom: 10 } };
}

function axisTitle(text: string) {
  return { display: true, text, color: COLOURS.text };
}

function waitDistribution(result: RunResult): ChartSpec {
  const s = result.summary;
  const raw = [...percentilesOf(s.wait), ...percentilesOf(s.total)];
  const unit = unitFor(maxOf(raw));
  const text = 'Wait and total time of a refresh';
  return {
    id: 'wait-distribution',
    title: text,
    description: `Bar chart of wait (queue + deferred) and total refresh time percentiles: p95 wait ${formatSeconds(s.wait.p95)}, p95 total ${formatSeconds(s.total.p95)}, max total ${formatSeconds(s.total.max)}.`,
    config: {
      type: 'bar',
      data: {
        labels: [...PERCENTILES],
        datasets: [
          { label: 'wait (queue + deferred)', data: percentilesOf(s.wait).map((v) => inUnit(v, unit)), backgroundColor: COLOURS.wait },
          { label: 'total (enqueue to completion)', data: percentilesOf(s.total).map((v) => inUnit(v, unit)), backgroundColor: COLOURS.total },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: title(text), legend: { position: 'bottom' } },
        scales: {
          x: { title: axisTitle('percentile'), grid: { color: COLOURS.grid } },
          y: { beginAtZero: true, title: axisTitle(unit.name), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}

/** The groups of the time-split chart: all requests, then each trigger that occurred, in TRIGGERS order. */
export function splitGroups(result: RunResult): { label: string; parts: TimeParts }[] {
  const s = result.summary;
  const groups: { label: string; parts: TimeParts }[] = [{ label: 'all', parts: s }];
  const names = Object.keys(s.byTrigger);
  const ordered = [...TRIGGERS.filter((t) => names.includes(t)), ...names.filter((n) => !(TRIGGERS as readonly string[]).includes(n)).sort()];
  for (const name of ordered) {
    const parts = s.byTrigger[name];
    if (parts && parts.count > 0) groups.push({ label: name, parts });
  }
  return groups;
}

function timeSplit(result: RunResult): ChartSpec {
  const groups = splitGroups(result);
  const unit = unitFor(maxOf(groups.map((g) => (g.parts.queue.mean ?? 0) + (g.parts.deferred.mean ?? 0) + (g.parts.response.mean ?? 0))));
  const s = result.summary;
  const text = 'Where the time of a refresh goes (mean)';
  const part = (key: 'queue' | 'deferred' | 'response', label: string) => ({
    label,
    data: groups.map((g) => inUnit(g.parts[key].mean, unit)),
    backgroundColor: COLOURS[key],
  });
  return {
    id: 'time-split',
    title: text,
    description: `Stacked bar chart of the mean refresh time split into wait in queue (${formatSeconds(s.queue.mean)} overall), deferred by limits (${formatSeconds(s.deferred.mean)}) and source response (${formatSeconds(s.response.mean)}), overall and per trigger.`,
    config: {
      type: 'bar',
      data: {
        labels: groups.map((g) => g.label),
        datasets: [part('queue', 'wait in queue'), part('deferred', 'deferred by limits'), part('response', 'source response')],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: title(text), legend: { position: 'bottom' } },
        scales: {
          x: { stacked: true, title: axisTitle('trigger'), grid: { color: COLOURS.grid } },
          y: { stacked: true, beginAtZero: true, title: axisTitle(`mean, ${unit.name}`), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}

/** The x axis of a time-series chart: a unit for the run's length and the span of the buckets, in that unit. */
function timeAxis(rows: readonly TimeseriesRow[]): { unit: Unit; step: number; xMin: number; xMax: number; x: (t: number) => number } {
  const span = rows.length > 0 ? rows[rows.length - 1]!.t - rows[0]!.t : 0;
  const unit: Unit = span > 4 * 86400 ? { name: 'd', seconds: 86400 } : span > 3 * 3600 ? { name: 'h', seconds: 3600 } : { name: 'min', seconds: 60 };
  const step = rows.length > 1 ? rows[1]!.t - rows[0]!.t : 0;
  const x = (t: number) => Number((t / unit.seconds).toPrecision(6));
  const xMin = rows.length > 0 ? x(rows[0]!.t) : 0;
  const xMax = rows.length > 0 ? x(rows[rows.length - 1]!.t + step) : 1;
  return { unit, step, xMin, xMax, x };
}

/** A round number at or above x (1, 2, 2.5 or 5 times a power of ten), for an axis maximum; 1 when x is not positive. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return Number((m * p).toPrecision(6));
  return 10 * p;
}

function queueOverTime(result: RunResult): ChartSpec {
  const rows = result.timeseries;
  const { unit, xMin, xMax, x } = timeAxis(rows);
  const xy = (pick: (r: (typeof rows)[number]) => number) => rows.map((r) => ({ x: x(r.t), y: Number(pick(r).toPrecision(4)) }));
  const s = result.summary;
  const text = 'Queue length and busy workers over time';
  const line = { pointRadius: 0, borderWidth: 2, fill: false, tension: 0 };
  return {
    id: 'queue-over-time',
    title: text,
    description: `Line chart over ${rows.length} time buckets: mean queue length (overall ${s.queueLength.mean.toFixed(1)}, max ${s.queueLength.max}), mean busy workers (overall ${s.workers.busyMean.toFixed(1)}) and workers available.`,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: 'queue length (mean)', data: xy((r) => r.queueMean), borderColor: COLOURS.queue, backgroundColor: COLOURS.queue, ...line },
          { label: 'busy workers (mean)', data: xy((r) => r.busyMean), borderColor: COLOURS.busy, backgroundColor: COLOURS.busy, ...line },
          { label: 'workers', data: xy((r) => r.workers), borderColor: COLOURS.workers, backgroundColor: COLOURS.workers, borderDash: [6, 4], stepped: 'before', ...line, borderWidth: 1.5 },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: title(text), legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line' } } },
        scales: {
          x: { type: 'linear', min: xMin, max: xMax, title: axisTitle(`time, ${unit.name}`), grid: { color: COLOURS.grid } },
          y: { beginAtZero: true, title: axisTitle('requests / workers'), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}

/** The advice under the warm-up chart (its subtitle, and the end of its description). */
export const WARMUP_ADVICE = 'If the line is still trending at the end of the warm-up, lengthen the warm-up.';

/**
 * Is the warm-up long enough? The cumulative mean wait since t = 0 (warm-up included), with the warm-up
 * shaded and its end drawn as a dashed vertical line: two extra line datasets, so no plugin is needed.
 */
function warmupCheck(result: RunResult): ChartSpec {
  const rows = result.timeseries;
  const warmup = result.summary.span.warmup;
  const axis = timeAxis(rows);
  const w = axis.x(warmup);
  const xMin = Math.min(axis.xMin, w);
  const xMax = Math.max(axis.xMax, w);
  const means = rows.map((r) => r.waitCumMean);
  const unit = unitFor(maxOf(means));
  // a cumulative value holds at the end of its bucket: plot it there
  const points = rows.map((r) => ({ x: axis.x(r.t + axis.step), y: inUnit(r.waitCumMean, unit) }));
  const top = niceCeil(1.05 * maxOf(points.map((p) => p.y)));
  // the value at the end of the warm-up (last bucket ending by then) and at the end of the run
  const atMark = [...rows].reverse().find((r) => r.t + axis.step <= warmup && r.waitCumMean !== null)?.waitCumMean ?? null;
  const atEnd = [...rows].reverse().find((r) => r.waitCumMean !== null)?.waitCumMean ?? null;
  const text = 'Is the warm-up long enough?';
  const flat = { pointRadius: 0, pointHoverRadius: 0, tension: 0 };
  return {
    id: 'warmup',
    title: text,
    description: `Line chart of the cumulative mean wait since the start of the run, warm-up included, with the warm-up (the first ${formatSeconds(warmup)}) shaded: ${formatSeconds(atMark)} at the end of the warm-up, ${formatSeconds(atEnd)} at the end of the run. ${WARMUP_ADVICE}`,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: 'cumulative mean wait', data: points, borderColor: COLOURS.cumMean, backgroundColor: COLOURS.cumMean, borderWidth: 2, fill: false, spanGaps: true, pointStyle: 'line', ...flat },
          {
            label: `warm-up (${formatSeconds(warmup)}, not counted)`,
            data: [
              { x: xMin, y: top },
              { x: w, y: top },
            ],
            borderColor: 'rgba(0, 0, 0, 0)',
            backgroundColor: COLOURS.warmupShade,
            borderWidth: 0,
            fill: 'origin',
            pointStyle: 'rect',
            ...flat,
          },
          {
            label: 'end of warm-up',
            data: [
              { x: w, y: 0 },
              { x: w, y: top },
            ],
            borderColor: COLOURS.warmup,
            backgroundColor: COLOURS.warmup,
            borderWidth: 2,
            borderDash: [6, 4],
            fill: false,
            pointStyle: 'line',
            ...flat,
          },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: {
          title: title(text),
          subtitle: { display: true, text: WARMUP_ADVICE, color: COLOURS.text, padding: { bottom: 8 } },
          legend: { position: 'bottom', labels: { usePointStyle: true } },
          tooltip: { mode: 'nearest', axis: 'x', intersect: false },
        },
        scales: {
          x: { type: 'linear', min: xMin, max: xMax, title: axisTitle(`time since the start of the run, ${axis.unit.name}`), grid: { color: COLOURS.grid } },
          y: { beginAtZero: true, min: 0, max: top, title: axisTitle(`cumulative mean wait, ${unit.name}`), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}

function deferralsByLimit(result: RunResult): ChartSpec {
  const limits = result.summary.deferrals.byLimit;
  const text = 'Deferrals per limit';
  const labels = limits.length > 0 ? limits.map((l) => l.id) : ['(no limits)'];
  const data = limits.length > 0 ? limits.map((l) => l.deferrals) : [0];
  const d = result.summary.deferrals;
  return {
    id: 'deferrals-by-limit',
    title: text,
    description:
      limits.length > 0
        ? `Bar chart of deferral episodes per limit, ${d.count} in all: ${limits.map((l) => `${l.id} ${l.deferrals}`).join(', ')}.`
        : 'Bar chart of deferral episodes per limit: the scenario has no limits.',
    config: {
      type: 'bar',
      data: { labels, datasets: [{ label: 'deferrals', data, backgroundColor: COLOURS.deferrals, maxBarThickness: 48 }] },
      options: {
        ...BASE_OPTIONS,
        // horizontal: limit ids are long and there may be many
        indexAxis: 'y',
        plugins: { title: title(text), legend: { display: false } },
        scales: {
          x: { beginAtZero: true, title: axisTitle('deferral episodes'), grid: { color: COLOURS.grid } },
          y: { title: axisTitle('limit'), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}

function freshness(result: RunResult): ChartSpec {
  const f = result.summary.freshness;
  const unit = unitFor(maxOf([...percentilesOf(f.dashboard), ...percentilesOf(f.embed), ...percentilesOf(f.email)]));
  const text = 'Freshness: age of the data people saw';
  const ds = (label: string, d: Dist, colour: string) => ({ label, data: percentilesOf(d).map((v) => inUnit(v, unit)), backgroundColor: colour });
  return {
    id: 'freshness',
    title: text,
    description: `Bar chart of data age percentiles: dashboards p95 ${formatSeconds(f.dashboard.p95)}, embedded Klips p95 ${formatSeconds(f.embed.p95)}, e-mail reports p95 ${formatSeconds(f.email.p95)}.`,
    config: {
      type: 'bar',
      data: {
        labels: [...PERCENTILES],
        datasets: [ds('dashboard (while active)', f.dashboard, COLOURS.dashboard), ds('embedded Klips', f.embed, COLOURS.embed), ds('e-mail reports', f.email, COLOURS.email)],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: title(text), legend: { position: 'bottom' } },
        scales: {
          x: { title: axisTitle('percentile'), grid: { color: COLOURS.grid } },
          y: { beginAtZero: true, title: axisTitle(`data age, ${unit.name}`), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}

/** The report's charts, in display order. */
export function buildCharts(result: RunResult): ChartSpec[] {
  return [waitDistribution(result), timeSplit(result), queueOverTime(result), warmupCheck(result), deferralsByLimit(result), freshness(result)];
}
