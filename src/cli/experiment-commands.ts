// `refresh-sim sweep`, `plan` and `merge`: capacity-planning commands (yargs command modules). Thin:
// parse, call src/experiment, print, set the exit code.
import { basename, join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatPlanTable, runPlan } from '../experiment/plan.js';
import { ALLOW_LARGE_FLAG, HARD_MAX_RUNS, allowLargeFlag, jobsFor, parseIntegerFlag, parseJobs as parseJobsFlag, singleText } from '../experiment/guards.js';
import { checkShard, mergePartialFiles, parseShard, partialJson, partialPath, runSweepShard, shardPairs, type Shard } from '../experiment/shard.js';
import { DEFAULT_SWEEP_REPLICATIONS, Sweep, parseSweepSpec } from '../experiment/sweep.js';
import { summaryPathProblem, type SweepParameter, inputFileProblem } from '../vocabulary/index.js';
import { DEFAULT_PLAN_REPLICATIONS, parseSlos } from '../experiment/plan.js';
import { checkOutputDir, defaultOutDir, stageOutputDir, writeFileAtomic, writeProblem } from '../report/atomic.js';
import { summaryJson } from '../report/json.js';
import { writeSweepReports } from '../report/sweep-index.js';
import { formatSweepTable } from '../report/sweep-table.js';
import { sweepAnswerSentence, sweepSlos, type SweepSlo } from '../report/sweep-slo.js';
import { parseOverride, readRawScenario, type RawScenario } from '../scenario/overrides.js';
import { writePlanHtml } from '../report/plan-html.js';
import { ExitCode, InputError } from './errors.js';
import { progressBar } from './progress.js';

let exitCode: number = ExitCode.ok;

/** The exit code the last experiment command asked for (99 when `plan` found no value meeting the SLOs). */
export function experimentExitCode(): number {
  return exitCode;
}

/**
 * `--jobs`: a whole number >= 1; default one per CPU; above 4 x CPUs capped with a note on stderr.
 * The one parser of --jobs (src/experiment/guards.ts); `jobsFor(value, runs)` there also caps it at the runs.
 */
export function parseJobs(value: unknown): number {
  return parseJobsFlag(value);
}
export { jobsFor };

function parseReplications(value: unknown, fallback: number): number {
  return parseIntegerFlag(value, '--replications', { min: 1, max: HARD_MAX_RUNS, fallback });
}

/**
 * Runs each parser and reports every InputError at once (one line each), so a command with three bad
 * flags says so in one go. Returns the parsed values in order.
 */
function allOrNothing<T extends unknown[] = unknown[]>(...parsers: (() => unknown)[]): T {
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
function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}


