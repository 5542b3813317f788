// charts/sweep-*.png: the sweep's charts rendered with the run report's PNG renderer (same fonts, same bytes).
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { ChartSpec } from './charts.js';
import { CHARTS_DIR, pngAvailable, renderChartPng } from './png.js';
import { buildSweepCharts } from './sweep-charts.js';
import type { SweepResult } from '../vocabulary/index.js';
import { buildPolicyCharts } from './sweep-policies.js';
import type { SweepSlo } from './sweep-slo.js';

export { pngAvailable };

/** "monday-storm · workers = 2, 4, 8 · 5 replications each, seeds 1, 2, 3 … · refresh-sim sweep": what a sweep PNG was drawn from. */
function sweepPngFooter(result: SweepResult): string {
  const swept = result.parameters.map((p) => `${p.path} = ${p.values.join(', ')}`).join('; ');
  const seeds = result.seeds.slice(0, 3).join(', ') + (result.seeds.length > 3 ? ' …' : '');
  return `${result.scenario} · ${swept} · ${result.replications} replications each, seeds ${seeds} · refresh-sim sweep`;
}

export async function writeSweepPng(result: SweepResult, outDir: string, slos: readonly SweepSlo[] = []): Promise<string[]> {
  const paths: string[] = [];
  const footer = sweepPngFooter(result);
  for (const spec of [...buildSweepCharts(result, slos), ...buildPolicyCharts(result, slos)]) {
    const path = join(outDir, CHARTS_DIR, `${spec.id}.png`);
    // the renderer only reads the config; the id type of the run report's charts does not apply here
    await writeFileAtomic(path, await renderChartPng(spec as unknown as ChartSpec, footer));
    paths.push(path);
  }
  return paths;
}
