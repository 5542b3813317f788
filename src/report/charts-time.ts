// The time charts: queue and workers, p95 wait per bucket and the warm-up check, on a wall-clock x axis.
import type { RunResult, TimeseriesRow } from '../vocabulary/index.js';
import { axisTitle, BASE_OPTIONS, COLOURS, formatSeconds, inUnit, maxOf, niceCeil, title, unitFor, type ChartSpec, type Unit } from './chart-base.js';
import { isTimeZone, zoneOffsetSeconds, type WallClock } from './time-axis.js';
import { MSER_BATCH, warmupVerdict } from './warmup.js';

/**
 * The zone a report shows times in: the one asked for, else the scenario's (`params.timezone`, when the
 * expanded scenario names one), else UTC. An unknown name falls back the same way.
 */
export function reportTimeZone(result: RunResult, asked?: string): string {
  if (isTimeZone(asked)) return asked;
  const fromParams = (result.params as { timezone?: unknown }).timezone;
  return isTimeZone(fromParams) ? fromParams : 'UTC';
}

/** The wall clock of this run's time charts (x in the unit timeAxis picks), or undefined if the start is unreadable. */
export function clockFor(result: RunResult, timeZone?: string): WallClock | undefined {
  const startMs = Date.parse(result.summary.span.start);
  if (!Number.isFinite(startMs)) return undefined;
  const zone = reportTimeZone(result, timeZone);
  return { startMs, unitSeconds: timeAxis(result.timeseries).unit.seconds, timeZone: zone, offsetSeconds: zoneOffsetSeconds(startMs, zone) };
}

/** The x axis title: the zone when times are wall-clock, else the unit since the start. */
function xTitle(clock: WallClock | undefined, unit: Unit): string {
  return clock ? `local time (${clock.timeZone})` : `time since the start, ${unit.name}`;
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

export function queueOverTime(result: RunResult, clock?: WallClock): ChartSpec {
  const rows = result.timeseries;
  const { unit, xMin, xMax, x } = timeAxis(rows);
  const xy = (pick: (r: (typeof rows)[number]) => number) => rows.map((r) => ({ x: x(r.t), y: Number(pick(r).toPrecision(4)) }));
  const s = result.summary;
  const workersTop = Math.max(1, ...rows.map((r) => r.workers));
  const text = 'Queue length and busy workers over time';
  const line = { pointRadius: 0, borderWidth: 2, fill: false, tension: 0 };
  return {
    id: 'queue-over-time',
    title: text,
    clock,
    units: { y: { suffix: 'requests', digits: 1 }, y1: { suffix: 'workers', digits: 1 } },
    description: `Line chart over ${rows.length} time buckets: mean queue length (overall ${s.queueLength.mean.toFixed(1)}, max ${s.queueLength.max}), mean busy workers (overall ${s.workers.busyMean.toFixed(1)}) and workers available.`,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: 'queue length (mean)', data: xy((r) => r.queueMean), borderColor: COLOURS.queue, backgroundColor: COLOURS.queue, ...line },
          { label: 'busy workers (mean, right axis)', data: xy((r) => r.busyMean), borderColor: COLOURS.busy, backgroundColor: COLOURS.busy, yAxisID: 'y1', ...line },
          { label: 'workers (right axis)', data: xy((r) => r.workers), borderColor: COLOURS.workers, backgroundColor: COLOURS.workers, borderDash: [6, 4], stepped: 'before', yAxisID: 'y1', ...line, borderWidth: 1.5 },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: title(text), legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line' } } },
        scales: {
          x: { type: 'linear', min: xMin, max: xMax, title: axisTitle(xTitle(clock, unit)), grid: { color: COLOURS.grid } },
          // queue length (hundreds in a storm) and workers (a handful) on their own axes, so neither is flattened
          y: { beginAtZero: true, position: 'left', title: axisTitle('queue length, requests'), grid: { color: COLOURS.grid }, ticks: { color: COLOURS.queue } },
          y1: { beginAtZero: true, position: 'right', suggestedMax: workersTop, title: axisTitle('workers'), grid: { drawOnChartArea: false }, ticks: { color: COLOURS.busy, precision: 0 } },
        },
      },
    },
  };
}

/** Marks a dataset drawn only as decoration (shading, a marker line): the report's tooltips skip it. */
const HELPER = { noTooltip: true };

/**
 * Is the warm-up long enough? The cumulative mean wait since t = 0 (warm-up included) and the mean wait
 * of each batch of five buckets, with the warm-up shaded and its end drawn as a dashed vertical line
 * (extra line datasets, so no plugin is needed); the subtitle is the computed verdict (./warmup.ts).
 */
