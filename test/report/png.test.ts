// PNG charts: fixed size, not blank, and byte-for-byte the same for the same input.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.js';
import type { ChartSpec } from '../../src/report/chart-base.js';
import { PNG_HEIGHT, PNG_WIDTH, pngAvailable, pngFooter, renderChartPng, writePng } from '../../src/report/png.js';
import { emptyRun, fixtureRun } from './fixture.js';

const available = await pngAvailable();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe.skipIf(!available && !process.env.CI)('png charts', () => {
  it('renders every chart at the fixed size with several colours', async () => {
    const { result } = fixtureRun();
    for (const spec of buildCharts(result)) {
      const png = PNG.sync.read(await renderChartPng(spec));
      expect([png.width, png.height]).toEqual([PNG_WIDTH, PNG_HEIGHT]);
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
      expect(colours.size, spec.id).toBeGreaterThan(6);
      // the chart is mostly white background, but well over 2% of it is drawn
      let inked = 0;
      for (let i = 0; i < png.data.length; i += 4) if (png.data.readUInt32BE(i) !== 0xffffffff) inked++;
      expect(inked / (png.width * png.height), spec.id).toBeGreaterThan(0.02);
    }
  });

  it('gives identical bytes for the same input across two renders', async () => {
    const { result } = fixtureRun();
    const a = await mkdtemp(join(tmpdir(), 'refresh-sim-png-a-'));
    const b = await mkdtemp(join(tmpdir(), 'refresh-sim-png-b-'));
    dirs.push(a, b);
    const first = await writePng({ result, outDir: a });
    // render something else in between: the shared renderer must keep no state across charts
    await renderChartPng(buildCharts(fixtureRun({ seed: 7 }).result)[0]!);
    const second = await writePng({ result, outDir: b });
    expect(first.map((f) => f.slice(a.length + 1))).toEqual(['wait-distribution', 'time-split', 'wait-p95-over-time', 'queue-over-time', 'warmup', 'deferrals-by-limit', 'freshness'].map((id) => join('charts', `${id}.png`)));
    expect(first).toHaveLength(second.length);
    for (let i = 0; i < first.length; i++) {
      expect((await readFile(first[i]!)).equals(await readFile(second[i]!)), first[i]).toBe(true);
    }
  });

  it('draws axes and titles for a run in which nothing happened', async () => {
    for (const spec of buildCharts(emptyRun().result)) {
      const png = PNG.sync.read(await renderChartPng(spec));
      expect([png.width, png.height], spec.id).toEqual([PNG_WIDTH, PNG_HEIGHT]);
      // the title is ink in the top band: there is some, and the band changes when the title is switched off
      expect(darkPixels(png, 0, TITLE_BAND), spec.id).toBeGreaterThan(300);
      const untitled = PNG.sync.read(await renderChartPng(withoutTitle(spec)));
      expect(changedPixels(png, untitled, 0, TITLE_BAND), spec.id).toBeGreaterThan(300);
      // the axes: an unbroken horizontal line across most of the width, a vertical one down most of the height
      expect(longestRun(png, 'row'), spec.id).toBeGreaterThan(0.75 * png.width);
      expect(longestRun(png, 'column'), spec.id).toBeGreaterThan(0.5 * png.height);
    }
  });

  it('different input gives different pictures', async () => {
    const one = await renderChartPng(buildCharts(fixtureRun().result)[0]!);
    const two = await renderChartPng(buildCharts(fixtureRun({ seed: 7 }).result)[0]!);
    expect(one.equals(two)).toBe(false);
  });
});

it('PNG footers name the scenario, the seed and the local start', () => {
  const { result } = fixtureRun();
  result.params.timezone = 'America/New_York';
  // the fixture starts 2024-03-04T00:00Z: Sunday evening in New York
  expect(pngFooter(result)).toBe(`agency-weekday · seed ${result.summary.seed} · starts Sun 3 Mar 2024, 19:00 (America/New_York) · refresh-sim`);
  expect(pngFooter(result, 'UTC')).toContain('starts Mon 4 Mar 2024, 00:00 (UTC)');
});

it('pngAvailable says whether the optional canvas package loads', async () => {
  const canvasLoads = await import('canvas').then(
    () => true,
    () => false,
  );
  expect(await pngAvailable()).toBe(canvasLoads);
});

/** The same chart with its title switched off (the rest of the configuration shared, not copied). */
function withoutTitle(spec: ChartSpec): ChartSpec {
  const options = spec.config.options ?? {};
  return { ...spec, config: { ...spec.config, options: { ...options, plugins: { ...options.plugins, title: { display: false } } } } as ChartSpec['config'] };
}

/** Rows of the picture where a chart's title is drawn. */
const TITLE_BAND = 40;

function rgb(png: PNG, x: number, y: number): [number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

/** Pixels darker than mid-grey (text, lines) in rows [from, to). */
function darkPixels(png: PNG, from: number, to: number): number {
  let n = 0;
  for (let y = from; y < to; y++) for (let x = 0; x < png.width; x++) if (rgb(png, x, y).reduce((a, b) => a + b) < 600) n++;
  return n;
}

/** Pixels that differ between two pictures of the same size, in rows [from, to). */
function changedPixels(a: PNG, b: PNG, from: number, to: number): number {
  let n = 0;
  for (let y = from; y < to; y++) for (let x = 0; x < a.width; x++) if (rgb(a, x, y).some((v, k) => v !== rgb(b, x, y)[k])) n++;
  return n;
}

/** The longest unbroken run of non-white pixels along any row (or column). */
function longestRun(png: PNG, along: 'row' | 'column'): number {
  const [outer, inner] = along === 'row' ? [png.height, png.width] : [png.width, png.height];
  let best = 0;
  for (let o = 0; o < outer; o++) {
    let run = 0;
    for (let i = 0; i < inner; i++) {
      const [r, g, b] = along === 'row' ? rgb(png, i, o) : rgb(png, o, i);
      run = r < 250 || g < 250 || b < 250 ? run + 1 : 0;
      best = Math.max(best, run);
    }
  }
  return best;
}
