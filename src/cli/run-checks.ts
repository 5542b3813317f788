// `run`'s flags and environment, checked before any simulation and reported all at once (one line per problem).
import { basename, extname } from 'node:path';
import { checkReplicationCount, jobsFor, parseJobs, parsePrecision, parseShard } from '../experiment/index.js';
import { FORMATS, checkOutputDir, checkStepSummary, defaultOutDir, type Format } from '../report/index.js';
import { ScenarioError } from '../scenario/index.js';
import { checkThresholdPaths, formatProblems, runThresholds, type Threshold, type ThresholdsConfig } from '../vocabulary/index.js';
import { InputError } from './errors.js';
import { checkWhole, parseReplications } from './flags.js';
import { loadModel } from './load.js';

export interface RunArgs {
  scenario: string;
  out?: string;
  seed?: number | string;
  format?: string[];
  'requests-csv'?: boolean;
  'requests-csv-max'?: number | string;
  threshold?: string[];
  set?: string[];
  replications?: string;
  precision?: string;
  'precision-metric'?: string[];
  jobs?: string;
  shard?: string;
  quiet?: boolean;
  'allow-large'?: boolean;
}

export type CheckedRun = Awaited<ReturnType<typeof checkRun>>;

/**
 * Everything the user gave us, checked before any simulation and reported all at once (one line per
 * problem): flags, GITHUB_STEP_SUMMARY, --out, the scenario, the thresholds against the summary's shape.
 */
export async function checkRun(args: RunArgs) {
  const problems: string[] = [];
  const keep = (err: unknown) => {
    if (err instanceof ScenarioError) problems.push(formatProblems(err.problems));
    else if (err instanceof InputError) problems.push(err.message);
    else throw err;
    return undefined;
  };
  const take = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      return keep(err);
    }
  };
  const takeAsync = <T>(f: () => Promise<T>): Promise<T | undefined> => f().catch(keep);

  checkSingleValues(args); // a repeated flag makes the rest meaningless
  const formats = take(() => parseFormats(args.format));
  const csvMax = take(() => checkWhole('--requests-csv-max', args['requests-csv-max'] ?? 1_000_000, 1));
  const seed = args.seed === undefined ? undefined : take(() => checkWhole('--seed', args.seed, -Number.MAX_SAFE_INTEGER));
  take(() => checkThresholdArgs(args.threshold));
  const allowLarge = args['allow-large'] === true;
  const replications = args.replications === undefined ? undefined : take(() => {
    const n = parseReplications(args.replications);
    checkReplicationCount(n, allowLarge);
    return n;
  });
  const precision = args.precision !== undefined ? take(() => parsePrecision(String(args.precision), args['precision-metric'])) : undefined;
  const shard = args.shard !== undefined ? take(() => parseShard(String(args.shard))) : undefined;
  const replicated = args.replications !== undefined || args.precision !== undefined || args.shard !== undefined;
  const jobsAsked = replicated ? take(() => parseJobs(args.jobs, () => undefined)) : undefined; // checked now, capped below (one note)
  if (replicated && args['requests-csv']) problems.push("--requests-csv writes one run's requests: it does not go with --replications, --precision or --shard");
  if (args.shard !== undefined && (args.replications === undefined || args.precision !== undefined)) problems.push('--shard needs a fixed --replications N (and no --precision)');
  const stepSummary = await takeAsync(() => checkStepSummary(process.env.GITHUB_STEP_SUMMARY));
  if (args.out !== undefined) await takeAsync(() => checkOutputDir(String(args.out), '--out'));

  const model = await takeAsync(() => loadModel(args.scenario, { seed, sets: args.set, allowLarge }));
  let thresholds: Threshold[] = [];
  if (model) {
    const read = runThresholds(model.thresholds as ThresholdsConfig | undefined, args.threshold ?? []);
    if (read.problems.length > 0) problems.push(formatProblems(read.problems));
    else thresholds = read.thresholds;
    const pathProblems = checkThresholdPaths(thresholds, {
      model,
      replicated: (replications ?? 1) >= 2 || precision !== undefined,
      replicationMetrics: precision?.metrics,
    });
    if (pathProblems.length > 0) problems.push(formatProblems(pathProblems));
  }
  if (problems.length > 0 || !model || !formats || csvMax === undefined) throw new InputError(problems.join('\n'));

  const runs = replications ?? precision?.maxN ?? 1;
  return {
    formats,
    csvMax,
    replications,
    precision,
    shard,
    jobs: jobsAsked === undefined ? undefined : jobsFor(args.jobs, runs, args.quiet ? () => undefined : undefined),
    replicated,
    stepSummary: stepSummary ?? null,
    model,
    thresholds,
    outDir: args.out ?? defaultOutDir(model.name, basename(args.scenario, extname(args.scenario))),
    outFlag: args.out === undefined ? 'output directory' : '--out',
  };
}

/** A flag given twice arrives as a list; only the list flags may. A list flag without a value is empty. */
function checkSingleValues(args: RunArgs): void {
  for (const key of ['format', 'threshold', 'set', 'precision-metric'] as const) {
    const v = args[key];
    if (Array.isArray(v) && v.length === 0) throw new InputError(`--${key}: expected a value after the flag`);
  }
  for (const key of ['scenario', 'out', 'seed', 'requests-csv-max', 'replications', 'precision', 'jobs', 'shard', 'quiet', 'requests-csv', 'allow-large'] as const) {
    if (Array.isArray(args[key])) throw new InputError(`--${key}: given more than once (${(args[key] as unknown as unknown[]).map(String).join(', ')})`);
  }
}

/** An empty `--threshold` is a mistake (e.g. an unset shell variable), not "no threshold". */
function checkThresholdArgs(list: string[] | undefined): void {
  const empty = (list ?? []).map((t, i) => (String(t).trim() === '' ? i : -1)).filter((i) => i >= 0);
  if (empty.length) throw new InputError(empty.map((i) => `--threshold[${i}]: empty threshold (expected e.g. 'wait.p95<5m')`).join('\n'));
}

function parseFormats(list: string[] | undefined): Format[] {
  if (!list || list.length === 0) return FORMATS;
  const names = list.flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);
  if (names.length === 0) throw new InputError(`--format: name at least one format (${FORMATS.join(', ')})`);
  const bad = names.filter((n) => !(FORMATS as string[]).includes(n));
  if (bad.length) throw new InputError(`--format: unknown format ${bad.map((b) => `"${b}"`).join(', ')} (expected ${FORMATS.join(', ')})`);
  const set = new Set<Format>(['json', ...(names as Format[])]); // summary.json is always written
  return FORMATS.filter((f) => set.has(f));
}
