#!/usr/bin/env node
// The refresh-sim command line: parse, call, print, exit code. Nothing else lives here.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { classifyError, debugRequested, ExitCode, InputError } from './errors.js';
import { cleanupTemporariesSync, installSignalCleanup } from '../report/atomic.js';
import { run, runCommand, type RunArgs } from './run.js';
import { loadModel } from './load.js';
import { compare, compareCommand, type CompareArgs } from './compare.js';
import { gate, gateCommand, type GateArgs } from './gate.js';
import { experimentCommands, experimentExitCode } from './experiment-commands.js';
import { calibrateCommand, logsCommand } from './calibrate.js';
import { backtestCommand } from './backtest.js';
import { jsonSchema, SCHEMAS, type SchemaName } from './schema.js';

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
  const cli = yargs(argv)
    .scriptName('refresh-sim')
    .usage('$0 <command> [options]')
    .option('debug', { type: 'boolean', describe: 'print the stack trace of an internal error (or set REFRESH_SIM_DEBUG=1)' })
    .command('run <scenario>', 'simulate a scenario and write its reports', runCommand, async (a) => {
      code = await run(a as unknown as RunArgs);
    })
    .command(
      'validate <scenario..>',
      'check scenario files without running them',
      (y) =>
        y
          .positional('scenario', { type: 'string', array: true, demandOption: true })
          .option('allow-large', { type: 'boolean', default: false, describe: 'accept scenarios over the resource budget' }),
      async (a) => {
        const problems: string[] = [];
        for (const file of a.scenario as string[]) {
          try {
            const m = await loadModel(file, { allowLarge: a['allow-large'] === true });
            process.stdout.write(`${file}: ok (${m.accounts.length} accounts, ${m.sources.length} sources, ${m.users.length} users)\n`);
          } catch (err) {
            if (!(err instanceof InputError)) throw err;
            problems.push(err.message);
          }
        }
        if (problems.length) throw new InputError(problems.join('\n'));
      },
    )
    .command('compare <baseline> <current>', 'compare two summary.json files; exit 99 on a regression', compareCommand, async (a) => {
      code = await compare(a as unknown as CompareArgs);
    })
    .command('gate', 're-run the shipped scenarios against their baselines; exit 99 on a regression', gateCommand, async (a) => {
      code = await gate(a as unknown as GateArgs);
    })
    .command(
      'schema <which>',
      'print the JSON Schema of scenario files or of summary.json',
      (y) => y.positional('which', { choices: Object.keys(SCHEMAS), demandOption: true }),
      (a) => {
        process.stdout.write(jsonSchema(a.which as SchemaName));
      },
    )
    .command(experimentCommands)
    .command([calibrateCommand, logsCommand, backtestCommand].map((c) => ({ ...c, handler: async (a: unknown) => void (code = await c.handler(a)) })))
    .middleware(rejectRepeatedFlags as unknown as Parameters<ReturnType<typeof yargs>["middleware"]>[0])
    .demandCommand(1, 'name a command: run, validate, compare, gate, schema, sweep, plan, merge')
    .strict()
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(msg);
    })
    .help()
    .version();
  try {
    await cli.parseAsync();
    return Math.max(code, experimentExitCode());
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
