// index.html: one self-contained, offline report (Chart.js and the data inlined, no network requests).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Dist, LimitReport, RunResult, Summary, TimeParts, ReplicationMetric, Replications } from '../vocabulary/index.js';
import type { GateReport } from '../gate/index.js';
import { diagnosisHtml, peakHtml, verdictsHtml } from './html-verdicts.js';
import { writeFileAtomic } from './atomic.js';
import { buildCharts, clockFor, formatCount, formatFraction, formatSeconds, splitGroups, type ChartSpec } from './charts.js';
import { pageHead } from './html-template/head.js';
import { REPORT_CSS } from './html-template/style.js';
import { CLIENT_SCRIPT } from './html-template/client.js';
import type { Writer } from './types.js';
import { wallDateTime } from './time-axis.js';
import { loadZoomPlugin } from './html-template/zoom.js';
import { escapeHtml, formatMetricValue, formatPlain } from './html-format.js';
import { fairnessHtml } from './fairness-html.js';

export { escapeHtml, formatMetricValue };

const HTML_FILE = 'index.html';

/**
 * JSON for a <script type="application/json"> element: every "<" becomes \u003c so no value (a
 * scenario named "</script>...", say) can end the element; U+2028/9 are escaped for old parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

let chartJsSource: string | null | undefined;

/** Chart.js's UMD bundle, or null when it cannot be found (the report then shows tables only). */
export function loadChartJs(): string | null {
  if (chartJsSource !== undefined) return chartJsSource;
  chartJsSource = null;
  try {
    // chart.js's exports map hides dist/chart.umd.js; resolve the package's CJS entry and look beside it.
    const main = createRequire(import.meta.url).resolve('chart.js');
    for (const name of ['chart.umd.min.js', 'chart.umd.js']) {
      try {
        chartJsSource = readFileSync(join(dirname(main), name), 'utf8');
        break;
      } catch {
        // try the next name
      }
    }
  } catch {
    // chart.js not installed: no interactive charts
  }
  return chartJsSource;
}

/** Inline script text must not contain "</script" or "<!--"; in valid JS they only occur in strings, where "<\/" means the same. */
function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

interface Card {
  metric: string;
  label: string;
  value: number | null;
  shown: string;
  note: string;
  /** formats a number of this metric's unit (for the mean and half-width over replications) */
  format: (v: number) => string;
}

/** The replications block of a summary, when the run had replications (see `Replications` in vocabulary/summary.ts). */
function replicationsOf(s: Summary): Replications | undefined {
  const r = (s as Summary & { replications?: Replications }).replications;
  return r && typeof r === 'object' && r.metrics && typeof r.metrics === 'object' ? r : undefined;
}

/** "95%", from a confidence level such as 0.95 (the default when absent). */
function confidenceText(r: Replications): string {
  const c = r.confidence ?? 0.95;
  return `${Number((c * 100).toPrecision(4))}%`;
}