export function warmupCheck(result: RunResult, clock?: WallClock): ChartSpec {
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
  // the value at the end of the warm-up (last bucket ending by then) and at the end of the run
  const atMark = [...rows].reverse().find((r) => r.t + axis.step <= warmup && r.waitCumMean !== null)?.waitCumMean ?? null;
  const atEnd = [...rows].reverse().find((r) => r.waitCumMean !== null)?.waitCumMean ?? null;
  const verdict = warmupVerdict(rows, warmup, result.summary.span.duration);
  const batchPoints = verdict.batches.map((b) => ({ x: axis.x(b.t + (MSER_BATCH * axis.step) / 2), y: inUnit(b.mean, unit) }));
  const top = niceCeil(1.05 * maxOf([...points.map((p) => p.y), ...batchPoints.map((p) => p.y)]));
  const text = 'Is the warm-up long enough?';
  const flat = { pointRadius: 0, pointHoverRadius: 0, tension: 0 };
  return {
    id: 'warmup',
    title: text,
    clock,
    units: { y: { seconds: unit.seconds } },
    description:
      warmup > 0
        ? `Line chart of the cumulative mean wait since the start of the run, warm-up included, with the warm-up (the first ${formatSeconds(warmup)}) shaded: ${formatSeconds(atMark)} at the end of the warm-up, ${formatSeconds(atEnd)} at the end of the run. ${verdict.text}`
        : `Line chart of the cumulative mean wait since the start of the run: ${formatSeconds(atEnd)} at the end. The scenario has no warm-up, so every request counts. ${verdict.text}`,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: 'cumulative mean wait', data: points, borderColor: COLOURS.cumMean, backgroundColor: COLOURS.cumMean, borderWidth: 2, fill: false, spanGaps: true, pointStyle: 'line', ...flat },
          // no warm-up: nothing to shade or mark
          ...(warmup > 0
            ? [
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
                  ...HELPER,
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
                  ...HELPER,
                  ...flat,
                },
              ]
            : []),
          ...(batchPoints.length > 0
            ? [{ label: `mean wait per ${MSER_BATCH} buckets (MSER-5 batches)`, data: batchPoints, borderColor: COLOURS.batchMean, backgroundColor: COLOURS.batchMean, borderWidth: 1, fill: false, spanGaps: true, pointStyle: 'circle', pointRadius: 2, pointHoverRadius: 4, tension: 0 }]
            : []),
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: {
          title: title(text),
          subtitle: { display: true, text: verdict.headline, color: COLOURS.text, padding: { bottom: 8 } },
          legend: { position: 'bottom', labels: { usePointStyle: true } },
          tooltip: { mode: 'nearest', axis: 'x', intersect: false },
        },
        scales: {
          x: { type: 'linear', min: xMin, max: xMax, title: axisTitle(xTitle(clock, axis.unit)), grid: { color: COLOURS.grid } },
          y: { beginAtZero: true, min: 0, max: top, title: axisTitle(`mean wait, ${unit.name}`), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}

/** The p95 wait of the requests started in each bucket: where in the day the tail happens. */
export function waitP95OverTime(result: RunResult, clock?: WallClock): ChartSpec {
  const rows = result.timeseries;
  const { unit: xUnit, xMin, xMax, x } = timeAxis(rows);
  const unit = unitFor(maxOf(rows.map((r) => r.waitP95)));
  const points = rows.map((r) => ({ x: x(r.t), y: inUnit(r.waitP95, unit) }));
  const worst = rows.reduce<TimeseriesRow | null>((w, r) => (r.waitP95 !== null && (w === null || r.waitP95 > w.waitP95!) ? r : w), null);
  const bucket = rows.length > 1 ? rows[1]!.t - rows[0]!.t : 0;
  const text = 'p95 wait over time';
  const s = result.summary;
  return {
    id: 'wait-p95-over-time',
    title: text,
    ...(worst === null ? { empty: 'No refresh started in this run, so there is no p95 wait over time.' } : {}),
    clock,
    units: { y: { seconds: unit.seconds } },
    description: `Line chart of the p95 wait of the requests started in each ${formatSeconds(bucket)} bucket: ${worst ? `highest ${formatSeconds(worst.waitP95)}` : 'no request started'}; the whole run's p95 wait is ${formatSeconds(s.wait.p95)}.`,
    config: {
      type: 'line',
      data: {
        datasets: [
          { label: `p95 wait per ${formatSeconds(bucket)} bucket`, data: points, borderColor: COLOURS.wait, backgroundColor: 'rgba(76, 120, 168, 0.15)', borderWidth: 2, pointRadius: 0, fill: 'origin', tension: 0, spanGaps: false },
          {
            label: `whole-run p95 (${formatSeconds(s.wait.p95)})`,
            data: [
              { x: xMin, y: inUnit(s.wait.p95, unit) },
              { x: xMax, y: inUnit(s.wait.p95, unit) },
            ],
            borderColor: COLOURS.workers,
            backgroundColor: COLOURS.workers,
            borderDash: [6, 4],
            borderWidth: 1.5,
            pointRadius: 0,
            fill: false,
          },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: title(text), legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line' } } },
        scales: {
          x: { type: 'linear', min: xMin, max: xMax, title: axisTitle(xTitle(clock, xUnit)), grid: { color: COLOURS.grid } },
          y: { beginAtZero: true, title: axisTitle(`p95 wait, ${unit.name}`), grid: { color: COLOURS.grid } },
        },
      },
    },
  };
}
