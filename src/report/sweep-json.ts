// sweep.json: every configuration of a sweep with its replications block; the same sweep gives the same bytes.
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { SweepResult } from '../vocabulary/index.js';

const SWEEP_JSON = 'sweep.json';

export function sweepJson(result: SweepResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}

export async function writeSweepJson(result: SweepResult, outDir: string): Promise<string[]> {
  const path = join(outDir, SWEEP_JSON);
  await writeFileAtomic(path, sweepJson(result));
  return [path];
}
