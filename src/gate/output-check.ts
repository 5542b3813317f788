// Output places checked before any work: an `--out` directory and $GITHUB_STEP_SUMMARY that cannot be
// written are the user's to fix (exit 2, naming the path), found before a long simulation, not after.
import { mkdir, open, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../input-error.js';

/**
 * Throws InputError unless `dir` is, or can be made as, a directory we can write into: not `""`, not
 * a file or a device (`/dev/null`), not under a file, not read-only. It is proven by writing a probe
 * file; directories made for the probe are removed again, so a refused run leaves nothing behind.
 */
export async function checkOutputDir(dir: string, flag = '--out'): Promise<void> {
  if (dir.trim() === '') throw new InputError(`${flag}: an empty path is not a directory`);
  if (dir.includes('\0')) throw new InputError(`${flag}: the path contains a NUL character`);
  const what = `${flag} ${dir}`;
  const st = await stat(dir).catch((e: NodeJS.ErrnoException) => e);
  if (!(st instanceof Error)) {
    if (!st.isDirectory()) throw new InputError(`${what}: is ${st.isFile() ? 'a file' : 'a device, FIFO or socket'}, not a directory`);
    await probe(dir, what);
    return;
  }
  if (st.code === 'ENOTDIR') throw new InputError(`${what}: a part of the path is a file, not a directory`);
  if (st.code !== 'ENOENT') throw new InputError(`${what}: ${errText(st)}`);
  // the missing levels, made one by one: Node's recursive mkdir spins forever under /proc
  const missing: string[] = [];
  let cur = resolve(dir);
  for (;;) {
    const s2 = await stat(cur).catch((e: NodeJS.ErrnoException) => e);
    if (!(s2 instanceof Error)) {
      if (!s2.isDirectory()) throw new InputError(`${what}: ${cur} is not a directory`);
      break;
    }
    if (s2.code !== 'ENOENT') throw new InputError(`${what}: ${cur}: ${errText(s2)}`);
    missing.unshift(cur);
    const parent = dirname(cur);
    if (parent === cur) throw new InputError(`${what}: no existing directory above it`);
    cur = parent;
  }
  const made: string[] = [];
  try {
    for (const m of missing) {
      try {
        await mkdir(m);
      } catch (e) {
        throw new InputError(`${what}: cannot create the directory ${m}: ${errText(e)}`);
      }
      made.push(m);
    }
    await probe(dir, what);
  } finally {
    if (made.length > 0) await rm(made[0], { recursive: true, force: true }).catch(() => undefined);
  }
}

async function probe(dir: string, what: string): Promise<void> {
  const file = join(dir, `.refresh-sim-write-check-${process.pid}`);
  try {
    await writeFile(file, '', { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new InputError(`${what}: cannot write there: ${errText(e)}`);
    return;
  }
  await rm(file, { force: true }).catch(() => undefined);
}

/**
 * $GITHUB_STEP_SUMMARY, when set, must name a file we can append to (or may create): not a directory,
 * not under a missing or read-only directory. Unset or empty: nothing to check.
 */
export async function checkStepSummaryFile(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file === undefined || file === '') return;
  const what = `GITHUB_STEP_SUMMARY=${file}`;
  if (file.includes('\0')) throw new InputError(`${what}: the path contains a NUL character`);
  const st = await stat(file).catch((e: NodeJS.ErrnoException) => e);
  if (!(st instanceof Error)) {
    if (st.isDirectory()) throw new InputError(`${what}: is a directory, not a file`);
    if (st.isFIFO()) throw new InputError(`${what}: is a FIFO, not a file`);
    // opening for append proves it (permission bits do not stop root; /proc files do); nothing is written
    const fh = await open(file, 'a').catch((e) => {
      throw new InputError(`${what}: cannot append to it: ${errText(e)}`);
    });
    await fh.close();
    return;
  }
  if (st.code !== 'ENOENT') throw new InputError(`${what}: ${errText(st)}`);
  const parent = dirname(resolve(file));
  const pst = await stat(parent).catch((e: NodeJS.ErrnoException) => e);
  if (pst instanceof Error || !pst.isDirectory()) throw new InputError(`${what}: its directory ${parent} does not exist`);
  // create it and take it away again: the run appends to a file that is then made fresh
  try {
    await writeFile(file, '', { flag: 'wx' });
  } catch (e) {
    throw new InputError(`${what}: cannot create it: ${errText(e)}`);
  }
  await rm(file, { force: true }).catch(() => undefined);
}

/**
 * An error while writing outputs as the user's problem when it is about the place (full disk, read-only,
 * permissions, a file where a directory should be): an InputError naming `where`. Other errors as they are.
 */
export function writeError(err: unknown, where: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined && WRITE_CODES.has(code)) return new InputError(`${where}: cannot write: ${errText(err)}`);
  return err;
}

const WRITE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOENT', 'EFBIG', 'ENAMETOOLONG', 'ELOOP', 'EIO', 'EBADF', 'EMFILE', 'ENFILE', 'EPIPE']);

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EROFS':
      return 'read-only file system';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ENOENT':
      return 'no such file or directory';
    default:
      return err.code ?? err.message;
  }
}
