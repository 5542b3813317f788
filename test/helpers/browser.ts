// Opening a generated report in the browser tests (Debian's chromium via playwright-core), offline: every
// request that is not a local file is refused and recorded, and so are console errors, page errors and
// dialogs, for the test to assert there were none.
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export interface Opened {
  page: Page;
  /** console errors and uncaught page errors */
  problems: string[];
  /** requests for anything but a local file (all refused) */
  outside: string[];
  /** alert, confirm or prompt messages (all dismissed) */
  dialogs: string[];
}

/** Opens the HTML file at `path` in a new page of `viewport`; with `charts`, waits until a chart canvas exists. */
export async function openReport(browser: Browser, path: string, viewport: { width: number; height: number }, charts = true): Promise<Opened> {
  const page = await browser.newPage({ viewport });
  const opened: Opened = { page, problems: [], outside: [], dialogs: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    opened.outside.push(url);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') opened.problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => opened.problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (!r.url().startsWith('file:') && !opened.outside.includes(r.url())) opened.outside.push(r.url());
  });
  page.on('dialog', async (d) => {
    opened.dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  if (charts) await page.waitForFunction(() => document.querySelectorAll('canvas[data-chart]').length > 0);
  return opened;
}

/** Each chart canvas's id, opaque pixels and aria-label, in page order. */
export function drawnCharts(page: Page): Promise<{ id: string; opaque: number; label: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')].map((c) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let opaque = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) opaque++;
      return { id: c.dataset.chart!, opaque, label: c.getAttribute('aria-label') ?? '' };
    }),
  );
}
