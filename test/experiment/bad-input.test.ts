// sweep, plan and merge from the command line with hostile input: exit 2 with the flag or file named,
// no stack, nothing written, and refused before any simulation (each case finishes in well under a second
// of simulated work, so a guard checked after the runs would time the test out).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const BIN = 'dist/src/cli/main.js';
const MMC = 'scenarios/mmc.yaml';
const SMALL = ['--set', 'duration=3000', '--set', 'warmup=300', '--set', 'generate.0.sources=4000'];

async function cli(args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '' }, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; signal?: string; stdout: string; stderr: string };
    return { code: e.signal ?? e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir = '';
const OUT = () => join(dir, 'out');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exp-bad-'));
  await writeFile(join(dir, 'file'), 'x');
  await writeFile(join(dir, 'huge-shards.json'), JSON.stringify({ kind: 'refresh-sim-partial', version: 1, mode: 'sweep', shard: { index: 1, count: 1e9 }, design: {}, results: [] }));
  await writeFile(join(dir, 'first-empty.json'), JSON.stringify({ kind: 'refresh-sim-partial', version: 1, mode: 'replications', shard: { index: 1, count: 1 }, design: { scenario: 'mmc', scenarioHash: 'a'.repeat(64), replications: 1, confidence: 0.95, seeds: [1], metrics: ['wait.mean'] }, results: [{ pair: 0, values: { 'wait.mean': 1 } }], first: {} }));
  await writeFile(join(dir, 'not-json.json'), '{');
  execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
});

type Case = [string, () => string[], RegExp];
const s = (...a: string[]) => () => a;

const SWEEP: Case[] = [
  ['a 5000 x 5000 grid', s('sweep', MMC, '--set', 'workers=1..5000', '--set', 'duration=1..5000'), /^the grid of --set values: 5000 x 5000 configurations = 25,000,000 configurations: more than 1,000,000/],
  ['a range of 1e12 values', s('sweep', MMC, '--set', 'workers=1..1e12'), /^--set "workers=1\.\.1e12": .*1,000,000,000,000 values/],
  ['20,000 configurations', s('sweep', MMC, '--set', 'workers=1..20000'), /20,000 values: more than the 10,000 allowed; pass --allow-large/],
  ['--allow-large still has a hard cap', s('sweep', MMC, '--set', 'workers=1..20000', '--replications', '100', '--allow-large'), /2,000,000 runs: more than 1,000,000.*even with --allow-large/],
  ['3 x 5000 runs', s('sweep', MMC, '--set', 'workers=1..5000', '--replications', '3'), /5000 configurations x 3 replications = 15,000 runs: more than the 10,000 allowed; pass --allow-large/],
  ['--replications 1e9', s('sweep', MMC, '--set', 'workers=1..3', '--replications', '1e9'), /^--replications: expected a whole number from 1 to 1000000 \(got "1e9"\)/],
  ['--replications 1000000000', s('sweep', MMC, '--set', 'workers=1..3', '--replications', '1000000000'), /^--replications: .*\(got 1000000000\)/],
  ['--replications 0', s('sweep', MMC, '--set', 'workers=1..3', '--replications', '0'), /^--replications: /],
  ['--replications -1', s('sweep', MMC, '--set', 'workers=1..3', '--replications=-1'), /^--replications: /],
  ['--replications 2.5', s('sweep', MMC, '--set', 'workers=1..3', '--replications', '2.5'), /^--replications: /],
  ['--replications abc', s('sweep', MMC, '--set', 'workers=1..3', '--replications', 'abc'), /^--replications: /],
  ['--replications twice', s('sweep', MMC, '--set', 'workers=1..3', '--replications', '2', '--replications', '3'), /^--replications: given more than once/],
  ['--jobs 0', s('sweep', MMC, '--set', 'workers=1..3', '--jobs', '0'), /^--jobs: expected a whole number >= 1/],
  ['--jobs -4', s('sweep', MMC, '--set', 'workers=1..3', '--jobs=-4'), /^--jobs: /],
  ['--jobs 1.5', s('sweep', MMC, '--set', 'workers=1..3', '--jobs', '1.5'), /^--jobs: /],
  ['--jobs many', s('sweep', MMC, '--set', 'workers=1..3', '--jobs', 'many'), /^--jobs: /],
  ['--shard 1/1e9', s('sweep', MMC, '--set', 'workers=1..3', '--shard', '1/1e9'), /^--shard: expected i\/n/],
  ['--shard 1/1000000000', s('sweep', MMC, '--set', 'workers=1..3', '--shard', '1/1000000000'), /^--shard 1\/1000000000: 1000000000 shards is more than 1000000/],
  ['--shard 1/100 of 15 runs', s('sweep', MMC, '--set', 'workers=1..3', '--shard', '1/100'), /^--shard 1\/100: 100 shards for 15 runs; at most one shard per run/],
  ['--shard 4/3', s('sweep', MMC, '--set', 'workers=1..3', '--shard', '4/3'), /^--shard: /],
  ['--set without a value', s('sweep', MMC, '--set'), /^--set: give at least one path=values/],
  ['a value listed twice', s('sweep', MMC, '--set', 'workers=1,1'), /^--set "workers=1,1": 1 is listed twice/],
  ['--metric without a value', s('sweep', MMC, '--set', 'workers=1..3', '--metric'), /^--metric: expects a summary path/],
  ['an empty --metric', s('sweep', MMC, '--set', 'workers=1..3', '--metric', ''), /^--metric\[0\]: an empty path/],
  ['a --metric no summary has (checked before running)', s('sweep', MMC, '--set', 'workers=1..3', '--metric', 'wiat.p95'), /^--metric\[0\]: unknown path "wiat\.p95" in summary\.json/],
  ['a --metric that is not a number', s('sweep', MMC, '--set', 'workers=1..3', '--metric', 'wait'), /^--metric\[0\]: "wait" in summary\.json is not a number/],
  ['a path the scenario lacks', s('sweep', MMC, '--set', 'wrkers=1..3'), /wrkers/],
  ['a missing scenario', s('sweep', 'scenarios/nope.yaml', '--set', 'workers=1..3'), /nope\.yaml/],
  ['a FIFO as the scenario (would block forever)', () => ['sweep', join(dir, 'fifo.yaml'), '--set', 'workers=1..3'], /fifo\.yaml: is not a regular file/],
  ['/dev/urandom as the scenario (never ends)', s('sweep', '/dev/urandom', '--set', 'workers=1..3'), /^\/dev\/urandom: is not a regular file/],
  ['a directory as the scenario', s('sweep', 'scenarios', '--set', 'workers=1..3'), /^scenarios: is a directory/],
  ['--shard twice', s('sweep', MMC, '--set', 'workers=1..3', '--shard', '1/2', '--shard', '2/2'), /^--shard: given more than once/],
  ['every bad flag at once', s('sweep', MMC, '--set', 'workers=3..1', '--replications', '0', '--jobs', 'x', '--shard', '0/0'), /workers=3\.\.1.*\n--replications: .*\n--shard: .*\n--jobs: /],
];

