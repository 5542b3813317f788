// The first screen in a real browser (Debian's chromium via playwright-core), on a desktop and a phone:
// monday-storm with a failing threshold shows the verdict, the diagnosis and the busiest hour without
// scrolling; no page-level horizontal overflow; every chart drawn; wall-clock ticks and units in tooltips.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnCharts, openReport } from '../helpers/browser.js';
import { simulate } from '../../src/run/index.js';
import { compareSummaries, evaluateThresholds } from '../../src/gate/index.js';
import { formatDuration, parseThresholdArgs, readSummaryFile, type SweepResult, type RunResult } from '../../src/vocabulary/index.js';
import { writeCompareHtml } from '../../src/report/compare-html.js';
import { buildCharts } from '../../src/report/charts.js';
import { writeHtml } from '../../src/report/html.js';
import { writeSweepHtml } from '../../src/report/sweep-html.js';
import { SWEEP_CHART_METRICS } from '../../src/report/sweep-charts.js';
import { loadScenario } from '../../src/scenario/load.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'reports', 'screenshots');
const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 390, height: 844 },
] as const;

/** A sweep over workers with made-up but plausible numbers: the layout is under test, not the sweep. */
function sweepFixture(): SweepResult {
  const workers = [2, 4, 8, 16];
  return {
    schemaVersion: 1, kind: 'sweep', scenario: 'monday-storm', scenarioHash: 'x'.repeat(64),
    parameters: [{ path: 'workers', values: workers }], replications: 3, confidence: 0.95, seeds: [1, 2, 3], metrics: [...SWEEP_CHART_METRICS],
    configurations: workers.map((w, index) => ({
      index,
      set: { workers: w },
      replications: {
        n: 3, confidence: 0.95,
        metrics: Object.fromEntries(SWEEP_CHART_METRICS.map((m, i) => {
          const mean = (1000 * (i + 1)) / w;
          return [m, { mean, halfWidth: mean / 10, ci: [mean * 0.9, mean * 1.1] as [number, number] }];
        })),
      },
    })),
  };
}

