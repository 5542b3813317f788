// `run`'s flags, output place and environment are checked before simulating: exit 2, one line naming
// the flag and the value, no stack trace, and nothing written next to the target.
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, listAll, STACK_FRAME, tmp } from './helpers.js';

const SCENARIO = 'scenarios/default.yaml';

/** [name, extra args (OUT and PARENT replaced), expected message, env] */
type Case = [string, string[], RegExp, Record<string, string>?];

const cases: Case[] = [
  ['--out /dev/null', ['--out', '/dev/null'], /^--out \/dev\/null: exists and is not a directory$/m],
  ['--out naming a file', ['--out', 'PARENT/file'], /^--out .*\/file: exists and is not a directory$/m],
  ['--out under a file', ['--out', 'PARENT/file/sub/dir'], /^--out .*\/file\/sub\/dir: a part of the path is a file/m],
  ['--out ""', ['--out', ''], /^--out: expected a directory path \(got an empty one\)$/m],
  ['--out "  "', ['--out', '  '], /^--out: expected a directory path/m],
  ['--out where nothing can be created', ['--out', '/proc/refresh-sim-test/out'], /^--out \/proc\/refresh-sim-test\/out: /m],
  ['--out twice', ['--out', 'OUT', '--out', 'OUT2'], /^--out: given more than once/m],
  ['--requests-csv-max -1', ['--out', 'OUT', '--requests-csv', '--requests-csv-max', '-1'], /^--requests-csv-max: expected a whole number >= 1 \(got "-1"\)$/m],
  ['--requests-csv-max 0', ['--out', 'OUT', '--requests-csv-max', '0'], /^--requests-csv-max: expected a whole number >= 1/m],
  ['--requests-csv-max 2.5', ['--out', 'OUT', '--requests-csv-max', '2.5'], /^--requests-csv-max: .*\(got "2\.5"\)/m],
  ['--requests-csv-max abc', ['--out', 'OUT', '--requests-csv-max', 'abc'], /^--requests-csv-max: .*\(got "abc"\)/m],
  ['--requests-csv-max 1e400', ['--out', 'OUT', '--requests-csv-max', '1e400'], /^--requests-csv-max: .*\(got "1e400"\)/m],
  ['--seed 1e300', ['--out', 'OUT', '--seed', '1e300'], /^--seed: expected a whole number/m],
  ['--seed 1.5', ['--out', 'OUT', '--seed', '1.5'], /^--seed: /m],
  ['--seed abc', ['--out', 'OUT', '--seed', 'abc'], /^--seed: /m],
  ['--seed= (empty)', ['--out', 'OUT', '--seed='], /^--seed: expected a whole number \(got ""\)$/m],
  ['--replications= (empty)', ['--out', 'OUT', '--replications='], /^--replications: .*\(got ""\)$/m],
  ['--threshold= (empty)', ['--out', 'OUT', '--threshold='], /^--threshold: expected a value after the flag$/m],
  ['--threshold "" (empty)', ['--out', 'OUT', '--threshold', ' '], /^--threshold\[0\]: empty threshold/m],
  ['--set without a value', ['--out', 'OUT', '--set'], /^--set: expected a value after the flag$/m],
  ['--format= (empty)', ['--out', 'OUT', '--format='], /^--format: expected a value after the flag$/m],
  ['--format ,,,', ['--out', 'OUT', '--format', ',,,'], /^--format: name at least one format/m],
  ['--seed twice', ['--out', 'OUT', '--seed', '1', '--seed', '2'], /^--seed: given more than once/m],
  ['--replications 0', ['--out', 'OUT', '--replications', '0'], /^--replications: expected a whole number from 1 to/m],
  ['--replications 1.5', ['--out', 'OUT', '--replications', '1.5'], /^--replications: /m],
  // --replications is read by the one parser run, sweep and plan share (src/cli/flags.ts): digits only, at most
  // 1,000,000; the count of runs is then held to the guards, which name --allow-large
  ['--replications 1e9', ['--out', 'OUT', '--replications', '1e9'], /^--replications: expected a whole number from 1 to 1000000 \(got "1e9"\)$/m],
  ['--replications 1e9 even with --allow-large', ['--out', 'OUT', '--allow-large', '--replications', '1e9'], /^--replications: expected a whole number from 1 to 1000000 \(got "1e9"\)$/m],
  ['--replications 20000', ['--out', 'OUT', '--replications', '20000'], /^--replications 20000 = 20,000 runs: more than the 10,000 allowed; pass --allow-large to run it anyway$/m],
  ['--replications -2', ['--out', 'OUT', '--replications', '-2'], /^--replications: /m],
  ['--precision abc', ['--out', 'OUT', '--precision', 'abc'], /^--precision: /m],
  ['--precision 150%', ['--out', 'OUT', '--precision', '150%'], /^--precision: /m],
  ['--shard 3/2', ['--out', 'OUT', '--replications', '4', '--shard', '3/2'], /^--shard: /m],
  ['--shard x', ['--out', 'OUT', '--replications', '4', '--shard', 'x'], /^--shard: /m],
  ['--shard without --replications', ['--out', 'OUT', '--shard', '1/2'], /^--shard needs a fixed --replications/m],
  ['--shard with an unusable --out', ['--out', '/dev/null', '--replications', '2', '--shard', '1/2'], /^--out \/dev\/null: exists and is not a directory$/m],
  ['--jobs 0 with replications', ['--out', 'OUT', '--replications', '2', '--jobs', '0'], /^--jobs: /m],
  ['--format pdf', ['--out', 'OUT', '--format', 'pdf'], /^--format: unknown format "pdf"/m],
  ['--requests-csv with --replications', ['--out', 'OUT', '--requests-csv', '--replications', '2'], /--requests-csv .*does not go with --replications/m],
  ['--threshold on an unknown path, with --requests-csv', ['--out', 'OUT', '--requests-csv', '--threshold', 'wiat.p95<5m'], /--threshold.*unknown path "wiat\.p95".*did you mean "wait\.p95"/m],
  ['--threshold with a unit that does not fit', ['--out', 'OUT', '--threshold', 'requests.completed<5m'], /--threshold/m],
  ['--threshold that does not parse', ['--out', 'OUT', '--threshold', 'wait.p95 <<'], /--threshold/m],
  ['an unknown option', ['--out', 'OUT', '--frobnicate'], /Unknown argument/m],
  ['GITHUB_STEP_SUMMARY naming a directory', ['--out', 'OUT'], /^GITHUB_STEP_SUMMARY .*: is a directory, not a file$/m, { GITHUB_STEP_SUMMARY: 'PARENT' }],
  ['GITHUB_STEP_SUMMARY in a missing directory', ['--out', 'OUT'], /^GITHUB_STEP_SUMMARY .*: its directory does not exist$/m, { GITHUB_STEP_SUMMARY: 'PARENT/nope/summary.md' }],
  ['GITHUB_STEP_SUMMARY under a file', ['--out', 'OUT'], /^GITHUB_STEP_SUMMARY .*: /m, { GITHUB_STEP_SUMMARY: 'PARENT/file/summary.md' }],
  ['GITHUB_STEP_SUMMARY on a full disk (/dev/full)', ['--out', 'OUT', '--format', 'json'], /^GITHUB_STEP_SUMMARY \/dev\/full: cannot append: no space left on device \(ENOSPC\)$/m, { GITHUB_STEP_SUMMARY: '/dev/full' }],
];