function headlineCards(s: Summary): Card[] {
  const share = s.requests.started > 0 ? s.requests.deferred / s.requests.started : null;
  const staleShown = s.emails.sent > 0 ? formatFraction(s.emails.pendingAtSend / s.emails.sent) : '—';
  return [
    { metric: 'wait.p95', label: 'p95 wait', value: s.wait.p95, shown: formatSeconds(s.wait.p95), note: `queue + deferred · mean ${formatSeconds(s.wait.mean)}, max ${formatSeconds(s.wait.max)}`, format: formatSeconds },
    { metric: 'total.p95', label: 'p95 total', value: s.total.p95, shown: formatSeconds(s.total.p95), note: `enqueue to completion · mean ${formatSeconds(s.total.mean)}`, format: formatSeconds },
    { metric: 'utilisation.mean', label: 'Utilisation', value: s.utilisation.mean, shown: formatFraction(s.utilisation.mean), note: `${s.workers.busyMean.toFixed(1)} of ${formatWorkers(s)} workers busy on average`, format: formatFraction },
    { metric: 'requests.deferred/requests.started', label: 'Deferral share', value: share, shown: formatFraction(share), note: `${formatCount(s.requests.deferred)} of ${formatCount(s.requests.started)} started requests held back by limits`, format: formatFraction },
    { metric: 'emails.pendingAtSendPct', label: 'Stale e-mails', value: s.emails.pendingAtSendPct, shown: staleShown, note: s.emails.sent > 0 ? `${formatCount(s.emails.pendingAtSend)} of ${formatCount(s.emails.sent)} reports sent with a refresh pending` : 'no e-mail reports were sent in this run', format: (v) => formatFraction(v / 100) },
    { metric: 'requests.enqueued.total', label: 'Requests', value: s.requests.enqueued.total, shown: formatCount(s.requests.enqueued.total), note: `${formatCount(s.requests.completed)} completed, ${formatCount(s.requests.coalesced)} coalesced`, format: (v) => formatPlain(v, 100) },
    { metric: 'failures.count', label: 'Failures', value: s.failures.count, shown: formatCount(s.failures.count), note: `${formatCount(s.failures.retries)} retries, ${formatCount(s.failures.disabledSources)} sources disabled`, format: (v) => formatPlain(v, 100) },
    { metric: 'queueLength.mean', label: 'Queue length', value: s.queueLength.mean, shown: s.queueLength.mean.toFixed(1), note: `time-weighted mean · max ${formatCount(s.queueLength.max)}`, format: (v) => v.toFixed(1) },
  ];
}

function formatWorkers(s: Summary): string {
  return s.workers.min === s.workers.max ? String(s.workers.min) : `${s.workers.min}–${s.workers.max}`;
}

function finiteMetric(m: ReplicationMetric | undefined): m is ReplicationMetric {
  return m !== undefined && [m.mean, m.halfWidth, m.ci?.[0], m.ci?.[1]].every((v) => typeof v === 'number' && Number.isFinite(v));
}

/**
 * One headline number. With replications covering its metric it shows "mean ± half-width" and this run's
 * own value in the note; `data-value` stays this run's value either way (what scripts and tests read).
 */
function cardHtml(c: Card, reps?: Replications): string {
  const value = c.value === null || !Number.isFinite(c.value) ? '' : String(c.value);
  const m = reps?.metrics[c.metric];
  if (reps && finiteMetric(m)) {
    return `<div class="card ci" data-metric="${escapeHtml(c.metric)}" data-value="${escapeHtml(value)}" data-mean="${m.mean}" data-ci-low="${m.ci[0]}" data-ci-high="${m.ci[1]}">
  <div class="card-label">${escapeHtml(c.label)}</div>
  <div class="card-value">${escapeHtml(c.format(m.mean))} <span class="card-pm">± ${escapeHtml(c.format(m.halfWidth))}</span></div>
  <div class="card-note">${escapeHtml(confidenceText(reps))} CI over ${formatCount(reps.n)} replications<br>this run: <span class="nowrap">${escapeHtml(c.shown)}</span></div>
</div>`;
  }
  return `<div class="card" data-metric="${escapeHtml(c.metric)}" data-value="${escapeHtml(value)}">
  <div class="card-label">${escapeHtml(c.label)}</div>
  <div class="card-value">${escapeHtml(c.shown)}</div>
  <div class="card-note">${escapeHtml(c.note)}</div>
</div>`;
}

