// `refresh-sim compare <baseline> <current>`: regression check of one summary.json against another.
import { mkdir } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { singleText } from '../../experiment/index.js';
import { compareSummaries, formatCompareTable, gateExitCode, parseToleranceArgs, type GateReport } from '../../gate/index.js';
import { checkOutputDir, writeCompareHtml, writeJunit, writeMarkdown, writeProblem } from '../../report/index.js';
import { readSummaryFile, formatProblems, type GateSummary } from '../../vocabulary/index.js';
import type { Command } from '../command.js';
import { InputError } from '../errors.js';
import { list } from '../flags.js';

export interface CompareArgs {
  baseline: string;
  current: string;
  'max-increase'?: string[];
  'max-decrease'?: string[];
  /** false with --no-defaults */
  defaults?: boolean;
  'allow-different-scenario'?: boolean;
  out?: string;
}

function flags(y: Argv) {
  return y
    .positional('baseline', { type: 'string', demandOption: true, describe: 'baseline summary.json' })
    .positional('current', { type: 'string', demandOption: true, describe: 'current summary.json' })
    .option('max-increase', { type: 'string', array: true, describe: "tolerance on a rise, e.g. 'wait.p95=10%' or 'wait.p95=30s' or 'wait.p95=10%,30s'" })
    .option('max-decrease', { type: 'string', array: true, describe: "tolerance on a fall, for metrics where lower is worse, e.g. 'utilisation.mean=20%'" })
    // `defaults`, so that yargs reads --no-defaults as its negation (an option named `no-defaults` is refused as unknown)
    .option('defaults', { type: 'boolean', default: true, describe: 'compare every latency percentile (+10% and at least 1 s); --no-defaults: only the paths given' })
    .option('allow-different-scenario', { type: 'boolean', default: false, describe: 'compare summaries of different scenarios (refused by default)' })
    .option('out', { type: 'string', describe: 'also write junit.xml, summary.md and compare.html into this directory' });
}

async function compare(input: CompareArgs): Promise<number> {
  const args: CompareArgs = { ...input, out: singleText(input.out, '--out') };
  if (args.out !== undefined) await checkOutputDir(args.out);
  const [base, cur] = await Promise.all([readSummaryFile(String(args.baseline)), readSummaryFile(String(args.current))]);
  const inc = parseToleranceArgs(list(args['max-increase']), '--max-increase');
  const dec = parseToleranceArgs(list(args['max-decrease']), '--max-decrease');
  const problems = [...base.problems, ...cur.problems, ...inc.problems, ...dec.problems];
  // a flag written without its value (yargs: an empty list) must not be read as "no tolerance asked"
  for (const flag of ['max-increase', 'max-decrease'] as const) {
    const v = args[flag];
    if (Array.isArray(v) && v.length === 0) problems.push({ path: [`--${flag}`], message: 'expects PATH=TOLERANCE, e.g. "wait.p95=10%"' });
  }
  const defaults = args.defaults !== false;
  if (!defaults && Object.keys(inc.tolerances).length + Object.keys(dec.tolerances).length === 0 && problems.length === 0) {
    problems.push({ path: ['--no-defaults'], message: 'nothing to compare: give --max-increase or --max-decrease PATH=TOL' });
  }
  if (problems.length > 0 || !base.summary || !cur.summary) throw new InputError(formatProblems(problems));
  const mismatch = runMismatch(base.summary, cur.summary, args.baseline, args.current);
  if (mismatch.refuse && !args['allow-different-scenario']) throw new InputError(mismatch.refuse);
  const warnings = [...(mismatch.refuse ? [mismatch.refuse.replace(/; pass .*$/, '')] : []), ...mismatch.warnings];
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);

  const result = compareSummaries(base.summary, cur.summary, { maxIncrease: inc.tolerances, maxDecrease: dec.tolerances, defaults });
  if (result.problems.length > 0) throw new InputError(formatProblems(result.problems));
  process.stdout.write(formatCompareTable(result.rows) + '\n');
  const bad = result.rows.filter((r) => r.verdict === 'regression');
  const unjudged = bad.filter((r) => r.change === null).length;
  process.stdout.write(
    bad.length > 0
      ? `${bad.length} regression${bad.length === 1 ? '' : 's'}${unjudged > 0 ? ` (${unjudged} metric${unjudged === 1 ? '' : 's'} without data: cannot be judged)` : ''}\n`
      : 'no regression\n',
  );
  if (args.out) {
    const gate: GateReport = { compare: result };
    try {
      await mkdir(args.out, { recursive: true });
      await writeJunit(args.out, gate, `refresh-sim.compare.${cur.summary.scenario}`);
      await writeMarkdown(args.out, cur.summary, gate);
      await writeCompareHtml({ result, baseline: base.summary, current: cur.summary, files: { baseline: args.baseline, current: args.current }, warnings }, args.out);
    } catch (err) {
      throw writeProblem(err, `--out ${args.out}`);
    }
  }
  return gateExitCode({ compare: result });
}

export const compareCommand: Command<CompareArgs> = {
  usage: 'compare <baseline> <current>',
  describe: 'compare two summary.json files; exit 99 on a regression',
  flags,
  run: compare,
};


/**
 * Whether the two summaries are runs of the same thing. A different scenario is refused (the numbers
 * mean different things); a different seed, worker count or span is allowed with a warning.
 */
function runMismatch(base: GateSummary, cur: GateSummary, baseFile = 'baseline', curFile = 'current'): { refuse: string | null; warnings: string[] } {
  const refuse =
    base.scenario !== cur.scenario
      ? `${baseFile} is scenario ${JSON.stringify(base.scenario)} but ${curFile} is scenario ${JSON.stringify(cur.scenario)}: comparing different scenarios; pass --allow-different-scenario to compare them anyway`
      : null;
  const warnings: string[] = [];
  const differ = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) warnings.push(`${what} differs: ${JSON.stringify(a)} in ${baseFile}, ${JSON.stringify(b)} in ${curFile}`);
  };
  differ('the seed', base.seed, cur.seed);
  differ('the worker count (min..max)', `${base.workers.min}..${base.workers.max}`, `${cur.workers.min}..${cur.workers.max}`);
  differ('the simulated span', base.span, cur.span);
  differ('the number of replications', base.replications?.n ?? 1, cur.replications?.n ?? 1);
  // summaries from before policies were fifo, the product's queue
  differ('the queue policy', base.policy ?? 'fifo', cur.policy ?? 'fifo');
  return { refuse, warnings };
}
