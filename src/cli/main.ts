#!/usr/bin/env node
// The refresh-sim command line: parse, call, print, exit code. Nothing else lives here.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { cleanupTemporariesSync, installSignalCleanup } from '../report/index.js';
import { yargsCommand, type AnyCommand } from './command.js';
import { compareCommand } from './commands/compare.js';
import { gateCommand } from './commands/gate.js';
import { mergeCommand } from './commands/merge.js';
import { planCommand } from './commands/plan.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { sweepCommand } from './commands/sweep.js';
import { validateCommand } from './commands/validate.js';
import { calibrateCommand, logsCommand } from './commands/calibrate.js';
import { backtestCommand } from './commands/backtest.js';
import { classifyError, debugRequested, ExitCode, InputError } from './errors.js';

/** Every command, one module each (see ./command.ts); the keys are the command names, in --help order. */
const commands = {
  run: runCommand,
  validate: validateCommand,
  compare: compareCommand,
  gate: gateCommand,
  schema: schemaCommand,
  sweep: sweepCommand,
  plan: planCommand,
  merge: mergeCommand,
  calibrate: calibrateCommand,
  logs: logsCommand,
  backtest: backtestCommand,
} satisfies Record<string, AnyCommand>;

const debug = debugRequested();

let dying = false;
/**
 * The one way out on an error, whatever threw it and wherever (a command, a stream event, a promise
 * nobody awaited): remove temporaries, print one message (a stack only with --debug), exit 2 or 1.
 */
function die(err: unknown): void {
  if (dying) return; // a second error while reporting the first (e.g. stderr closed too)
  dying = true;
  cleanupTemporariesSync();
  const verdict = classifyError(err, debug);
  try {
    if (verdict.message) process.stderr.write(`${verdict.message}\n`);
  } catch {
    // stderr is gone as well: the exit code still says it
  }
  process.exit(verdict.code);
}

process.on('uncaughtException', die);
process.on('unhandledRejection', die);
// A closed stdout or stderr (`refresh-sim run ... | head -1`) emits 'error' on the stream; without a
// listener it would be an uncaught exception.
process.stdout.on('error', die);
process.stderr.on('error', die);
installSignalCleanup();

/**
 * yargs turns a flag given twice into a list, which a command expecting one value would misread: every
 * command refuses it here, except for the flags declared as lists.
 */
function rejectRepeatedFlags(args: Record<string, unknown>, y: { getOptions(): { array: string[] } }): void {
  const lists = new Set(y.getOptions().array);
  for (const [key, value] of Object.entries(args)) {
    if (key === '_' || key === '$0' || !Array.isArray(value) || lists.has(key)) continue;
    if (/[A-Z]/.test(key)) continue; // yargs' camelCase copy of a dashed flag: reported under its own name
    throw new InputError(`--${key}: given more than once (${value.map((v) => JSON.stringify(v)).join(', ')}); give it once`);
  }
}

async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  let cli = yargs(argv)
    .scriptName('refresh-sim')
    .usage('$0 <command> [options]')
    .option('debug', { type: 'boolean', describe: 'print the stack trace of an internal error (or set REFRESH_SIM_DEBUG=1)' });
  for (const command of Object.values(commands)) cli = cli.command(yargsCommand(command, (c) => (code = c)));
  cli = cli
    .middleware(rejectRepeatedFlags as unknown as Parameters<ReturnType<typeof yargs>["middleware"]>[0])
    .demandCommand(1, `name a command: ${Object.keys(commands).join(', ')}`)
    .strict()
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(msg);
    })
    .help()
    .version();
  try {
    await cli.parseAsync();
    return code;
  } catch (err) {
    cleanupTemporariesSync();
    const verdict = classifyError(err, debug);
    process.stderr.write(`${verdict.message}\n`);
    return verdict.code;
  }
}

let finished = false;
// Node exits quietly (code 0) when nothing is left to wait for; if the command has not finished by
// then, something waited for an event that will never come: a bug, not a success.
process.on('beforeExit', () => {
  if (!finished) die(new Error('the command stopped before finishing (a promise that never settles)'));
});

main(hideBin(process.argv)).then((code) => {
  finished = true;
  process.exitCode = code;
}, die);
