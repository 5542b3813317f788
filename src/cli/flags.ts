// Flag readers shared by the commands: each flag parsed in one place, every problem reported at once.
import { basename } from 'node:path';
import { HARD_MAX_RUNS, parseIntegerFlag, singleText } from '../experiment/index.js';
import { readRawScenario, type RawScenario } from '../scenario/index.js';
import { inputFileProblem, summaryPathProblem } from '../vocabulary/index.js';
import { InputError } from './errors.js';

/**
 * `--replications N`, the one parser for run, sweep and plan: digits only, from 1 to HARD_MAX_RUNS (the
 * count of runs it makes is checked against the guards by the caller); `fallback` when not given.
 */
export function parseReplications(value: unknown, fallback?: number): number {
  return parseIntegerFlag(value, '--replications', { min: 1, max: HARD_MAX_RUNS, fallback });
}

/**
 * Runs each parser and reports every InputError at once (one line each), so a command with three bad
 * flags says so in one go. Returns the parsed values in order.
 */
export function allOrNothing<T extends unknown[] = unknown[]>(...parsers: (() => unknown)[]): T {
  const problems: string[] = [];
  const out = parsers.map((p) => {
    try {
      return p();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e.message);
      return undefined;
    }
  });
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return out as T;
}

/** A list flag given as strings (yargs may give one value, or numbers). */
export function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** --metric paths: non-empty, at most 100, each a number of summary.json. */
export function parseMetrics(v: unknown): string[] {
  if (Array.isArray(v) && v.length === 0) throw new InputError('--metric: expects a summary path, e.g. --metric freshness.dashboard.p99');
  const metrics = list(v);
  const empty = metrics.findIndex((m) => m.trim() === '');
  if (empty >= 0) throw new InputError(`--metric[${empty}]: an empty path`);
  if (metrics.length > 100) throw new InputError(`--metric: ${metrics.length} paths, at most 100`);
  const problems = metrics.flatMap((m, i) => {
    const bad = summaryPathProblem(m);
    return bad === null ? [] : [`--metric[${i}]: ${bad}`];
  });
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return metrics;
}

/** The cheap part of the --out check, usable among the flag parsers (the full one needs the file system). */
export function checkOutPath(value: unknown): string | undefined {
  const out = singleText(value, '--out');
  if (out !== undefined && out.trim() === '') throw new InputError('--out: an empty path is not a directory');
  return out;
}

/** The scenario file as written (for --set/--vary), refused (exit 2) when it is not a regular file: a FIFO or a device would block or never end. */
export async function readScenario(value: unknown): Promise<RawScenario> {
  const file = String(value);
  const bad = await inputFileProblem(file);
  if (bad !== null) throw new InputError(`${file}: ${bad}`);
  return readRawScenario(file);
}

/** The scenario's name as written (for page titles), else its file name. */
export function scenarioName(raw: RawScenario): string {
  const name = raw.data.name;
  return typeof name === 'string' && name.trim() !== '' ? name : basename(raw.file).replace(/\.(ya?ml|json)$/i, '');
}

/** A whole-number flag; text is read strictly (an empty value is not 0). */
export function checkWhole(flag: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === -max ? '' : ` >= ${min}`) : ` from ${min} to ${max.toLocaleString('en-US')}`;
    throw new InputError(`${flag}: expected a whole number${range} (got ${JSON.stringify(String(value))})`);
  }
  return n;
}

/** The help text of --allow-large on the multi-run commands. */
export const ALLOW_LARGE_HELP = 'run more than the guards allow (10,000 configurations or runs; --allow-large also lifts the scenario size guard)';