const OUTS: Case[] = [
  ['sweep --out /dev/null', s('sweep', MMC, '--set', 'workers=4', ...SMALL, '--out', '/dev/null'), /^--out \/dev\/null: exists and is not a directory/],
  ['sweep --out ""', s('sweep', MMC, '--set', 'workers=4', ...SMALL, '--out', ''), /^--out: an empty path is not a directory/],
  ['sweep --out a file', () => ['sweep', MMC, '--set', 'workers=4', ...SMALL, '--out', join(dir, 'file')], /exists and is not a directory/],
  ['sweep --out under a file', () => ['sweep', MMC, '--set', 'workers=4', ...SMALL, '--out', join(dir, 'file', 'x')], /a part of the path is a file/],
  ['sweep --out twice', s('sweep', MMC, '--set', 'workers=4', '--out', 'a', '--out', 'b'), /^--out: given more than once/],
  ['merge --out twice', () => ['merge', join(dir, 'huge-shards.json'), '--out', 'a', '--out', 'b'], /^--out: given more than once/],
  ['sweep --out under /proc', s('sweep', MMC, '--set', 'workers=4', ...SMALL, '--out', '/proc/refresh-sim/x'), /^--out \/proc\/refresh-sim\/x: cannot create the output directory/],
  ['plan --out /dev/null', s('plan', MMC, '--vary', 'workers=4..5', '--slo', 'wait.p95<=5m', ...SMALL, '--out', '/dev/null'), /^--out \/dev\/null: /],
  ['merge --out /dev/null', () => ['merge', join(dir, 'huge-shards.json'), '--out', '/dev/null'], /^--out \/dev\/null: /],
];