/** --metric paths: non-empty, at most 100. */
function parseMetrics(v: unknown): string[] {
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

/** A progress bar of runs done on stderr (only on a terminal); returns the callback and a stop. */
export function runsProgress(title: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  const bar = progressBar(title);
  return { onProgress: (done, total) => bar.update(done / total, `${done}/${total} runs`), stop: () => bar.stop() };
}

interface SweepArgs {
  scenario: string;
  set: string[];
  replications?: unknown;
  jobs?: unknown;
  out?: string;
  shard?: string;
  metric?: string[];
  slo?: string[];
  png: boolean;
  quiet: boolean;
  'allow-large'?: boolean;
}

const ALLOW_LARGE_HELP = `run more than the guards allow (10,000 configurations or runs; ${ALLOW_LARGE_FLAG} also lifts the scenario size guard)`;

const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'run a grid of --set values, each with replications, and write sweep.csv/json/html',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
      .option('set', { type: 'string', array: true, demandOption: true, describe: 'path=values: a range 2..16 or 2..16:2, a list 1,1.5,2, or one value (repeatable)' })
      .option('replications', { type: 'string', describe: `replications per configuration (default ${DEFAULT_SWEEP_REPLICATIONS})` })
      .option('jobs', { type: 'string', describe: 'parallel simulations (default: one per CPU; 1 = no worker threads; never more than the runs)' })
      .option('out', { type: 'string', describe: 'output directory (default reports/<scenario name>-sweep/)' })
      .option('shard', { type: 'string', describe: 'i/n: run only shard i of n and write partial-<i>-of-<n>.json (combine with merge)' })
      .option('metric', { type: 'string', array: true, describe: 'more summary paths to measure, beyond the headline ones' })
      .option('slo', { type: 'string', array: true, describe: 'an SLO as in plan, e.g. "wait.p95 <= 5m": its line on the charts and the smallest swept value meeting it (repeatable)' })
      .option('png', { type: 'boolean', default: true, describe: 'also write PNG charts when canvas is installed' })
      .option('allow-large', { type: 'boolean', default: false, describe: ALLOW_LARGE_HELP })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }) as unknown as Argv<SweepArgs>,
  handler: async (a: ArgumentsCamelCase<SweepArgs>) => {
    exitCode = ExitCode.ok;
    const allowLarge = allowLargeFlag(a['allow-large']);
    // every flag first, all problems at once, before the scenario is expanded or anything runs
    const [parameters, replications, shard, metrics, , out, slos] = allOrNothing<[SweepParameter[], number, Shard | null, string[], number, string | undefined, SweepSlo[]]>(
      () => {
        const specs = list(a.set);
        if (specs.length === 0) throw new InputError('--set: give at least one path=values to sweep, e.g. --set workers=2..16');
        return allOrNothing(...specs.map((t) => () => parseSweepSpec(t, '--set', { allowLarge })));
      },
      () => parseReplications(a.replications, DEFAULT_SWEEP_REPLICATIONS),
      () => {
        const text = singleText(a.shard, '--shard');
        return text === undefined ? null : parseShard(text);
      },
      () => parseMetrics(a.metric),
      () => parseJobsFlag(a.jobs, () => undefined),
      () => checkOutPath(a.out),
      () => (a.slo === undefined ? [] : sweepSlos(parseSlos(list(a.slo)))),
    );
    const raw = await readScenario(a.scenario);
    // the SLOs' metrics are measured in every configuration, like --metric
    const measured = [...new Set([...metrics, ...slos.map((s) => s.path)])];
    const sweep = new Sweep(raw, parameters, { replications, metrics: measured, allowLarge });
    if (shard) checkShard(shard, sweep.pairCount);
    sweep.validateAll();
    const outDir = out ?? defaultOutDir(sweep.design.scenario, 'scenario', '-sweep');
    await checkOutputDir(outDir);
    const runs = shard ? shardPairs(sweep.pairCount, shard).length : sweep.pairCount;
    const jobs = jobsFor(a.jobs, runs);
    const progress = runsProgress(`${sweep.design.scenario} sweep`);
    try {
      if (shard) {
        const partial = await runSweepShard(sweep, shard, { jobs, onProgress: progress.onProgress });
        progress.stop();
        const path = partialPath(outDir, shard);
        await writing(outDir, () => writeFileAtomic(path, partialJson(partial)));
        if (!a.quiet) process.stdout.write(`shard ${shard.index}/${shard.count}: ${partial.results.length} of ${sweep.pairCount} runs; wrote ${path}\n`);
        return;
      }
      const result = await sweep.run({ jobs, onProgress: progress.onProgress });
      progress.stop();
      const { written, pngSkipped } = await writeStaged(outDir, (dir) => writeSweepReports(result, dir, { png: a.png, slos }));
      if (!a.quiet) {
        if (pngSkipped) process.stderr.write('PNG charts skipped: the optional `canvas` package is not installed.\n');
        process.stdout.write(formatSweepTable(result, slos));
        if (slos.length > 0) process.stdout.write(`${sweepAnswerSentence(result, slos)}\n`);
        process.stdout.write(`${result.configurations.length} configurations × ${result.replications} replications; wrote ${written.length} files to ${outDir}/\n`);
      }
    } finally {
      progress.stop();
    }
  },
};

/** The scenario file, refused (exit 2) when it is not a regular file: a FIFO or a device would block or never end. */
async function readScenario(value: unknown): Promise<Awaited<ReturnType<typeof readRawScenario>>> {
  const file = String(value);
  const bad = await inputFileProblem(file);
  if (bad !== null) throw new InputError(`${file}: ${bad}`);
  return readRawScenario(file);
}

/** The scenario's name as written (for page titles), else its file name. */
function scenarioName(raw: RawScenario): string {
  const name = raw.data.name;
  return typeof name === 'string' && name.trim() !== '' ? name : basename(raw.file).replace(/\.(ya?ml|json)$/i, '');
}

/** The cheap part of the --out check, usable among the flag parsers (the full one needs the file system). */
function checkOutPath(value: unknown): string | undefined {
  const out = singleText(value, '--out');
  if (out !== undefined && out.trim() === '') throw new InputError('--out: an empty path is not a directory');
  return out;
}

/**
 * Writes a report set into a fresh staging directory and publishes it into `outDir` at once
 * (src/report/atomic.ts): a failure or a signal leaves neither temporary files nor a mixed set.
 */
async function writeStaged<T>(outDir: string, write: (dir: string) => Promise<T>): Promise<T> {
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

/** Runs a write step; a full disk, a read-only place or a permission problem is the user's to fix (exit 2). */
async function writing<T>(outDir: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw writeProblem(err, `--out ${outDir}`);
  }
}

interface PlanArgs {
  scenario: string;
  vary: string;
  slo: string[];
  set?: string[];
  replications?: unknown;
  jobs?: unknown;
  out?: string;
  quiet: boolean;
  'allow-large'?: boolean;
}

