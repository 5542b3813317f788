// Exit codes and the one place errors become messages (no stack traces for the user's mistakes).
import { ScenarioError, formatProblems } from '../scenario/index.js';
import { InputError } from '../input-error.js';
import { describeErrno } from '../report/index.js';

/**
 * The contract, for every command: 0 done; 2 anything the user can fix (a file, a flag, a value, the
 * output place, the environment, a closed pipe); 99 a failed threshold or regression; 1 only for a bug
 * in refresh-sim. 130/143 when interrupted by SIGINT/SIGTERM.
 */
export const ExitCode = { ok: 0, internal: 1, badInput: 2, thresholdFailed: 99 } as const;

/** A problem with what the user gave us: printed as is, exit 2. */
export { InputError };

/**
 * System error codes that mean "the place or the environment the user chose does not work", not a
 * bug: a missing or unwritable path, a full disk, a closed pipe.
 */
const USER_FIXABLE_ERRNO = new Set([
  'ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EDQUOT', 'EEXIST', 'ENOTEMPTY',
  'ENAMETOOLONG', 'ELOOP', 'EFBIG', 'EIO', 'EXDEV', 'EBUSY', 'ETXTBSY', 'ENXIO', 'EMFILE', 'ENFILE',
  'EPIPE', 'ECONNRESET', 'EAGAIN',
]);

export interface Verdict {
  code: number;
  /** what to print on stderr ('' for nothing) */
  message: string;
}

/** Turns anything thrown into an exit code and the line(s) to print. `debug` adds the stack of a bug. */
export function classifyError(err: unknown, debug = false): Verdict {
  // the user's mistakes never get a stack, not even with --debug: it would only hide the one line
  const stack = '';
  if (err instanceof InputError) return { code: ExitCode.badInput, message: err.message + stack };
  if (err instanceof ScenarioError || (err instanceof Error && err.name === 'ScenarioError' && Array.isArray((err as ScenarioError).problems))) {
    return { code: ExitCode.badInput, message: formatProblems((err as ScenarioError).problems) + stack };
  }
  if (err instanceof Error && err.name === 'YError') return { code: ExitCode.badInput, message: err.message + stack }; // yargs
  const e = err as (NodeJS.ErrnoException & { dest?: string }) | null;
  if (e && typeof e === 'object' && typeof e.code === 'string' && USER_FIXABLE_ERRNO.has(e.code)) {
    if (e.code === 'EPIPE' || e.code === 'ECONNRESET') return { code: ExitCode.badInput, message: `output closed before refresh-sim finished writing (${e.code})${stack}` };
    const where = typeof e.path === 'string' ? e.path : typeof e.dest === 'string' ? e.dest : '';
    // no path on a failed write: it was the console output (stdout/stderr redirected to a full disk)
    if (!where && e.syscall === 'write') return { code: ExitCode.badInput, message: `cannot write the console output: ${describeErrno(e)}` };
    const verb = e.syscall ? `${e.syscall}` : 'file system';
    return { code: ExitCode.badInput, message: `${where ? `${where}: ` : ''}${verb}: ${describeErrno(e)}${stack}` };
  }
  if (err instanceof RangeError && /Invalid (array|string) length|Array buffer allocation failed/.test(err.message)) {
    return { code: ExitCode.badInput, message: `out of memory: the scenario is too large for this machine (${err.message})${stack}` };
  }
  const text = err instanceof Error ? err.message : String(err);
  const trace = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '\n(run with --debug or REFRESH_SIM_DEBUG=1 for the stack trace)';
  return { code: ExitCode.internal, message: `internal error (a bug in refresh-sim): ${text}${trace}` };
}

/** True when stack traces were asked for: `--debug` anywhere on the command line, or REFRESH_SIM_DEBUG=1. */
export function debugRequested(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.REFRESH_SIM_DEBUG;
  return argv.includes('--debug') || (v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false');
}
