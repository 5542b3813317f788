// Size guards and command-line numbers of the multi-run commands (sweep, plan, merge, run --replications):
// every count is checked from the figures the user gave, BEFORE anything is built or started, and
// refused (InputError: exit 2) with the figure, the cap and the override flag.
import { availableParallelism } from 'node:os';
import { InputError } from '../input-error.js';

/** At most this many configurations in one grid without --allow-large (a typo such as 1..10000 should not start a week of work). */
export const MAX_CONFIGURATIONS = 10_000;
/** At most this many simulations in one command without --allow-large. */
export const MAX_RUNS = 10_000;
/** Never more than this, even with --allow-large: the bookkeeping alone (seeds, results, pair lists) would not fit. */
export const HARD_MAX_RUNS = 1_000_000;
/** The override flag named in every refusal (the scenario resource guard uses the same name). */
export const ALLOW_LARGE_FLAG = '--allow-large';

/**
 * Refuses `count` (of `what`: "runs", "configurations") above `cap` unless `allowLarge`, and above
 * HARD_MAX_RUNS always. `figure` says how the count came about, e.g. `"5000 x 5000 configurations x 5 replications"`.
 */
export function checkCount(count: number, cap: number, what: string, figure: string, allowLarge = false): void {
  if (!(count <= HARD_MAX_RUNS)) {
    throw new InputError(`${figure} = ${fmt(count)} ${what}: more than ${fmt(HARD_MAX_RUNS)}, the most any command takes (even with ${ALLOW_LARGE_FLAG})`);
  }
  if (count > cap && !allowLarge) {
    throw new InputError(`${figure} = ${fmt(count)} ${what}: more than the ${fmt(cap)} allowed; pass ${ALLOW_LARGE_FLAG} to run it anyway`);
  }
}

/** The product of the sizes, stopping once past HARD_MAX_RUNS (no overflow, no huge intermediate). */
export function productOf(sizes: readonly number[]): number {
  let p = 1;
  for (const s of sizes) {
    p *= s;
    if (!(p <= HARD_MAX_RUNS)) return Infinity;
  }
  return p;
}

function fmt(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : 'more than 1e308';
}

// ---------------------------------------------------------------------------------------------
// Command-line numbers

/** yargs gives a repeated flag as an array; a flag that takes one value must be given once. */
export function single(value: unknown, flag: string): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1) return value[0];
    throw new InputError(`${flag}: given ${value.length} times (give it once)`);
  }
  return value;
}

const INTEGER_RE = /^[+]?\d+$/;

/**
 * A whole number flag such as `--replications 5`: digits only (no `1e3`, `0x10`, `5.0`, `''`), within
 * [min, max]. `undefined` gives `fallback`. Throws InputError naming the flag.
 */
export function parseIntegerFlag(value: unknown, flag: string, opts: { min?: number; max?: number; fallback?: number } = {}): number {
  const v = single(value, flag);
  const min = opts.min ?? 1;
  if (v === undefined) {
    if (opts.fallback === undefined) throw new InputError(`${flag}: a value is required`);
    return opts.fallback;
  }
  const text = String(v).trim();
  const n = INTEGER_RE.test(text) ? Number(text) : typeof v === 'number' && Number.isInteger(v) ? v : NaN;
  const range = opts.max === undefined ? `>= ${min}` : `from ${min} to ${opts.max}`;
  if (!Number.isSafeInteger(n)) throw new InputError(`${flag}: expected a whole number ${range} (got ${JSON.stringify(String(v)).slice(0, 40)})`);
  if (n < min || (opts.max !== undefined && n > opts.max)) throw new InputError(`${flag}: expected a whole number ${range} (got ${n})`);
  return n;
}

/** At most this many worker threads whatever is asked: 4 per CPU (the simulation is CPU-bound). */
export function maxJobs(): number {
  return 4 * Math.max(1, availableParallelism());
}

/** The default number of jobs: one per CPU. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** Where the one-line notes about capped --jobs go (stderr); tests may replace it. */
export type Note = (line: string) => void;
const stderrNote: Note = (line) => void process.stderr.write(`${line}\n`);

/**
 * `--jobs`: a whole number >= 1 (default one per CPU), capped at 4 x CPUs with a note. This is the one
 * parser of --jobs for every command; `jobsFor` also caps it at the number of runs.
 */
export function parseJobs(value: unknown, note: Note = stderrNote): number {
  if (single(value, '--jobs') === undefined) return defaultJobs();
  const n = parseIntegerFlag(value, '--jobs', { min: 1 });
  const max = maxJobs();
  if (n > max) {
    note(`--jobs ${n}: using ${max}, 4 per CPU; more threads only compete for the same ${max / 4} CPUs`);
    return max;
  }
  return n;
}

/**
 * `--jobs` for a command that will run `runs` simulations: never more worker threads than runs (a
 * larger ask is capped with a note; the default is capped silently), never more than 4 x CPUs.
 */
export function jobsFor(value: unknown, runs: number, note: Note = stderrNote): number {
  if (single(value, '--jobs') === undefined) return Math.max(1, Math.min(defaultJobs(), Math.floor(runs)));
  const asked = parseIntegerFlag(value, '--jobs', { min: 1 });
  const max = maxJobs();
  const most = Math.max(1, Math.floor(runs));
  const jobs = Math.min(asked, max, most);
  if (jobs < asked) {
    const why = jobs === most ? `one per run (${most} run${most === 1 ? '' : 's'})` : `4 per CPU; more threads only compete for the same ${max / 4} CPUs`;
    note(`--jobs ${asked}: using ${jobs}, ${why}`);
  }
  return jobs;
}

/** `--allow-large` as a boolean whatever yargs made of it. */
export function allowLargeFlag(value: unknown): boolean {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  return v === true || v === 'true';
}

/** A flag that takes one text value (`--out`, `--vary`, `--shard`): given once, as text; undefined stays undefined. */
export function singleText(value: unknown, flag: string): string | undefined {
  const v = single(value, flag);
  return v === undefined ? undefined : String(v);
}