describe('run: bad flags, output places and environments are refused before anything is written', () => {
  it.each(cases)('%s: exit 2, one located line, no stack, nothing written', async (_name, args, message, env) => {
    const parent = await tmp();
    await writeFile(join(parent, 'file'), 'not a directory\n');
    const sub = (s: string) => s.replace('PARENT', parent).replace(/^OUT2$/, join(parent, 'out2')).replace(/^OUT$/, join(parent, 'out'));
    const before = await listAll(parent);
    const r = await cli(['run', SCENARIO, ...args.map(sub)], { env: env && Object.fromEntries(Object.entries(env).map(([k, v]) => [k, sub(v)])) });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout).toBe('');
    expect(await listAll(parent)).toEqual(before); // no report, no .tmp, no staging directory
  });
});

describe('run: every problem at once', () => {
  it('bad flags, a bad --out and a broken scenario are reported together, one line each, before any work', async () => {
    const r = await cli(['run', 'scenarios/broken/wrong-type.yaml', '--seed', 'x', '--format', 'pdf', '--out', '/dev/null', '--requests-csv-max', '0']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^--format: unknown format "pdf"/);
    expect(lines).toContain('--requests-csv-max: expected a whole number >= 1 (got "0")');
    expect(lines).toContain('--seed: expected a whole number (got "x")');
    expect(lines).toContain('--out /dev/null: exists and is not a directory');
    expect(lines.filter((l) => /^scenarios\/broken\/wrong-type\.yaml:\d+:\d+: /.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('run: where the reports go', () => {
  const withName = async (dir: string, name: string) => {
    const text = (await readFile(SCENARIO, 'utf8')).replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`);
    await mkdir(join(dir, 'scenarios'), { recursive: true });
    await writeFile(join(dir, 'scenarios', 'evil.yaml'), text);
    const { cp } = await import('node:fs/promises');
    await cp('scenarios/traces', join(dir, 'scenarios', 'traces'), { recursive: true });
  };

  it.each([
    ['../../../x', 'x'],
    ['/etc', 'etc'],
    ['..', 'evil'],
    ['...', 'evil'],
    ['a/../../b', 'a-..-..-b'],
    ['.hidden', 'hidden'],
  ])('the default output directory for name %j stays inside reports/ (%s)', async (name, slug) => {
    const dir = await tmp();
    await withName(dir, name);
    const r = await cli(['run', 'scenarios/evil.yaml', '--format', 'json', '--quiet'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(await listAll(join(dir, 'reports'))).toEqual([slug, `${slug}/summary.json`]);
    expect((await readdir(dir)).sort()).toEqual(['reports', 'scenarios']);
  });

  it('a second run into its own report directory replaces the whole set: no file of the older run survives', async () => {
    const out = join(await tmp(), 'rep');
    expect((await cli(['run', SCENARIO, '--out', out, '--format', 'json,csv', '--requests-csv', '--requests-csv-max', '10', '--quiet'])).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['refreshes.csv', 'summary.json', 'timeseries.csv']);
    expect((await cli(['run', SCENARIO, '--out', out, '--format', 'json', '--quiet'])).code).toBe(0);
    expect(await listAll(join(out, '..'))).toEqual(['rep', 'rep/summary.json']);
    expect((await stat(out)).mode & 0o777).toBe(0o777 & ~process.umask());
  });

  it('--out naming a folder with the user\'s own files: only our files are written, theirs are kept', async () => {
    const out = await tmp();
    await writeFile(join(out, 'notes.txt'), 'mine\n');
    await mkdir(join(out, 'charts'));
    await writeFile(join(out, 'charts', 'my-drawing.svg'), '<svg/>');
    const r = await cli(['run', SCENARIO, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const files = await listAll(out);
    expect(files).toContain('notes.txt');
    expect(files).toContain('charts/my-drawing.svg');
    expect(files).toContain('summary.json');
    expect(files.filter((f) => f.startsWith('.') || f.includes('/.'))).toEqual([]);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('--out . is written in place: the directory the user stands in is never renamed away', async () => {
    const dir = join(await tmp(), 'here');
    await mkdir(dir);
    const ino = (await stat(dir)).ino;
    const scenario = join(process.cwd(), SCENARIO);
    expect((await cli(['run', scenario, '--out', '.', '--format', 'json', '--quiet'], { cwd: dir })).code).toBe(0);
    expect((await cli(['run', scenario, '--out', '.', '--format', 'json', '--quiet'], { cwd: dir })).code).toBe(0);
    expect((await stat(dir)).ino).toBe(ino);
    expect(await listAll(join(dir, '..'))).toEqual(['here', 'here/summary.json']);
  });

  it('a failing threshold with --quiet still prints each failed and warned threshold on stderr, then exits 99', async () => {
    const out = join(await tmp(), 'q');
    const r = await cli(['run', SCENARIO, '--out', out, '--format', 'json', '--quiet', '--threshold', 'wait.p95<1s', '--threshold', 'warn:utilisation.mean>0.99', '--threshold', 'wait.p50<1h']);
    expect(r.code).toBe(99);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^FAIL\s+wait\.p95/);
    expect(lines[1]).toMatch(/^WARN\s+utilisation\.mean/);
    expect(await readdir(out)).toEqual(['summary.json']);
  });

  it('GITHUB_STEP_SUMMARY gets the Markdown summary appended when it is a writable file', async () => {
    const dir = await tmp();
    const summary = join(dir, 'step.md');
    await writeFile(summary, 'before\n');
    const r = await cli(['run', SCENARIO, '--out', join(dir, 'out'), '--format', 'json', '--quiet'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(summary, 'utf8');
    expect(text.startsWith('before\n')).toBe(true);
    expect(text.length).toBeGreaterThan(100);
  });

  it('an unwritable output directory is refused before simulating (not checkable as root: then it is written)', async () => {
    const parent = await tmp();
    const ro = join(parent, 'ro');
    await mkdir(ro);
    await chmod(ro, 0o555);
    const r = await cli(['run', SCENARIO, '--out', join(ro, 'out'), '--format', 'json']);
    if (process.getuid?.() === 0) {
      expect(r.code).toBe(0); // root may write anywhere
    } else {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^--out .*ro\/out: .*ro is not writable/m);
      expect(r.stderr).not.toMatch(/events in/); // nothing was simulated
      expect(await readdir(ro)).toEqual([]);
    }
  });
});