/** Every metric of the replications block: mean, interval and the half-width relative to the mean. */
function replicationsTable(s: Summary, reps: Replications): string {
  const rows = Object.entries(reps.metrics).map(([path, m]) => {
    const ok = finiteMetric(m);
    const rel = ok && m.mean !== 0 ? (100 * m.halfWidth) / Math.abs(m.mean) : null;
    const num = (v: number | null | undefined) => `<td class="num" data-value="${ok && v !== null && v !== undefined ? v : ''}">${escapeHtml(ok ? formatMetricValue(s, path, v, m.mean) : '—')}</td>`;
    return `<tr data-metric="${escapeHtml(path)}"><th scope="row">${escapeHtml(path)}</th>${num(m?.mean)}${num(m?.ci?.[0])}${num(m?.ci?.[1])}<td class="num" data-value="${rel ?? ''}">${rel === null ? '—' : `± ${escapeHtml(formatFraction(rel / 100))}`}</td></tr>`;
  });
  const body = rows.length > 0 ? rows.join('\n') : `<tr><td colspan="5" class="empty">The replications block holds no metrics.</td></tr>`;
  return `<div class="table-wrap"><table id="replications">
<caption>${escapeHtml(confidenceText(reps))} confidence intervals over ${formatCount(reps.n)} replications (Student t)</caption>
<thead><tr><th scope="col">Metric</th><th scope="col" class="num">Mean</th><th scope="col" class="num">CI low</th><th scope="col" class="num">CI high</th><th scope="col" class="num">Half-width / mean</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

function secondsCell(v: number | null): string {
  return `<td class="num" data-value="${v === null ? '' : v}">${escapeHtml(formatSeconds(v))}</td>`;
}

const PARTS_HEAD = `<tr><th scope="col">{name}</th><th scope="col" class="num">Requests</th><th scope="col" class="num">Wait mean</th><th scope="col" class="num">Wait p50</th><th scope="col" class="num">Wait p95</th><th scope="col" class="num">Wait p99</th><th scope="col" class="num">Queue mean</th><th scope="col" class="num">Deferred mean</th><th scope="col" class="num">Response mean</th><th scope="col" class="num">Total p95</th><th scope="col" class="num">Total max</th></tr>`;

function partsRow(name: string, p: TimeParts & { count: number }, strong = false): string {
  const th = strong ? `<th scope="row"><strong>${escapeHtml(name)}</strong></th>` : `<th scope="row">${escapeHtml(name)}</th>`;
  return `<tr>${th}<td class="num" data-value="${p.count}">${formatCount(p.count)}</td>${secondsCell(p.wait.mean)}${secondsCell(p.wait.p50)}${secondsCell(p.wait.p95)}${secondsCell(p.wait.p99)}${secondsCell(p.queue.mean)}${secondsCell(p.deferred.mean)}${secondsCell(p.response.mean)}${secondsCell(p.total.p95)}${secondsCell(p.total.max)}</tr>`;
}

function partsTable(id: string, caption: string, column: string, rows: { name: string; parts: TimeParts & { count: number }; strong?: boolean }[]): string {
  const body = rows.length > 0 ? rows.map((r) => partsRow(r.name, r.parts, r.strong)).join('\n') : `<tr><td colspan="11" class="empty">No requests.</td></tr>`;
  return `<div class="table-wrap"><table id="${id}">
<caption>${escapeHtml(caption)}</caption>
<thead>${PARTS_HEAD.replace('{name}', escapeHtml(column))}</thead>
<tbody>
${body}
</tbody></table></div>`;
}

function worstAccounts(s: Summary, n: number): { name: string; parts: TimeParts & { count: number } }[] {
  return Object.entries(s.byAccount)
    .map(([name, parts]) => ({ name, parts }))
    .sort((a, b) => (b.parts.total.p95 ?? -1) - (a.parts.total.p95 ?? -1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, n);
}

/** A window as its vendor writes it: "100 s", "1 h", "1 day". */
function formatWindow(seconds: number | null): string {
  if (seconds === null || !(seconds > 0)) return '?';
  if (seconds % 86400 === 0) return seconds === 86400 ? 'day' : `${seconds / 86400} days`;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} h`;
  if (seconds % 60 === 0 && seconds >= 600) return `${seconds / 60} min`;
  return `${formatCount(seconds)} s`;
}

