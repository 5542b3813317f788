// `refresh-sim gate`: re-run the shipped scenarios and compare each with its baseline under
// reports/baselines/ (exit 99 on a regression). `--update` rewrites the baselines on purpose.
// Every baseline and scenario is read and checked before the first simulation starts.
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Argv } from 'yargs';
import { runModel, singleText } from '../../experiment/index.js';
import { compareSummaries, formatCompareTable, type CompareResult } from '../../gate/index.js';
import { appendStepSummary, checkOutputDir, checkStepSummary, compareCase, gateMarkdown, junitXml, summaryJson, writeFileAtomic, writeProblem } from '../../report/index.js';
import type { Model } from '../../scenario/index.js';
import { readSummaryFile, formatProblems, type GateSummary, inputFileProblem } from '../../vocabulary/index.js';
import type { Command } from '../command.js';
import { ExitCode, InputError } from '../errors.js';
import { loadModel } from '../load.js';

export interface GateArgs {
  baselines: string;
  scenarios: string;
  out: string;
  update: boolean;
}

function flags(y: Argv) {
  return y
    .option('baselines', { type: 'string', default: 'reports/baselines', describe: 'folder of <scenario>.summary.json baselines' })
    .option('scenarios', { type: 'string', default: 'scenarios', describe: 'folder of the scenario files the baselines name' })
    .option('out', { type: 'string', default: 'reports/gate', describe: 'where the current summaries, junit.xml and summary.md go (summary.md is also appended to $GITHUB_STEP_SUMMARY when set)' })
    .option('update', { type: 'boolean', default: false, describe: 'rewrite every baseline from a fresh run (on purpose, in its own commit)' });
}

interface GateCase {
  name: string;
  file: string;
  model: Model;
  baseline: GateSummary | null;
}

async function gate(input: GateArgs): Promise<number> {
  // each folder flag once: a repeated flag would become "a,b" and name a folder nobody meant
  const args: GateArgs = {
    ...input,
    baselines: singleText(input.baselines, '--baselines') ?? 'reports/baselines',
    scenarios: singleText(input.scenarios, '--scenarios') ?? 'scenarios',
    out: singleText(input.out, '--out') ?? 'reports/gate',
  };
  const cases = await prepare(args);
  // checked before the first run, like every other output place
  const stepSummary = args.update ? null : await checkStepSummary(process.env.GITHUB_STEP_SUMMARY);
  const results: { scenario: string; compare: CompareResult }[] = [];
  let regressed = false;
  for (const c of cases) {
    const { result } = await runModel(c.model);
    const current = result.summary;
    await write(join(args.out, `${c.name}.summary.json`), summaryJson(current), '--out');
    if (args.update) {
      await write(join(args.baselines, c.file), summaryJson(current), '--baselines');
      process.stdout.write(`${c.name}: baseline updated\n`);
      continue;
    }
    const cmp = compareSummaries(c.baseline!, current);
    const bad = cmp.rows.filter((r) => r.verdict === 'regression');
    regressed ||= cmp.regressed;
    results.push({ scenario: c.name, compare: cmp });
    process.stdout.write(`${c.name}: ${bad.length === 0 ? 'no regression' : `${bad.length} regression(s)`}\n`);
    if (bad.length > 0) process.stdout.write(formatCompareTable(bad) + '\n');
  }
  if (!args.update) {
    const junit = results.flatMap(({ scenario, compare }) => compare.rows.map((r) => compareCase(r, `refresh-sim.gate.${scenario}`)));
    await write(join(args.out, 'junit.xml'), junitXml('refresh-sim.gate', junit), '--out');
    const md = gateMarkdown(results);
    await write(join(args.out, 'summary.md'), md, '--out');
    if (stepSummary !== null) await appendStepSummary(stepSummary, md + '\n');
  }
  return regressed ? ExitCode.thresholdFailed : ExitCode.ok;
}

/** Reads every baseline and loads every scenario, reporting all problems at once (exit 2) before any run. */
async function prepare(args: GateArgs): Promise<GateCase[]> {
  const dir = String(args.baselines);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`--baselines ${dir}: ${code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : `cannot read it (${code ?? String(err)})`}`);
  }
  const files = entries.filter((f) => f.endsWith('.summary.json')).sort();
  if (files.length === 0) throw new InputError(`--baselines ${dir}: no <scenario>.summary.json baselines found`);
  await checkOutputDir(String(args.out));
  if (args.update) await checkOutputDir(dir, '--baselines');
  const problems: string[] = [];
  const cases: GateCase[] = [];
  for (const file of files) {
    const name = basename(file, '.summary.json');
    const path = join(dir, file);
    let baseline: GateSummary | null = null;
    if (!args.update) {
      const read = await readSummaryFile(path);
      if (!read.summary) problems.push(formatProblems(read.problems));
      else if (read.summary.scenario !== name) problems.push(`${path}: is a baseline of scenario ${JSON.stringify(read.summary.scenario)}, but its name says "${name}"`);
      else baseline = read.summary;
    }
    const scenario = join(String(args.scenarios), `${name}.yaml`);
    const bad = await inputFileProblem(scenario);
    if (bad !== null) {
      problems.push(`${scenario}: ${bad} (the scenario of baseline ${path})`);
      continue;
    }
    try {
      const model = await loadModel(scenario);
      cases.push({ name, file, model, baseline });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
  return cases;
}

async function write(path: string, text: string, flag: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (err) {
    throw writeProblem(err, `${flag} ${path}`);
  }
}

export const gateCommand: Command<GateArgs> = {
  usage: 'gate',
  describe: 're-run the shipped scenarios against their baselines; exit 99 on a regression',
  flags,
  run: gate,
};
