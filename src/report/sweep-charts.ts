// Charts of a sweep, shared by sweep.html and the PNGs: each metric against the first swept parameter,
// its mean as a line with the confidence band around it, one line per value of the second parameter.
//
// Parameters past the second are held at their first value in the charts (sweep.csv has every row).
// Configs are plain JSON (no callbacks), like ./charts.ts.
import { niceCeil, unitFor } from './charts.js';
import { shownInterval, type SweepResult, type SweepValue } from '../vocabulary/index.js';

export { metricUnit, xScale, type SweepChartSpec };
import { inUnit, lineChartConfig, metricUnit, sloOverlay, xScale, yCut, type SweepChartSpec } from './line-charts.js';
import { sweepAnswer, type SweepSlo } from './sweep-slo.js';

/** The metrics charted, when the sweep has them. */
export const SWEEP_CHART_METRICS = [
  'wait.mean',
  'wait.p95',
  'queue.p95',
  'deferred.p95',
  'total.p95',
  'utilisation.mean',
  'queueLength.mean',
  'deferrals.count',
  'freshness.dashboard.p95',
  'emails.pendingAtSendPct',
] as const;

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac', '#eeca3b'];

/** Times in summary.json: the mean, percentiles and max of the time parts and freshness. */
export function isSecondsMetric(path: string): boolean {
  return /(^|\.)(wait|queue|deferred|response|total|dashboard|embed|email)\.(mean|p50|p90|p95|p99|max)$/.test(path);
}