function capText(l: LimitReport): string {
  switch (l.kind) {
    case 'concurrent':
      return `${formatCount(l.max)} in flight`;
    case 'window':
      return `${formatCount(l.max)} per ${formatWindow(l.window)}${l.windowType ? ` (${l.windowType})` : ''}`;
  }
}

function limitsTable(s: Summary): string {
  const rows = s.deferrals.byLimit.map((l) => {
    const pct = l.max > 0 ? l.peakUse / l.max : null;
    const width = pct === null ? 0 : Math.max(0, Math.min(100, pct * 100));
    const top = l.topKeys[0];
    return `<tr><th scope="row">${escapeHtml(l.id)}</th><td>${escapeHtml(l.kind)}</td><td>${escapeHtml(l.scope)}</td><td class="num">${escapeHtml(capText(l))}</td><td class="num" data-value="${l.keys}">${formatCount(l.keys)}</td><td class="num" data-value="${l.peakUse}">${formatCount(l.peakUse)}</td>
<td class="meter-cell" data-value="${pct ?? ''}"><span class="meter${pct !== null && pct >= 1 ? ' full' : ''}" aria-hidden="true"><span style="width:${width.toFixed(1)}%"></span></span> ${escapeHtml(formatFraction(pct))}</td><td class="num" data-value="${l.deferrals}">${formatCount(l.deferrals)}</td>${secondsCell(l.deferredSeconds)}<td class="wrap">${top && top.deferrals > 0 ? `${escapeHtml(top.key)} (${formatCount(top.deferrals)})` : '<span class="muted">none deferred</span>'}</td></tr>`;
  });
  const body = rows.length > 0 ? rows.join('\n') : `<tr><td colspan="10" class="empty">The scenario has no limits.</td></tr>`;
  return `<div class="table-wrap"><table id="limits">
<caption>Every limit: peak use of its busiest key against the cap, and the deferrals it caused</caption>
<thead><tr><th scope="col">Limit</th><th scope="col">Kind</th><th scope="col">Key</th><th scope="col" class="num">Cap</th><th scope="col" class="num">Keys</th><th scope="col" class="num">Peak use</th><th scope="col">Peak / cap</th><th scope="col" class="num">Deferrals</th><th scope="col" class="num">Deferred time</th><th scope="col">Most deferred key</th></tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

function distList(d: Dist): string {
  const item = (k: string, v: string) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`;
  return `<dl class="stats">${item('seen', formatCount(d.count))}${item('p50', formatSeconds(d.p50))}${item('p95', formatSeconds(d.p95))}${item('max', formatSeconds(d.max))}</dl>`;
}

function freshnessPanels(s: Summary): string {
  const f = s.freshness;
  const hitShare = s.embeds.views > 0 ? s.embeds.cacheHits / s.embeds.views : null;
  // a kind of view that never happened gets a sentence, not a row of dashes
  const panel = (metric: string, title: string, d: Dist, note: string, none: string) =>
    d.count > 0
      ? `<div class="panel" data-metric="${metric}.p95" data-value="${d.p95 ?? ''}"><h3>${escapeHtml(title)}</h3>${distList(d)}<p class="muted">${escapeHtml(note)}</p></div>`
      : `<div class="panel empty-panel" data-metric="${metric}.p95" data-value=""><h3>${escapeHtml(title)}</h3><p class="muted">${escapeHtml(none)}</p></div>`;
  return `<div class="panels">
${panel('freshness.dashboard', 'Dashboards', f.dashboard, 'Age of each source’s data seen by users while their account is active.', 'No dashboard views in this run.')}
${panel('freshness.embed', 'Embedded Klips', f.embed, `Oldest source of the Klip shown to embed viewers · ${formatCount(s.embeds.views)} views, ${formatFraction(hitShare)} from the render cache.`, 'No embedded Klips were viewed in this run.')}
${panel('freshness.email', 'E-mail reports', f.email, `Oldest source in each report at send time · ${formatCount(s.emails.pendingAtSend)} of ${formatCount(s.emails.sent)} sent with a refresh still pending.`, 'No e-mail reports were sent in this run.')}
</div>`;
}

