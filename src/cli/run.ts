// `refresh-sim run <scenario>`: simulate, print a short summary, write the reports.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Argv } from 'yargs';
import { runModel } from '../experiment/run.js';
import { writers, FORMATS, pngAvailable, openRefreshesCsv, type Format, type RequestSink } from '../report/index.js';
import type { RunResult, Summary } from '../stats/types.js';
import type { Replications } from '../gate/types.js';
import { evaluateThresholds, parseThresholdArgs, thresholdsFromConfig, formatProblems as formatGateProblems, type GateReport, type Threshold } from '../gate/index.js';
import { summaryMarkdown } from '../report/markdown.js';
import { runReplications, parsePrecision } from '../experiment/replicate.js';
import { parseShard, partialJson, partialPath, replicationsDesign, runReplicationShard } from '../experiment/shard.js';
import { writeFileAtomic } from '../report/atomic.js';
import { parseJobs, runsProgress } from './experiment-commands.js';
import { loadModel } from './load.js';
import type { Model } from '../scenario/model.js';
import { ExitCode, InputError } from './errors.js';
import { human, pct } from './format.js';
import { progressBar } from './progress.js';

export interface RunArgs {
  scenario: string;
  out?: string;
  seed?: number;
  format?: string[];
  'requests-csv'?: boolean;
  'requests-csv-max'?: number;
  threshold?: string[];
  set?: string[];
  replications?: number;
  precision?: string;
  'precision-metric'?: string[];
  jobs?: number | string;
  shard?: string;
  quiet?: boolean;
}

export function runCommand(y: Argv) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
    .option('out', { type: 'string', describe: 'output directory (default reports/<scenario name>/)' })
    .option('seed', { type: 'number', describe: 'override the scenario seed' })
    .option('format', { type: 'string', array: true, describe: `formats to write (${FORMATS.join(', ')}); default all the machine can` })
    .option('requests-csv', { type: 'boolean', default: false, describe: 'also write refreshes.csv, one row per request (large)' })
    .option('requests-csv-max', { type: 'number', default: 1_000_000, describe: 'stop writing refreshes.csv after this many rows' })
    .option('threshold', { type: 'string', array: true, describe: "fail (exit 99) unless a summary path meets it, e.g. 'wait.p95<5m'; prefix warn: to only report" })
    .option('set', { type: 'string', array: true, describe: "change a number of the scenario for this run, e.g. --set workers=6 --set connectors.ga.latencyScale=1.5" })
    .option('replications', { type: 'number', describe: 'independent replications (seeds derived from the scenario seed); headline metrics get 95% confidence intervals' })
    .option('precision', { type: 'string', describe: "add replications until the relative CI half-width of the precision metrics is at most this, e.g. '5%' (at most 50)" })
    .option('precision-metric', { type: 'string', array: true, describe: 'summary paths --precision applies to (default wait.mean)' })
    .option('jobs', { type: 'string', describe: 'parallel simulations (worker threads); default one per CPU. Results do not depend on it' })
    .option('shard', { type: 'string', describe: "run only slice i of n of the replications (i/n) and write a partial for `refresh-sim merge`" })
    .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' });
}

export async function run(args: RunArgs): Promise<number> {
  const formats = parseFormats(args.format);
  const model = await loadModel(args.scenario, { seed: args.seed, sets: args.set });
  const thresholds = collectThresholds(model.thresholds, args.threshold ?? []);
  const outDir = args.out ?? join('reports', model.name || basename(args.scenario, extname(args.scenario)));

  const replicated = args.replications !== undefined || args.precision !== undefined || args.shard !== undefined;
  if (replicated) return runReplicated(args, model, outDir, formats, thresholds);

  let sink: RequestSink | null = null;
  if (args['requests-csv']) sink = await openRefreshesCsv(outDir, { maxRows: args['requests-csv-max'] });
  const bar = progressBar(model.name);
  let timed;
  try {
    timed = await runModel(model, {
      onRequest: sink ? (r) => sink!.write(r) : undefined,
      drain: sink ? () => sink!.drain() : undefined,
      onProgress: (f, t) => bar.update(f, `day ${(t / 86400).toFixed(1)}`),
    });
  } catch (err) {
    await sink?.abort();
    throw err;
  } finally {
    bar.stop();
  }
  if (!args.quiet) process.stderr.write(`${timed.events.toLocaleString('en-US')} events in ${timed.wallSeconds.toFixed(2)} s wall clock (${Math.round(timed.events / timed.wallSeconds).toLocaleString('en-US')} events/s)\n`);
  return writeOutputs(args, timed.result, outDir, formats, thresholds, sink);
}