function overflow(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('first screen in chromium, desktop and phone', () => {
  let browser: Browser;
  let dir: string;
  let storm: RunResult;
  let reportPath: string;
  let sweepPath: string;
  let comparePath: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refresh-sim-layout-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const stormModel = await loadScenario(join(process.cwd(), 'scenarios', 'monday-storm.yaml'));
    storm = simulate(stormModel);
    const gate = { thresholds: evaluateThresholds(storm.summary, parseThresholdArgs(['wait.p95<5m']).thresholds) };
    expect(gate.thresholds.failed).toBe(true);
    [reportPath] = await writeHtml({ result: storm, outDir: dir, gate, timeZone: 'America/New_York' });
    [sweepPath] = await writeSweepHtml(sweepFixture(), dir);
    // the shipped baseline against a run with half its workers: regressions to show
    const baseline = (await readSummaryFile('reports/baselines/monday-storm.summary.json')).summary!;
    const half = simulate({ ...stormModel, workers: { kind: 'fixed', workers: 3 } }).summary;
    const result = compareSummaries(baseline, half);
    expect(result.regressed).toBe(true);
    comparePath = await writeCompareHtml({ result, baseline, current: half, files: { baseline: 'reports/baselines/monday-storm.summary.json', current: 'reports/half/summary.json' }, warnings: ['the worker count (min..max) differs: "6..6" in baseline, "3..3" in current'] }, dir);
    await mkdir(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const vp of VIEWPORTS) {
    it(`index.html at ${vp.width} px: FAIL, the diagnosis and the busiest hour on the first screen, no overflow, every chart drawn`, async () => {
      const { page, problems } = await openReport(browser, reportPath!, vp);
      expect(await overflow(page)).toEqual({ scroll: vp.width, client: vp.width });

      const box = (sel: string) => page.locator(sel).boundingBox();
      const verdict = page.locator('#verdicts');
      expect(await verdict.getAttribute('data-status')).toBe('fail');
      expect(await verdict.innerText()).toMatch(new RegExp(`FAIL[^]*wait\\.p95 < 5m[^]*observed ${formatDuration(storm.summary.wait.p95)}, not < 5m`));
      for (const sel of ['#verdicts', '#diagnosis']) {
        const b = (await box(sel))!;
        expect(b.y, sel).toBeGreaterThanOrEqual(0);
        expect(b.y + b.height, sel).toBeLessThanOrEqual(vp.height);
        expect(b.x + b.width, sel).toBeLessThanOrEqual(vp.width);
      }
      expect(await page.locator('#diagnosis').innerText()).toContain('all queueing for a free worker: no limit deferred a refresh');
      // the busiest hour is named on the first screen too (the whole panel on a desktop, its heading on a phone)
      const peak = (await box(vp.width > 600 ? '#peak' : '#h-peak'))!;
      expect(peak.y + peak.height).toBeLessThanOrEqual(vp.height);
      expect(await page.locator('#h-peak').innerText()).toBe('Busiest hour: Mon 5 Jan 2026, 08:00–09:00 (America/New_York)');

      const drawn = await drawnCharts(page);
      expect(drawn.map((d) => d.id)).toEqual(buildCharts(storm).filter((c) => c.empty === undefined).map((c) => c.id));
      for (const d of drawn) expect(d.opaque, d.id).toBeGreaterThan(1000);
      // monday-storm defers nothing: a sentence, not an empty chart
      expect(await page.locator('[data-chart-empty="deferrals-by-limit"]').innerText()).toContain('No deferrals in this run');

      // the time axis reads like a calendar, and a tooltip gives the local time and a unit
      const p95 = page.locator('canvas[data-chart="wait-p95-over-time"]');
      await p95.scrollIntoViewIfNeeded();
      const labels = await p95.evaluate((c) => (globalThis as unknown as { Chart: { getChart(c: unknown): { scales: { x: { ticks: { label: string | string[] }[] } } } } }).Chart.getChart(c)!.scales.x.ticks.map((t) => ([] as string[]).concat(t.label).join(' ')));
      expect(labels.join(' | ')).toMatch(/\d\d:00 Mon 5 Jan/);
      expect(labels.every((l) => /^\d\d:\d\d( (Sun|Mon|Tue) \d+ Jan)?$/.test(l)), labels.join(' | ')).toBe(true);
      const b = (await p95.boundingBox())!;
      // 08:30 in New York is 13.5 h after the start, on an axis of 24 h: hover there
      const area = await p95.evaluate((c) => (globalThis as unknown as { Chart: { getChart(c: unknown): { chartArea: { left: number; right: number; top: number; bottom: number } } } }).Chart.getChart(c)!.chartArea);
      await page.mouse.move(b.x + area.left + ((area.right - area.left) * 13.5) / 24, b.y + (area.top + area.bottom) / 2);
      const tip = await p95.evaluate((c) => {
        const t = (globalThis as unknown as { Chart: { getChart(c: unknown): { tooltip: { title: string[]; body: { lines: string[] }[] } } } }).Chart.getChart(c)!.tooltip;
        return { title: t.title, lines: t.body.flatMap((x) => x.lines) };
      });
      expect(tip.title[0]).toMatch(/^Mon 5 Jan 2026, 08:(2|3)\d$/);
      expect(tip.lines[0]).toMatch(/^p95 wait per 5m bucket: \d+m( \d\ds)?$/);

      // "Busiest hour" zooms every time chart onto 08:00-09:00 New York (13 to 14 h after the start); "Whole run" undoes it
      const ranges = () =>
        page.evaluate(() =>
          ['wait-p95-over-time', 'queue-over-time', 'warmup'].map((id) => {
            const x = (globalThis as unknown as { Chart: { getChart(c: unknown): { scales: { x: { min: number; max: number } } } } }).Chart.getChart(document.querySelector(`canvas[data-chart="${id}"]`))!.scales.x;
            return [x.min, x.max];
          }),
        );
      await page.locator('[data-zoom-for="queue-over-time"] button[data-zoom="peak"]').click();
      expect(await ranges()).toEqual([[13, 14], [13, 14], [13, 14]]);
      await page.locator('[data-zoom-for="queue-over-time"] button[data-zoom="reset"]').click();
      expect(await ranges()).toEqual([[0, 24], [0, 24], [0, 24]]);

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, `monday-storm-${vp.width}.png`) });
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);

    it(`compare.html at ${vp.width} px: the FAIL verdict on the first screen, no overflow, no errors`, async () => {
      const { page, problems } = await openReport(browser, comparePath!, vp, false);
      expect(await overflow(page)).toEqual({ scroll: vp.width, client: vp.width });
      const verdict = (await page.locator('#verdict').boundingBox())!;
      expect(verdict.y + verdict.height).toBeLessThan(vp.height);
      expect(await page.locator('#verdict').innerText()).toMatch(/^FAIL: \d+ regressions? \(wait\./);
      expect(await page.locator('#context tr.differs th').allInnerTexts()).toContain('workers');
      await page.screenshot({ path: join(SHOTS, `compare-${vp.width}.png`) });
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);

    it(`sweep.html at ${vp.width} px: no overflow, every chart drawn, no errors`, async () => {
      const { page, problems } = await openReport(browser, sweepPath!, vp);
      expect(await overflow(page)).toEqual({ scroll: vp.width, client: vp.width });
      const drawn = await drawnCharts(page);
      expect(drawn.length).toBeGreaterThan(0);
      for (const d of drawn) expect(d.opaque, d.id).toBeGreaterThan(1000);
      // a tooltip names the configuration and gives the mean with its interval, in the metric's unit
      const chart = page.locator('canvas[data-chart="sweep-wait-mean"]');
      const b = (await chart.boundingBox())!;
      const area = await chart.evaluate((c) => (globalThis as unknown as { Chart: { getChart(c: unknown): { chartArea: { left: number; top: number; bottom: number } } } }).Chart.getChart(c)!.chartArea);
      await page.mouse.move(b.x + area.left + 1, b.y + (area.top + area.bottom) / 2);
      const tip = await chart.evaluate((c) => {
        const t = (globalThis as unknown as { Chart: { getChart(c: unknown): { tooltip: { title: string[]; body: { lines: string[] }[] } } } }).Chart.getChart(c)!.tooltip;
        return [...t.title, ...t.body.flatMap((x) => x.lines)];
      });
      // workers = 2: mean 1000 / 2 = 500 s, interval +-10 %
      expect(tip).toEqual(['workers = 2', 'wait.mean: 8m 20s [7m 30s, 9m 10s]']);
      if (vp.width < 600) await page.screenshot({ path: join(SHOTS, `sweep-${vp.width}.png`) });
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
