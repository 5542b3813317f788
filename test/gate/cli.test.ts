// `compare` and `gate` as a CI job runs them: bad input is exit 2 with one located line per problem and no
// stack; a run that cannot be judged is exit 99; nothing is written on bad input.
import { execFile, execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const BIN = 'dist/src/cli/main.js';
const BASE = 'reports/baselines/default.summary.json';

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir = '';
const f = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gate-cli-'));
  const s = JSON.parse(await readFile(BASE, 'utf8'));
  const empty = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  const write = (name: string, v: unknown) => writeFile(f(name), typeof v === 'string' ? v : JSON.stringify(v));
  await write('none-started.json', { ...s, wait: empty, queue: empty, deferred: empty, response: empty, total: empty, byTrigger: {}, byConnector: {}, byAccount: {} });
  await write('p95-null.json', { ...s, wait: { ...s.wait, p95: null } });
  await write('other-seed.json', { ...s, seed: 2 });
  await write('random.json', { hello: 'world' });
  await write('partial.json', { kind: 'refresh-sim-partial', version: 1, mode: 'sweep' });
  await write('array.json', []);
  await write('no-wait.json', (({ wait: _w, ...rest }) => rest)(s));
  await write('trunc.json', JSON.stringify(s).slice(0, 500));
  await write('empty.json', '');
  await write('string-p95.json', { ...s, wait: { ...s.wait, p95: '25s' } });
});

/** [what, args, exit code, stderr pattern (the located line)] */
const COMPARE: [string, (string | (() => string))[], number, RegExp][] = [
  ['identical', ['compare', BASE, BASE], 0, /^$/],
  ['no request ever started', ['compare', BASE, () => f('none-started.json')], 99, /^$/],
  ['wait.p95 null', ['compare', BASE, () => f('p95-null.json')], 99, /^$/],
  ['no data on a named path only', ['compare', BASE, () => f('none-started.json'), '--no-defaults', '--max-increase', 'byTrigger.login.wait.p95=10%'], 99, /^$/],
  ['a random object', ['compare', BASE, () => f('random.json')], 2, /random\.json: schemaVersion: not a refresh-sim summary\.json/],
  ['a partial', ['compare', BASE, () => f('partial.json')], 2, /partial\.json: is a partial result of --shard/],
  ['an array', ['compare', () => f('array.json'), BASE], 2, /array\.json: not a refresh-sim summary\.json \(expected an object, found an array\)/],
  ['a summary without wait', ['compare', BASE, () => f('no-wait.json')], 2, /no-wait\.json: wait: not a valid summary\.json/],
  ['a string where a number goes', ['compare', BASE, () => f('string-p95.json')], 2, /string-p95\.json: wait\.p95: not a valid summary\.json/],
  ['truncated JSON', ['compare', BASE, () => f('trunc.json')], 2, /trunc\.json: not JSON/],
  ['an empty file', ['compare', BASE, () => f('empty.json')], 2, /empty\.json: is empty/],
  ['a missing file', ['compare', BASE, () => f('nope.json')], 2, /nope\.json: file not found/],
  ['a directory', ['compare', BASE, () => dir], 2, /: is a directory, not a file/],
  ['/dev/zero', ['compare', BASE, '/dev/zero'], 2, /\/dev\/zero: is not a regular file/],
  ['both files bad: both named', ['compare', () => f('random.json'), () => f('nope.json')], 2, /random\.json: .*\n.*nope\.json: file not found/],
  ['different scenarios', ['compare', BASE, 'reports/baselines/mmc.summary.json'], 2, /is scenario "default" but .* is scenario "mmc".*--allow-different-scenario/],
  ['different scenarios, allowed', ['compare', BASE, 'reports/baselines/mmc.summary.json', '--allow-different-scenario', '--no-defaults', '--max-increase', 'utilisation.mean=1000%'], 0, /^warning: .*different scenarios/m],
  ['another seed: a warning', ['compare', BASE, () => f('other-seed.json')], 0, /^warning: the seed differs: 1 in .*, 2 in /m],
  ['--no-defaults with nothing to compare', ['compare', BASE, BASE, '--no-defaults'], 2, /--no-defaults: nothing to compare/],
  ['--no-defaults with a path', ['compare', BASE, BASE, '--no-defaults', '--max-increase', 'wait.p95=10%'], 0, /^$/],
  ['--max-increase without a value', ['compare', BASE, BASE, '--max-increase'], 2, /^--max-increase: expects PATH=TOLERANCE/],
  ['a tolerance without =', ['compare', BASE, BASE, '--max-increase', 'wait.p95'], 2, /--max-increase\[0\]: "wait\.p95" is not PATH=TOLERANCE/],
  ['a negative tolerance', ['compare', BASE, BASE, '--max-increase', 'wait.p95=-5%'], 2, /--max-increase\[0\]: wait\.p95: .*cannot be negative/],
  ['an infinite tolerance', ['compare', BASE, BASE, '--max-increase', 'wait.p95=1e400%'], 2, /out of range/],
  ['a tolerance that is not a number', ['compare', BASE, BASE, '--max-decrease', 'wait.p95=lots'], 2, /--max-decrease\[0\]: wait\.p95: "lots" is not a number/],
  ['an empty tolerance', ['compare', BASE, BASE, '--max-increase', 'wait.p95='], 2, /--max-increase\[0\]: wait\.p95: a value is missing/],
  ['an unknown path', ['compare', BASE, BASE, '--max-increase', 'wiat.p95=10%'], 2, /unknown path "wiat\.p95".*did you mean/],
  ['a path to an object', ['compare', BASE, BASE, '--max-increase', 'wait=10%'], 2, /"wait" in summary\.json is an object, not a number/],
  ['a duration tolerance on a count', ['compare', BASE, BASE, '--max-increase', 'requests.completed=30s'], 2, /a duration tolerance is given for "requests\.completed", which is not a time/],
  ['every bad flag at once', ['compare', BASE, BASE, '--max-increase', 'a', '--max-decrease', 'b'], 2, /--max-increase\[0\].*\n--max-decrease\[0\]/],
  ['--out /dev/null', ['compare', BASE, BASE, '--out', '/dev/null'], 2, /^--out \/dev\/null: exists and is not a directory/],
  ['--out ""', ['compare', BASE, BASE, '--out', ''], 2, /^--out: expected a directory path/],
  ['--out a file', ['compare', BASE, BASE, '--out', BASE], 2, /exists and is not a directory/],
  ['--out twice', ['compare', BASE, BASE, '--out', 'a', '--out', 'b'], 2, /^--out: given more than once/],
  ['a tolerance given twice for one path', ['compare', BASE, BASE, '--max-increase', 'wait.p95=10%', '--max-increase', 'wait.p95=20%'], 2, /^--max-increase\[1\]: wait\.p95: a tolerance for this path is already given/],
];

