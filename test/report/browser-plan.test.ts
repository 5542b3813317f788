// plan.html in a real browser (Debian's chromium via playwright-core), on a desktop and a phone: the answer
// on the first screen, no page-level horizontal overflow, the chart drawn with the SLO line and the answer.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReport } from '../helpers/browser.js';
import type { PlanResult, SloCheck } from '../../src/experiment/plan.js';
import { writePlanHtml } from '../../src/report/plan-html.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'reports', 'screenshots');

function check(mean: number, half: number): SloCheck {
  const ci: [number, number] = [mean - half, mean + half];
  return { path: 'wait.p95', op: '<=', limitText: '5m', limit: 300, kind: 'seconds', mean, ci, bound: ci[1], pass: ci[1] <= 300 };
}

/** monday-storm's real plan (README): workers 1, 2, 4, 6, 7, 8 run; 7 is the answer. */
function fixture(): PlanResult {
  const waits: [number, number, number][] = [[1, 10380, 630], [2, 3840, 360], [4, 1090, 130], [6, 337, 66], [7, 170, 55], [8, 76, 37]];
  const rows = waits.map(([value, mean, half]) => {
    const checks = [check(mean, half)];
    return { value, checks, pass: checks[0].pass };
  });
  return { parameter: 'workers', candidates: Array.from({ length: 64 }, (_, i) => i + 1), replications: 5, confidence: 0.95, rows, found: true, answer: 7 };
}

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('plan.html in chromium, desktop and phone', () => {
  let browser: Browser;
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refresh-sim-plan-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    path = await writePlanHtml(fixture(), dir, 'monday-storm');
    await mkdir(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const vp of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
    it(`at ${vp.width} px: the answer on the first screen, no overflow, the chart drawn with the SLO line and the answer`, async () => {
      const { page, problems } = await openReport(browser, path, vp);

      expect(await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }))).toEqual({ scroll: vp.width, client: vp.width });
      const answer = page.locator('#answer');
      expect(await answer.innerText()).toMatch(/^The smallest workers meeting every SLO is 7: at 7, wait\.p95 = 2m 50s \[1m 55s, 3m 45s\]/);
      const b = (await answer.boundingBox())!;
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height).toBeLessThanOrEqual(vp.height);
      expect(b.x + b.width).toBeLessThanOrEqual(vp.width);

      const chart = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-chart="plan-wait-p95"]')!;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let opaque = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) opaque++;
        const c = (globalThis as unknown as { Chart: { getChart(c: unknown): { data: { datasets: { label: string }[] }; getDatasetMeta(i: number): { hidden: boolean | null; data: unknown[] } } } }).Chart.getChart(canvas)!;
        return { opaque, labels: c.data.datasets.map((d) => d.label) };
      });
      expect(chart.opaque).toBeGreaterThan(1000);
      expect(chart.labels).toContain('SLO wait.p95 <= 5m');
      expect(chart.labels).toContain('answer: workers = 7');
      expect(await page.locator('#decision tbody tr').count()).toBe(6);

      if (vp.width > 600) await page.screenshot({ path: join(SHOTS, 'plan-1400.png') });
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