function kvTable(id: string, caption: string, rows: [string, string][]): string {
  return `<div class="table-wrap"><table id="${id}" class="kv">
<caption>${escapeHtml(caption)}</caption>
<tbody>
${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}
</tbody></table></div>`;
}

function requestsRows(s: Summary): [string, string][] {
  const r = s.requests;
  const rows: [string, string][] = Object.entries(r.enqueued)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => [`enqueued: ${k}`, formatCount(v)]);
  rows.push(
    ['enqueued in all', formatCount(r.enqueued.total)],
    ['coalesced (already queued, rule 7)', formatCount(r.coalesced)],
    ['dropped (source disabled)', formatCount(r.dropped)],
    ['started', formatCount(r.started)],
    ['completed', formatCount(r.completed)],
    ['failed', formatCount(r.failed)],
    ['deferred at least once', formatCount(r.deferred)],
    ['deferral episodes', formatCount(r.deferrals)],
    ['pending at end', `${formatCount(r.pendingAtEnd.total)} (queued ${formatCount(r.pendingAtEnd.queued)}, deferred ${formatCount(r.pendingAtEnd.deferred)}, running ${formatCount(r.pendingAtEnd.running)})`],
  );
  return rows;
}

function failureRows(s: Summary): [string, string][] {
  const f = s.failures;
  const shown = f.disabled.slice(0, 10).join(', ');
  return [
    ['failures', formatCount(f.count)],
    ['errors', formatCount(f.byReason.error)],
    ['timeouts', formatCount(f.byReason.timeout)],
    ['auth (revoked tokens)', formatCount(f.byReason.auth)],
    ['retries', formatCount(f.retries)],
    ['disabled sources', `${formatCount(f.disabledSources)}${shown ? `: ${shown}${f.disabled.length > 10 ? ', …' : ''}` : ''}`],
    ['sources with a revoked token', formatCount(f.revokedTokenSources)],
    ['logins', formatCount(s.sessions.logins)],
    ['mean active accounts', s.sessions.meanActiveAccounts.toFixed(1)],
  ];
}

/** The scenario's parameters as path = value rows, capped so a huge model cannot swamp the page. */
export function flattenParams(params: Record<string, unknown>, limit = 400): [string, string][] {
  const out: [string, string][] = [];
  let more = 0;
  const visit = (path: string, v: unknown, depth: number) => {
    if (out.length >= limit) {
      more++;
      return;
    }
    if (v !== null && typeof v === 'object' && depth < 4) {
      if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) {
        out.push([path, v.map((x) => String(x)).join(', ')]);
        return;
      }
      const entries = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x] as const) : Object.entries(v).map(([k, x]) => [path ? `.${k}` : k, x] as const);
      if (entries.length === 0) out.push([path, Array.isArray(v) ? '[]' : '{}']);
      for (const [k, x] of entries) visit(path + k, x, depth + 1);
      return;
    }
    const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
    out.push([path, text.length > 300 ? `${text.slice(0, 300)}…` : text]);
  };
  visit('', params, 0);
  if (more > 0) out.push(['…', `${more} more not shown`]);
  return out;
}

/** Zoom buttons under a time chart (shown by the script when the zoom plugin is present); `peak` in x units. */
function zoomBar(spec: ChartSpec, peak: { min: number; max: number } | null): string {
  if (!spec.clock) return '';
  const peakButton = peak ? `<button type="button" data-zoom="peak" data-min="${peak.min}" data-max="${peak.max}">Busiest hour</button>` : '';
  return `\n  <div class="zoom-bar" data-zoom-for="${spec.id}" hidden>${peakButton}<button type="button" data-zoom="reset">Whole run</button><span class="muted">Drag across a chart to zoom in, Ctrl+drag to pan, pinch on a touch screen.</span></div>`;
}

