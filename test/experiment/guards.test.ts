// Size guards and command-line numbers: every class of bad figure is refused before anything is built.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/input-error.js';
import { HARD_MAX_RUNS, MAX_RUNS, checkCount, jobsFor, maxJobs, parseIntegerFlag, parseJobs } from '../../src/experiment/guards.js';
import { Sweep, gridSize, parseSweepSpec } from '../../src/experiment/sweep.js';
import { checkShard, parseShard, shardPairs } from '../../src/experiment/shard.js';
import { checkReplicationCount, parsePrecision, runReplications } from '../../src/experiment/replicate.js';
import { parseSlos, runPlan } from '../../src/experiment/plan.js';
import type { RawScenario } from '../../src/scenario/overrides.js';
import { mmcRaw } from './fixtures.js';
import { defaultOutDir } from '../../src/report/atomic.js';

/** Calls f and returns the InputError's message (fails the test on anything else). */
function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('whole-number flags', () => {
  it.each([
    ['0', /--n: expected a whole number >= 1 \(got 0\)/],
    ['-1', /got "-1"/],
    ['1.5', /got "1.5"/],
    ['1e3', /got "1e3"/],
    ['0x10', /got "0x10"/],
    ['', /got ""/],
    ['abc', /got "abc"/],
    ['NaN', /got "NaN"/],
    ['Infinity', /got "Infinity"/],
    ['99999999999999999999', /whole number/],
    [['2', '3'], /--n: given 2 times/],
    [Number.NaN, /whole number/],
  ] as const)('%j is refused', (value, message) => {
    expect(refusal(() => parseIntegerFlag(value, '--n'))).toMatch(message);
  });

  it.each([
    ['5', 5],
    [' 7 ', 7],
    ['+3', 3],
    [4, 4],
    [['6'], 6],
  ] as const)('%j is read', (value, n) => {
    expect(parseIntegerFlag(value, '--n')).toBe(n);
  });

  it('a range is enforced and named', () => {
    expect(refusal(() => parseIntegerFlag('11', '--n', { min: 1, max: 10 }))).toMatch(/--n: expected a whole number from 1 to 10 \(got 11\)/);
    expect(parseIntegerFlag(undefined, '--n', { fallback: 3 })).toBe(3);
  });
});

describe('--jobs: one parser, capped at the runs and at 4 x CPUs with one note', () => {
  it.each([
    ['250 for 3 runs', '250', 3, 3, /--jobs 250: using 3, one per run \(3 runs\)/],
    ['1e9 digits for 100000 runs', '1000000000', 100_000, maxJobs(), /using \d+, 4 per CPU/],
    ['2 for 10 runs', '2', 10, 2, null],
    ['default for 1 run', undefined, 1, 1, null],
  ] as const)('%s', (_, value, runs, jobs, note) => {
    const notes: string[] = [];
    expect(jobsFor(value, runs, (l) => notes.push(l))).toBe(jobs);
    if (note === null) expect(notes).toEqual([]);
    else {
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatch(note);
    }
  });

  it.each(['0', '-2', '1.5', 'x', '', 'Infinity'])('--jobs %j is exit 2', (value) => {
    expect(refusal(() => parseJobs(value))).toMatch(/^--jobs: expected a whole number/);
    expect(refusal(() => jobsFor(value, 10))).toMatch(/^--jobs: /);
  });
});

