// `refresh-sim plan <scenario>`: the smallest value of one parameter for which every SLO holds; exit 99 if none does.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { DEFAULT_PLAN_REPLICATIONS, allowLargeFlag, formatPlanTable, jobsFor, parseJobs, parseSlos, parseSweepSpec, runPlan, type PlanResult } from '../../experiment/index.js';
import { checkOutputDir, writeFileAtomic, writePlanHtml, writeStaged } from '../../report/index.js';
import { parseOverride } from '../../scenario/index.js';
import type { SweepParameter } from '../../vocabulary/index.js';
import type { Command } from '../command.js';
import { ExitCode, InputError } from '../errors.js';
import { ALLOW_LARGE_HELP, allOrNothing, checkOutPath, list, parseReplications, readScenario, scenarioName } from '../flags.js';
import { runsProgress } from '../progress.js';

interface PlanArgs {
  scenario: string;
  vary: string;
  slo: string[];
  set?: string[];
  replications?: string;
  jobs?: string;
  out?: string;
  quiet: boolean;
  'allow-large'?: boolean;
  compare?: string;
}

function flags(y: Argv) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
    .option('vary', { type: 'string', demandOption: true, describe: 'path=candidates, e.g. workers=1..64 (numbers; larger assumed better)' })
    .option('slo', { type: 'string', array: true, demandOption: true, describe: 'an SLO in the gate\'s syntax, e.g. "wait.p95 <= 5m" (repeatable)' })
    .option('set', { type: 'string', array: true, describe: 'fixed path=value overrides for every run (repeatable)' })
    .option('replications', { type: 'string', describe: `replications per value (default ${DEFAULT_PLAN_REPLICATIONS})` })
    .option('jobs', { type: 'string', describe: 'parallel simulations (default: one per CPU; 1 = no worker threads; never more than the replications)' })
    .option('compare', { type: 'string', describe: 'path=v1,v2,...: one plan per value on the same seeds, e.g. policy=fifo,fair-share,priority,stalest-first' })
    .option('out', { type: 'string', describe: 'also write plan.json and plan.html into this directory (with --compare, one sub-directory per value)' })
    .option('allow-large', { type: 'boolean', default: false, describe: ALLOW_LARGE_HELP })
    .option('quiet', { type: 'boolean', default: false, describe: 'print only the decision' });
}

async function plan(a: PlanArgs): Promise<number> {
  const allowLarge = allowLargeFlag(a['allow-large']);
  if (Array.isArray(a.vary)) throw new InputError(`--vary: given ${a.vary.length} times (plan varies one parameter)`);
  if (Array.isArray(a.compare)) throw new InputError(`--compare: given ${a.compare.length} times (plan compares one parameter)`);
  const [vary, slos, base, replications, , out, compare] = allOrNothing<[SweepParameter, ReturnType<typeof parseSlos>, ReturnType<typeof parseOverride>[], number, number, string | undefined, SweepParameter | undefined]>(
    () => parseSweepSpec(String(a.vary), '--vary', { allowLarge }),
    () => parseSlos(list(a.slo)),
    () => {
      if (Array.isArray(a.set) && a.set.length === 0) throw new InputError('--set: expects path=value, e.g. --set connectors.ga.latencyScale=1.5');
      return allOrNothing(...list(a.set).map((t) => () => parseOverride(t)));
    },
    () => parseReplications(a.replications, DEFAULT_PLAN_REPLICATIONS),
    () => parseJobs(a.jobs, () => undefined),
    () => checkOutPath(a.out),
    () => (a.compare === undefined ? undefined : parseSweepSpec(String(a.compare), '--compare', { allowLarge })),
  );
  if (base.some((o) => o.path === vary.path)) throw new InputError(`--set ${vary.path} conflicts with --vary ${vary.path}`);
  if (compare && (compare.path === vary.path || base.some((o) => o.path === compare.path))) {
    throw new InputError(`--compare ${compare.path} conflicts with ${compare.path === vary.path ? '--vary' : '--set'} ${compare.path}`);
  }
  if (out !== undefined) await checkOutputDir(out);
  const raw = await readScenario(a.scenario);
  const jobs = jobsFor(a.jobs, replications);
  const cases = compare ? compare.values.map((value) => ({ label: `${compare.path}=${value}`, base: [...base, { path: compare.path, value }] })) : [{ label: '', base }];
  const results: { label: string; result: PlanResult }[] = [];
  for (const c of cases) {
    const progress = runsProgress(`plan ${vary.path}${c.label ? ` (${c.label})` : ''}`);
    try {
      results.push({ label: c.label, result: await runPlan(raw, { vary, slos, base: c.base, replications, jobs, allowLarge, onProgress: progress.onProgress }) });
    } finally {
      progress.stop();
    }
  }
  for (const { label, result } of results) {
    const table = formatPlanTable(result);
    if (a.quiet) process.stdout.write(`${label ? `${label}: ` : ''}${table.trimEnd().split('\n').pop()}\n`);
    else process.stdout.write(`${label ? `${label}\n` : ''}${table}${results.length > 1 ? '\n' : ''}`);
  }
  if (compare) process.stdout.write(compareTable(compare.path, vary.path, results));
  if (out !== undefined) {
    const scenario = scenarioName(raw);
    await writeStaged(out, async (dir) => {
      for (const { label, result } of results) {
        const sub = label ? join(dir, label) : dir;
        if (label) await mkdir(sub);
        await writeFileAtomic(join(sub, 'plan.json'), JSON.stringify(result, null, 2) + '\n');
        await writePlanHtml(result, sub, scenario);
      }
    });
  }
  return results.every((r) => r.result.found) ? ExitCode.ok : ExitCode.thresholdFailed;
}

/** The answer under each compared value, one line each: "policy      smallest workers meeting every SLO". */
function compareTable(path: string, varied: string, results: readonly { label: string; result: PlanResult }[]): string {
  const head = [path, `smallest ${varied} meeting every SLO`];
  const rows = results.map(({ label, result }) => [label.slice(path.length + 1), result.found ? String(result.answer) : `none up to ${result.candidates[result.candidates.length - 1]}`]);
  const w = Math.max(head[0].length, ...rows.map((r) => r[0].length));
  const line = (r: string[]) => `${r[0].padEnd(w)}  ${r[1]}`.trimEnd();
  return [line(head), line(['-'.repeat(w), '-'.repeat(head[1].length)]), ...rows.map(line)].join('\n') + '\n';
}

export const planCommand: Command<PlanArgs> = {
  usage: 'plan <scenario>',
  describe: 'find the smallest value of a parameter (e.g. workers) for which every SLO holds, under each compared value with --compare; exit 99 if none does',
  flags,
  run: plan,
};
