// Small scenarios for the experiment tests: scenarios/mmc.yaml cut down with overrides.
import { readRawScenario, type Override, type RawScenario } from '../../src/scenario/overrides.js';
import type { SweepParameter } from '../../src/experiment/sweep.js';

export const MMC_FILE = 'scenarios/mmc.yaml';

/** lambda = 3.2/s, mu = 1/s (mmc.yaml), over a short span and few sources. */
export const SMALL: Override[] = [
  { path: 'duration', value: 3000 },
  { path: 'warmup', value: 300 },
  { path: 'generate.0.sources', value: 4000 },
];

export const SMALL_PARAMS: SweepParameter[] = SMALL.map((o) => ({ path: o.path, values: [o.value] }));

export function mmcRaw(): Promise<RawScenario> {
  return readRawScenario(MMC_FILE);
}
