// `refresh-sim calibrate <logs...> --out scenario.yaml` and `refresh-sim logs <scenario> --out DIR`
// (the round-trip tool: a run written as production logs).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { Command } from '../command.js';
import { readLogs, RefreshLogWriter, sessionLogText, inventoryText } from '../../logs/index.js';
import { analyse, calibratedScenarioYaml } from '../../calibrate/index.js';
import { parseScenario, formatProblems, localTime } from '../../scenario/index.js';
import { runModel } from '../../experiment/index.js';
import { checkOutputDir, fsProblem, writeFileAtomic } from '../../report/index.js';
import { formatDuration } from '../../vocabulary/index.js';
import { loadModel } from '../load.js';
import { ExitCode, InputError } from '../errors.js';

export interface CalibrateArgs {
  logs: string[];
  out: string;
  name?: string;
  timezone?: string;
  quiet?: boolean;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

async function writeOut(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text).catch((err) => {
    throw (err as NodeJS.ErrnoException).code ? fsProblem(err, path) : err;
  });
}

/** Reads the logs, fits, writes the commented scenario; bad rows are listed on stderr and counted. */
function isTimeZone(zone: string): boolean {
  try {
    localTime(0, zone);
    return true;
  } catch {
    return false;
  }
}

export async function calibrate(args: CalibrateArgs): Promise<number> {
  const zone = args.timezone ?? 'UTC';
  const flagProblems: string[] = [];
  if (!isTimeZone(zone)) flagProblems.push(`--timezone: ${JSON.stringify(zone)} is not an IANA time zone (e.g. UTC, America/Toronto)`);
  const st = await stat(args.out).catch(() => null);
  if (st?.isDirectory()) flagProblems.push(`--out ${args.out}: is a directory; name the scenario file to write`);
  if (flagProblems.length) throw new InputError(flagProblems.join('\n'));
  const { logs, rowProblems, notes } = readLogs(args.logs, { refresh: true });
  if (rowProblems.length) {
    process.stderr.write(formatProblems(rowProblems) + '\n');
    const bad = [...logs.refresh, ...logs.session, ...logs.inventory].reduce((s, f) => s + f.badRows, 0);
    process.stderr.write(`${bad} bad row${bad === 1 ? '' : 's'} skipped\n`);
  }
  for (const n of notes) process.stderr.write(`note: ${n}\n`);
  const cal = analyse(logs, { files: args.logs, timezone: zone });
  const yaml = calibratedScenarioYaml(cal, args.name ?? 'calibrated');
  // what calibrate writes must load: a failure here is a bug of calibrate, not of the logs
  try {
    parseScenario(yaml, args.out);
  } catch (err) {
    throw new Error(`calibrate wrote a scenario that does not load: ${(err as Error).message}`);
  }
  await writeOut(args.out, yaml);
  if (!args.quiet) {
    const sources = cal.accounts.reduce((s, a) => s + a.sources.length, 0);
    process.stdout.write(`Wrote ${args.out}: ${plural(cal.refreshRows, 'refresh', 'refreshes')} and ${plural(cal.sessionRows, 'session')} over ${formatDuration(cal.end - cal.start)}; ${plural(cal.accounts.length, 'account')}, ${plural(sources, 'source')}, workers ${cal.workers.max}\n`);
    for (const c of cal.connectors) {
      const f = c.latency;
      const fit = f ? `${f.chosen} (KS D lognormal ${f.lognormal.ks.toFixed(3)}, exponential ${f.exponential.ks.toFixed(3)}, empirical ${f.empirical.ks.toFixed(3)})` : 'too few calls to fit';
      process.stdout.write(`  ${c.id}: ${plural(c.calls, 'call')}, response ${fit}, failure rate ${(c.failureRate * 100).toFixed(2)}%, deferred ${(c.deferredShare * 100).toFixed(1)}%\n`);
    }
  }
  return ExitCode.ok;
}

export const calibrateCommand: Command<CalibrateArgs> = {
  usage: 'calibrate <logs..>',
  describe: 'fit a scenario to production logs (refresh log, session log, inventory, vendor JSON) and write it, commented',
  flags: (y: Argv): Argv =>
    y
      .positional('logs', { type: 'string', array: true, demandOption: true, describe: 'log files (docs/logs.md); the kind is told from the header' })
      .option('out', { type: 'string', demandOption: true, describe: 'the scenario file to write (.yaml)' })
      .option('name', { type: 'string', describe: 'scenario name (default calibrated)' })
      .option('timezone', { type: 'string', describe: 'IANA zone of the accounts, for logins by local hour (default UTC)' })
      .option('quiet', { type: 'boolean', default: false }),
  run: calibrate,
};

export interface LogsArgs {
  scenario: string;
  out: string;
  seed?: string;
  set?: string[];
  quiet?: boolean;
}

/** Simulates a scenario and writes refresh-log.csv, sessions.csv (trace sessions) and inventory.csv. */
async function writeRunLogs(args: LogsArgs): Promise<number> {
  const model = await loadModel(args.scenario, { seed: args.seed === undefined ? undefined : Number(args.seed), sets: args.set });
  await checkOutputDir(args.out);
  const writer = new RefreshLogWriter(model.startEpochMs);
  await runModel(model, { onRequest: (r) => writer.add(r), chunks: 1 });
  const files: [string, string][] = [
    ['refresh-log.csv', writer.text()],
    ['inventory.csv', inventoryText(model)],
  ];
  if (model.sessions.length) files.push(['sessions.csv', sessionLogText(model)]);
  for (const [name, text] of files) await writeOut(join(args.out, name), text);
  if (!args.quiet) {
    process.stdout.write(`Wrote ${files.map(([n]) => join(args.out, n)).join(', ')}: ${writer.size} requests, ${model.sessions.length} sessions, ${model.sources.length} sources\n`);
    if (model.loginProcesses.length) process.stderr.write(`note: ${model.loginProcesses.length} login processes leave no per-user sessions to log; give sessions as a trace to get a session log\n`);
  }
  return ExitCode.ok;
}

export const logsCommand: Command<LogsArgs> = {
  usage: 'logs <scenario>',
  describe: 'simulate a scenario and write what production would log (refresh log, session log, inventory), for calibrate/backtest round trips',
  flags: (y: Argv): Argv =>
    y
      .positional('scenario', { type: 'string', demandOption: true })
      .option('out', { type: 'string', demandOption: true, describe: 'directory for the log files' })
      .option('seed', { type: 'string', describe: 'override the scenario seed' })
      .option('set', { type: 'string', array: true, describe: 'change a number of the scenario, as for run' })
      .option('quiet', { type: 'boolean', default: false }),
  run: writeRunLogs,
};
