// `refresh-sim backtest <scenario> --against refresh-log.csv`: replications of the scenario over the
// log's period, observed against simulated waits, backtest.json + backtest.html, exit 99 outside tolerance.
import type { Argv } from 'yargs';
import type { Command } from '../command.js';
import { readLogs } from '../../logs/index.js';
import { runBacktest, type BacktestResult } from '../../backtest/index.js';
import { backtestVerdict, checkOutputDir, defaultOutDir, fsProblem, writeBacktest } from '../../report/index.js';
import { formatProblems } from '../../scenario/index.js';
import { formatDuration, parseDuration } from '../../vocabulary/index.js';
import { checkReplicationCount } from '../../experiment/index.js';
import { loadModel } from '../load.js';
import { ExitCode, InputError } from '../errors.js';

export interface BacktestArgs {
  scenario: string;
  against: string[];
  out?: string;
  replications?: string;
  tolerance?: string;
  'tolerance-abs'?: string;
  'max-ks'?: string;
  set?: string[];
  seed?: string;
  quiet?: boolean;
  'allow-large'?: boolean;
  replay?: boolean;
}

function parseFlags(a: BacktestArgs) {
  const problems: string[] = [];
  const reps = Number(a.replications ?? '10');
  if (!Number.isSafeInteger(reps) || reps < 2) problems.push(`--replications: expected a whole number >= 2 (got ${JSON.stringify(a.replications)}); intervals need two replications`);
  const tolText = a.tolerance ?? '25%';
  const tm = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(tolText);
  if (!tm || Number(tm[1]) > 1000) problems.push(`--tolerance: expected a percentage such as 25% (got ${JSON.stringify(tolText)})`);
  let absolute = 1;
  try {
    absolute = parseDuration(a['tolerance-abs'] ?? '1s');
    if (!(absolute >= 0)) throw new RangeError('negative');
  } catch {
    problems.push(`--tolerance-abs: expected a duration such as 1s or 30s (got ${JSON.stringify(a['tolerance-abs'])})`);
  }
  const maxKs = Number(a['max-ks'] ?? '0.1');
  if (!(maxKs > 0 && maxKs <= 1)) problems.push(`--max-ks: expected a number in (0, 1] (got ${JSON.stringify(a['max-ks'])})`);
  if (a.seed !== undefined && !/^-?\d+$/.test(a.seed)) problems.push(`--seed: expected an integer (got ${JSON.stringify(a.seed)})`);
  if (problems.length) throw new InputError(problems.join('\n'));
  checkReplicationCount(reps, a['allow-large']);
  return { reps, tolerance: { relative: Number(tm![1]) / 100, absolute, maxKs } };
}

function printTable(r: BacktestResult): void {
  const conf = Math.round(r.confidence * 100);
  const rows = [['metric', 'observed', `simulated [${conf}% CI]`, 'tolerated', 'verdict']];
  for (const q of r.comparison.quantiles) {
    rows.push([`${q.metric}.${q.stat}`, formatDuration(q.observed), `${formatDuration(q.simulated)} [${formatDuration(q.ci[0])}, ${formatDuration(q.ci[1])}]`, `${formatDuration(q.band[0])} to ${formatDuration(q.band[1])}`, q.pass ? 'ok' : 'FAIL']);
  }
  const ks = r.comparison.ks;
  rows.push(['KS distance', ks.wait.toFixed(3), `per replication ${Math.min(...ks.perReplication).toFixed(3)} to ${Math.max(...ks.perReplication).toFixed(3)}`, `<= ${r.tolerance.maxKs}`, ks.wait <= r.tolerance.maxKs ? 'ok' : 'FAIL']);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  process.stdout.write([line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join('\n') + '\n');
}

export async function backtest(a: BacktestArgs): Promise<number> {
  const { reps, tolerance } = parseFlags(a);
  const model = await loadModel(a.scenario, { sets: a.set, seed: a.seed === undefined ? undefined : Number(a.seed), allowLarge: a['allow-large'] === true });
  const { logs, rowProblems } = readLogs(a.against, { refresh: true });
  if (logs.session.length || logs.inventory.length) throw new InputError(`--against: only refresh logs can be backtested against (${[...logs.session, ...logs.inventory].map((f) => f.file).join(', ')} ${logs.session.length + logs.inventory.length === 1 ? 'is' : 'are'} not)`);
  if (rowProblems.length) {
    process.stderr.write(formatProblems(rowProblems) + '\n');
    const bad = logs.refresh.reduce((s, f) => s + f.badRows, 0);
    process.stderr.write(`${bad} bad row${bad === 1 ? '' : 's'} skipped\n`);
  }
  const outDir = a.out ?? defaultOutDir(model.name, 'scenario', '-backtest');
  await checkOutputDir(outDir);
  const rows = logs.refresh.flatMap((f) => f.rows);
  const result = await runBacktest(model, rows, a.against, { replications: reps, tolerance, replay: a.replay === true });
  if (result.rows.used === 0) throw new InputError(`--against: no request of ${a.against.join(', ')} was enqueued within the scenario's span after its warm-up (${new Date(result.window.start * 1000).toISOString()} to ${new Date(result.window.end * 1000).toISOString()}); give the scenario the log's start and duration`);
  const files = await writeBacktest(result, outDir).catch((err) => {
    throw (err as NodeJS.ErrnoException).code ? fsProblem(err, outDir) : err;
  });
  if (!a.quiet) {
    const replay = result.replay ? `; replaying ${result.replay.calls} recorded response times of ${result.replay.sources} sources (${result.replay.unrecorded} without a recorded call draw theirs)` : '';
    process.stdout.write(`Backtest of ${model.name} against ${a.against.join(', ')}: ${result.rows.used} observed requests, ${reps} replications${replay}\n`);
    printTable(result);
    process.stdout.write(`${backtestVerdict(result)}\nWrote ${files.join(', ')}\n`);
  }
  return result.comparison.pass ? ExitCode.ok : ExitCode.thresholdFailed;
}

export const backtestCommand: Command<BacktestArgs> = {
  usage: 'backtest <scenario>',
  describe: 'run a scenario with replications over a refresh log\'s period and compare simulated with observed waits; exit 99 outside tolerance',
  flags: (y: Argv): Argv =>
    y
      .positional('scenario', { type: 'string', demandOption: true })
      .option('against', { type: 'string', array: true, demandOption: true, describe: 'the production refresh log(s) (docs/logs.md)' })
      .option('out', { type: 'string', describe: 'output directory (default reports/<name>-backtest/)' })
      .option('replications', { type: 'string', default: '10', describe: 'replications of the scenario (>= 2)' })
      .option('tolerance', { type: 'string', default: '25%', describe: 'relative widening of each simulated percentile interval' })
      .option('tolerance-abs', { type: 'string', default: '1s', describe: 'absolute widening (so near-zero waits are not judged to the millisecond)' })
      .option('max-ks', { type: 'string', default: '0.1', describe: 'largest KS distance of the wait distributions that passes' })
      .option('set', { type: 'string', array: true, describe: 'change a number of the scenario, as for run (a what-if backtest)' })
      .option('seed', { type: 'string', describe: 'override the scenario seed' })
      .option('replay', { type: 'boolean', default: false, describe: "replay each source's recorded response times in order (from the --against log) instead of drawing them" })
      .option('quiet', { type: 'boolean', default: false })
      .option('allow-large', { type: 'boolean', default: false }),
  run: backtest,
};
