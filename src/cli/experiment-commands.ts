// `refresh-sim sweep`, `plan` and `merge`: capacity-planning commands (yargs command modules). Thin:
// parse, call src/experiment, print, set the exit code.
import { join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { formatPlanTable, runPlan } from '../experiment/plan.js';
import { defaultJobs } from '../experiment/pool.js';
import { mergePartialFiles, parseShard, partialJson, partialPath, runSweepShard } from '../experiment/shard.js';
import { DEFAULT_SWEEP_REPLICATIONS, Sweep, parseSweepSpec } from '../experiment/sweep.js';
import { DEFAULT_PLAN_REPLICATIONS, parseSlos } from '../experiment/plan.js';
import { writeFileAtomic } from '../report/atomic.js';
import { summaryJson } from '../report/json.js';
import { writeSweepReports } from '../report/sweep-index.js';
import { parseOverride, readRawScenario } from '../scenario/overrides.js';
import { ExitCode, InputError } from './errors.js';
import { progressBar } from './progress.js';

let exitCode: number = ExitCode.ok;

/** The exit code the last experiment command asked for (99 when `plan` found no value meeting the SLOs). */
export function experimentExitCode(): number {
  return exitCode;
}

/** `--jobs`: a whole number >= 1; default one per CPU. */
export function parseJobs(value: unknown): number {
  if (value === undefined) return defaultJobs();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`--jobs: expected a whole number >= 1 (got ${String(value)})`);
  return n;
}

function parseReplications(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`--replications: expected a whole number >= 1 (got ${String(value)})`);
  return n;
}

/** A progress bar of runs done on stderr (only on a terminal); returns the callback and a stop. */
export function runsProgress(title: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  const bar = progressBar(title);
  return { onProgress: (done, total) => bar.update(done / total, `${done}/${total} runs`), stop: () => bar.stop() };
}

interface SweepArgs {
  scenario: string;
  set: string[];
  replications?: number;
  jobs?: number;
  out?: string;
  shard?: string;
  metric?: string[];
  png: boolean;
  quiet: boolean;
}

const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'run a grid of --set values, each with replications, and write sweep.csv/json/html',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
      .option('set', { type: 'string', array: true, demandOption: true, describe: 'path=values: a range 2..16 or 2..16:2, a list 1,1.5,2, or one value (repeatable)' })
      .option('replications', { type: 'number', describe: `replications per configuration (default ${DEFAULT_SWEEP_REPLICATIONS})` })
      .option('jobs', { type: 'number', describe: 'parallel simulations (default: one per CPU; 1 = no worker threads)' })
      .option('out', { type: 'string', describe: 'output directory (default reports/<scenario name>-sweep/)' })
      .option('shard', { type: 'string', describe: 'i/n: run only shard i of n and write partial-<i>-of-<n>.json (combine with merge)' })
      .option('metric', { type: 'string', array: true, describe: 'more summary paths to measure, beyond the headline ones' })
      .option('png', { type: 'boolean', default: true, describe: 'also write PNG charts when canvas is installed' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }) as unknown as Argv<SweepArgs>,
  handler: async (a: ArgumentsCamelCase<SweepArgs>) => {
    exitCode = ExitCode.ok;
    const raw = await readRawScenario(a.scenario);
    const parameters = a.set.map((s) => parseSweepSpec(s));
    const jobs = parseJobs(a.jobs);
    const shard = a.shard === undefined ? null : parseShard(a.shard);
    const sweep = new Sweep(raw, parameters, { replications: parseReplications(a.replications, DEFAULT_SWEEP_REPLICATIONS), metrics: a.metric });
    sweep.validateAll();
    const outDir = a.out ?? join('reports', `${sweep.design.scenario}-sweep`);
    const progress = runsProgress(`${sweep.design.scenario} sweep`);
    try {
      if (shard) {
        const partial = await runSweepShard(sweep, shard, { jobs, onProgress: progress.onProgress });
        progress.stop();
        const path = partialPath(outDir, shard);
        await writeFileAtomic(path, partialJson(partial));
        if (!a.quiet) process.stdout.write(`shard ${shard.index}/${shard.count}: ${partial.results.length} of ${sweep.pairCount} runs; wrote ${path}\n`);
        return;
      }
      const result = await sweep.run({ jobs, onProgress: progress.onProgress });
      progress.stop();
      const { written, pngSkipped } = await writeSweepReports(result, outDir, { png: a.png });
      if (!a.quiet) {
        if (pngSkipped) process.stderr.write('PNG charts skipped: the optional `canvas` package is not installed.\n');
        process.stdout.write(`${result.configurations.length} configurations × ${result.replications} replications; wrote ${written.length} files to ${outDir}/\n`);
      }
    } finally {
      progress.stop();
    }
  },
};

