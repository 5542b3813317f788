import { beforeAll, describe, expect, test } from 'vitest';
import { formatPlanTable, parseSlos, runPlan } from '../../src/experiment/plan.js';
import type { RawScenario } from '../../src/scenario/overrides.js';
import { mmcWq } from '../helpers/queueing.js';
import { SMALL, mmcRaw } from './fixtures.js';

let raw: RawScenario;
beforeAll(async () => {
  raw = await mmcRaw();
});

describe('plan', () => {
  // mmc.yaml: lambda = 3.2/s, mu = 1/s. Wq(4) = 0.75 s, Wq(5) = 0.16 s, Wq(6) = 0.04 s: a target of
  // 0.4 s lies far from both neighbours, so the smallest c meeting it is clear.
  const target = 0.4;
  const known = (() => {
    for (let c = 4; ; c++) if (mmcWq(3.2, 1, c) < target) return c;
  })();

  test('finds the smallest worker count meeting the SLO (Erlang C) without running every value', async () => {
    expect(known).toBe(5);
    const r = await runPlan(raw, { vary: { path: 'workers', values: Array.from({ length: 32 }, (_, i) => i + 1) }, slos: parseSlos([`wait.mean <= ${target}`, 'utilisation.mean < 95%']), base: SMALL, replications: 4, jobs: 1 });
    expect(r.found).toBe(true);
    expect(r.answer).toBe(known);
    expect(r.rows.length).toBeLessThan(10);
    const row = r.rows.find((x) => x.value === known)!;
    expect(row.pass).toBe(true);
    expect(row.checks[0].bound).toBe(row.checks[0].ci![1]); // the upper end decides a <= SLO
    expect(r.rows.find((x) => x.value === known - 1)!.pass).toBe(false);
    const table = formatPlanTable(r);
    expect(table).toMatch(/^workers\s+wait\.mean <= 0\.4\s+utilisation\.mean < 95%\s+verdict/);
    expect(table).toContain('smallest workers meeting every SLO: 5');
  });

  test('not met even at the largest value', async () => {
    const r = await runPlan(raw, { vary: { path: 'workers', values: [1, 2, 3] }, slos: parseSlos(['wait.p95 <= 1s']), base: SMALL, replications: 2, jobs: 1 });
    expect(r.found).toBe(false);
    expect(r.answer).toBeNull();
    expect(formatPlanTable(r)).toContain('no workers up to 3 meets every SLO');
  });

  test('SLO syntax and paths are checked', async () => {
    expect(() => parseSlos(['wait.p95 == 5m'])).toThrow(/one of < <= > >=/);
    expect(() => parseSlos(['wait.p95 5m'])).toThrow(/no comparison/);
    expect(() => parseSlos([])).toThrow(/at least one --slo/);
    // a path no summary can hold is refused with the SLOs, before anything runs
    expect(() => parseSlos(['wait.p59 <= 5m'])).toThrow(/--slo\[0\]: unknown path "wait.p59" in summary.json \(did you mean "wait.p50"\?\)/);
    expect(() => parseSlos(['utilisation.mean <= 5m'])).toThrow(/is a duration/);
    // and runPlan still checks SLOs built by hand against the first run
    const byHand = { ...parseSlos(['utilisation.mean <= 0.5'])[0], unit: 'duration' as const };
    await expect(runPlan(raw, { vary: { path: 'workers', values: [4, 5] }, slos: [byHand], base: SMALL, replications: 2, jobs: 1 })).rejects.toThrow(/is a duration/);
  });
});
