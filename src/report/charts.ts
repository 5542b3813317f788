// Chart definitions shared by the PNG and HTML writers, so both show the same charts from the same numbers.
//
// Every config here is plain JSON (no callbacks): the HTML writer embeds it as data, the PNG writer
// renders a copy of it with chartjs-node-canvas.
import type { Dist, RunResult, TimeParts } from '../vocabulary/index.js';
import { TRIGGERS } from '../scenario/index.js';
import { axisTitle, BASE_OPTIONS, COLOURS, formatSeconds, inUnit, maxOf, PERCENTILES, percentilesOf, title, unitFor, type ChartSpec } from './chart-base.js';
import { clockFor, queueOverTime, waitP95OverTime, warmupCheck } from './charts-time.js';

export { COLOURS, formatCount, formatFraction, formatSeconds, niceCeil, PERCENTILES, unitFor, type ChartId, type ChartSpec, type Unit } from './chart-base.js';
export { clockFor, reportTimeZone } from './charts-time.js';

/** Options every chart builder takes. */
interface ChartOptions {
  /** the zone time axes are shown in; default: the scenario's (`params.timezone`), else UTC */
  timeZone?: string;
}

function waitDistribution(result: RunResult): ChartSpec {
  const s = result.summary;
  const raw = [...percentilesOf(s.wait), ...percentilesOf(s.total)];
  const unit = unitFor(maxOf(raw));
  const text = 'Wait and total time of a refresh';
  return {
    id: 'wait-distribution',
    title: text,
    ...(s.wait.count === 0 ? { empty: 'No refresh started after the warm-up, so there are no waits to show.' } : {}),
    units: { y: { seconds: unit.seconds } },
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
    units: { y: { seconds: unit.seconds } },
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

function deferralsByLimit(result: RunResult): ChartSpec {
  const all = result.summary.deferrals.byLimit;
  // only the limits that deferred something: a row of zero bars says nothing
  const limits = all.filter((l) => l.deferrals > 0);
  const quiet = all.length - limits.length;
  const text = 'Deferrals per limit';
  const labels = limits.length > 0 ? limits.map((l) => l.id) : ['(no limits)'];
  const data = limits.length > 0 ? limits.map((l) => l.deferrals) : [0];
  const d = result.summary.deferrals;
  const quietText = quiet > 0 ? ` ${quiet} other limit${quiet === 1 ? '' : 's'} deferred nothing.` : '';
  return {
    id: 'deferrals-by-limit',
    title: text,
    units: { x: { suffix: 'deferral episodes', digits: 0 } },
    ...(limits.length === 0 ? { empty: all.length === 0 ? 'No deferrals in this run: the scenario has no limits.' : `No deferrals in this run: none of the ${all.length} limit${all.length === 1 ? '' : 's'} held a refresh back.` } : {}),
    description:
      limits.length > 0
        ? `Bar chart of deferral episodes per limit, ${d.count} in all: ${limits.map((l) => `${l.id} ${l.deferrals}`).join(', ')}.${quietText}`
        : 'Bar chart of deferral episodes per limit: no limit deferred a refresh.',
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
  // only what people actually saw: a run without e-mails gets no empty e-mail bars
  const seen = [ds('dashboard (while active)', f.dashboard, COLOURS.dashboard), ds('embedded Klips', f.embed, COLOURS.embed), ds('e-mail reports', f.email, COLOURS.email)].filter((_, i) => [f.dashboard, f.embed, f.email][i]!.count > 0);
  return {
    id: 'freshness',
    title: text,
    units: { y: { seconds: unit.seconds } },
    ...(seen.length === 0 ? { empty: 'No data was seen in this run: no dashboard, embed or e-mail views.' } : {}),
    description: `Bar chart of data age percentiles: ${([['dashboards', f.dashboard], ['embedded Klips', f.embed], ['e-mail reports', f.email]] as [string, Dist][]).filter(([, d]) => d.count > 0).map(([name, d]) => `${name} p95 ${formatSeconds(d.p95)}`).join(', ') || 'nothing was seen'}.`,
    config: {
      type: 'bar',
      data: {
        labels: [...PERCENTILES],
        datasets: seen,
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
export function buildCharts(result: RunResult, opts: ChartOptions = {}): ChartSpec[] {
  const clock = clockFor(result, opts.timeZone);
  return [waitDistribution(result), timeSplit(result), waitP95OverTime(result, clock), queueOverTime(result, clock), warmupCheck(result, clock), deferralsByLimit(result), freshness(result)];
}
