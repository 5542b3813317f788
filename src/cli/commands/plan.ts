// `refresh-sim plan <scenario>`: the smallest value of one parameter for which every SLO holds; exit 99 if none does.
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { DEFAULT_PLAN_REPLICATIONS, allowLargeFlag, formatPlanTable, jobsFor, parseJobs, parseSlos, parseSweepSpec, runPlan } from '../../experiment/index.js';
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
}

function flags(y: Argv) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
    .option('vary', { type: 'string', demandOption: true, describe: 'path=candidates, e.g. workers=1..64 (numbers; larger assumed better)' })
    .option('slo', { type: 'string', array: true, demandOption: true, describe: 'an SLO in the gate\'s syntax, e.g. "wait.p95 <= 5m" (repeatable)' })
    .option('set', { type: 'string', array: true, describe: 'fixed path=value overrides for every run (repeatable)' })
    .option('replications', { type: 'string', describe: `replications per value (default ${DEFAULT_PLAN_REPLICATIONS})` })
    .option('jobs', { type: 'string', describe: 'parallel simulations (default: one per CPU; 1 = no worker threads; never more than the replications)' })
    .option('out', { type: 'string', describe: 'also write plan.json and plan.html into this directory' })
    .option('allow-large', { type: 'boolean', default: false, describe: ALLOW_LARGE_HELP })
    .option('quiet', { type: 'boolean', default: false, describe: 'print only the decision' });
}

async function plan(a: PlanArgs): Promise<number> {
  const allowLarge = allowLargeFlag(a['allow-large']);
  if (Array.isArray(a.vary)) throw new InputError(`--vary: given ${a.vary.length} times (plan varies one parameter)`);
  const [vary, slos, base, replications, , out] = allOrNothing<[SweepParameter, ReturnType<typeof parseSlos>, ReturnType<typeof parseOverride>[], number, number, string | undefined]>(
    () => parseSweepSpec(String(a.vary), '--vary', { allowLarge }),
    () => parseSlos(list(a.slo)),
    () => {
      if (Array.isArray(a.set) && a.set.length === 0) throw new InputError('--set: expects path=value, e.g. --set connectors.ga.latencyScale=1.5');
      return allOrNothing(...list(a.set).map((t) => () => parseOverride(t)));
    },
    () => parseReplications(a.replications, DEFAULT_PLAN_REPLICATIONS),
    () => parseJobs(a.jobs, () => undefined),
    () => checkOutPath(a.out),
  );
  if (base.some((o) => o.path === vary.path)) throw new InputError(`--set ${vary.path} conflicts with --vary ${vary.path}`);
  if (out !== undefined) await checkOutputDir(out);
  const raw = await readScenario(a.scenario);
  const jobs = jobsFor(a.jobs, replications);
  const progress = runsProgress(`plan ${vary.path}`);
  let result;
  try {
    result = await runPlan(raw, { vary, slos, base, replications, jobs, allowLarge, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
  const table = formatPlanTable(result);
  process.stdout.write(a.quiet ? `${table.trimEnd().split('\n').pop()}\n` : table);
  const planResult = result;
  if (out !== undefined) {
    const scenario = scenarioName(raw);
    await writeStaged(out, async (dir) => {
      await writeFileAtomic(join(dir, 'plan.json'), JSON.stringify(planResult, null, 2) + '\n');
      await writePlanHtml(planResult, dir, scenario);
    });
  }
  return result.found ? ExitCode.ok : ExitCode.thresholdFailed;
}

export const planCommand: Command<PlanArgs> = {
  usage: 'plan <scenario>',
  describe: 'find the smallest value of a parameter (e.g. workers) for which every SLO holds; exit 99 if none does',
  flags,
  run: plan,
};