interface PlanArgs {
  scenario: string;
  vary: string;
  slo: string[];
  set?: string[];
  replications?: number;
  jobs?: number;
  out?: string;
  quiet: boolean;
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
      .option('replications', { type: 'number', describe: `replications per value (default ${DEFAULT_PLAN_REPLICATIONS})` })
      .option('jobs', { type: 'number', describe: 'parallel simulations (default: one per CPU; 1 = no worker threads)' })
      .option('out', { type: 'string', describe: 'also write plan.json into this directory' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print only the decision' }) as unknown as Argv<PlanArgs>,
  handler: async (a: ArgumentsCamelCase<PlanArgs>) => {
    exitCode = ExitCode.ok;
    const raw = await readRawScenario(a.scenario);
    const vary = parseSweepSpec(a.vary, '--vary');
    const slos = parseSlos(a.slo);
    const base = (a.set ?? []).map(parseOverride);
    if (base.some((o) => o.path === vary.path)) throw new InputError(`--set ${vary.path} conflicts with --vary ${vary.path}`);
    const progress = runsProgress(`plan ${vary.path}`);
    let result;
    try {
      result = await runPlan(raw, { vary, slos, base, replications: parseReplications(a.replications, DEFAULT_PLAN_REPLICATIONS), jobs: parseJobs(a.jobs), onProgress: progress.onProgress });
    } finally {
      progress.stop();
    }
    const table = formatPlanTable(result);
    process.stdout.write(a.quiet ? `${table.trimEnd().split('\n').pop()}\n` : table);
    if (a.out) await writeFileAtomic(join(a.out, 'plan.json'), JSON.stringify(result, null, 2) + '\n');
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
  command: 'merge <partials..>',
  describe: 'combine partial-<i>-of-<n>.json files (from --shard) into the output of an unsharded run',
  builder: (y: Argv) =>
    y
      .positional('partials', { type: 'string', array: true, demandOption: true, describe: 'every partial-<i>-of-<n>.json of one run' })
      .option('out', { type: 'string', demandOption: true, describe: 'output directory' })
      .option('png', { type: 'boolean', default: true, describe: 'also write PNG charts (sweeps) when canvas is installed' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }) as unknown as Argv<MergeArgs>,
  handler: async (a: ArgumentsCamelCase<MergeArgs>) => {
    exitCode = ExitCode.ok;
    const merged = await mergePartialFiles(a.partials);
    if (merged.mode === 'sweep') {
      const { written } = await writeSweepReports(merged.sweep, a.out, { png: a.png });
      if (!a.quiet) process.stdout.write(`merged ${a.partials.length} partials; wrote ${written.length} files to ${a.out}/\n`);
    } else {
      const path = join(a.out, 'summary.json');
      await writeFileAtomic(path, summaryJson(merged.summary));
      if (!a.quiet) process.stdout.write(`merged ${a.partials.length} partials; wrote ${path}\n`);
    }
  },
};

/** The capacity-planning commands, for main.ts: `for (const c of experimentCommands) cli.command(c)`. */
export const experimentCommands = [sweepCommand, planCommand, mergeCommand] as unknown as CommandModule[];
