// Charts of a capacity plan (plan.html): each SLO metric against the varied value, with its confidence
// band, the SLO limit as a dashed line and the answer marked. The SLO overlay is shared with sweep charts.
import type { ChartConfiguration } from 'chart.js';
import type { PlanResult, SloCheck } from '../experiment/plan.js';
import { COLOURS, niceCeil, unitFor, type Unit } from './charts.js';
import { metricUnit, xScale, type SweepChartSpec } from './sweep-charts.js';

export const SLO_COLOUR = '#e45756';
export const ANSWER_COLOUR = '#2f7d32';
const LINE_COLOUR = '#4c78a8';

/** An SLO as written: `wait.p95 <= 5m`. */
export function sloText(s: { path: string; op: string; limitText: string }): string {
  return `${s.path} ${s.op} ${s.limitText}`;
}

function inUnit(x: number, unit: Unit | null): number {
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

/** One chart per SLO metric (two SLOs on one metric share a chart). */
export function buildPlanCharts(r: PlanResult): SweepChartSpec[] {
  if (r.rows.length === 0) return [];
  const paths = [...new Set(r.rows[0].checks.map((c) => c.path))];
  const xs = r.rows.map((row) => row.value);
  const conf = Math.round(r.confidence * 100);
  const scale = xScale(xs, true);
  return paths.map((path) => {
    const checks = r.rows.map((row) => row.checks.find((c) => c.path === path) as SloCheck);
    const slos = r.rows[0].checks.filter((c) => c.path === path);
    const seconds = slos[0].kind === 'seconds';
    let max = Math.max(...slos.map((s) => s.limit));
    for (const c of checks) if (c.mean !== null) max = Math.max(max, c.ci ? c.ci[1] : c.mean);
    const cut = yCut(slos, max);
    const unit = seconds ? unitFor(cut ?? max) : null;
    const point = (i: number, y: number | null) => ({ x: xs[i], y: y === null ? null : inUnit(y, unit) });
    const means = checks.map((c, i) => point(i, c.mean));
    const datasets: object[] = [{ label: path, data: means, borderColor: LINE_COLOUR, backgroundColor: LINE_COLOUR, pointRadius: 4, fill: false, tension: 0 }];
    if (checks.some((c) => c.ci)) {
      // the band: the upper end filled down to the lower end (dataset 1); a share or a time is never below 0
      datasets.push({ label: `${path} (${conf}% CI low)`, band: true, data: checks.map((c, i) => point(i, c.ci ? Math.max(0, c.ci[0]) : c.mean)), borderColor: 'rgba(76, 120, 168, 0.25)', borderWidth: 1, pointRadius: 0, fill: false });
      datasets.push({ label: `${path} (${conf}% CI)`, band: true, data: checks.map((c, i) => point(i, c.ci ? c.ci[1] : c.mean)), borderColor: 'rgba(76, 120, 168, 0.25)', backgroundColor: 'rgba(76, 120, 168, 0.18)', borderWidth: 1, pointRadius: 0, fill: 1 });
    }
    const at = r.answer === null ? -1 : xs.indexOf(r.answer);
    const answer = at >= 0 && checks[at].mean !== null ? { param: r.parameter, x: xs[at], y: checks[at].mean as number } : null;
    datasets.push(...sloOverlay(slos, xs, unit, answer));
    const text = `${path} by ${r.parameter}`;
    const yTitle = seconds ? `${path} (${unit!.name})` : path;
    return {
      id: `plan-${path.replace(/[^A-Za-z0-9]+/g, '-')}`,
      title: text,
      ...(cut === null ? {} : { note: `The y axis stops at ${niceCeil(inUnit(cut, unit))}${unit ? ` ${unit.name}` : ''}; larger values run off the top (see the table).` }),
      units: { y: metricUnit(path, unit) },
      ...(scale.type === 'logarithmic' ? { xTicks: xs } : {}),
      description: `Line chart of the mean of ${path} over ${r.replications} replications at each ${r.parameter} run, with its ${conf}% confidence band, the SLO ${slos.map(sloText).join(' and ')} as a dashed line${answer ? ` and the answer ${r.parameter} = ${answer.x} marked` : ''}.`,
      config: {
        type: 'line',
        data: { datasets: datasets as never },
        options: {
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            title: { display: true, text, font: { size: 16, weight: 'bold' }, color: COLOURS.text },
            legend: { position: 'bottom' },
          },
          scales: {
            x: { ...scale, title: { display: true, text: r.parameter, color: COLOURS.text }, grid: { color: COLOURS.grid } },
            y: { beginAtZero: true, ...(cut === null ? {} : { max: niceCeil(inUnit(cut, unit)) }), title: { display: true, text: yTitle, color: COLOURS.text }, grid: { color: COLOURS.grid } },
          },
        },
      } as ChartConfiguration,
    };
  });
}
