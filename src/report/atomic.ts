// Writing outputs so that nobody ever sees half of them: single files via a temporary name and a rename,
// whole report sets via a staging directory published at once, and temporaries removed on any failure,
// SIGINT or SIGTERM.
import { lstat, realpath, mkdir, readdir, rename, rm, rmdir, stat, writeFile, access } from 'node:fs/promises';
import { constants, createWriteStream, mkdirSync, renameSync, rmdirSync, rmSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../input-error.js';

// ---------------------------------------------------------------------------------------------------
// Temporaries still on disk, removed synchronously when the process dies of a signal or a fatal error
// (main.ts calls cleanupTemporariesSync): async cleanup cannot be trusted to run before process.exit.

const cleanups = new Set<() => void>();

function track(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Removes every temporary file and staging directory still registered. Safe to call more than once. */
export function cleanupTemporariesSync(): void {
  const fns = [...cleanups].reverse(); // last registered first: a staging dir before its parents
  cleanups.clear();
  const pass = () => {
    for (const fn of fns) {
      try {
        fn();
      } catch {
        // best effort: a cleanup that fails must not hide the error being reported
      }
    }
  };
  pass();
  if (fns.length === 0) return;
  // A mkdir or open already handed to libuv's thread pool can still land after the first pass (seen
  // under load: an empty staging directory left behind). Wait briefly, without running any JavaScript,
  // and sweep again; every cleanup is idempotent.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  pass();
}

let signalsInstalled = false;

/** On SIGINT/SIGTERM/SIGHUP: remove temporaries, then exit 130/143/129 as a shell would report the signal. */
export function installSignalCleanup(): void {
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(sig, () => {
      cleanupTemporariesSync();
      if (process.stderr.isTTY) process.stderr.write('\x1b[?25h'); // the progress bar hides the cursor
      process.exit(code);
    });
  }
}

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
}

/**
 * A file system error while writing (full disk, read-only place, permissions...) as the user's problem
 * naming `where` (exit 2); anything else is returned unchanged (a bug stays a bug).
 */
export function writeProblem(err: unknown, where: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in ERRNO_TEXT ? fsProblem(err, where) : err;
}

/** A file system error as one line naming the path, for the user (exit 2). */
export function fsProblem(err: unknown, path: string, what = 'cannot write'): InputError {
  const e = err as NodeJS.ErrnoException;
  return new InputError(`${path}: ${what}: ${describeErrno(e)}`);
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  ENOTEMPTY: 'directory not empty',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EXDEV: 'on another device',
  EBUSY: 'busy',
  ENXIO: 'no such device or address',
  EINVAL: 'invalid argument',
};

export function describeErrno(e: NodeJS.ErrnoException): string {
  const code = e?.code;
  if (code && ERRNO_TEXT[code]) return `${ERRNO_TEXT[code]} (${code})`;
  return code ? `${String(e.message).replace(/^\w+: /, '').replace(/, \w+ '.*'$/, '')} (${code})` : String(e?.message ?? e);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempName(path);
  const untrack = track(() => rmSync(tmp, { force: true }));
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw withPath(err, tmp);
  } finally {
    untrack();
  }
}

/** fs write errors (ENOSPC, EIO...) carry no path: give them the file's, so the message can name it. */
function withPath(err: unknown, path: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && typeof e.code === 'string' && typeof e.path !== 'string') e.path = path;
  return err;
}

