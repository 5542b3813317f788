// Charts of a capacity plan (plan.html): each SLO metric against the varied value, with its confidence
// band, the SLO limit as a dashed line and the answer marked. The SLO overlay (./line-charts.ts) is shared with sweep charts.
import type { PlanResult, SloCheck } from '../experiment/index.js';
import { shownInterval } from '../vocabulary/index.js';
import { niceCeil, unitFor } from './charts.js';
import { inUnit, lineChartConfig, metricUnit, sloOverlay, sloText, xScale, yCut, type SweepChartSpec } from './line-charts.js';

export { sloText, yCut };

const LINE_COLOUR = '#4c78a8';

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
      datasets.push({ label: `${path} (${conf}% CI low)`, band: true, data: checks.map((c, i) => point(i, c.ci ? shownInterval(c.ci)[0] : c.mean)), borderColor: 'rgba(76, 120, 168, 0.25)', borderWidth: 1, pointRadius: 0, fill: false });
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
      config: lineChartConfig({ title: text, datasets, xScale: scale, xTitle: r.parameter, yTitle, yMax: cut === null ? null : inUnit(cut, unit) }),
    };
  });
}