const PLAN: Case[] = [
  ['100,000 replications', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait.p95<=5m', '--replications', '100000'), /up to 3 values x 100000 replications = 300,000 runs: more than the 10,000 allowed; pass --allow-large/],
  ['a range of 1e12 candidates', s('plan', MMC, '--vary', 'workers=1..1e12', '--slo', 'wait.p95<=5m'), /^--vary "workers=1\.\.1e12": /],
  ['an SLO with ==', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait.p95 == 5m'), /^--slo\[0\] "wait\.p95 == 5m": an SLO must be one of/],
  ['an infinite SLO limit', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait.p95 < 1e400'), /^--slo\[0\]: "1e400" is out of range/],
  ['an SLO without a limit', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait.p95 <'), /^--slo\[0\]: /],
  ['an SLO on a path no summary has (checked before running)', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wiat.p95 < 5m'), /^--slo\[0\]: unknown path "wiat\.p95"/],
  ['a duration SLO on a ratio (checked before running)', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'utilisation.mean <= 5m'), /^--slo\[0\] "utilisation\.mean <= 5m": "5m" is a duration but utilisation\.mean is not a time/],
  ['a percentage SLO on a time', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait.p95 <= 5%'), /is a percentage but wait\.p95 is a time/],
  ['an SLO on an object', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait < 5m'), /^--slo\[0\]: "wait" in summary\.json is not a number/],
  ['/dev/urandom as the scenario', s('plan', '/dev/urandom', '--vary', 'workers=1..3', '--slo', 'wait.p95<=5m'), /^\/dev\/urandom: is not a regular file/],
  ['--set without a value', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait.p95<=5m', '--set'), /^--set: expects path=value/],
  ['--jobs 0', s('plan', MMC, '--vary', 'workers=1..3', '--slo', 'wait.p95<=5m', '--jobs', '0'), /^--jobs: /],
  ['--vary twice', s('plan', MMC, '--vary', 'workers=1..3', '--vary', 'workers=4..5', '--slo', 'wait.p95<=5m'), /^--vary: given more than once/],
  ['--vary of words', s('plan', MMC, '--vary', 'workers=a,b', '--slo', 'wait.p95<=5m'), /--vary workers: the values must be numbers/],
  ['--set conflicting with --vary', s('plan', MMC, '--vary', 'workers=1..3', '--set', 'workers=2', '--slo', 'wait.p95<=5m'), /--set workers conflicts with --vary workers/],
  ['every bad flag at once', s('plan', MMC, '--vary', 'workers=3..1', '--slo', 'x', '--replications', '-1'), /workers=3\.\.1.*\n--slo\[0\]: .*\n--replications: /],
];

const MERGE: Case[] = [
  ['a partial claiming 1e9 shards', () => ['merge', join(dir, 'huge-shards.json'), '--out', OUT()], /huge-shards\.json: shard\.count: Too big/],
  ['a tampered first: {}', () => ['merge', join(dir, 'first-empty.json'), '--out', OUT()], /first-empty\.json: first\.schemaVersion: /],
  ['a missing file', () => ['merge', join(dir, 'nope.json'), '--out', OUT()], /nope\.json: file not found/],
  ['a directory', () => ['merge', dir, '--out', OUT()], /: is a directory, not a file/],
  ['not JSON', () => ['merge', join(dir, 'not-json.json'), '--out', OUT()], /not-json\.json: not JSON/],
  ['a scenario file', () => ['merge', MMC, '--out', OUT()], /mmc\.yaml: not JSON/],
  ['a summary.json', () => ['merge', 'reports/baselines/mmc.summary.json', '--out', OUT()], /mmc\.summary\.json: not a refresh-sim partial result/],
  ['/dev/zero', () => ['merge', '/dev/zero', '--out', OUT()], /\/dev\/zero: is not a regular file/],
];

describe.each([
  ['sweep', SWEEP],
  ['output places', OUTS],
  ['plan', PLAN],
  ['merge', MERGE],
] as const)('%s: bad input is exit 2, named, before any work, nothing written', (_, cases) => {
  it.each(cases)('%s', async (_, args, message) => {
    const a = args();
    const r = await cli(a.includes('--out') ? a : [...a, '--out', OUT()]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(r.stdout).toBe('');
    expect(existsSync(OUT())).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('tmp'))).toEqual([]);
  });
});

describe('--jobs above the runs', () => {
  it('is capped at the runs with one note, and the sweep runs', async () => {
    const out = join(dir, 'jobs');
    const r = await cli(['sweep', MMC, '--set', 'workers=4..5', ...SMALL, '--replications', '1', '--jobs', '250', '--out', out, '--no-png', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual(['--jobs 250: using 2, one per run (2 runs)']);
    expect(await readdir(out)).toContain('sweep.json');
  });
});
