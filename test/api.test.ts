// The library API (src/index.ts, the package's export): a scenario in, numbers and reports out.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as sim from '../src/index.js';

describe('library API', () => {
  it('loads, simulates, gates and writes a report through the package entry point', async () => {
    const model = await sim.loadScenario('scenarios/public-embeds.yaml');
    const result = sim.simulate(model);
    expect(sim.summarySchema.safeParse(result.summary).success).toBe(true);
    const gate = sim.evaluateThresholds(result.summary, sim.parseThresholdArgs(['wait.p95 < 1h']).thresholds);
    expect(gate.failed).toBe(false);
    const out = await mkdtemp(join(tmpdir(), 'refresh-sim-api-'));
    await sim.writers.json({ result, outDir: out });
    expect(await readdir(out)).toEqual(['summary.json']);
    expect(sim.summaryJson(result.summary)).toBe(sim.summaryJson(sim.simulate(model).summary));
  });
});