const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan <scenario>',
  describe: 'find the smallest value of a parameter (e.g. workers) for which every SLO holds; exit 99 if none does',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
      .option('vary', { type: 'string', demandOption: true, describe: 'path=candidates, e.g. workers=1..64 (numbers; larger assumed better)' })
      .option('slo', { type: 'string', array: true, demandOption: true, describe: 'an SLO in the gate\'s syntax, e.g. "wait.p95 <= 5m" (repeatable)' })
      .option('set', { type: 'string', array: true, describe: 'fixed path=value overrides for every run (repeatable)' })
      .option('replications', { type: 'string', describe: `replications per value (default ${DEFAULT_PLAN_REPLICATIONS})` })
      .option('jobs', { type: 'string', describe: 'parallel simulations (default: one per CPU; 1 = no worker threads; never more than the replications)' })
      .option('out', { type: 'string', describe: 'also write plan.json and plan.html into this directory' })
      .option('allow-large', { type: 'boolean', default: false, describe: ALLOW_LARGE_HELP })
      .option('quiet', { type: 'boolean', default: false, describe: 'print only the decision' }) as unknown as Argv<PlanArgs>,
  handler: async (a: ArgumentsCamelCase<PlanArgs>) => {
    exitCode = ExitCode.ok;
    const allowLarge = allowLargeFlag(a['allow-large']);
    if (Array.isArray(a.vary)) throw new InputError(`--vary: given ${a.vary.length} times (plan varies one parameter)`);
    const [vary, slos, base, replications, , out] = allOrNothing<[SweepParameter, ReturnType<typeof parseSlos>, ReturnType<typeof parseOverride>[], number, number, string | undefined]>(
      () => parseSweepSpec(String(a.vary), '--vary', { allowLarge }),
      () => parseSlos(list(a.slo)),
      () => {
        if (Array.isArray(a.set) && a.set.length === 0) throw new InputError('--set: expects path=value, e.g. --set connectors.ga.latencyScale=1.5');
        return allOrNothing(...list(a.set).map((t) => () => parseOverride(t)));
      },
      () => parseReplications(a.replications, DEFAULT_PLAN_REPLICATIONS),
      () => parseJobsFlag(a.jobs, () => undefined),
      () => checkOutPath(a.out),
    );
    if (base.some((o) => o.path === vary.path)) throw new InputError(`--set ${vary.path} conflicts with --vary ${vary.path}`);
    if (out !== undefined) await checkOutputDir(out);
    const raw = await readScenario(a.scenario);
    const jobs = jobsFor(a.jobs, replications);
    const progress = runsProgress(`plan ${vary.path}`);
    let result;
    try {
      result = await runPlan(raw, { vary, slos, base, replications, jobs, allowLarge, onProgress: progress.onProgress });
    } finally {
      progress.stop();
    }
    const table = formatPlanTable(result);
    process.stdout.write(a.quiet ? `${table.trimEnd().split('\n').pop()}\n` : table);
    const planResult = result;
    if (out !== undefined) {
      const scenario = scenarioName(raw);
      await writeStaged(out, async (dir) => {
        await writeFileAtomic(join(dir, 'plan.json'), JSON.stringify(planResult, null, 2) + '\n');
        await writePlanHtml(planResult, dir, scenario);
      });
    }
    exitCode = result.found ? ExitCode.ok : ExitCode.thresholdFailed;
    process.exitCode = exitCode;
  },
};

interface MergeArgs {
  partials: string[];
  out: string;
  png: boolean;
  quiet: boolean;
}

const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge [partials..]',
  describe: 'combine partial-<i>-of-<n>.json files (from --shard) into the output of an unsharded run',
  builder: (y: Argv) =>
    y
      .positional('partials', { type: 'string', array: true, describe: 'every partial-<i>-of-<n>.json of one run' })
      .option('out', { type: 'string', demandOption: true, describe: 'output directory' })
      .option('png', { type: 'boolean', default: true, describe: 'also write PNG charts (sweeps) when canvas is installed' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }) as unknown as Argv<MergeArgs>,
  handler: async (a: ArgumentsCamelCase<MergeArgs>) => {
    exitCode = ExitCode.ok;
    const out = checkOutPath(a.out) ?? '';
    await checkOutputDir(out);
    const partials = list(a.partials);
    if (partials.length === 0) throw new InputError('merge: name the partial-<i>-of-<n>.json files to combine (every shard of one run)');
    const merged = await mergePartialFiles(partials);
    if (merged.mode === 'sweep') {
      const written = await writeStaged(out, async (dir) => (await writeSweepReports(merged.sweep, dir, { png: a.png })).written);
      if (!a.quiet) process.stdout.write(`merged ${partials.length} partials; wrote ${written.length} files to ${out}/\n`);
    } else {
      await writeStaged(out, (dir) => writeFileAtomic(join(dir, 'summary.json'), summaryJson(merged.summary)));
      if (!a.quiet) process.stdout.write(`merged ${partials.length} partials; wrote ${join(out, 'summary.json')}\n`);
    }
  },
};

/** The capacity-planning commands, for main.ts: `for (const c of experimentCommands) cli.command(c)`. */
export const experimentCommands = [sweepCommand, planCommand, mergeCommand] as unknown as CommandModule[];
