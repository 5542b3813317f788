// `refresh-sim sweep <scenario>`: a grid of --set values, each with replications; sweep.csv/json/html (or one shard's partial).
import type { Argv } from 'yargs';
import {
  DEFAULT_SWEEP_REPLICATIONS, Sweep, allowLargeFlag, checkShard, jobsFor, parseJobs, parseShard, parseSlos, parseSweepSpec, partialJson,
  partialPath, runSweepShard, shardPairs, singleText, type Shard,
} from '../../experiment/index.js';
import {
  checkOutputDir, defaultOutDir, formatSweepTable, sweepAnswerSentence, sweepSlos, writeFileAtomic, writeStaged, writeSweepReports, writing,
  type SweepSlo,
} from '../../report/index.js';
import type { SweepParameter } from '../../vocabulary/index.js';
import type { Command } from '../command.js';
import { ExitCode, InputError } from '../errors.js';
import { ALLOW_LARGE_HELP, allOrNothing, checkOutPath, list, parseMetrics, parseReplications, readScenario } from '../flags.js';
import { runsProgress } from '../progress.js';

interface SweepArgs {
  scenario: string;
  set: string[];
  replications?: string;
  jobs?: string;
  out?: string;
  shard?: string;
  metric?: string[];
  slo?: string[];
  png: boolean;
  quiet: boolean;
  'allow-large'?: boolean;
}

function flags(y: Argv) {
  return y
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
    .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' });
}

async function sweep(a: SweepArgs): Promise<number> {
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
    () => parseJobs(a.jobs, () => undefined),
    () => checkOutPath(a.out),
    () => (a.slo === undefined ? [] : sweepSlos(parseSlos(list(a.slo)))),
  );
  const raw = await readScenario(a.scenario);
  // the SLOs' metrics are measured in every configuration, like --metric
  const measured = [...new Set([...metrics, ...slos.map((s) => s.path)])];
  const grid = new Sweep(raw, parameters, { replications, metrics: measured, allowLarge });
  if (shard) checkShard(shard, grid.pairCount);
  grid.validateAll();
  const outDir = out ?? defaultOutDir(grid.design.scenario, 'scenario', '-sweep');
  await checkOutputDir(outDir);
  const runs = shard ? shardPairs(grid.pairCount, shard).length : grid.pairCount;
  const jobs = jobsFor(a.jobs, runs);
  const progress = runsProgress(`${grid.design.scenario} sweep`);
  try {
    if (shard) {
      const partial = await runSweepShard(grid, shard, { jobs, onProgress: progress.onProgress });
      progress.stop();
      const path = partialPath(outDir, shard);
      await writing(outDir, () => writeFileAtomic(path, partialJson(partial)));
      if (!a.quiet) process.stdout.write(`shard ${shard.index}/${shard.count}: ${partial.results.length} of ${grid.pairCount} runs; wrote ${path}\n`);
      return ExitCode.ok;
    }
    const result = await grid.run({ jobs, onProgress: progress.onProgress });
    progress.stop();
    const { written, pngSkipped } = await writeStaged(outDir, (dir) => writeSweepReports(result, dir, { png: a.png, slos }));
    if (!a.quiet) {
      if (pngSkipped) process.stderr.write('PNG charts skipped: the optional `canvas` package is not installed.\n');
      process.stdout.write(formatSweepTable(result, slos));
      if (slos.length > 0) process.stdout.write(`${sweepAnswerSentence(result, slos)}\n`);
      process.stdout.write(`${result.configurations.length} configurations × ${result.replications} replications; wrote ${written.length} files to ${outDir}/\n`);
    }
    return ExitCode.ok;
  } finally {
    progress.stop();
  }
}

export const sweepCommand: Command<SweepArgs> = {
  usage: 'sweep <scenario>',
  describe: 'run a grid of --set values, each with replications, and write sweep.csv/json/html',
  flags,
  run: sweep,
};