/** `run --replications / --precision / --shard`: replications on worker threads, or one shard of them. */
async function runReplicated(args: RunArgs, model: Model, outDir: string, formats: Format[], thresholds: Threshold[]): Promise<number> {
  if (args['requests-csv']) throw new InputError('--requests-csv writes one run\'s requests: it does not go with --replications, --precision or --shard');
  const jobs = parseJobs(args.jobs);
  const bar = runsProgress(model.name);
  try {
    if (args.shard !== undefined) {
      if (args.replications === undefined || args.precision !== undefined) throw new InputError('--shard needs a fixed --replications N (and no --precision)');
      const shard = parseShard(args.shard);
      const design = replicationsDesign(model, await readFile(args.scenario, 'utf8') + JSON.stringify({ seed: model.seed, set: args.set ?? [] }), checkReplications(args.replications));
      const partial = await runReplicationShard(model, design, shard, { jobs, onProgress: bar.onProgress });
      const path = partialPath(outDir, shard);
      await writeFileAtomic(path, partialJson(partial));
      if (!args.quiet) process.stdout.write(`Wrote ${path} (shard ${args.shard}); combine the shards with \`refresh-sim merge\`\n`);
      return ExitCode.ok;
    }
    const precision = args.precision !== undefined ? parsePrecision(args.precision, args['precision-metric']) : undefined;
    const r = await runReplications(model, { n: args.replications === undefined ? undefined : checkReplications(args.replications), precision, jobs, onProgress: bar.onProgress });
    bar.stop();
    if (precision && !args.quiet) {
      process.stderr.write(r.precisionReached ? `precision reached with ${r.n} replications\n` : `precision not reached within ${precision.maxN} replications (relative half-width ${((r.relHalfWidth ?? NaN) * 100).toFixed(1)}%)\n`);
    }
    return writeOutputs(args, { ...r.first, summary: r.summary }, outDir, formats, thresholds, null);
  } finally {
    bar.stop();
  }
}

function checkReplications(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new InputError(`--replications: expected a whole number of at least 1 (got ${n})`);
  return n;
}

async function writeOutputs(args: RunArgs, result: RunResult, outDir: string, formats: Format[], thresholds: Threshold[], sink: RequestSink | null): Promise<number> {
  // Thresholds are evaluated before anything is written: a path that does not exist is bad input (exit 2)
  // and leaves no report behind (not even refreshes.csv). A failing threshold still gets every output, then exit 99.
  const gate: GateReport = {};
  if (thresholds.length > 0) {
    gate.thresholds = evaluateThresholds(result.summary, thresholds); // replicated metrics: their means
    if (gate.thresholds.problems.length > 0) {
      await sink?.abort();
      throw new InputError(formatGateProblems(gate.thresholds.problems));
    }
  }
  const written: string[] = [];
  if (sink) {
    written.push(...(await sink.close()));
    const over = (sink as RequestSink & { rowsOverCap?: number }).rowsOverCap;
    if (over && !args.quiet) process.stderr.write(`refreshes.csv stopped at ${args['requests-csv-max']} rows (${over} more not written; raise --requests-csv-max)\n`);
  }
  await mkdir(outDir, { recursive: true });
  const ctx = { result, outDir, gate };
  for (const f of formats) {
    if (f === 'png' && !(await pngAvailable())) {
      if (!args.quiet) process.stderr.write('PNG charts skipped: the optional `canvas` package is not installed (install libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev, then `npm install`).\n');
      continue;
    }
    written.push(...(await writers[f](ctx)));
  }

  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(result.summary, gate));
  if (!args.quiet) {
    process.stdout.write(consoleSummary(result.summary));
    if (gate.thresholds) process.stdout.write(thresholdLines(gate, 'replications' in result.summary));
    process.stdout.write(`\nWrote ${written.length} files to ${outDir}/\n`);
    if (written.some((p) => p.endsWith('index.html'))) process.stdout.write(`Report: ${join(outDir, 'index.html')}\n`);
  }
  return gate.thresholds?.failed ? ExitCode.thresholdFailed : ExitCode.ok;
}