describe('counts are checked from the figures', () => {
  it('checkCount names the figure, the cap and the override, and has a hard cap', () => {
    expect(refusal(() => checkCount(MAX_RUNS + 1, MAX_RUNS, 'runs', 'the sweep'))).toBe(`the sweep = 10,001 runs: more than the 10,000 allowed; pass --allow-large to run it anyway`);
    expect(() => checkCount(MAX_RUNS + 1, MAX_RUNS, 'runs', 'the sweep', true)).not.toThrow();
    expect(refusal(() => checkCount(HARD_MAX_RUNS + 1, MAX_RUNS, 'runs', 'x', true))).toMatch(/the most any command takes \(even with --allow-large\)/);
    expect(refusal(() => checkCount(Infinity, MAX_RUNS, 'runs', 'x', true))).toMatch(/more than 1e308/);
  });

  it.each([
    ['workers=1..1e12', /1,000,000,000,000 values: more than 1,000,000/],
    ['workers=1..20000', /20,000 values: more than the 10,000 allowed; pass --allow-large/],
    ['workers=0..1:1e-300', /values: more than 1,000,000/],
    ['workers=-1e308..1e308', /values: more than/],
    ['workers=1e400..2', /not made of finite numbers/],
    ['workers=1..3:0', /step must be positive/],
    ['workers=3..1', /ends \(1\) before it starts \(3\)/],
    ['workers=1e16..1.00000000001e16:1', /values repeat|values: more than/],
    ['workers=' + Array.from({ length: 10_001 }, (_, i) => i).join(','), /a list of 10001 = 10,001 values/],
    ['workers=1,1', /listed twice/],
    ['workers=', /expected a value/],
    ['=1..3', /expected path=values/],
    [' =1..3', /expected path=values/],
    ['workers', /expected path=values/],
  ])('--set %s', (spec, message) => {
    expect(refusal(() => parseSweepSpec(spec))).toMatch(message);
  });

  it('a long spec is read in linear time (no regular-expression backtracking)', () => {
    // not ranges: each is one (string) value, for the scenario validation to refuse
    expect(parseSweepSpec(`workers=1${'.'.repeat(120_000)}x`).values).toHaveLength(1);
    expect(parseSweepSpec(`workers=${'1'.repeat(60_000)}..${'1.'.repeat(60_000)}x`).values).toHaveLength(1);
  });

  it('--allow-large lifts the soft cap on a range, not the hard one', () => {
    expect(parseSweepSpec('workers=1..20000', '--set', { allowLarge: true }).values).toHaveLength(20_000);
    expect(refusal(() => parseSweepSpec('workers=1..2000000', '--set', { allowLarge: true }))).toMatch(/even with --allow-large/);
  });

  it('a 5000 x 5000 grid is refused from its size, before it is built (and before the scenario is read)', () => {
    const big = [
      { path: 'workers', values: Array.from({ length: 5000 }, (_, i) => i + 1) },
      { path: 'duration', values: Array.from({ length: 5000 }, (_, i) => i + 1) },
    ];
    expect(gridSize(big)).toBe(25_000_000);
    const raw = { file: 'x.yaml', text: '', data: {} } as RawScenario; // never read: the guard comes first
    expect(refusal(() => new Sweep(raw, big, { replications: 1 }))).toMatch(/5000 x 5000 configurations = 25,000,000 configurations/);
    expect(refusal(() => new Sweep(raw, big, { replications: 1, allowLarge: true }))).toMatch(/even with --allow-large/);
  });

  it('configurations x replications above the run cap is refused', () => {
    const raw = { file: 'x.yaml', text: '', data: {} } as RawScenario;
    const params = [{ path: 'workers', values: Array.from({ length: 5000 }, (_, i) => i + 1) }];
    expect(refusal(() => new Sweep(raw, params, { replications: 3 }))).toMatch(/5000 configurations x 3 replications = 15,000 runs: more than the 10,000 allowed; pass --allow-large/);
    expect(refusal(() => new Sweep(raw, [{ path: 'workers', values: [1] }], { replications: 0 }))).toMatch(/--replications/);
  });

  it('replication counts: capped, overridable, with a hard limit', async () => {
    expect(refusal(() => checkReplicationCount(1e9))).toMatch(/--replications 1000000000 = 1,000,000,000 runs/);
    expect(refusal(() => checkReplicationCount(20_000))).toMatch(/pass --allow-large/);
    expect(() => checkReplicationCount(20_000, true)).not.toThrow();
    expect(refusal(() => checkReplicationCount(1.5))).toMatch(/whole number/);
    const model = { seed: 1 } as never; // refused before the model is touched
    await expect(runReplications(model, { n: 1e9, jobs: 1 })).rejects.toThrow(/1,000,000,000 runs/);
    await expect(runReplications(model, { n: 0, jobs: 1 })).rejects.toThrow(InputError);
  });
});

