// No empty charts or tables: what did not happen gets a sentence; the start is shown in local time.
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.js';
import { renderHtml } from '../../src/report/html.js';
import { buildSweepCharts, flatZero, xScale } from '../../src/report/sweep-charts.js';
import { renderSweepHtml } from '../../src/report/sweep-html.js';
import type { SweepResult } from '../../src/vocabulary/index.js';
import { fixtureRun } from './fixture.js';

const quietRun = () => {
  const run = fixtureRun();
  const s = run.result.summary;
  for (const l of s.deferrals.byLimit) {
    l.deferrals = 0;
    l.deferredSeconds = 0;
    for (const k of l.topKeys) k.deferrals = 0;
  }
  s.freshness.email = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  return run;
};

describe('presentation', () => {
  it('replaces a deferrals chart with nothing on it by a sentence, in the page and in the PNG set', () => {
    const run = quietRun();
    const spec = buildCharts(run.result).find((c) => c.id === 'deferrals-by-limit')!;
    expect(spec.empty).toBe(`No deferrals in this run: none of the ${run.result.summary.deferrals.byLimit.length} limits held a refresh back.`);
    const html = renderHtml(run.result, { chartJs: null });
    expect(html).not.toContain('data-chart="deferrals-by-limit"');
    expect(html).toContain('data-chart-empty="deferrals-by-limit">No deferrals in this run');
    // the most-deferred-key column says none rather than "key (0)"
    expect(html).not.toMatch(/\(0\)<\/td><\/tr>/);
    expect(html).toContain('<span class="muted">none deferred</span>');
  });

  it('draws bars only for limits that deferred something, and only for views that happened', () => {
    const run = fixtureRun();
    const limits = run.result.summary.deferrals.byLimit;
    limits[0]!.deferrals = 0;
    const charts = buildCharts(run.result);
    const bars = charts.find((c) => c.id === 'deferrals-by-limit')!;
    expect(bars.config.data.labels).toEqual(limits.filter((l) => l.deferrals > 0).map((l) => l.id));
    const zero = limits.filter((l) => l.deferrals === 0).length;
    expect(zero).toBeGreaterThan(0);
    expect(bars.description).toContain(`${zero} other limit${zero === 1 ? '' : 's'} deferred nothing.`);

    const quiet = quietRun();
    const fresh = buildCharts(quiet.result).find((c) => c.id === 'freshness')!;
    expect(fresh.config.data.datasets.map((d) => d.label)).toEqual(['dashboard (while active)', 'embedded Klips']);
    expect(renderHtml(quiet.result, { chartJs: null })).toContain('No e-mail reports were sent in this run.');
  });

  it('shows the start as a local date-time in the scenario’s zone', () => {
    const run = fixtureRun();
    expect(renderHtml(run.result, { chartJs: null })).toContain('starts Mon 4 Mar 2024, 00:00 (UTC)');
    run.result.params.timezone = 'America/New_York';
    expect(renderHtml(run.result, { chartJs: null })).toContain('starts Sun 3 Mar 2024, 19:00 (America/New_York)');
    expect(renderHtml(run.result, { chartJs: null, timeZone: 'Europe/Paris' })).toContain('starts Mon 4 Mar 2024, 01:00 (Europe/Paris)');
  });

  it('gives every chart a unit for its tooltips, and time charts a wall clock', () => {
    for (const c of buildCharts(fixtureRun().result)) {
      expect(Object.keys(c.units ?? {}).length, c.id).toBeGreaterThan(0);
      if (['wait-p95-over-time', 'queue-over-time', 'warmup'].includes(c.id)) expect(c.clock?.timeZone, c.id).toBe('UTC');
    }
  });
});

describe('sweep presentation', () => {
  const sweep = (means: number[], halfWidth: (m: number) => number): SweepResult => ({
    schemaVersion: 1, kind: 'sweep', scenario: 's', scenarioHash: 'h', parameters: [{ path: 'workers', values: means.map((_, i) => i + 1) }],
    replications: 2, confidence: 0.95, seeds: [1, 2], metrics: ['wait.p95', 'deferrals.count'],
    configurations: means.map((m, index) => ({
      index, set: { workers: index + 1 },
      replications: { n: 2, metrics: {
        'wait.p95': { mean: m, halfWidth: halfWidth(m), ci: [m - halfWidth(m), m + halfWidth(m)] },
        'deferrals.count': { mean: 0, halfWidth: 0, ci: [0, 0] },
      } },
    })),
  });

  it('charts no metric that is zero everywhere, and says which in a sentence', () => {
    const r = sweep([100, 50, 20], () => 5);
    expect(flatZero(r, 'deferrals.count')).toBe(true);
    expect(flatZero(r, 'wait.p95')).toBe(false);
    expect(buildSweepCharts(r).map((c) => c.id)).toEqual(['sweep-wait-p95']);
    expect(renderSweepHtml(r, { chartJs: null })).toContain('Not charted, zero in every configuration: <code>deferrals.count</code>.');
  });

  it('never draws or prints a negative lower bound for a quantity that cannot be negative', () => {
    // mean 10 s +- 15 s: the interval is drawn and printed from 0 (values in seconds: all under 2 minutes)
    const r = sweep([60, 10], () => 15);
    const band = buildSweepCharts(r)[0]!.config.data.datasets.find((d) => d.label!.includes('CI low'))!;
    expect((band.data as { y: number }[]).map((p) => p.y)).toEqual([45, 0]);
    const html = renderSweepHtml(r, { chartJs: null });
    expect(html).toContain('10s <span class="muted">[0s, 25s]</span>');
  });

  it('uses a log axis with ticks at the swept values when they span decades, whole-number ticks for whole numbers', () => {
    expect(xScale([2, 4, 8, 16, 32], true)).toEqual({ type: 'logarithmic', ticks: { precision: 0 } });
    expect(xScale([2, 4, 6, 8], true)).toEqual({ type: 'linear', ticks: { precision: 0 } });
    expect(xScale([0.5, 1, 1.5], true)).toEqual({ type: 'linear', ticks: {} });
    expect(xScale(['fifo', 'fair'], false)).toEqual({ type: 'category', labels: ['fifo', 'fair'] });
    const wide = sweep([600, 300, 100, 50, 20], () => 5);
    wide.parameters[0]!.values = [1, 2, 4, 8, 16];
    wide.configurations.forEach((c, i) => (c.set.workers = [1, 2, 4, 8, 16][i]!));
    expect(buildSweepCharts(wide)[0]!.xTicks).toEqual([1, 2, 4, 8, 16]);
    expect(buildSweepCharts(sweep([60, 30], () => 1))[0]!.xTicks).toBeUndefined();
  });
});
