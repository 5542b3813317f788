// charts/sweep-*.png: the sweep's charts rendered with the run report's PNG renderer (same fonts, same bytes).
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { ChartSpec } from './charts.js';
import { CHARTS_DIR, pngAvailable, renderChartPng } from './png.js';
import { buildSweepCharts } from './sweep-charts.js';
import type { SweepResult } from './sweep-types.js';

export { pngAvailable };

export async function writeSweepPng(result: SweepResult, outDir: string): Promise<string[]> {
  const paths: string[] = [];
  for (const spec of buildSweepCharts(result)) {
    const path = join(outDir, CHARTS_DIR, `${spec.id}.png`);
    // the renderer only reads the config; the id type of the run report's charts does not apply here
    await writeFileAtomic(path, await renderChartPng(spec as unknown as ChartSpec));
    paths.push(path);
  }
  return paths;
}