describe('refresh-sim compare', () => {
  it.each(COMPARE)('%s', async (_, args, code, stderr) => {
    const r = await cli(args.map((a) => (typeof a === 'function' ? a() : a)));
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    if (code === 2) expect(r.stdout).toBe('');
    if (code === 99) expect(r.stdout).toMatch(/cannot be judged/);
  });

  it('--out gets junit.xml and summary.md with the unjudged metrics as failures', async () => {
    const out = join(dir, 'out');
    const r = await cli(['compare', BASE, f('p95-null.json'), '--out', out]);
    expect(r.code).toBe(99);
    expect((await readdir(out)).sort()).toEqual(['compare.html', 'junit.xml', 'summary.md']);
    expect(await readFile(join(out, 'junit.xml'), 'utf8')).toMatch(/<failure message="wait\.p95: baseline [^"]*, current no data: current has no data/);
  });
});

describe('refresh-sim gate: every baseline and scenario checked before a run', () => {
  async function baselines(edit: (d: string) => Promise<unknown>): Promise<string> {
    const d = await mkdtemp(join(tmpdir(), 'gate-bl-'));
    await cp('reports/baselines/mmc.summary.json', join(d, 'mmc.summary.json'));
    await edit(d);
    return d;
  }

  const BASELINE_EDITS: [string, (d: string) => Promise<unknown>, RegExp][] = [
    ['a damaged baseline', async (d: string) => writeFile(join(d, 'mmc.summary.json'), '{"schemaVersion": 1, "scen'), /mmc\.summary\.json: not JSON/],
    ['a baseline that is not a summary', async (d: string) => writeFile(join(d, 'mmc.summary.json'), '{"a": 1}'), /mmc\.summary\.json: schemaVersion: not a refresh-sim summary/],
    ['a baseline of another scenario', async (d: string) => cp('reports/baselines/default.summary.json', join(d, 'mmc.summary.json')), /mmc\.summary\.json: is a baseline of scenario "default", but its name says "mmc"/],
    ['a baseline without a scenario file', async (d: string) => cp('reports/baselines/mmc.summary.json', join(d, 'nosuch.summary.json')), /nosuch\.summary\.json: is a baseline of scenario "mmc", but its name says "nosuch"\n.*nosuch\.yaml/],
    ['a FIFO as the scenario (would block forever)', async (d: string) => (await mkdir(join(d, 'sc')), execFileSync('mkfifo', [join(d, 'sc', 'mmc.yaml')])), /sc\/mmc\.yaml: is not a regular file \(the scenario of baseline/],
    ['a directory named like a baseline', async (d: string) => mkdir(join(d, 'x.summary.json')), /x\.summary\.json: is a directory/],
  ];
  it.each(BASELINE_EDITS)('%s: exit 2 naming it, nothing run or written', async (_, edit, message) => {
    const d = await baselines(edit);
    const out = join(d, 'out');
    const scenarios = (await readdir(d)).includes('sc') ? ['--scenarios', join(d, 'sc')] : [];
    const r = await cli(['gate', '--baselines', d, '--out', out, ...scenarios]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(r.stdout).toBe('');
    expect(await readdir(d)).not.toContain('out');
  });

  it.each([
    ['a missing baselines folder', ['--baselines', '/nonexistent/refresh-sim'], /^--baselines \/nonexistent\/refresh-sim: no such directory/],
    ['a file as the baselines folder', ['--baselines', BASE], /^--baselines .*: not a directory/],
    ['an empty baselines folder', ['--baselines', 'test'], /no <scenario>\.summary\.json baselines found/],
    ['--out /dev/null', ['--out', '/dev/null'], /^--out \/dev\/null: exists and is not a directory/],
    ['--out a file', ['--out', BASE], /exists and is not a directory/],
    ['--out twice', ['--out', 'a', '--out', 'b'], /^--out: given more than once/],
    ['--baselines twice', ['--baselines', 'a', '--baselines', 'b'], /^--baselines: given more than once/],
  ])('%s: exit 2', async (_, args, message) => {
    const r = await cli(['gate', ...args]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('refresh-sim gate: summary.md and the step summary', () => {
  it('writes summary.md and appends it to GITHUB_STEP_SUMMARY, naming the regressed scenario', async () => {
    const d = await mkdtemp(join(tmpdir(), 'gate-md-'));
    // a baseline whose wait was much shorter than the scenario gives: the gate must call it a regression
    const base = JSON.parse(await readFile('reports/baselines/mmc.summary.json', 'utf8')) as { wait: { p95: number } };
    base.wait.p95 = base.wait.p95 / 3;
    await writeFile(join(d, 'mmc.summary.json'), JSON.stringify(base));
    const step = join(d, 'step.md');
    await writeFile(step, 'earlier step\n');
    const out = join(d, 'out');
    const r = await cli(['gate', '--baselines', d, '--out', out], { GITHUB_STEP_SUMMARY: step });
    expect(r.code, r.stderr).toBe(99);
    const md = await readFile(join(out, 'summary.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('## refresh-sim gate — ❌ regression in `mmc`');
    expect(md).toContain('### `mmc`: 1 regression');
    expect(md).toMatch(/\| ❌ regression \| `wait\.p95` \|/);
    expect(await readFile(step, 'utf8')).toBe(`earlier step\n${md}\n`);
  });

  it('refuses an unusable GITHUB_STEP_SUMMARY before running anything', async () => {
    const d = await mkdtemp(join(tmpdir(), 'gate-md-'));
    await cp('reports/baselines/mmc.summary.json', join(d, 'mmc.summary.json'));
    const r = await cli(['gate', '--baselines', d, '--out', join(d, 'out')], { GITHUB_STEP_SUMMARY: '/nonexistent/dir/step.md' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^GITHUB_STEP_SUMMARY \/nonexistent\/dir\/step\.md: its directory does not exist/);
    expect(r.stdout).toBe('');
  });
});
