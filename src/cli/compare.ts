// `refresh-sim compare <baseline> <current>`: regression check of one summary.json against another.
import { mkdir } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { compareSummaries, formatCompareTable, formatProblems, parseToleranceArgs, readSummaryFile, type GateReport } from '../gate/index.js';
import { writeJunit } from '../report/junit.js';
import { writeMarkdown } from '../report/markdown.js';
import { ExitCode, InputError } from './errors.js';

export interface CompareArgs {
  baseline: string;
  current: string;
  'max-increase'?: string[];
  'max-decrease'?: string[];
  'no-defaults'?: boolean;
  out?: string;
}

export function compareCommand(y: Argv) {
  return y
    .positional('baseline', { type: 'string', demandOption: true, describe: 'baseline summary.json' })
    .positional('current', { type: 'string', demandOption: true, describe: 'current summary.json' })
    .option('max-increase', { type: 'string', array: true, describe: "tolerance on a rise, e.g. 'wait.p95=10%' or 'wait.p95=30s' or 'wait.p95=10%,30s'" })
    .option('max-decrease', { type: 'string', array: true, describe: "tolerance on a fall, for metrics where lower is worse, e.g. 'utilisation.mean=20%'" })
    .option('no-defaults', { type: 'boolean', default: false, describe: 'compare only the paths given (by default every latency percentile: +10% and at least 1 s)' })
    .option('out', { type: 'string', describe: 'also write junit.xml and summary.md into this directory' });
}

export async function compare(args: CompareArgs): Promise<number> {
  const [base, cur] = await Promise.all([readSummaryFile(args.baseline), readSummaryFile(args.current)]);
  const inc = parseToleranceArgs(args['max-increase'] ?? [], '--max-increase');
  const dec = parseToleranceArgs(args['max-decrease'] ?? [], '--max-decrease');
  const problems = [...base.problems, ...cur.problems, ...inc.problems, ...dec.problems];
  if (problems.length > 0 || !base.summary || !cur.summary) throw new InputError(formatProblems(problems));
  const result = compareSummaries(base.summary, cur.summary, { maxIncrease: inc.tolerances, maxDecrease: dec.tolerances, defaults: !args['no-defaults'] });
  if (result.problems.length > 0) throw new InputError(formatProblems(result.problems));
  process.stdout.write(formatCompareTable(result.rows) + '\n');
  const bad = result.rows.filter((r) => r.verdict === 'regression').length;
  process.stdout.write(bad > 0 ? `${bad} regression${bad === 1 ? '' : 's'}\n` : 'no regression\n');
  if (args.out) {
    const gate: GateReport = { compare: result };
    await mkdir(args.out, { recursive: true });
    await writeJunit(args.out, gate, `refresh-sim.compare.${cur.summary.scenario}`);
    await writeMarkdown(args.out, cur.summary, gate);
  }
  return result.regressed ? ExitCode.thresholdFailed : ExitCode.ok;
}