function chartFigure(spec: ChartSpec, wide = false, height?: number, peak: { min: number; max: number } | null = null): string {
  if (spec.empty !== undefined) return `<p class="chart-empty muted" data-chart-empty="${spec.id}">${escapeHtml(spec.empty)}</p>`;
  const style = height === undefined ? '' : ` style="height:${Math.round(height)}px"`;
  return `<figure class="chart${wide ? ' wide' : ''}">
  <div class="chart-box"${style}><canvas data-chart="${spec.id}" role="img" aria-label="${escapeHtml(spec.description)}"></canvas></div>${zoomBar(spec, peak)}
  <figcaption>${escapeHtml(spec.description)}</figcaption>
</figure>`;
}

interface HtmlOptions {
  /** Chart.js UMD source to inline; default: the installed chart.js; null for none (tables only) */
  chartJs?: string | null;
  /** thresholds and baseline comparison, shown as verdicts at the top */
  gate?: GateReport;
  /** the zone times are shown in; default: the scenario's, else UTC (see reportTimeZone) */
  timeZone?: string;
  /** Hammer.js + chartjs-plugin-zoom to inline after Chart.js; default: the installed ones; null for no zoom */
  zoom?: string | null;
}

/** The whole report as one string; the same result always gives the same bytes. */
export function renderHtml(result: RunResult, opts: HtmlOptions = {}): string {
  const s = result.summary;
  const span = s.span;
  const charts = buildCharts(result, { timeZone: opts.timeZone });
  const clock = clockFor(result, opts.timeZone);
  const chart = (id: ChartSpec['id']) => charts.find((c) => c.id === id)!;
  const chartJs = opts.chartJs === undefined ? loadChartJs() : opts.chartJs;
  const zoom = chartJs ? (opts.zoom === undefined ? loadZoomPlugin() : opts.zoom) : null;
  const peakWindow = s.peaks?.busiestHour ?? null;
  const peak = peakWindow && clock ? { min: Number((peakWindow.start / clock.unitSeconds).toPrecision(6)), max: Number((peakWindow.end / clock.unitSeconds).toPrecision(6)) } : null;
  const data = { summary: s, params: result.params, charts: charts.filter((c) => c.empty === undefined).map((c) => ({ id: c.id, config: c.config, clock: c.clock, units: c.units })) };
  const groups = splitGroups(result);
  const connectors = Object.entries(s.byConnector).map(([name, parts]) => ({ name, parts }));
  const title = `${s.scenario} — refresh-sim report`;
  const reps = replicationsOf(s);

  return `${pageHead(escapeHtml(title), REPORT_CSS)}
<body>
<header class="page-head">
  <p class="eyebrow">refresh-sim report</p>
  <h1 id="scenario-name">${escapeHtml(s.scenario)}</h1>
  <p class="muted">Seed ${escapeHtml(s.seed)} · starts ${escapeHtml(clock ? `${wallDateTime(0, clock)} (${clock.timeZone})` : span.start)} · runs ${escapeHtml(formatSeconds(span.duration))} · statistics after a warm-up of ${escapeHtml(formatSeconds(span.warmup))}</p>
</header>
<main>
${verdictsHtml(s, opts.gate)}
${diagnosisHtml(s)}
${peakHtml(s, clock)}
<section aria-labelledby="h-headline">
  <h2 id="h-headline" class="visually-hidden">Headline numbers</h2>
  <div class="cards">
${headlineCards(s)
  .map((c) => cardHtml(c, reps))
  .join('\n')}
  </div>${reps ? `\n  <p class="muted cards-note">Cards marked ± show the mean and its ${escapeHtml(confidenceText(reps))} confidence interval over ${formatCount(reps.n)} replications; every other number on this page is this run’s (replication 0, seed ${escapeHtml(s.seed)}). See <a href="#h-replications">Replications</a>.</p>` : ''}
</section>
${chartJs ? '' : '<p class="notice" role="status">Interactive charts are unavailable: Chart.js could not be bundled into this report. The tables below hold every number.</p>'}
<section aria-labelledby="h-time">
  <h2 id="h-time">Refresh time: queue, deferred, response</h2>
  <div class="charts">
${chartFigure(chart('wait-distribution'))}
${chartFigure(chart('time-split'))}
  </div>
  ${partsTable('by-trigger', 'Percentiles by trigger (requests enqueued after the warm-up)', 'Trigger', [{ name: 'all', parts: { ...s, count: s.requests.enqueued.total }, strong: true }, ...groups.slice(1).map((g) => ({ name: g.label, parts: s.byTrigger[g.label]! }))])}
  ${partsTable('by-connector', 'Percentiles by connector', 'Connector', connectors)}
  ${partsTable('worst-accounts', `The ${Math.min(10, Object.keys(s.byAccount).length)} accounts with the highest p95 total`, 'Account', worstAccounts(s, 10))}
  ${fairnessHtml(s)}
</section>
<section aria-labelledby="h-load">
  <h2 id="h-load">Over time: the tail and the queue</h2>
  <div class="charts">
${chartFigure(chart('wait-p95-over-time'), true, undefined, peak)}
${chartFigure(chart('queue-over-time'), true, undefined, peak)}
  </div>
</section>
<section aria-labelledby="h-warmup">
  <h2 id="h-warmup">Warm-up</h2>
  <p class="muted">Statistics count only requests enqueued after the warm-up (the first ${escapeHtml(formatSeconds(span.warmup))}); the chart below covers the whole run.</p>
  <div class="charts">
${chartFigure(chart('warmup'), true, undefined, peak)}
  </div>
</section>
<section aria-labelledby="h-limits">
  <h2 id="h-limits">Limits and deferrals</h2>
  <p class="muted">${formatCount(s.deferrals.count)} deferral episodes on ${formatCount(s.deferrals.requests)} requests, ${escapeHtml(formatSeconds(s.deferrals.seconds))} held back in all.</p>
  <div class="charts">
${chartFigure(chart('deferrals-by-limit'), true, Math.min(600, Math.max(200, 110 + 44 * s.deferrals.byLimit.filter((l) => l.deferrals > 0).length)))}
  </div>
  ${limitsTable(s)}
</section>
<section aria-labelledby="h-fresh">
  <h2 id="h-fresh">Freshness</h2>
${freshnessPanels(s)}
  <div class="charts">
${chartFigure(chart('freshness'), true)}
  </div>
</section>
<section aria-labelledby="h-requests">
  <h2 id="h-requests">Requests and failures</h2>
  <div class="two-col">
  ${kvTable('requests', 'Requests', requestsRows(s))}
  ${kvTable('failures', 'Failures, retries and sessions', failureRows(s))}
  </div>
</section>
${
  reps
    ? `<section aria-labelledby="h-replications">
  <h2 id="h-replications">Replications</h2>
  <p class="muted">${formatCount(reps.n)} independent replications of the scenario (replication 0 uses seed ${escapeHtml(s.seed)}). The half-width relative to the mean tells how precise each mean is; add replications to narrow it.</p>
  ${replicationsTable(s, reps)}
</section>
`
    : ''
}<section aria-labelledby="h-params">
  <h2 id="h-params">Scenario parameters</h2>
  ${kvTable('params', 'Parameters of this run', flattenParams(result.params))}
</section>
</main>
<footer class="muted">Generated by refresh-sim. Times are in simulated seconds; percentiles come from streaming histograms (≤ 1 % relative error).</footer>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
${chartJs ? `<script>${inlineScript(zoom ? `${chartJs}\n;\n${zoom}` : chartJs)}</script>` : ''}
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

/** Writes index.html. */
export const writeHtml: Writer = async ({ result, outDir, gate, timeZone }) => {
  const path = join(outDir, HTML_FILE);
  await writeFileAtomic(path, renderHtml(result, { gate, timeZone }));
  return [path];
};