describe('default output directory', () => {
  it.each([
    ['mmc', 'reports/mmc-sweep'],
    ['../../../x', 'reports/x-sweep'],
    ['/etc/passwd', 'reports/etc-passwd-sweep'],
    ['..', 'reports/scenario-sweep'],
    ['', 'reports/scenario-sweep'],
    ['a b/c\\d', 'reports/a-b-c-d-sweep'],
  ])('a scenario named %j sweeps into %s (never outside reports/)', (name, dir) => {
    expect(defaultOutDir(name, 'scenario', '-sweep').split('\\').join('/')).toBe(dir);
  });
});

describe('shards', () => {
  it.each(['0/3', '4/3', '1/0', '1/1e9', 'a/b', '1/', '/3', '1/99999999999999999', '-1/3', ''])('--shard %j is refused', (text) => {
    expect(refusal(() => parseShard(text))).toMatch(/^--shard/);
  });

  it('a shard count is at most the runs; shard pairs are made directly', () => {
    expect(refusal(() => parseShard('1/1000000000'))).toMatch(/1000000000 shards is more than 1000000/);
    expect(refusal(() => checkShard({ index: 1, count: 100 }, 40))).toMatch(/100 shards for 40 runs; at most one shard per run/);
    expect(shardPairs(10, { index: 3, count: 4 })).toEqual([2, 6]);
    expect(shardPairs(1_000_000, { index: 1, count: 1_000_000 })).toEqual([0]);
  });
});

describe('--precision and --slo', () => {
  it.each(['0', '0%', '100%', '1', '150%', '-5%', '5%%', 'abc', '', '1e-3', '5 %x', '1'.repeat(50) + '%'])('--precision %j is refused', (text) => {
    expect(refusal(() => parsePrecision(text))).toMatch(/^--precision/);
  });

  it('reads 5% and 0.05; refuses empty or too many precision metrics', () => {
    expect(parsePrecision('5%').relHalfWidth).toBeCloseTo(0.05);
    expect(parsePrecision('0.05').relHalfWidth).toBeCloseTo(0.05);
    expect(refusal(() => parsePrecision('5%', ['']))).toMatch(/--precision-metric\[0\]: an empty path/);
    expect(refusal(() => parsePrecision('5%', Array.from({ length: 101 }, (_, i) => `m${i}`)))).toMatch(/at most 100/);
    expect(refusal(() => parsePrecision('5%', ['wait.mean', 'wiat.mean', 'wait']))).toBe('--precision-metric[1]: unknown path "wiat.mean" in summary.json (did you mean "wait.mean"?)\n--precision-metric[2]: "wait" in summary.json is not a number (name one of its numbers, e.g. wait.p95)');
    expect(parsePrecision('5%', ['byTrigger.login.wait.mean']).metrics).toEqual(['byTrigger.login.wait.mean']);
  });

  it.each([
    ['wait.p95 == 5m', /must be one of < <= > >=/],
    ['wait.p95 < 1e400', /out of range/],
    ['wait.p95 <', /no limit/],
    ['< 5m', /no path/],
    ['wait.p95 5m', /no comparison/],
  ])('--slo %j is refused', (text, message) => {
    expect(refusal(() => parseSlos([text]))).toMatch(message);
  });

  it('plan: the most runs the search can need is checked before anything runs', async () => {
    const raw = await mmcRaw();
    const slos = parseSlos(['wait.p95 <= 5m']);
    await expect(runPlan(raw, { vary: { path: 'workers', values: [1, 2, 3] }, slos, replications: 100_000, jobs: 1 })).rejects.toThrow(/up to 3 values x 100000 replications = 300,000 runs: more than the 10,000 allowed; pass --allow-large/);
    await expect(runPlan(raw, { vary: { path: 'workers', values: [] }, slos, jobs: 1 })).rejects.toThrow(/no values/);
    await expect(runPlan(raw, { vary: { path: 'workers', values: ['x'] }, slos, jobs: 1 })).rejects.toThrow(/must be numbers/);
  });
});