function collectThresholds(fromFile: Record<string, unknown> | undefined, fromArgs: string[]): Threshold[] {
  const out: Threshold[] = fromFile ? thresholdsFromConfig(fromFile as Parameters<typeof thresholdsFromConfig>[0]) : [];
  const parsed = parseThresholdArgs(fromArgs);
  if (parsed.problems.length > 0) throw new InputError(formatGateProblems(parsed.problems));
  return [...out, ...parsed.thresholds];
}

function thresholdLines(gate: GateReport, replicated: boolean): string {
  const rows = gate.thresholds!.results.map((r) => `  ${r.pass ? 'pass' : r.level === 'warn' ? 'WARN' : 'FAIL'}  ${r.message}`);
  return `\nThresholds${replicated ? ' (replicated metrics: their mean over the replications)' : ''}\n${rows.join('\n')}\n`;
}

function parseFormats(list: string[] | undefined): Format[] {
  if (!list || list.length === 0) return FORMATS;
  const names = list.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  const bad = names.filter((n) => !(FORMATS as string[]).includes(n));
  if (bad.length) throw new InputError(`--format: unknown format ${bad.map((b) => `"${b}"`).join(', ')} (expected ${FORMATS.join(', ')})`);
  const set = new Set<Format>(['json', ...(names as Format[])]); // summary.json is always written
  return FORMATS.filter((f) => set.has(f));
}

export function consoleSummary(s: Summary & { replications?: Replications }): string {
  const r = s.requests;
  const lines = [
    `${s.scenario}: ${human(s.span.duration)} simulated (warm-up ${human(s.span.warmup)}), seed ${s.seed}`,
    `  requests   ${r.enqueued.total} enqueued (login ${r.enqueued.login}, due ${r.enqueued.due}, email ${r.enqueued.email}, manual ${r.enqueued.manual}, api ${r.enqueued.api}), ${r.coalesced} coalesced`,
    `             ${r.completed} completed, ${r.failed} failed, ${r.pendingAtEnd.total} pending at end`,
    `  wait       p50 ${human(s.wait.p50)}  p95 ${human(s.wait.p95)}  p99 ${human(s.wait.p99)}  max ${human(s.wait.max)}`,
    `  total      p50 ${human(s.total.p50)}  p95 ${human(s.total.p95)}  (queue ${human(s.queue.mean)} + deferred ${human(s.deferred.mean)} + response ${human(s.response.mean)} on average)`,
    `  workers    ${s.workers.mean.toFixed(2)} on average, utilisation ${pct(s.utilisation.mean)}, queue length ${s.queueLength.mean.toFixed(2)} mean / ${s.queueLength.max} max`,
    `  deferrals  ${s.deferrals.count} (${r.deferred} requests, ${human(s.deferrals.seconds)} in all)`,
    `  freshness  dashboard p95 ${human(s.freshness.dashboard.p95)}, embeds p95 ${human(s.freshness.embed.p95)}, e-mails p95 ${human(s.freshness.email.p95)}; ${s.emails.pendingAtSend}/${s.emails.sent} e-mails sent with a refresh pending`,
    `  failures   ${s.failures.count} (${s.failures.byReason.error} errors, ${s.failures.byReason.timeout} timeouts, ${s.failures.byReason.auth} auth), ${s.failures.disabledSources} sources disabled`,
  ];
  const reps = s.replications;
  if (reps) {
    lines.push(`  over ${reps.n} replications (mean and ${Math.round((reps.confidence ?? 0.95) * 100)}% confidence interval):`);
    for (const path of ['wait.mean', 'wait.p95', 'total.p95', 'utilisation.mean', 'queueLength.mean', 'emails.pendingAtSendPct']) {
      const m = reps.metrics[path];
      if (!m) continue;
      const f = path.startsWith('wait.') || path.startsWith('total.') ? human : (x: number) => x.toFixed(3);
      lines.push(`    ${path.padEnd(24)} ${f(m.mean)} ± ${f(m.halfWidth)}  [${f(m.ci[0])}, ${f(m.ci[1])}]`);
    }
  }
  return lines.join('\n') + '\n';
}
