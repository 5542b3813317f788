// A run killed mid-write, or whose output pipe closes, leaves nothing half-written and no stack trace.
import { spawn, execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, cli, listAll, STACK_FRAME, tmp } from './helpers.js';

const ENV = { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '', REFRESH_SIM_DEBUG: '' };

/** Starts a long run streaming refreshes.csv; resolves once its temporary CSV holds data. */
async function startBigRun(parent: string, out: string) {
  const child = spawn(process.execPath, [BIN, 'run', 'scenarios/bench-week.yaml', '--requests-csv', '--format', 'json', '--out', out], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let writing = false;
  for (let i = 0; i < 600 && !writing; i++) {
    await new Promise((r) => setTimeout(r, 50));
    for (const f of await listAll(parent)) {
      if (/refresh-sim-[^/]+\/\.refreshes\.csv\..*\.tmp$/.test(f) && (await stat(join(parent, f)).catch(() => null))?.size) writing = true;
    }
    if (child.exitCode !== null) break;
  }
  return { child, exited, writing, stderr: () => stderr };
}

describe('killed runs leave nothing behind', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s while refreshes.csv is being written: exit %i, no partial or temporary file', async (signal, code) => {
    const parent = await tmp();
    const run = await startBigRun(parent, join(parent, 'big'));
    expect(run.writing, run.stderr()).toBe(true);
    run.child.kill(signal);
    const end = await run.exited;
    expect(end.code).toBe(code);
    expect(run.stderr()).not.toMatch(STACK_FRAME);
    expect(await listAll(parent)).toEqual([]); // neither the staging directory nor the target
  });

  it('a killed run leaves an older report set exactly as it was, with nothing mixed in', async () => {
    const parent = await tmp();
    const out = join(parent, 'big');
    expect((await cli(['run', 'scenarios/default.yaml', '--out', out, '--format', 'json', '--quiet'])).code).toBe(0);
    const before = await readFile(join(out, 'summary.json'), 'utf8');
    const run = await startBigRun(parent, out);
    expect(run.writing, run.stderr()).toBe(true);
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(143);
    expect(await listAll(parent)).toEqual(['big', 'big/summary.json']);
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe(before);
  });
});

describe('a full disk', () => {
  it.each([
    ['the reports', ['--quiet'], 'out/[\\w./]+'],
    ['the streamed refreshes.csv (the run must stop, not wait for a drain that never comes)', ['--quiet', '--format', 'json', '--requests-csv'], 'out/refreshes\\.csv'],
  ])('ENOSPC while writing %s: exit 2 naming the file, nothing left (a real 64 KiB tmpfs when we may mount one, else /dev/full)', async (_what, args, file) => {
    const dir = await tmp();
    const mounted = await promisify(execFile)('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).then(() => true, () => false);
    try {
      const env: Record<string, string> = mounted ? {} : { GITHUB_STEP_SUMMARY: '/dev/full' };
      const r = await cli(['run', 'scenarios/default.yaml', '--out', join(dir, 'out'), ...args], { env });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(mounted ? new RegExp(`/${file}: cannot write: no space left on device \\(ENOSPC\\)$`, 'm') : /\/dev\/full: cannot append: no space left on device \(ENOSPC\)$/m);
      expect(r.stderr).not.toMatch(/\.tmp|\.out\.refresh-sim-/); // the user's path, not the staging one
      expect(await listAll(dir)).toEqual([]);
    } finally {
      if (mounted) await promisify(execFile)('umount', [dir]);
    }
  });
});

describe('a closed output pipe', () => {
  it('stdout closed before the first write: exit 2, one line on stderr, no stack', async () => {
    const child = spawn(process.execPath, [BIN, 'schema', 'summary'], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^output closed before refresh-sim finished writing \(EPIPE\)$/m);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('run with stdout closed: the reports are published before the console summary, exit 2 without a stack', async () => {
    const out = join(await tmp(), 'piped');
    const child = spawn(process.execPath, [BIN, 'run', 'scenarios/default.yaml', '--out', out, '--format', 'json'], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/EPIPE/);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(await listAll(join(out, '..'))).toEqual(['piped', 'piped/summary.json']);
  });

  it('stdout redirected to a full disk (/dev/full): exit 2, one line, the reports still published', async () => {
    const dir = await tmp();
    const script = `"${process.execPath}" "${BIN}" run scenarios/default.yaml --format json --out "$1/out" >/dev/full 2>"$1/err"; echo "rc=$?"`;
    const { stdout } = await promisify(execFile)('bash', ['-c', script, 'sh', dir], { env: ENV });
    expect(stdout).toBe('rc=2\n');
    const err = await readFile(join(dir, 'err'), 'utf8');
    expect(err).toMatch(/^cannot write the console output: no space left on device \(ENOSPC\)$/m);
    expect(err).not.toMatch(STACK_FRAME);
    expect(await listAll(dir)).toEqual(['err', 'out', 'out/summary.json']);
  });

  it('`refresh-sim ... | head -1` in a shell: head gets its line, refresh-sim exits 0 or 2, never a stack', async () => {
    const script = `"${process.execPath}" "${BIN}" schema scenario 2>"$1/err" | head -1; echo "rc=\${PIPESTATUS[0]}"`;
    const dir = await tmp();
    const { stdout } = await promisify(execFile)('bash', ['-c', script, 'sh', dir], { env: ENV });
    expect(stdout).toMatch(/^\{\n?/);
    expect(stdout).toMatch(/rc=(0|2)\n$/);
    const err = await readFile(join(dir, 'err'), 'utf8');
    expect(err).not.toMatch(STACK_FRAME);
    expect(err).not.toMatch(/internal error/);
  });
});
