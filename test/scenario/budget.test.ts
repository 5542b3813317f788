import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_BUDGET, MEMORY_BUDGET_BYTES, estimate } from '../../src/scenario/budget.js';
import { loadScenario, parseScenario, scenarioSchema } from '../../src/scenario/index.js';
import { applyOverrides, modelWithOverrides, rawScenarioFromText } from '../../src/scenario/overrides.js';
import { BODY, problemsOf, scenario } from './hostile-helpers.js';

const noTraces = { sessions: [], embedViews: [], refreshes: [] };
const est = (text: string) => {
  const raw = rawScenarioFromText(text, 'x.yaml').data;
  return estimate(scenarioSchema.parse(raw), noTraces);
};

describe('resource guard: refused before anything is generated, at the offending field', () => {
  it.each([
    ['generate count: 10000000', scenario('generate: [ { count: 10000000, prefix: g } ]'), /^hostile.yaml:13:22: generate\[0\].count: too large: 100,000,000 generated sources \(10,000,000 accounts x 10 sources\) would need about \d+\.\d GiB of memory; the whole run about .*, over the budget of 8.0 GiB \(pass --allow-large to run it anyway\)$/],
    ['generate sources: 1e9', scenario('generate: [ { count: 1, prefix: g, sources: 1e9 } ]'), /^hostile.yaml:13:45: generate\[0\].sources: too large: 1,000,000,000 generated sources \(1 accounts x 1,000,000,000 sources\)/],
    ['clients: 1e6 each', scenario('generate: [ { count: 1000, prefix: g, kind: partner, sources: 1, clients: { count: 1000000 } } ]'), /generate\[0\].clients.count: too large: 1,000,000,000 generated client sources \(1,000,000,000 accounts x 1 sources\)/],
    ['bucket: 1ms', scenario('bucket: 1ms'), /^hostile.yaml:13:9: bucket: too large: 86,400,000 time-series buckets \(duration 1d \/ bucket 1ms\) would need about .* GiB of memory.*over the budget of 8.0 GiB \(pass --allow-large/],
    ['duration: 36500d', BODY.replace('duration: 1d', 'duration: 36500d'), /^hostile.yaml:2:11: duration: too large: 10,512,000 time-series buckets \(duration 36500d \/ bucket 5m\)/],
    ['rate: 1e6/s', scenario('arrivals: [ { type: refresh, rate: 1000000/s } ]'), /^hostile.yaml:13:36: arrivals\[0\].rate: too long: 86,400,000,000 arrivals \(rate 1000000\/s over 1d\) give about 345,600,000,000 simulation events over 1d; the whole run about .*, over the budget of 2,000,000,000 \(pass --allow-large to run it anyway\)$/],
    ['many logins for a long time', scenario('generate: [ { count: 100000, prefix: g, sources: 10, users: 10, logins: { perUserPerDay: 50 } } ]').replace('duration: 1d', 'duration: 365d'), /^hostile.yaml:2:11: duration: too long: 1,000,000 generated sources .* simulation events over 365d/],
  ])('%s', (_label, text, message) => {
    const lines = problemsOf(text);
    expect(lines.filter((l) => message.test(l)), lines.join('\n')).toHaveLength(1);
  });

  it('--allow-large lifts the guard (the estimate is all it checks)', () => {
    const text = scenario('bucket: 10ms');
    expect(problemsOf(text)[0]).toMatch(/bucket: too large/);
    expect(parseScenario(text, 'x.yaml', { allowLarge: true }).bucket).toBe(0.01);
  });

  it('applies to sweep and --set overrides, and can be lifted there too', () => {
    const raw = rawScenarioFromText(BODY, 'x.yaml');
    expect(() => modelWithOverrides(raw, [{ path: 'duration', value: '36500d' }])).toThrow(/duration: too large: .*\(with --set duration=36500d\)/s);
    expect(modelWithOverrides(raw, [{ path: 'duration', value: '400d' }], { allowLarge: true }).duration).toBe(400 * 86400);
    expect(applyOverrides(raw.data, [{ path: 'duration', value: '36500d' }]).duration).toBe('36500d');
  });
});

describe('the estimate', () => {
  it('every shipped scenario is within the budgets', async () => {
    for (const f of readdirSync('scenarios').filter((x) => /\.ya?ml$/.test(x))) {
      await expect(loadScenario(join('scenarios', f))).resolves.toBeDefined();
    }
  });

  it('bench-week: counts exact for generated entities, memory and events within the calibration', () => {
    const e = est(readFileSync('scenarios/bench-week.yaml', 'utf8'));
    expect([e.accounts, e.sources, e.buckets]).toEqual([4000, 100_000, 672]);
    expect(e.users).toBe(20_000); // the range's maximum: 5 per account (the run drew 11,925)
    // measured: 248 MB peak RSS of the whole `run` command, reports written (355 MB before issue 13), 2.95 M requests
    expect(e.bytes).toBeGreaterThan(248e6);
    expect(e.bytes).toBeLessThan(MEMORY_BUDGET_BYTES / 8);
    expect(e.events).toBeGreaterThan(12e6);
    expect(e.events).toBeLessThan(EVENT_BUDGET / 4);
  });
});

describe('resource guard: every per-account figure of a generator counts', () => {
  it.each([
    ['googleUsers: 1e9', scenario('generate: [ { count: 1, prefix: g, sources: 1, googleUsers: 1000000000 } ]'), /generate\[0\].googleUsers: too large: 1 generated sources \(1 accounts x 1 sources, 1,000,000,000 googleUsers each\) would need about 93.1 GiB/],
    ['klips: 1e9', scenario('generate: [ { count: 1, prefix: g, sources: 1, klips: 1000000000 } ]'), /generate\[0\].klips: too large: .*1,000,000,000 klips each/],
    ['clients klips: 4e8 (found by fuzzing)', scenario('generate: [ { count: 2, prefix: g, kind: partner, sources: 1, clients: { count: 3, klips: 408316264 } } ]'), /generate\[0\].clients.klips: too large: 6 generated client sources \(6 accounts x 1 sources, 408,316,264 klips each\)/],
    ['clients inherit the generator googleUsers', scenario('generate: [ { count: 2, prefix: g, kind: partner, sources: 1, googleUsers: 100000000, clients: { count: 3 } } ]'), /generate\[0\].googleUsers: too large: 6 generated client sources/],
    ['users: 1e9', scenario('generate: [ { count: 2, prefix: g, sources: 1, users: { min: 1, max: 1000000000 } } ]'), /generate\[0\].users: too large: .*1,000,000,000 users each/],
  ])('%s', (_label, text, message) => {
    const lines = problemsOf(text);
    expect(lines.filter((l) => message.test(l)), lines.join('\n')).toHaveLength(1);
  });

  it('a huge id or time zone gives a short message quickly', () => {
    const long = 'x'.repeat(2_000_000);
    const lines = problemsOf(scenario(`workers: { timezone: ${long}, schedule: [ { at: "08:00", workers: 2 } ] }\nname2: ${long}`));
    expect(lines.every((l) => l.length < 400)).toBe(true);
    expect(lines).toHaveLength(2);
  });
});
