// `refresh-sim gate`: re-run the shipped scenarios and compare each with its baseline under
// reports/baselines/ (exit 99 on a regression). `--update` rewrites the baselines on purpose.
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Argv } from 'yargs';
import { compareSummaries, formatCompareTable, formatProblems, readSummaryFile, type CompareRow } from '../gate/index.js';
import { runModel } from '../experiment/run.js';
import { writeFileAtomic } from '../report/atomic.js';
import { summaryJson } from '../report/json.js';
import { junitXml } from '../report/junit.js';
import { compareCase } from '../report/junit.js';
import { loadModel } from './load.js';
import { ExitCode, InputError } from './errors.js';

export interface GateArgs {
  baselines: string;
  scenarios: string;
  out: string;
  update: boolean;
}

export function gateCommand(y: Argv) {
  return y
    .option('baselines', { type: 'string', default: 'reports/baselines', describe: 'folder of <scenario>.summary.json baselines' })
    .option('scenarios', { type: 'string', default: 'scenarios', describe: 'folder of the scenario files the baselines name' })
    .option('out', { type: 'string', default: 'reports/gate', describe: 'where the current summaries, junit.xml and summary.md go' })
    .option('update', { type: 'boolean', default: false, describe: 'rewrite every baseline from a fresh run (on purpose, in its own commit)' });
}

export async function gate(args: GateArgs): Promise<number> {
  const files = (await readdir(args.baselines).catch(() => [])).filter((f) => f.endsWith('.summary.json')).sort();
  if (files.length === 0) throw new InputError(`${args.baselines}: no <scenario>.summary.json baselines found`);
  const allRows: { scenario: string; rows: CompareRow[] }[] = [];
  let regressed = false;
  for (const file of files) {
    const name = basename(file, '.summary.json');
    const model = await loadModel(join(args.scenarios, `${name}.yaml`));
    const { result } = await runModel(model);
    const current = result.summary;
    await writeFileAtomic(join(args.out, `${name}.summary.json`), summaryJson(current));
    if (args.update) {
      await writeFileAtomic(join(args.baselines, file), summaryJson(current));
      process.stdout.write(`${name}: baseline updated\n`);
      continue;
    }
    const base = await readSummaryFile(join(args.baselines, file));
    if (!base.summary) throw new InputError(formatProblems(base.problems));
    const cmp = compareSummaries(base.summary, current);
    const bad = cmp.rows.filter((r) => r.verdict === 'regression');
    regressed ||= cmp.regressed;
    allRows.push({ scenario: name, rows: cmp.rows });
    process.stdout.write(`${name}: ${bad.length === 0 ? 'no regression' : `${bad.length} regression(s)`}\n`);
    if (bad.length > 0) process.stdout.write(formatCompareTable(bad) + '\n');
  }
  if (!args.update) {
    const cases = allRows.flatMap(({ scenario, rows }) => rows.map((r) => compareCase(r, `refresh-sim.gate.${scenario}`)));
    await writeFileAtomic(join(args.out, 'junit.xml'), junitXml('refresh-sim.gate', cases));
  }
  return regressed ? ExitCode.thresholdFailed : ExitCode.ok;
}