function hexToRgba(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

// Every charted metric is a time, a count, a share or a mean of those: none can be negative, so the lower
// end of an interval is drawn at 0 at least (sweep.json keeps the interval as computed).

/** The metric is 0, interval included, in every configuration that measured it. */
export function flatZero(result: SweepResult, metric: string): boolean {
  const ms = result.configurations.map((c) => c.replications.metrics[metric]).filter((m) => m !== undefined);
  return ms.length > 0 && ms.every((m) => m!.mean === 0 && m!.ci[0] === 0 && m!.ci[1] === 0);
}

/** Which parameters the charts use: x = the first with more than one value, series = the next. */
function chartAxes(result: SweepResult): { x: number; series: number | null } {
  const multi = result.parameters.map((p, i) => (p.values.length > 1 ? i : -1)).filter((i) => i >= 0);
  return { x: multi[0] ?? 0, series: multi[1] ?? null };
}

/** The charts; with `slos`, each SLO's line on its metric's chart (charted even when not a headline metric) and the answer marked. */
export function buildSweepCharts(result: SweepResult, slos: readonly SweepSlo[] = []): SweepChartSpec[] {
  if (result.parameters.length === 0) return [];
  const { x, series } = chartAxes(result);
  const xParam = result.parameters[x];
  const seriesValues: (SweepValue | null)[] = series === null ? [null] : result.parameters[series].values;
  const numericX = xParam.values.every((v) => typeof v === 'number');
  // configurations shown: the other parameters at their first value
  const fixed = result.parameters.map((p, i) => (i === x || i === series ? null : p.values[0]));
  const shown = result.configurations.filter((c) => result.parameters.every((p, i) => fixed[i] === null || c.set[p.path] === fixed[i]));
  const conf = Math.round(result.confidence * 100);
  const specs: SweepChartSpec[] = [];

  const answer = slos.length > 0 ? sweepAnswer(result, slos) : null;
  const charted = [...SWEEP_CHART_METRICS, ...slos.map((s) => s.path).filter((p) => !(SWEEP_CHART_METRICS as readonly string[]).includes(p))];
  for (const metric of [...new Set(charted)]) {
    const own = slos.filter((s) => s.path === metric);
    if (!result.configurations.some((c) => c.replications.metrics[metric])) continue;
    // a line on zero says nothing (sweep.html names it in a sentence), unless an SLO is drawn against it
    if (own.length === 0 && flatZero(result, metric)) continue;
    const seconds = isSecondsMetric(metric);
    let max = 0;
    for (const c of shown) {
      const m = c.replications.metrics[metric];
      if (m && Number.isFinite(m.ci[1])) max = Math.max(max, m.ci[1]);
    }
    for (const s of own) max = Math.max(max, s.limit);
    // with an SLO, the region around its line matters: the axis may stop short of the worst values
    const cut = own.length > 0 ? yCut(own, max) : null;
    const unit = seconds ? unitFor(cut ?? max) : null;
    const means: object[] = [];
    const bands: object[] = [];
    seriesValues.forEach((sv, j) => {
      const colour = PALETTE[j % PALETTE.length];
      const label = series === null ? metric : `${result.parameters[series].path} = ${sv}`;
      const points = xParam.values.map((xv) => {
        const c = shown.find((c) => c.set[xParam.path] === xv && (series === null || c.set[result.parameters[series].path] === sv));
        const m = c?.replications.metrics[metric];
        const xKey = numericX ? xv : String(xv);
        return m ? { x: xKey, mean: inUnit(m.mean, unit), lo: inUnit(shownInterval(m.ci)[0], unit), hi: inUnit(m.ci[1], unit) } : { x: xKey, mean: null, lo: null, hi: null };
      });
      means.push({ label, data: points.map((p) => ({ x: p.x, y: p.mean })), borderColor: colour, backgroundColor: colour, pointRadius: 3, fill: false, tension: 0 });
      // the band: the upper end filled down to the lower end (datasets after all the means; fill by index)
      const loIndex = seriesValues.length + 2 * j;
      bands.push({ label: `${label} (${conf}% CI low)`, band: true, data: points.map((p) => ({ x: p.x, y: p.lo })), borderColor: hexToRgba(colour, 0.25), borderWidth: 1, pointRadius: 0, fill: false });
      bands.push({ label: `${label} (${conf}% CI)`, band: true, data: points.map((p) => ({ x: p.x, y: p.hi })), borderColor: hexToRgba(colour, 0.25), backgroundColor: hexToRgba(colour, 0.18), borderWidth: 1, pointRadius: 0, fill: loIndex });
    });
    if (own.length > 0) {
      // the SLO line, and the answer (the smallest value meeting this SLO) on a one-parameter sweep
      const i = own.length === 1 ? slos.indexOf(own[0]) : -1;
      const at = answer && i >= 0 ? answer.perSlo[i] : null;
      const config = at === null ? undefined : shown.find((c) => c.set[xParam.path] === at);
      const y = config?.replications.metrics[metric]?.mean;
      const xs = xParam.values.map((v) => (numericX ? v : String(v)));
      bands.push(...sloOverlay(own, xs, unit, at !== null && y !== undefined ? { param: xParam.path, x: at, y } : null));
    }
    const yTitle = seconds ? `${metric} (${unit!.name})` : metric;
    const text = `${metric} by ${xParam.path}`;
    specs.push({
      id: `sweep-${metric.replace(/[^A-Za-z0-9]+/g, '-')}`,
      title: text,
      ...(cut === null ? {} : { note: `The y axis stops at ${niceCeil(inUnit(cut, unit))}${unit ? ` ${unit.name}` : ''}, near the SLO; larger values run off the top (see the table).` }),
      units: { y: metricUnit(metric, unit) },
      ...(xScale(xParam.values, numericX).type === 'logarithmic' ? { xTicks: [...(xParam.values as number[])] } : {}),
      description: `Line chart of the mean of ${metric} over ${result.replications} replications against ${xParam.path}${series === null ? '' : `, one line per ${result.parameters[series].path}`}, with its ${conf}% confidence band.`,
      config: lineChartConfig({ title: text, datasets: [...means, ...bands], xScale: xScale(xParam.values, numericX), xTitle: xParam.path, yTitle, yMax: cut === null ? null : inUnit(cut, unit) }),
    });
  }
  return specs;
}
