// No empty charts or tables: what did not happen gets a sentence; the start is shown in local time.
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.js';
import { renderHtml } from '../../src/report/html.js';
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
