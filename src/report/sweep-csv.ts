// sweep.csv: one row per configuration: the swept values, the number of replications, then the mean and
// confidence interval (lo, hi) of each metric. Numbers are written in full (shortest round-trip form).
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { SweepResult } from '../vocabulary/index.js';

const SWEEP_CSV = 'sweep.csv';

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function sweepCsv(result: SweepResult): string {
  const params = result.parameters.map((p) => p.path);
  const header = [...params, 'n', ...result.metrics.flatMap((m) => [`${m}.mean`, `${m}.lo`, `${m}.hi`])];
  const rows = result.configurations.map((c) => [
    ...params.map((p) => c.set[p]),
    c.replications.n,
    ...result.metrics.flatMap((m) => {
      const r = c.replications.metrics[m];
      return r ? [r.mean, r.ci[0], r.ci[1]] : [null, null, null];
    }),
  ]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

export async function writeSweepCsv(result: SweepResult, outDir: string): Promise<string[]> {
  const path = join(outDir, SWEEP_CSV);
  await writeFileAtomic(path, sweepCsv(result));
  return [path];
}
