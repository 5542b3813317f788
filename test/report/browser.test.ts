// The HTML report in a real browser (Debian's chromium via playwright-core): offline, no errors,
// every chart drawn, headline numbers right, a hostile scenario name shown as text.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawnCharts, openReport } from '../helpers/browser.js';
import { buildCharts } from '../../src/report/charts.js';
import { writeHtml } from '../../src/report/html.js';
import { fixtureRun, HOSTILE_NAME, withReplications } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(process.cwd(), 'reports', 'screenshots', 'report.png');

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('HTML report in chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refresh-sim-html-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('works offline, draws every chart, shows the summary and escapes the scenario name', async () => {
    // with a replications block, so the ± cards and the Replications table are drawn too
    const run = withReplications(fixtureRun({ scenario: HOSTILE_NAME, hostileIds: true }), 5, { scenario: HOSTILE_NAME, hostileIds: true });
    const [path] = await writeHtml({ result: run.result, outDir: dir });
    const { page, problems, outside, dialogs } = await openReport(browser, path!, { width: 1280, height: 900 });

    // every chart canvas has drawn pixels
    const drawn = await drawnCharts(page);
    expect(drawn.map((d) => d.id)).toEqual(buildCharts(run.result).map((c) => c.id));
    for (const d of drawn) {
      expect(d.opaque, d.id).toBeGreaterThan(1000);
      expect(d.label.length, d.id).toBeGreaterThan(20);
    }

    // headline numbers
    const cards = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll<HTMLElement>('.card[data-metric]')].map((c) => [c.dataset.metric, Number(c.dataset.value)])),
    );
    const s = run.result.summary;
    expect(cards['wait.p95']).toBe(s.wait.p95);
    expect(cards['total.p95']).toBe(s.total.p95);
    expect(cards['utilisation.mean']).toBe(s.utilisation.mean);
    expect(cards['requests.deferred/requests.started']).toBe(s.requests.deferred / s.requests.started);
    expect(cards['emails.pendingAtSendPct']).toBe(s.emails.pendingAtSendPct);

    // replications: mean ± half-width on the cards the block covers, and a row per metric
    const ci = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('.card[data-mean]')].map((c) => [c.dataset.metric, { mean: Number(c.dataset.mean), low: Number(c.dataset.ciLow), high: Number(c.dataset.ciHigh), text: c.textContent ?? '' }]),
      ),
    );
    expect(Object.keys(ci).sort()).toEqual(['emails.pendingAtSendPct', 'queueLength.mean', 'total.p95', 'utilisation.mean', 'wait.p95']);
    const w = run.replications.metrics['wait.p95']!;
    expect(ci['wait.p95']).toMatchObject({ mean: w.mean, low: w.ci[0], high: w.ci[1] });
    expect(ci['wait.p95']!.text).toContain(' ± ');
    expect(ci['wait.p95']!.text).toContain('95% CI over 5 replications');
    expect(await page.locator('#replications tbody tr').count()).toBe(Object.keys(run.replications.metrics).length);
    expect(await page.locator('#h-replications').textContent()).toBe('Replications');

    // the hostile name is text, not markup, and nothing ran
    expect(await page.title()).toContain('</script><script>alert(1)</script>');
    expect(await page.textContent('h1')).toBe(HOSTILE_NAME);
    expect(await page.locator('h1 b').count()).toBe(0);
    const accountCells = await page.locator('#worst-accounts tbody th').allTextContents();
    expect(accountCells).toContain('=HYPERLINK("http://x.example","click")');

    await mkdir(join(process.cwd(), 'reports', 'screenshots'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 60_000);
});
