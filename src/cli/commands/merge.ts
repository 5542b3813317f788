// `refresh-sim merge <partials..>`: combine the partial-<i>-of-<n>.json of every shard into the output of an unsharded run.
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { mergePartialFiles } from '../../experiment/index.js';
import { checkOutputDir, summaryJson, writeFileAtomic, writeStaged, writeSweepReports } from '../../report/index.js';
import type { Command } from '../command.js';
import { ExitCode, InputError } from '../errors.js';
import { checkOutPath, list } from '../flags.js';

interface MergeArgs {
  partials: string[];
  out: string;
  png: boolean;
  quiet: boolean;
}

async function merge(a: MergeArgs): Promise<number> {
  const out = checkOutPath(a.out) ?? '';
  await checkOutputDir(out);
  const partials = list(a.partials);
  if (partials.length === 0) throw new InputError('merge: name the partial-<i>-of-<n>.json files to combine (every shard of one run)');
  const merged = await mergePartialFiles(partials);
  if (merged.mode === 'sweep') {
    const written = await writeStaged(out, async (dir) => (await writeSweepReports(merged.sweep, dir, { png: a.png })).written);
    if (!a.quiet) process.stdout.write(`merged ${partials.length} partials; wrote ${written.length} files to ${out}/\n`);
  } else {
    await writeStaged(out, (dir) => writeFileAtomic(join(dir, 'summary.json'), summaryJson(merged.summary)));
    if (!a.quiet) process.stdout.write(`merged ${partials.length} partials; wrote ${join(out, 'summary.json')}\n`);
  }
  return ExitCode.ok;
}

export const mergeCommand: Command<MergeArgs> = {
  usage: 'merge [partials..]',
  describe: 'combine partial-<i>-of-<n>.json files (from --shard) into the output of an unsharded run',
  flags: (y: Argv) =>
    y
      .positional('partials', { type: 'string', array: true, describe: 'every partial-<i>-of-<n>.json of one run' })
      .option('out', { type: 'string', demandOption: true, describe: 'output directory' })
      .option('png', { type: 'boolean', default: true, describe: 'also write PNG charts (sweeps) when canvas is installed' })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' }),
  run: merge,
};
