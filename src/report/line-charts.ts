// Pieces shared by the line charts of sweeps (sweep.html, sweep PNGs) and plans (plan.html): the chart
// spec, the tooltip unit of a metric, the x scale of swept values, and the SLO overlay (limit lines and
// the answer's marker). Both chart modules import from here, never from each other.
import type { ChartConfiguration } from 'chart.js';
import { COLOURS, niceCeil, type Unit } from './charts.js';
import type { SweepValue } from '../vocabulary/index.js';
import type { AxisUnit } from './time-axis.js';

export interface SweepChartSpec {
  id: string;
  title: string;
  description: string;
  config: ChartConfiguration;
  /** how the y values read in a tooltip */
  units?: Record<string, AxisUnit>;
  /** ticks at exactly these x values (set for a log axis, whose own ticks would not be the swept values) */
  xTicks?: number[];
  /** a sentence under the chart (the y axis cut short of the worst values, say) */
  note?: string;
}

/** The tooltip unit of a charted metric whose values are in `unit` (for times) or as in summary.json. */
export function metricUnit(metric: string, unit: Unit | null): AxisUnit {
  if (unit) return { seconds: unit.seconds };
  if (metric === 'utilisation.mean') return { suffix: '%', digits: 1, scale: 100 };
  if (metric.endsWith('Pct')) return { suffix: '%', digits: 1 };
  if (metric.startsWith('queueLength')) return { suffix: 'requests', digits: 1 };
  if (metric.startsWith('deferrals')) return { suffix: 'deferrals', digits: 0 };
  return { suffix: '', digits: 2 };
}

/**
 * The x scale for the swept values: categories for text, a log scale when positive numbers span more than
 * a decade (2, 4, 8, ..., 64 would otherwise crowd into the left edge), and whole-number ticks for whole numbers.
 */
export function xScale(values: readonly SweepValue[], numeric: boolean): Record<string, unknown> {
  if (!numeric) return { type: 'category', labels: values.map(String) };
  const xs = values as number[];
  const whole = xs.every((v) => Number.isInteger(v));
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  if (min > 0 && max / min > 10) return { type: 'logarithmic', ticks: whole ? { precision: 0 } : {} };
  return { type: 'linear', ticks: whole ? { precision: 0 } : {} };
}

const SLO_COLOUR = '#e45756';
const ANSWER_COLOUR = '#2f7d32';

/** An SLO as written: `wait.p95 <= 5m`. */
export function sloText(s: { path: string; op: string; limitText: string }): string {
  return `${s.path} ${s.op} ${s.limitText}`;
}

/** A value in `unit` (for times) or as is, to 4 significant digits: what the charts plot. */
export function inUnit(x: number, unit: Unit | null): number {
  return Number((unit ? x / unit.seconds : x).toPrecision(4));
}

/**
 * The datasets drawn over a chart of `path`: a dashed horizontal line at each SLO limit, and, when there
 * is an answer, a marker at (answer, y). Values in `unit` when the metric is a time. Both have a point (or
 * a null) at every x of the chart so an index-mode tooltip lines them up with the other datasets.
 */
export function sloOverlay(
  slos: readonly { path: string; op: string; limitText: string; limit: number }[],
  xs: readonly (number | string)[],
  unit: Unit | null,
  answer: { param: string; x: number | string; y: number } | null,
): object[] {
  const lines = slos.map((s) => ({
    label: `SLO ${sloText(s)}`,
    slo: true,
    data: xs.map((x) => ({ x, y: inUnit(s.limit, unit) })),
    borderColor: SLO_COLOUR,
    backgroundColor: SLO_COLOUR,
    borderDash: [6, 4],
    borderWidth: 2,
    pointRadius: 0,
    fill: false,
  }));
  const marker = answer
    ? [{ label: `answer: ${answer.param} = ${answer.x}`, answer: true, data: xs.map((x) => ({ x, y: x === answer.x ? inUnit(answer.y, unit) : null })), borderColor: ANSWER_COLOUR, backgroundColor: ANSWER_COLOUR, pointStyle: 'rectRot', pointRadius: 9, pointHoverRadius: 10, showLine: false }]
    : [];
  return [...lines, ...marker];
}

/**
 * The top of the y axis for an upper-bound SLO when the worst values dwarf the limit (a 20-minute wait at
 * 1 worker against a 5-minute SLO would flatten the region that decides the answer): 4 x the limit, so
 * the line and the answer stay readable and larger values run off the top (the table has them).
 */
export function yCut(slos: readonly { op: string; limit: number }[], max: number): number | null {
  if (slos.some((s) => s.op === '>' || s.op === '>=')) return null;
  const limit = Math.max(...slos.map((s) => s.limit));
  return limit > 0 && max > 6 * limit ? 4 * limit : null;
}

/**
 * The Chart.js config of a sweep or plan line chart: `datasets` against the x `scale`, titled, the legend
 * below, y from 0 and, when `yMax` is given (an axis cut short near an SLO), up to a round value above it.
 */
export function lineChartConfig(o: { title: string; datasets: object[]; xScale: Record<string, unknown>; xTitle: string; yTitle: string; yMax: number | null }): ChartConfiguration {
  return {
    type: 'line',
    data: { datasets: o.datasets as never },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        title: { display: true, text: o.title, font: { size: 16, weight: 'bold' }, color: COLOURS.text },
        legend: { position: 'bottom' },
      },
      scales: {
        x: { ...o.xScale, title: { display: true, text: o.xTitle, color: COLOURS.text }, grid: { color: COLOURS.grid } },
        y: { beginAtZero: true, ...(o.yMax === null ? {} : { max: niceCeil(o.yMax) }), title: { display: true, text: o.yTitle, color: COLOURS.text }, grid: { color: COLOURS.grid } },
      },
    },
  } as ChartConfiguration;
}
