// summary.json: the run's numbers, byte-identical for the same scenario and seed.
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { Writer } from './types.js';

export function summaryJson(summary: unknown): string {
  return JSON.stringify(summary, null, 2) + '\n';
}

export const writeJson: Writer = async ({ result, outDir }) => {
  const path = join(outDir, 'summary.json');
  await writeFileAtomic(path, summaryJson(result.summary));
  return [path];
};