/** A stream to a temporary file; `commit()` renames it into place, `abort()` removes it. */
interface AtomicStream {
  stream: WriteStream;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openAtomicStream(path: string): Promise<AtomicStream> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempName(path);
  const untrack = track(() => rmSync(tmp, { force: true }));
  const stream = createWriteStream(tmp);
  stream.prependListener('error', (err) => withPath(err, tmp));
  const closed = new Promise<void>((resolve, reject) => {
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  closed.catch(() => {}); // observed by commit(); an abort() must not leave an unhandled rejection
  return {
    stream,
    async commit() {
      stream.end();
      await closed;
      await rename(tmp, path);
      untrack();
    },
    async abort() {
      stream.destroy();
      await closed.catch(() => {});
      await rm(tmp, { force: true });
      untrack();
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Output directories: checked before any work, staged, published together.

/** What a checked output directory looks like before we touch it. */
interface OutputTarget {
  /** absolute path */
  path: string;
  exists: boolean;
  /** directories that do not exist yet, outermost first */
  missing: string[];
}

/**
 * Checks that `target` can be an output directory without writing anything: not empty, not a file or a
 * device, not under a file, writable. `flag` names where it came from in messages (e.g. `--out`).
 */
export async function checkOutputDir(target: string, flag = '--out'): Promise<OutputTarget> {
  if (typeof target !== 'string' || target.trim() === '') throw new InputError(`${flag}: expected a directory path (got an empty one)`);
  if (target.includes('\0')) throw new InputError(`${flag} ${JSON.stringify(target)}: a path cannot contain a NUL character`);
  const path = resolve(target);
  const missing: string[] = [];
  let dir = path;
  for (;;) {
    let st;
    try {
      st = await stat(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(dir) !== dir) {
        missing.unshift(dir);
        dir = dirname(dir);
        continue;
      }
      if (code === 'ENOTDIR') throw new InputError(`${flag} ${target}: a part of the path is a file, not a directory`);
      throw new InputError(`${flag} ${target}: ${describeErrno(err as NodeJS.ErrnoException)}`);
    }
    if (!st.isDirectory()) {
      throw new InputError(dir === path ? `${flag} ${target}: exists and is not a directory` : `${flag} ${target}: ${dir} is not a directory`);
    }
    try {
      await access(dir, constants.W_OK | constants.X_OK);
    } catch (err) {
      throw new InputError(`${flag} ${target}: ${dir === path ? 'the directory' : dir} is not writable (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    // an existing directory reached through a symbolic link is written in place, the link kept
    return { path: missing.length === 0 ? await realpath(path) : path, exists: missing.length === 0, missing };
  }
}

/** Files and directories a refresh-sim report set consists of (run, sweep, plan, merge). */
const REPORT_NAMES = new Set([
  'summary.json', 'timeseries.csv', 'refreshes.csv', 'index.html', 'junit.xml', 'summary.md',
  'sweep.json', 'sweep.csv', 'sweep.html', 'plan.json', 'charts',
]);

/** True when `name` in an output directory is something refresh-sim writes (or a leftover of its own). */
function isReportName(name: string): boolean {
  return REPORT_NAMES.has(name) || OUR_TMP.test(name) || name.startsWith('.refresh-sim-');
}

/** Our temporary file names: `.<name>.<pid>.<random>.tmp` (and `.<name>.<pid>.tmp` of older versions). */
const OUR_TMP = /^\..+\.\d+(\.[a-z0-9]+)?\.tmp$/;

async function onlyReportFiles(dir: string): Promise<boolean> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!isReportName(e.name)) return false;
    if (e.name === 'charts') {
      if (!e.isDirectory()) return false;
      const inner = await readdir(join(dir, e.name), { withFileTypes: true });
      if (!inner.every((f) => f.isFile() && (f.name.endsWith('.png') || OUR_TMP.test(f.name)))) return false;
    }
  }
  return true;
}

export interface StagedOutput {
  /** where to write the files now (a fresh temporary directory) */
  dir: string;
  /** the directory the files will be published to (absolute) */
  target: string;
  /** moves every staged file into the target at once; the staging directory is gone afterwards */
  publish(): Promise<void>;
  /** removes the staging directory and any directory created for the target; nothing is published */
  abort(): Promise<void>;
}

/**
 * Prepares a fresh staging directory for an output set that will replace `target`. Call it BEFORE the
 * work: it reports a bad target as InputError (exit 2) naming `flag`.
 *
 * The rule for what publish() replaces, so that we never delete what refresh-sim did not write:
 * - the target does not exist, is empty, or holds only a previous refresh-sim report set (the names in
 *   REPORT_NAMES, `charts/` with PNGs only, our leftovers): the staged directory replaces it whole
 *   (rename away the old one, rename the new one in, delete the old one), so no old file survives
 *   next to new ones;
 * - the target holds anything else (e.g. a folder of the user's), or is the current directory or one
 *   of its parents (`--out .`: renaming it would pull the ground from under the shell): only our files are
 *   replaced, file by file; the user's files and our files this run did not write are left alone.
 *   The staging directory then lives inside the target (a hidden `.refresh-sim-stage-*`).
 */
export async function stageOutputDir(target: string, opts: { flag?: string } = {}): Promise<StagedOutput> {
  const flag = opts.flag ?? '--out';
  const checked = await checkOutputDir(target, flag);
  const created: string[] = [];
  const removeCreatedSync = () => {
    for (const d of [...created].reverse()) {
      try {
        rmdirSync(d);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // never made, or already gone
        return; // not empty (someone else wrote there): leave it and its parents
      }
    }
  };
  const untrackCreated = track(removeCreatedSync);
  // registered before the staging directory exists, so that no moment is left in which a signal or a
  // stray exception could find it untracked (an `await` lets timers and signals run)
  let staged = '';
  const untrackStage = track(() => staged && rmSync(staged, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }));
  let swap: boolean;
  try {
    for (const d of checked.missing.slice(0, -1)) { // the target itself appears only at publish()
      created.push(d); // before it exists: see makeStage below
      try {
        mkdirSync(d);
      } catch (err) {
        created.pop();
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    const parent = dirname(checked.path);
    // never rename away the directory we (or the user's shell) stand in: `--out .` is written in place
    const cwd = process.cwd();
    const holdsCwd = cwd === checked.path || cwd.startsWith(checked.path + sep);
    swap = parent !== checked.path && !holdsCwd && (!checked.exists || (await onlyReportFiles(checked.path)));
    // the name is known (and tracked) before the directory exists: with mkdtemp, a signal arriving
    // between its creation and the callback would find a directory nobody knows about
    const makeStage = async (prefix: string) => {
      for (let attempt = 0; ; attempt++) {
        staged = `${prefix}${randomBytes(6).toString('hex')}`;
        try {
          mkdirSync(staged, { mode: 0o777 }); // synchronous: never in flight when a signal lands; umask applies
          return;
        } catch (err) {
          staged = '';
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 5) throw err;
        }
      }
    };
    if (swap) await makeStage(join(parent, `.${basename(checked.path)}.refresh-sim-`)).catch(() => {});
    if (!staged) {
      swap = false; // the parent is not writable (e.g. --out . in a read-only parent): stage inside
      await makeStage(join(checked.path, '.refresh-sim-stage-'));
    }
  } catch (err) {
    if (staged) await rm(staged, { recursive: true, force: true });
    removeCreatedSync();
    untrackStage();
    untrackCreated();
    if (err instanceof InputError) throw err;
    throw new InputError(`${flag} ${target}: cannot create the output directory: ${describeErrno(err as NodeJS.ErrnoException)}`);
  }
  const done = () => {
    untrackStage();
    untrackCreated();
  };
  return {
    dir: staged,
    target: checked.path,
    async publish() {
      try {
        if (swap) await publishSwap(staged, checked.path);
        else await publishMerge(staged, checked.path);
      } catch (err) {
        throw fsProblem(err, target, 'cannot publish the reports');
      } finally {
        await rm(staged, { recursive: true, force: true });
        done();
      }
    },
    async abort() {
      await rm(staged, { recursive: true, force: true });
      removeCreatedSync();
      done();
    },
  };
}

/** Replaces the whole target directory by the staged one; the old one is restored if that fails. */
async function publishSwap(staged: string, target: string): Promise<void> {
  const old = `${staged}.old`;
  let moved = false;
  try {
    await rename(target, old);
    moved = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // if we die between the two renames, put the previous set back rather than leave nothing
  const untrack = moved ? track(() => renameSync(old, target)) : () => true;
  try {
    await rename(staged, target);
  } catch (err) {
    untrack();
    if (moved) await rename(old, target);
    if (!moved && ((err as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (err as NodeJS.ErrnoException).code === 'EEXIST')) {
      return publishMerge(staged, target); // the target appeared meanwhile: treat it as someone else's
    }
    throw err;
  }
  untrack();
  if (moved) await rm(old, { recursive: true, force: true });
}

/** Moves each staged entry into the target, replacing same-named files; directories are merged. */
async function publishMerge(staged: string, target: string): Promise<void> {
  for (const e of await readdir(staged, { withFileTypes: true })) {
    const from = join(staged, e.name);
    const to = join(target, e.name);
    if (e.isDirectory()) {
      const existing = await lstat(to).catch(() => null);
      if (existing?.isDirectory()) {
        await publishMerge(from, to);
        await rmdir(from).catch(() => {});
        continue;
      }
      if (existing) await rm(to, { force: true });
    }
    await rename(from, to);
  }
}

/**
 * The default output directory `reports/<slug>` for a name taken from a scenario (which anyone may
 * write): the slug keeps letters, digits, `.`, `_` and `-`, cannot start with a dot and is never empty,
 * so the result always stays inside `reports/`.
 */
export function defaultOutDir(name: unknown, fallback: string, suffix = ''): string {
  const slug = (s: unknown) =>
    typeof s === 'string'
      ? s.normalize('NFC').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '').replace(/-+$/, '').slice(0, 100)
      : '';
  const base = slug(name) || slug(fallback) || 'scenario';
  return join('reports', `${base}${suffix}`);
}
