// Reading input files safely: only regular files, never more than a size cap, never blocking on a FIFO.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

const MiB = 1024 * 1024;
/** The largest scenario file read (a scenario with 100,000 explicit sources is about 8 MiB). */
export const MAX_SCENARIO_BYTES = 16 * MiB;
/** The largest CSV trace read (about 5 million rows); V8 strings stop at 512 MiB anyway. */
export const MAX_TRACE_BYTES = 256 * MiB;

/** A file that cannot be read as asked; the message says why, for people (without the path). */
export class FileProblem extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'FileProblem';
    this.code = code;
  }
}

/**
 * The text of a regular file of at most `maxBytes` (UTF-8, a byte-order mark dropped). A directory, a
 * FIFO, a device (/dev/urandom), a socket, a missing or unreadable file, or a larger file is a
 * `FileProblem`. The file is opened non-blocking and checked on its descriptor, so a FIFO never blocks
 * and a file swapped after the check is still the one checked.
 */
export function readTextFile(path: string, maxBytes: number, what = 'file'): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw openProblem(e as NodeJS.ErrnoException);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileProblem(`is ${kindOf(st)}, not a regular file`, 'ENOTFILE');
    if (st.size > maxBytes) throw new FileProblem(tooLarge(st.size, maxBytes, what), 'EFBIG');
    // read one byte more than allowed: a file growing while it is read is caught too
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > maxBytes) throw new FileProblem(tooLarge(n, maxBytes, what), 'EFBIG');
      if (n === buf.length) break;
    }
    return decodeUtf8(buf.subarray(0, n));
  } catch (e) {
    if (e instanceof FileProblem) throw e;
    throw openProblem(e as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text (a byte-order mark dropped); UTF-16 or any other encoding is a FileProblem saying so. */
function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new FileProblem('is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8', 'EENCODING');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // the first byte that does not decode, for the message (a Latin-1 "é", say): one lenient pass,
    // where each undecodable sequence became U+FFFD
    const lenient = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
    const i = Buffer.byteLength(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))));
    throw new FileProblem(`is not UTF-8 text (byte ${i + 1} does not decode): save it as UTF-8`, 'EENCODING');
  }
}

function tooLarge(size: number, max: number, what: string): string {
  return `is ${(size / MiB).toFixed(1)} MiB, more than the ${max / MiB} MiB a ${what} may have`;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function openProblem(e: NodeJS.ErrnoException): FileProblem {
  switch (e.code) {
    case 'ENOENT':
      return new FileProblem('no such file', e.code);
    case 'EACCES':
    case 'EPERM':
      return new FileProblem('permission denied', e.code);
    case 'EISDIR':
      return new FileProblem('is a directory, not a regular file', e.code);
    case 'ENOTDIR':
      return new FileProblem('a part of the path is not a directory', e.code);
    case 'ENAMETOOLONG':
      return new FileProblem('the path is too long', e.code);
    case 'ELOOP':
      return new FileProblem('too many symbolic links in the path', e.code);
    default:
      return new FileProblem(`cannot read it (${e.code ?? e.message})`, e.code);
  }
}
