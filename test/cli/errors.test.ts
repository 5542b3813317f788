// The exit-code contract: which errors are the user's to fix (2) and which are bugs (1), and the debug switch.
import { describe, expect, it } from 'vitest';
import { classifyError, debugRequested, ExitCode } from '../../src/cli/errors.js';
import { InputError } from '../../src/input-error.js';
import { ScenarioError } from '../../src/scenario/problems.js';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, cli, listAll, STACK_FRAME, tmp } from './helpers.js';

const errno = (code: string, syscall: string, path?: string) => Object.assign(new Error(`${code}: boom, ${syscall} '${path}'`), { code, syscall, path });

describe('classifyError', () => {
  it('InputError and ScenarioError are exit 2, printed as they are, without a stack', () => {
    expect(classifyError(new InputError('--out x: bad'))).toEqual({ code: 2, message: '--out x: bad' });
    const v = classifyError(new ScenarioError([{ file: 's.yaml', line: 3, column: 5, path: 'workers', message: 'expected a number' }]));
    expect(v).toEqual({ code: 2, message: 's.yaml:3:5: workers: expected a number' });
  });

  it.each(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EDQUOT', 'EEXIST', 'ENAMETOOLONG', 'ELOOP', 'EMFILE'])(
    'a file system error %s naming a path is exit 2, one line with the path',
    (code) => {
      const v = classifyError(errno(code, 'open', '/some/where/summary.json'));
      expect(v.code).toBe(ExitCode.badInput);
      expect(v.message).toMatch(new RegExp(`^/some/where/summary\\.json: open: .*\\(${code}\\)$`));
    },
  );

  it('a closed pipe is exit 2', () => {
    expect(classifyError(errno('EPIPE', 'write')).code).toBe(2);
  });

  it('anything else is a bug: exit 1, said so, the stack only in debug mode', () => {
    const plain = classifyError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(plain.code).toBe(ExitCode.internal);
    expect(plain.message).toMatch(/^internal error \(a bug in refresh-sim\): Cannot read properties/);
    expect(plain.message).toMatch(/--debug or REFRESH_SIM_DEBUG=1/);
    expect(plain.message).not.toMatch(STACK_FRAME);
    const debug = classifyError(new TypeError('oops'), true);
    expect(debug.code).toBe(1);
    expect(debug.message).toMatch(STACK_FRAME);
    expect(classifyError('a string').code).toBe(1);
    expect(classifyError(Object.assign(new Error('x'), { code: 'ERR_STREAM_DESTROYED' })).code).toBe(1);
  });

  it('debugRequested: --debug or REFRESH_SIM_DEBUG set to something true', () => {
    expect(debugRequested(['node', 'main.js', 'run', 'x', '--debug'], {})).toBe(true);
    expect(debugRequested(['node', 'main.js'], { REFRESH_SIM_DEBUG: '1' })).toBe(true);
    expect(debugRequested(['node', 'main.js'], { REFRESH_SIM_DEBUG: '0' })).toBe(false);
    expect(debugRequested(['node', 'main.js'], { REFRESH_SIM_DEBUG: '' })).toBe(false);
    expect(debugRequested(['node', 'main.js'], {})).toBe(false);
  });
});

describe('the CLI keeps the contract for every command', () => {
  it.each([
    [['frobnicate'], /Unknown argument: frobnicate/],
    [[], /name a command/],
    [['run'], /Not enough non-option arguments/],
    [['run', 'no/such.yaml'], /no\/such\.yaml/],
    [['validate', 'no/such.yaml'], /no\/such\.yaml/],
    [['schema', 'nope'], /Invalid values|Choices/],
    [['compare', 'no/a.json', 'no/b.json'], /no\/a\.json|no\/b\.json/],
    [['sweep', 'scenarios/mmc.yaml', '--set', 'workers=1,2', '--replications', '1', '--replications', '2'], /^--replications: given more than once \("?1"?, "?2"?\)/m],
    [['run', 'scenarios/default.yaml', '--out', 'a', '--out', 'b'], /^--out: given more than once \("a", "b"\)/m],
    [['run', 'scenarios/default.yaml', '--debug', '--out', '/dev/null'], /^--out \/dev\/null: exists and is not a directory/m],
  ])('%j: exit 2, no stack', async (args, message) => {
    const r = await cli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});

describe('a bug anywhere goes through the same handler', () => {
  const runWithBug = async (kind: string, debug: boolean) => {
    const parent = await tmp();
    const env = { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '', REFRESH_SIM_DEBUG: debug ? '1' : '', THROW_LATER: kind, THROW_WHEN_STAGED_IN: parent };
    const child = spawn(process.execPath, ['--import', './test/cli/throw-later.mjs', BIN, 'run', 'scenarios/bench-week.yaml', '--format', 'json', '--requests-csv', '--out', join(parent, 'out')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    return { code, stderr, left: await listAll(parent) };
  };

  it.each(['exception', 'rejection'])('an uncaught %s mid-run: exit 1, "internal error (a bug in refresh-sim)", no stack, temporaries removed', async (kind) => {
    const r = await runWithBug(kind, false);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^internal error \(a bug in refresh-sim\): boom from a/m);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.left, r.stderr).toEqual([]);
  });

  it('REFRESH_SIM_DEBUG=1 adds the stack trace', async () => {
    const r = await runWithBug('exception', true);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^internal error \(a bug in refresh-sim\): boom from a timer/m);
    expect(r.stderr).toMatch(STACK_FRAME);
  });
});
