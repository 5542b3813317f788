// The contract every command follows (one module each under ./commands/, listed in one map in main.ts),
// and the one adapter that hands a command to yargs.
import type { Argv, CommandModule } from 'yargs';

/**
 * One `refresh-sim <name>` command. It only parses its flags, calls the layers below (experiment, gate,
 * report), and prints; it returns its exit code instead of setting one:
 * 0 done, 99 a failed threshold, a regression or a plan that found no value (ExitCode in ./errors.ts).
 * What the user can fix is thrown as InputError or ScenarioError: main.ts prints it and exits 2.
 */
export interface Command<Args = Record<string, unknown>> {
  /** the command line as yargs reads it: the name and its positionals, e.g. `run <scenario>` */
  readonly usage: string;
  /** one line for `--help` */
  readonly describe: string;
  /** declares the positionals and flags (nothing else: no checks, no work) */
  readonly flags: (y: Argv) => Argv;
  /** does the work, prints, returns the exit code */
  readonly run: (args: Args) => Promise<number>;
}

/** Any command, whatever its arguments (a command of `never` takes every one of them). */
export type AnyCommand = Command<never>;

/** A command as a yargs command module; `exit` receives its exit code. */
export function yargsCommand(command: AnyCommand, exit: (code: number) => void): CommandModule {
  return {
    command: command.usage,
    describe: command.describe,
    builder: command.flags,
    // yargs types its parsed arguments loosely; each command declares (in `flags`) what it reads
    handler: async (args) => exit(await command.run(args as never)),
  };
}
