// `refresh-sim run <scenario>`: simulate, print a short summary, write the reports (or one shard's partial).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { partialJson, partialPath, replicationsDesign, runModel, runReplicationShard, runReplications } from '../../experiment/index.js';
import { gateExitCode, judgeRun } from '../../gate/index.js';
import {
  FORMATS, appendStepSummary, summaryMarkdown, checkOutputDir, fsProblem, inOutputDir, openRefreshesCsv, reportTimeZone, stageOutputDir, writeFileAtomic,
  writeRunReports, writers, type RequestSink,
} from '../../report/index.js';
import type { Model } from '../../scenario/index.js';
import type { RunResult } from '../../vocabulary/index.js';
import type { Command } from '../command.js';
import { consoleSummary, quietVerdicts, thresholdLines } from '../console.js';
import { ExitCode } from '../errors.js';
import { progressBar, runsProgress } from '../progress.js';
import { checkRun, type CheckedRun, type RunArgs } from '../run-checks.js';

export type { RunArgs };

function flags(y: Argv) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
    .option('out', { type: 'string', describe: 'output directory (default reports/<scenario name>/)' })
    .option('seed', { type: 'string', describe: 'override the scenario seed' })
    .option('format', { type: 'string', array: true, describe: `formats to write (${FORMATS.join(', ')}); default all the machine can` })
    .option('requests-csv', { type: 'boolean', default: false, describe: 'also write refreshes.csv, one row per request (large)' })
    .option('requests-csv-max', { type: 'string', default: '1000000', describe: 'stop writing refreshes.csv after this many rows' })
    .option('threshold', { type: 'string', array: true, describe: "fail (exit 99) unless a summary path meets it, e.g. 'wait.p95<5m'; prefix warn: to only report" })
    .option('set', { type: 'string', array: true, describe: "change a number of the scenario for this run, e.g. --set workers=6 --set connectors.ga.latencyScale=1.5" })
    .option('replications', { type: 'string', describe: 'independent replications (seeds derived from the scenario seed); headline metrics get 95% confidence intervals' })
    .option('precision', { type: 'string', describe: "add replications until the relative CI half-width of the precision metrics is at most this, e.g. '5%' (at most 50)" })
    .option('precision-metric', { type: 'string', array: true, describe: 'summary paths --precision applies to (default wait.mean)' })
    .option('jobs', { type: 'string', describe: 'parallel simulations (worker threads); default one per CPU. Results do not depend on it' })
    .option('shard', { type: 'string', describe: "run only slice i of n of the replications (i/n) and write a partial for `refresh-sim merge`" })
    .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
    .option('allow-large', { type: 'boolean', default: false, describe: 'run even when the scenario or the replication count is over the resource budget (you know the machine can take it)' });
}

async function run(args: RunArgs): Promise<number> {
  const checked = await checkRun(args);
  if (checked.shard) return runShard(args, checked);
  const { model, outDir } = checked;
  const stage = await stageOutputDir(outDir, { flag: checked.outFlag });
  let sink: RequestSink | null = null;
  try {
    let result: RunResult;
    if (checked.replicated) {
      result = await simulateReplicated(args, checked);
    } else {
      if (args['requests-csv']) sink = await openRefreshesCsv(stage.dir, { maxRows: checked.csvMax });
      result = await simulateOnce(args, model, sink);
    }
    const gate = judgeRun(result.summary, checked.thresholds); // replicated metrics: their means
    const note = (line: string) => void (args.quiet || process.stderr.write(`${line}\n`));
    const files = await writeRunReports(writers, checked.formats, { result, dir: stage.dir, gate, timeZone: reportTimeZone(model), sink, csvMax: checked.csvMax }, note);
    if (checked.stepSummary) await appendStepSummary(checked.stepSummary, summaryMarkdown(result.summary, gate));
    await stage.publish();
    if (args.quiet) {
      process.stderr.write(quietVerdicts(gate)); // issue 10: a failed or warned threshold is shown even with --quiet
    } else {
      process.stdout.write(consoleSummary(result.summary, reportTimeZone(model)));
      if (gate.thresholds) process.stdout.write(thresholdLines(gate, 'replications' in result.summary));
      process.stdout.write(`\nWrote ${files.length} files to ${outDir.replace(/\/+$/, '')}/\n`);
      if (files.some((p) => p.endsWith('index.html'))) process.stdout.write(`Report: ${join(outDir, 'index.html')}\n`);
    }
    return gateExitCode(gate);
  } catch (err) {
    await sink?.abort().catch(() => {});
    await stage.abort();
    throw inOutputDir(err, stage.dir, outDir);
  }
}

/** `run --shard i/n`: one slice of the replications, written as a partial for `merge`. */
async function runShard(args: RunArgs, { model, replications, shard, jobs, outDir, outFlag }: CheckedRun): Promise<number> {
  await checkOutputDir(outDir, outFlag); // partials of other shards may share the directory: one file, atomically
  const bar = runsProgress(model.name);
  try {
    const design = replicationsDesign(model, (await readFile(args.scenario, 'utf8')) + JSON.stringify({ seed: model.seed, set: args.set ?? [] }), replications!);
    const partial = await runReplicationShard(model, design, shard!, { jobs: jobs!, onProgress: bar.onProgress });
    const path = partialPath(outDir, shard!);
    await writeFileAtomic(path, partialJson(partial)).catch((err) => {
      throw (err as NodeJS.ErrnoException).code ? fsProblem(err, path) : err;
    });
    if (!args.quiet) process.stdout.write(`Wrote ${path} (shard ${args.shard}); combine the shards with \`refresh-sim merge\`\n`);
    return ExitCode.ok;
  } finally {
    bar.stop();
  }
}

/** One simulation, requests streamed to `sink` when there is one. */
async function simulateOnce(args: RunArgs, model: Model, sink: RequestSink | null): Promise<RunResult> {
  const bar = progressBar(model.name);
  let timed;
  try {
    timed = await runModel(model, {
      onRequest: sink ? (r) => sink!.write(r) : undefined,
      drain: sink ? () => sink!.drain() : undefined,
      onProgress: (f, t) => bar.update(f, `day ${(t / 86400).toFixed(1)}`),
    });
  } finally {
    bar.stop();
  }
  if (!args.quiet) process.stderr.write(`${timed.events.toLocaleString('en-US')} events in ${timed.wallSeconds.toFixed(2)} s wall clock (${Math.round(timed.events / Math.max(timed.wallSeconds, 1e-9)).toLocaleString('en-US')} events/s)\n`);
  return timed.result;
}

/** `run --replications / --precision`: replications on worker threads. */
async function simulateReplicated(args: RunArgs, { model, replications, precision, jobs }: CheckedRun): Promise<RunResult> {
  const bar = runsProgress(model.name);
  try {
    const r = await runReplications(model, { n: replications, precision, jobs: jobs!, onProgress: bar.onProgress });
    bar.stop();
    if (precision && !args.quiet) {
      process.stderr.write(r.precisionReached ? `precision reached with ${r.n} replications\n` : `precision not reached within ${precision.maxN} replications (relative half-width ${((r.relHalfWidth ?? NaN) * 100).toFixed(1)}%)\n`);
    }
    return { ...r.first, summary: r.summary };
  } finally {
    bar.stop();
  }
}

export const runCommand: Command<RunArgs> = { usage: 'run <scenario>', describe: 'simulate a scenario and write its reports', flags, run };
