// A sweep's files: sweep.json, sweep.csv, sweep.html and, when the optional canvas is installed, PNG charts.
import { mkdir } from 'node:fs/promises';
import { writeSweepCsv } from './sweep-csv.js';
import { writeSweepHtml } from './sweep-html.js';
import { writeSweepJson } from './sweep-json.js';
import { pngAvailable, writeSweepPng } from './sweep-png.js';
import type { SweepResult } from '../vocabulary/index.js';
import type { SweepSlo } from './sweep-slo.js';

export type { SweepResult };

export async function writeSweepReports(result: SweepResult, outDir: string, opts: { png?: boolean; slos?: readonly SweepSlo[] } = {}): Promise<{ written: string[]; pngSkipped: boolean }> {
  await mkdir(outDir, { recursive: true });
  const written = [
    ...(await writeSweepJson(result, outDir)),
    ...(await writeSweepCsv(result, outDir)),
    ...(await writeSweepHtml(result, outDir, opts.slos)),
  ];
  let pngSkipped = false;
  if (opts.png !== false) {
    if (await pngAvailable()) written.push(...(await writeSweepPng(result, outDir, opts.slos)));
    else pngSkipped = true;
  }
  return { written, pngSkipped };
}
