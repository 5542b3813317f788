// Running the built CLI in tests: exit code, output, and what a directory holds afterwards.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
export const BIN = resolve('dist/src/cli/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `refresh-sim ...args`; `env` is added to a CI-like environment without GITHUB_STEP_SUMMARY. */
export async function cli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  const env = { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '', REFRESH_SIM_DEBUG: '', ...opts.env };
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env, cwd: opts.cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export const tmp = () => mkdtemp(join(tmpdir(), 'refresh-sim-out-'));

/** A stack frame as Node prints them ("    at fn (file:1:2)" or "    at file:1:2"). */
export const STACK_FRAME = /^\s+at .*(:\d+:\d+\)?|native\)?)$/m;

/** Every entry under `dir`, recursively, dot files included, as relative paths. */
export async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, prefix: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      out.push(prefix + e.name);
      if (e.isDirectory()) await walk(join(d, e.name), `${prefix}${e.name}/`);
    }
  };
  await walk(dir, '');
  return out.sort();
}
