// Writing a run's outputs: every chosen format into the staging directory, GITHUB_STEP_SUMMARY, and a
// report set published at once; the CLI only decides what to write and prints what was written.
import { access, appendFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { mainTimeZone, type Model } from '../scenario/index.js';
import type { GateReport } from '../gate/index.js';
import type { RunResult } from '../vocabulary/index.js';
import { InputError } from '../input-error.js';
import { fsProblem, stageOutputDir, writeProblem } from './atomic.js';
import { pngAvailable } from './png.js';
import type { RequestSink, Writer } from './types.js';

/** A one-line note for the user (a skipped format, a capped file); the CLI decides where it goes. */
export type Note = (line: string) => void;

/**
 * Writes each of `formats` (keys of `writers`) into `dir`, after closing the refreshes.csv `sink`.
 * PNG is skipped with a note when the optional `canvas` package is missing. Returns the files written.
 */
export async function writeRunReports<F extends string>(
  writers: Record<F, Writer>,
  formats: readonly F[],
  ctx: { result: RunResult; dir: string; gate: GateReport; timeZone: string; sink?: RequestSink | null; csvMax?: number },
  note: Note,
): Promise<string[]> {
  const files: string[] = [];
  if (ctx.sink) {
    files.push(...(await ctx.sink.close()));
    const over = (ctx.sink as RequestSink & { rowsOverCap?: number }).rowsOverCap;
    if (over) note(`refreshes.csv stopped at ${ctx.csvMax ?? 1_000_000} rows (${over} more not written; raise --requests-csv-max)`);
  }
  const writeCtx = { result: ctx.result, outDir: ctx.dir, gate: ctx.gate, timeZone: ctx.timeZone };
  for (const f of formats) {
    if (f === 'png' && !(await pngAvailable())) {
      note('PNG charts skipped: the optional `canvas` package is not installed (install libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev, then `npm install`).');
      continue;
    }
    files.push(...(await writers[f](writeCtx)));
  }
  return files;
}

/** The zone the reports show wall-clock times in: the scenario's main zone (scenario/expand/peaks.ts), UTC without accounts. */
export function reportTimeZone(model: Pick<Model, 'accounts'>): string {
  return mainTimeZone(model.accounts);
}

/** A file system error inside the staging directory, told with the path the user knows. */
export function inOutputDir(err: unknown, stageDir: string, outDir: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || typeof e.path !== 'string') return err;
  const rel = relative(stageDir, e.path);
  if (rel.startsWith('..') || isAbsolute(rel)) return err;
  // `.summary.json.<pid>.<random>.tmp` is summary.json to the user
  return fsProblem(err, join(outDir, ...rel.split(sep).map((p) => p.replace(/^\.(.+)\.\d+\.[a-z0-9]+\.tmp$/, '$1'))));
}

/**
 * GITHUB_STEP_SUMMARY, when set, must be a file we can append to (or a character device such as
 * /dev/stdout), checked before the run. Returns the path, or null when unset.
 */
export async function checkStepSummary(path: string | undefined): Promise<string | null> {
  if (path === undefined || path === '') return null;
  const bad = (why: string) => new InputError(`GITHUB_STEP_SUMMARY ${path}: ${why}`);
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw bad(code === 'ENOTDIR' ? 'a part of the path is not a directory' : `cannot use it (${code})`);
    const parent = await stat(dirname(resolve(path))).catch(() => null);
    if (!parent?.isDirectory()) throw bad('its directory does not exist');
    await access(dirname(resolve(path)), constants.W_OK).catch(() => {
      throw bad('its directory is not writable');
    });
    return path;
  }
  if (st.isDirectory()) throw bad('is a directory, not a file');
  if (!st.isFile() && !st.isCharacterDevice()) throw bad('is not a regular file');
  await access(path, constants.W_OK).catch(() => {
    throw bad('is not writable');
  });
  return path;
}

/** Appends Markdown to GITHUB_STEP_SUMMARY (checked by `checkStepSummary`): a run's summary, or the gate's. */
export async function appendStepSummary(path: string, markdown: string): Promise<void> {
  await appendFile(path, markdown).catch((err) => {
    throw fsProblem(err, `GITHUB_STEP_SUMMARY ${path}`, 'cannot append');
  });
}

/**
 * Writes a report set into a fresh staging directory and publishes it into `outDir` at once
 * (./atomic.ts): a failure or a signal leaves neither temporary files nor a mixed set. A full disk, a
 * read-only place or a permission problem is the user's to fix (exit 2), told as `--out <dir>`.
 */
export async function writeStaged<T>(outDir: string, write: (dir: string) => Promise<T>): Promise<T> {
  const stage = await stageOutputDir(outDir);
  try {
    const value = await writing(outDir, () => write(stage.dir));
    await writing(outDir, () => stage.publish());
    return value;
  } catch (err) {
    await stage.abort();
    throw err;
  }
}

/** Runs a write step; a file system problem becomes the user's (exit 2), told as `--out <dir>`. */
export async function writing<T>(outDir: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw writeProblem(err, `--out ${outDir}`);
  }
}
