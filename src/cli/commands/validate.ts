// `refresh-sim validate <scenario..>`: check scenario files without running them, every problem of every file at once.
import type { Argv } from 'yargs';
import type { Command } from '../command.js';
import { ExitCode, InputError } from '../errors.js';
import { loadModel } from '../load.js';

interface ValidateArgs {
  scenario: string[];
  'allow-large'?: boolean;
}

async function validate(args: ValidateArgs): Promise<number> {
  const problems: string[] = [];
  for (const file of args.scenario) {
    try {
      const m = await loadModel(file, { allowLarge: args['allow-large'] === true });
      process.stdout.write(`${file}: ok (${m.accounts.length} accounts, ${m.sources.length} sources, ${m.users.length} users)\n`);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length) throw new InputError(problems.join('\n'));
  return ExitCode.ok;
}

export const validateCommand: Command<ValidateArgs> = {
  usage: 'validate <scenario..>',
  describe: 'check scenario files without running them',
  flags: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', array: true, demandOption: true })
      .option('allow-large', { type: 'boolean', default: false, describe: 'accept scenarios over the resource budget' }),
  run: validate,
};
