// Output places are checked before any work: exit 2 naming the path, nothing left behind, no hang.
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/input-error.js';
import { checkOutputDir, checkStepSummaryFile, writeError } from '../../src/gate/output-check.js';

const tmp = () => mkdtemp(join(tmpdir(), 'out-check-'));

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
}

const linux = existsSync('/proc/self') && existsSync('/sys/kernel');

describe('checkOutputDir', () => {
  it.each([
    ['""', async () => '', /^--out: an empty path is not a directory$/],
    ['blank', async () => '   ', /^--out: an empty path/],
    ['/dev/null', async () => '/dev/null', /^--out \/dev\/null: is a device, FIFO or socket, not a directory$/],
    ['a file', async (d: string) => (await writeFile(join(d, 'f'), 'x'), join(d, 'f')), /: is a file, not a directory$/],
    ['under a file', async (d: string) => (await writeFile(join(d, 'f'), 'x'), join(d, 'f', 'sub')), /a part of the path is a file|is not a directory/],
    ['deep under a file', async (d: string) => (await writeFile(join(d, 'f'), 'x'), join(d, 'f', 'a', 'b')), /is not a directory|a part of the path/],
    ...(linux
      ? ([
          ['under /proc (recursive mkdir would spin forever there)', async () => '/proc/refresh-sim-nope/x', /cannot create the directory/],
          ['read-only /sys', async () => '/sys/kernel', /cannot write there/],
        ] as const)
      : []),
  ] as const)('%s is refused, naming the path', async (_, make, message) => {
    const d = await tmp();
    const out = await make(d);
    expect(await refusal(checkOutputDir(out))).toMatch(message);
    expect(await readdir(d)).not.toContain('sub');
  });

  it('a new directory is proven writable and not left behind; an existing one is kept as it was', async () => {
    const d = await tmp();
    await checkOutputDir(join(d, 'a', 'b', 'c'));
    expect(await readdir(d)).toEqual([]);
    await mkdir(join(d, 'x'));
    await checkOutputDir(join(d, 'x'), '--out');
    expect(await readdir(join(d, 'x'))).toEqual([]);
  });

  it('names the flag it checks', async () => {
    expect(await refusal(checkOutputDir('/dev/null', '--baselines'))).toMatch(/^--baselines \/dev\/null: /);
  });
});

describe('checkStepSummaryFile', () => {
  it.each([
    ['a directory', async (d: string) => d, /is a directory, not a file/],
    ['under a missing directory', async (d: string) => join(d, 'no', 'summary.md'), /its directory .* does not exist/],
    ['under a file', async (d: string) => (await writeFile(join(d, 'f'), 'x'), join(d, 'f', 'summary.md')), /a part of the path is not a directory/],
    ...(linux ? ([['read-only /sys', async () => '/sys/kernel/refresh-sim.md', /cannot create it/]] as const) : []),
  ] as const)('GITHUB_STEP_SUMMARY naming %s is refused, naming it', async (_, make, message) => {
    const d = await tmp();
    const file = await make(d);
    expect(await refusal(checkStepSummaryFile({ GITHUB_STEP_SUMMARY: file }))).toMatch(new RegExp(`^GITHUB_STEP_SUMMARY=.*: ${message.source}`));
  });

  it('unset, empty, an existing file or a new one in a writable directory pass, and nothing is created', async () => {
    const d = await tmp();
    await checkStepSummaryFile({});
    await checkStepSummaryFile({ GITHUB_STEP_SUMMARY: '' });
    await checkStepSummaryFile({ GITHUB_STEP_SUMMARY: join(d, 'new.md') });
    expect(await readdir(d)).toEqual([]);
    await writeFile(join(d, 'old.md'), 'kept');
    await checkStepSummaryFile({ GITHUB_STEP_SUMMARY: join(d, 'old.md') });
  });
});

describe('writeError', () => {
  it.each(['ENOSPC', 'EROFS', 'EACCES', 'ENOTDIR', 'EDQUOT'])('%s while writing is the user\'s to fix', (code) => {
    const e = writeError(Object.assign(new Error('x'), { code }), '--out r');
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/^--out r: cannot write: /);
  });

  it('anything else stays a bug', () => {
    const bug = new TypeError('x');
    expect(writeError(bug, '--out r')).toBe(bug);
  });
});
