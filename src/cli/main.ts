#!/usr/bin/env node
// The refresh-sim command line: parse, call, print, exit code. Nothing else lives here.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, InputError } from './errors.js';
import { run, runCommand, type RunArgs } from './run.js';
import { loadModel } from './load.js';
import { compare, compareCommand, type CompareArgs } from './compare.js';
import { gate, gateCommand, type GateArgs } from './gate.js';
import { experimentCommands, experimentExitCode } from './experiment-commands.js';
import { jsonSchema, SCHEMAS, type SchemaName } from './schema.js';

async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  const cli = yargs(argv)
    .scriptName('refresh-sim')
    .usage('$0 <command> [options]')
    .command('run <scenario>', 'simulate a scenario and write its reports', runCommand, async (a) => {
      code = await run(a as unknown as RunArgs);
    })
    .command(
      'validate <scenario..>',
      'check scenario files without running them',
      (y) => y.positional('scenario', { type: 'string', array: true, demandOption: true }),
      async (a) => {
        const problems: string[] = [];
        for (const file of a.scenario as string[]) {
          try {
            const m = await loadModel(file);
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
    if (err instanceof InputError) {
      process.stderr.write(`${err.message}\n`);
      return ExitCode.badInput;
    }
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return ExitCode.internal;
  }
}

main(hideBin(process.argv)).then((code) => {
  process.exitCode = code;
});
