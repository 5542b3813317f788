// The refresh-sim command as a user runs it: exit codes, messages, files written (or not).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { summarySchema } from '../../src/vocabulary/index.js';

const exec = promisify(execFile);
const BIN = 'dist/src/cli/main.js';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return node([], ...args);
}

async function node(nodeArgs: string[], ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [...nodeArgs, BIN, ...args], { env: { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const tmp = () => mkdtemp(join(tmpdir(), 'refresh-sim-cli-'));

describe('refresh-sim run', () => {
  it('runs the default scenario, prints a summary and writes every report', async () => {
    const out = await tmp();
    const r = await cli('run', 'scenarios/default.yaml', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wait\s+p50/);
    expect(r.stderr).toMatch(/events in .* s wall clock/);
    const files = await readdir(out);
    expect(files.sort()).toEqual(['charts', 'index.html', 'junit.xml', 'summary.json', 'summary.md', 'timeseries.csv']);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summarySchema.safeParse(summary).success).toBe(true);
    expect(JSON.stringify(summary)).not.toMatch(/wall|elapsed/i); // wall-clock figures never enter the summary
  });

  it('determinism: the same scenario and seed give byte-identical summary.json; another seed gives a different one', async () => {
    const [a, b, c] = [await tmp(), await tmp(), await tmp()];
    await cli('run', 'scenarios/default.yaml', '--out', a, '--format', 'json');
    await cli('run', 'scenarios/default.yaml', '--out', b, '--format', 'json');
    await cli('run', 'scenarios/default.yaml', '--out', c, '--format', 'json', '--seed', '2');
    const read = (d: string) => readFile(join(d, 'summary.json'), 'utf8');
    expect(await read(a)).toBe(await read(b));
    expect(await read(a)).not.toBe(await read(c));
  });

  it('without the optional canvas package: every other output is written, and one line says PNGs were skipped', async () => {
    const out = await tmp();
    const r = await node(['--import', './test/cli/no-canvas.mjs'], 'run', 'scenarios/default.yaml', '--out', out);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'summary.json', 'summary.md', 'timeseries.csv']);
    const lines = r.stderr.split('\n').filter((l) => /PNG/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PNG charts skipped.*canvas.*libcairo2-dev/);
  });

  it('--set changes a number of the scenario for one run; a path the file does not have is bad input', async () => {
    const [one, two] = [await tmp(), await tmp()];
    expect((await cli('run', 'scenarios/default.yaml', '--out', one, '--format', 'json', '--set', 'workers=1')).code).toBe(0);
    expect((await cli('run', 'scenarios/default.yaml', '--out', two, '--format', 'json')).code).toBe(0);
    const s1 = JSON.parse(await readFile(join(one, 'summary.json'), 'utf8'));
    const s2 = JSON.parse(await readFile(join(two, 'summary.json'), 'utf8'));
    expect(s1.workers.mean).toBe(1);
    expect(s2.workers.mean).toBe(2);
    expect(s1.wait.mean).toBeGreaterThan(s2.wait.mean);
    const bad = await cli('run', 'scenarios/default.yaml', '--set', 'wrokers=1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/wrokers.*\n.*valid paths nearby: workers/);
  });

  it('--requests-csv writes one row per request', async () => {
    const out = await tmp();
    const r = await cli('run', 'scenarios/public-embeds.yaml', '--out', out, '--format', 'json', '--requests-csv');
    expect(r.code).toBe(0);
    const rows = (await readFile(join(out, 'refreshes.csv'), 'utf8')).trim().split('\n');
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    // every request of the run, warm-up included, has a row; those after the warm-up are the summary's
    expect(rows.length - 1).toBeGreaterThanOrEqual(summary.requests.enqueued.total);
  });

  it('thresholds: a failing error-level threshold exits 99 after writing every output; warn only reports', async () => {
    const out = await tmp();
    const fail = await cli('run', 'scenarios/default.yaml', '--out', out, '--threshold', 'wait.p95<1s', '--threshold', 'warn:utilisation.mean>0.99');
    expect(fail.code).toBe(99);
    expect(fail.stdout).toMatch(/FAIL\s+wait\.p95/);
    expect(fail.stdout).toMatch(/WARN\s+utilisation\.mean/);
    expect((await readdir(out)).sort()).toContain('summary.json');
    const junit = await readFile(join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<failure/);
    const pass = await cli('run', 'scenarios/default.yaml', '--out', await tmp(), '--format', 'json', '--threshold', 'wait.p95 < 5m');
    expect(pass.code).toBe(0);
  });

  it('thresholds on a replicated run judge the mean over the replications', async () => {
    const out = await tmp();
    const r = await cli('run', 'scenarios/mmc.yaml', '--out', out, '--format', 'json', '--replications', '3', '--jobs', '2', '--set', 'duration=20000', '--set', 'warmup=2000', '--threshold', 'wait.mean<10s');
    expect(r.code).toBe(0);
    const s = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    const mean = s.replications.metrics['wait.mean'].mean;
    expect(mean).not.toBe(s.wait.mean);
    expect(r.stdout).toMatch(/replicated metrics: their mean/);
    expect(r.stdout).toContain(`wait.mean = `);
    // a limit between the first replication's value and the mean decides which one was judged
    const between = (mean + s.wait.mean) / 2;
    const judged = await cli('run', 'scenarios/mmc.yaml', '--out', await tmp(), '--format', 'json', '--replications', '3', '--jobs', '2', '--set', 'duration=20000', '--set', 'warmup=2000', '--threshold', `wait.mean ${mean < s.wait.mean ? '<' : '>'} ${between}`);
    expect(judged.code).toBe(0);
  });

  it('a threshold on a path that is not in summary.json is bad input: exit 2, nothing written', async () => {
    const out = join(await tmp(), 'never');
    const r = await cli('run', 'scenarios/default.yaml', '--out', out, '--threshold', 'wiat.p95<5m');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown path "wiat\.p95".*did you mean "wait\.p95"/);
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe('bad input', () => {
  const broken = [
    ['scenarios/broken/syntax.yaml', /syntax\.yaml:\d+:\d+/],
    ['scenarios/broken/unknown-key.yaml', /did you mean/],
    ['scenarios/broken/wrong-type.yaml', /expected/],
    ['scenarios/broken/negative-duration.yaml', /duration/],
    ['scenarios/broken/missing-ref.yaml', /unknown|no such|not defined|missing/i],
  ] as const;

  it.each(broken)('%s: exit 2, file:line:col and field in the message, no stack trace, nothing written', async (file, pattern) => {
    const out = join(await tmp(), 'never');
    const r = await cli('run', file, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).toMatch(/\.yaml:\d+:\d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack frames
    await expect(readdir(out)).rejects.toThrow();
  });

  it('every problem of a file is reported at once', async () => {
    const dir = await tmp();
    const file = join(dir, 'many.yaml');
    await writeFile(file, ['name: many', 'duration: -1d', 'workres: 3', 'warmup: soon', 'accounts:', '  - id: a', '    kind: nope', ''].join('\n'));
    const r = await cli('validate', file);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(r.stderr).toMatch(/many\.yaml:2:\d+: duration/);
    expect(r.stderr).toMatch(/many\.yaml:3:\d+: workres: unknown key .*did you mean `workers`/);
    expect(r.stderr).toMatch(/many\.yaml:4:\d+: warmup/);
    expect(r.stderr).toMatch(/many\.yaml:7:\d+: accounts\[0\]\.kind/);
  });

  it('a missing file and an unknown command exit 2', async () => {
    expect((await cli('run', 'no/such.yaml')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('run', 'scenarios/default.yaml', '--format', 'pdf')).code).toBe(2);
  });

  it('validate accepts every shipped scenario', async () => {
    const files = (await readdir('scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f));
    const r = await cli('validate', ...files);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(files.length);
  });
});

describe('refresh-sim compare and gate', () => {
  it('compare: a regression exits 99, a change within tolerance passes', async () => {
    const dir = await tmp();
    const base = JSON.parse(await readFile('reports/baselines/default.summary.json', 'utf8'));
    const worse = structuredClone(base);
    worse.wait.p95 = base.wait.p95 * 1.5 + 5;
    const slightly = structuredClone(base);
    slightly.wait.p95 = base.wait.p95 * 1.05;
    await writeFile(join(dir, 'base.json'), JSON.stringify(base));
    await writeFile(join(dir, 'worse.json'), JSON.stringify(worse));
    await writeFile(join(dir, 'slightly.json'), JSON.stringify(slightly));
    const r1 = await cli('compare', join(dir, 'base.json'), join(dir, 'worse.json'), '--out', dir);
    expect(r1.code).toBe(99);
    expect(r1.stdout).toMatch(/wait\.p95.*REGRESSION/);
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toMatch(/<failure/);
    const r2 = await cli('compare', join(dir, 'base.json'), join(dir, 'slightly.json'));
    expect(r2.code).toBe(0);
  });

  it('gate: the shipped scenarios match their baselines', async () => {
    const out = await tmp();
    const r = await cli('gate', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/default: no regression/);
  });

  it('gate: a baseline that was better than the current run fails with 99', async () => {
    const dir = await tmp();
    await cp('reports/baselines/default.summary.json', join(dir, 'default.summary.json'));
    const b = JSON.parse(await readFile(join(dir, 'default.summary.json'), 'utf8'));
    b.total.p95 = b.total.p95 / 2;
    await writeFile(join(dir, 'default.summary.json'), JSON.stringify(b));
    const r = await cli('gate', '--baselines', dir, '--out', await tmp());
    expect(r.code).toBe(99);
  });

  it('schema: the published JSON Schemas are the ones the code generates', async () => {
    for (const which of ['scenario', 'summary']) {
      const r = await cli('schema', which);
      expect(r.stdout).toBe(await readFile(`schemas/${which}.schema.json`, 'utf8'));
    }
  });
});
