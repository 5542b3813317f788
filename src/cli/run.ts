// `refresh-sim run <scenario>`: simulate, print a short summary, write the reports.
import { access, appendFile, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Argv } from 'yargs';
import { runModel } from '../experiment/run.js';
import { writers, FORMATS, pngAvailable, openRefreshesCsv, type Format, type RequestSink } from '../report/index.js';
import { type RunResult, type Summary, type Replications, parseThresholdArgs, thresholdsFromConfig, formatProblems as formatGateProblems, type Threshold, checkThresholdPaths } from '../vocabulary/index.js';
import { evaluateThresholds, type GateReport } from '../gate/index.js';
import { summaryMarkdown } from '../report/markdown.js';
import { runReplications, parsePrecision } from '../experiment/replicate.js';
import { parseShard, partialJson, partialPath, replicationsDesign, runReplicationShard } from '../experiment/shard.js';
import { checkOutputDir, defaultOutDir, fsProblem, stageOutputDir, writeFileAtomic } from '../report/atomic.js';
import { runsProgress } from './experiment-commands.js';
import { HARD_MAX_RUNS, MAX_RUNS, jobsFor, parseJobs } from '../experiment/guards.js';
import { loadModel } from './load.js';
import type { Model } from '../scenario/model.js';
import { ExitCode, InputError } from './errors.js';
import { ScenarioError, formatProblems as formatScenarioProblems } from '../scenario/problems.js';
import { human, pct } from './format.js';
import { progressBar } from './progress.js';

export interface RunArgs {
  scenario: string;
  out?: string;
  seed?: number | string;
  format?: string[];
  'requests-csv'?: boolean;
  'requests-csv-max'?: number | string;
  threshold?: string[];
  set?: string[];
  replications?: number | string;
  precision?: string;
  'precision-metric'?: string[];
  jobs?: number | string;
  shard?: string;
  quiet?: boolean;
  'allow-large'?: boolean;
}

export function runCommand(y: Argv) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (.yaml, .yml or .json)' })
    .option('out', { type: 'string', describe: 'output directory (default reports/<scenario name>/)' })
    .option('seed', { type: 'string', describe: 'override the scenario seed' })
    .option('format', { type: 'string', array: true, describe: `formats to write (${FORMATS.join(', ')}); default all the machine can` })
    .option('requests-csv', { type: 'boolean', default: false, describe: 'also write refreshes.csv, one row per request (large)' })
    .option('requests-csv-max', { type: 'string', default: '1000000', describe: 'stop writing refreshes.csv after this many rows' })
    .option('threshold', { type: 'string', array: true, describe: "fail (exit 99) unless a summary path meets it, e.g. 'wait.p95<5m'; prefix warn: to only report" })
    .option('set', { type: 'string', array: true, describe: "change a number of the scenario for this run, e.g. --set workers=6 --set connectors.ga.latencyScale=1.5" })
    .option('replications', { type: 'string', describe: 'independent replications (seeds derived from the scenario seed); headline metrics get 95% confidence intervals' })
    .option('precision', { type: 'string', describe: "add replications until the relative CI half-width of the precision metrics is at most this, e.g. '5%' (at most 50)" })
    .option('precision-metric', { type: 'string', array: true, describe: 'summary paths --precision applies to (default wait.mean)' })
    .option('jobs', { type: 'string', describe: 'parallel simulations (worker threads); default one per CPU. Results do not depend on it' })
    .option('shard', { type: 'string', describe: "run only slice i of n of the replications (i/n) and write a partial for `refresh-sim merge`" })
    .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
    .option('allow-large', { type: 'boolean', default: false, describe: 'run even when the scenario or the replication count is over the resource budget (you know the machine can take it)' });
}

export async function run(args: RunArgs): Promise<number> {
  const { formats, csvMax, replications, precision, shard, jobs, replicated, stepSummary, model, thresholds, outDir, outFlag } = await checkRun(args);

  if (shard) {
    await checkOutputDir(outDir, outFlag); // partials of other shards may share the directory: one file, atomically
    const bar = runsProgress(model.name);
    try {
      const design = replicationsDesign(model, (await readFile(args.scenario, 'utf8')) + JSON.stringify({ seed: model.seed, set: args.set ?? [] }), replications!);
      const partial = await runReplicationShard(model, design, shard, { jobs: jobs!, onProgress: bar.onProgress });
      const path = partialPath(outDir, shard);
      await writeFileAtomic(path, partialJson(partial)).catch((err) => {
        throw (err as NodeJS.ErrnoException).code ? fsProblem(err, path) : err;
      });
      if (!args.quiet) process.stdout.write(`Wrote ${path} (shard ${args.shard}); combine the shards with \`refresh-sim merge\`\n`);
      return ExitCode.ok;
    } finally {
      bar.stop();
    }
  }

  const stage = await stageOutputDir(outDir, { flag: outFlag });
  let sink: RequestSink | null = null;
  try {
    let result: RunResult;
    if (replicated) {
      result = await simulateReplicated(args, model, replications, precision, jobs!);
    } else {
      if (args['requests-csv']) sink = await openRefreshesCsv(stage.dir, { maxRows: csvMax });
      result = await simulateOnce(args, model, sink);
    }
    const out = await writeOutputs(args, result, stage.dir, formats, thresholds, sink, reportTimeZone(model));
    if (stepSummary) {
      await appendFile(stepSummary, summaryMarkdown(result.summary, out.gate)).catch((err) => {
        throw fsProblem(err, `GITHUB_STEP_SUMMARY ${stepSummary}`, 'cannot append');
      });
    }
    await stage.publish();
    report(args, result, out, outDir);
    return out.gate.thresholds?.failed ? ExitCode.thresholdFailed : ExitCode.ok;
  } catch (err) {
    await sink?.abort().catch(() => {});
    await stage.abort();
    throw inTarget(err, stage.dir, outDir);
  }
}

/**
 * Everything the user gave us, checked before any simulation and reported all at once (one line per
 * problem): flags, GITHUB_STEP_SUMMARY, --out, the scenario, the thresholds against the summary's shape.
 */
async function checkRun(args: RunArgs) {
  const problems: string[] = [];
  const keep = (err: unknown) => {
    if (err instanceof ScenarioError) problems.push(formatScenarioProblems(err.problems));
    else if (err instanceof InputError) problems.push(err.message);
    else throw err;
    return undefined;
  };
  const take = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      return keep(err);
    }
  };
  const takeAsync = <T>(f: () => Promise<T>): Promise<T | undefined> => f().catch(keep);

  checkSingleValues(args); // a repeated flag makes the rest meaningless
  const formats = take(() => parseFormats(args.format));
  const csvMax = take(() => checkWhole('--requests-csv-max', args['requests-csv-max'] ?? 1_000_000, 1));
  const seed = args.seed === undefined ? undefined : take(() => checkWhole('--seed', args.seed, -Number.MAX_SAFE_INTEGER));
  take(() => checkThresholdArgs(args.threshold));
  const allowLarge = args['allow-large'] === true;
  const replications = args.replications === undefined ? undefined : take(() => checkWhole('--replications', args.replications, 1, allowLarge ? HARD_MAX_RUNS : MAX_RUNS, allowLarge ? '' : ' (more with --allow-large)'));
  const precision = args.precision !== undefined ? take(() => parsePrecision(String(args.precision), args['precision-metric'])) : undefined;
  const shard = args.shard !== undefined ? take(() => parseShard(String(args.shard))) : undefined;
  const replicated = args.replications !== undefined || args.precision !== undefined || args.shard !== undefined;
  const jobsAsked = replicated ? take(() => parseJobs(args.jobs, () => undefined)) : undefined; // checked now, capped below (one note)
  if (replicated && args['requests-csv']) problems.push("--requests-csv writes one run's requests: it does not go with --replications, --precision or --shard");
  if (args.shard !== undefined && (args.replications === undefined || args.precision !== undefined)) problems.push('--shard needs a fixed --replications N (and no --precision)');
  const stepSummary = await takeAsync(() => checkStepSummary(process.env.GITHUB_STEP_SUMMARY));
  if (args.out !== undefined) await takeAsync(() => checkOutputDir(String(args.out), '--out'));

  const model = await takeAsync(() => loadModel(args.scenario, { seed, sets: args.set, allowLarge }));
  let thresholds: Threshold[] = [];
  if (model) {
    thresholds = take(() => collectThresholds(model.thresholds, args.threshold ?? [])) ?? [];
    const pathProblems = checkThresholdPaths(thresholds, {
      model,
      replicated: (replications ?? 1) >= 2 || precision !== undefined,
      replicationMetrics: precision?.metrics,
    });
    if (pathProblems.length > 0) problems.push(formatGateProblems(pathProblems));
  }
  if (problems.length > 0 || !model || !formats || csvMax === undefined) throw new InputError(problems.join('\n'));

  const runs = replications ?? precision?.maxN ?? 1;
  return {
    formats,
    csvMax,
    replications,
    precision,
    shard,
    jobs: jobsAsked === undefined ? undefined : jobsFor(args.jobs, runs, args.quiet ? () => undefined : undefined),
    replicated,
    stepSummary: stepSummary ?? null,
    model,
    thresholds,
    outDir: args.out ?? defaultOutDir(model.name, basename(args.scenario, extname(args.scenario))),
    outFlag: args.out === undefined ? 'output directory' : '--out',
  };
}

/** One simulation, requests streamed to `sink` when there is one. */
async function simulateOnce(args: RunArgs, model: Model, sink: RequestSink | null): Promise<RunResult> {
  const bar = progressBar(model.name);
  let timed;
  try {
    timed = await runModel(model, {
      onRequest: sink ? (r) => sink!.write(r) : undefined,
      drain: sink ? () => sink!.drain() : undefined,
      onProgress: (f, t) => bar.update(f, `day ${(t / 86400).toFixed(1)}`),
    });
  } finally {
    bar.stop();
  }
  if (!args.quiet) process.stderr.write(`${timed.events.toLocaleString('en-US')} events in ${timed.wallSeconds.toFixed(2)} s wall clock (${Math.round(timed.events / Math.max(timed.wallSeconds, 1e-9)).toLocaleString('en-US')} events/s)\n`);
  return timed.result;
}

/** `run --replications / --precision`: replications on worker threads. */
async function simulateReplicated(args: RunArgs, model: Model, n: number | undefined, precision: ReturnType<typeof parsePrecision> | undefined, jobs: number): Promise<RunResult> {
  const bar = runsProgress(model.name);
  try {
    const r = await runReplications(model, { n, precision, jobs, onProgress: bar.onProgress });
    bar.stop();
    if (precision && !args.quiet) {
      process.stderr.write(r.precisionReached ? `precision reached with ${r.n} replications\n` : `precision not reached within ${precision.maxN} replications (relative half-width ${((r.relHalfWidth ?? NaN) * 100).toFixed(1)}%)\n`);
    }
    return { ...r.first, summary: r.summary };
  } finally {
    bar.stop();
  }
}

/**
 * The zone the reports show wall-clock times in: the one most of the scenario's accounts live in (ties:
 * the first declared), so a planner reads "Mon 08:00" as their users' Monday morning; UTC without accounts.
 */
export function reportTimeZone(model: Pick<Model, 'accounts'>): string {
  const counts = new Map<string, number>();
  let best = 'UTC';
  let bestCount = 0;
  for (const a of model.accounts) {
    const n = (counts.get(a.timezone) ?? 0) + 1;
    counts.set(a.timezone, n);
    if (n > bestCount) [best, bestCount] = [a.timezone, n];
  }
  return best;
}

interface Written {
  files: string[];
  gate: GateReport;
}

/** Writes every format into `dir` (the staging directory); thresholds were checked before the run. */
async function writeOutputs(args: RunArgs, result: RunResult, dir: string, formats: Format[], thresholds: Threshold[], sink: RequestSink | null, timeZone: string): Promise<Written> {
  const gate: GateReport = {};
  if (thresholds.length > 0) {
    gate.thresholds = evaluateThresholds(result.summary, thresholds); // replicated metrics: their means
    // checked against the summary's shape before the run; anything left is still bad input
    if (gate.thresholds.problems.length > 0) throw new InputError(formatGateProblems(gate.thresholds.problems));
  }
  const files: string[] = [];
  if (sink) {
    files.push(...(await sink.close()));
    const over = (sink as RequestSink & { rowsOverCap?: number }).rowsOverCap;
    if (over && !args.quiet) process.stderr.write(`refreshes.csv stopped at ${args['requests-csv-max'] ?? 1_000_000} rows (${over} more not written; raise --requests-csv-max)\n`);
  }
  const ctx = { result, outDir: dir, gate, timeZone };
  for (const f of formats) {
    if (f === 'png' && !(await pngAvailable())) {
      if (!args.quiet) process.stderr.write('PNG charts skipped: the optional `canvas` package is not installed (install libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev, then `npm install`).\n');
      continue;
    }
    files.push(...(await writers[f](ctx)));
  }
  return { files, gate };
}

/** The console after publishing: summary and thresholds on stdout; with --quiet, only verdicts on stderr. */
function report(args: RunArgs, result: RunResult, out: Written, outDir: string): void {
  const { gate } = out;
  if (args.quiet) {
    // issue 10: a failed or warned threshold is shown even with --quiet, one line each
    const bad = gate.thresholds?.results.filter((r) => !r.pass) ?? [];
    for (const r of bad) process.stderr.write(`${r.level === 'warn' ? 'WARN' : 'FAIL'}  ${r.message}\n`);
    return;
  }
  process.stdout.write(consoleSummary(result.summary));
  if (gate.thresholds) process.stdout.write(thresholdLines(gate, 'replications' in result.summary));
  process.stdout.write(`\nWrote ${out.files.length} files to ${outDir.replace(/\/+$/, '')}/\n`);
  if (out.files.some((p) => p.endsWith('index.html'))) process.stdout.write(`Report: ${join(outDir, 'index.html')}\n`);
}

/** A file system error inside the staging directory, told with the path the user knows. */
function inTarget(err: unknown, stageDir: string, outDir: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || typeof e.path !== 'string') return err;
  const rel = relative(stageDir, e.path);
  if (rel.startsWith('..') || isAbsolute(rel)) return err;
  // `.summary.json.<pid>.<random>.tmp` is summary.json to the user
  return fsProblem(err, join(outDir, ...rel.split(sep).map((p) => p.replace(/^\.(.+)\.\d+\.[a-z0-9]+\.tmp$/, '$1'))));
}

/** A flag given twice arrives as a list; only the list flags may. A list flag without a value is empty. */
function checkSingleValues(args: RunArgs): void {
  for (const key of ['format', 'threshold', 'set', 'precision-metric'] as const) {
    const v = args[key];
    if (Array.isArray(v) && v.length === 0) throw new InputError(`--${key}: expected a value after the flag`);
  }
  for (const key of ['scenario', 'out', 'seed', 'requests-csv-max', 'replications', 'precision', 'jobs', 'shard', 'quiet', 'requests-csv', 'allow-large'] as const) {
    if (Array.isArray(args[key])) throw new InputError(`--${key}: given more than once (${(args[key] as unknown as unknown[]).map(String).join(', ')})`);
  }
}

/** A whole-number flag; text is read strictly (an empty value is not 0). */
function checkWhole(flag: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER, hint = ''): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? (min === -max ? '' : ` >= ${min}`) : ` from ${min} to ${max.toLocaleString('en-US')}`;
    throw new InputError(`${flag}: expected a whole number${range} (got ${JSON.stringify(String(value))})${n > max ? hint : ''}`);
  }
  return n;
}

/** An empty `--threshold` is a mistake (e.g. an unset shell variable), not "no threshold". */
function checkThresholdArgs(list: string[] | undefined): void {
  const empty = (list ?? []).map((t, i) => (String(t).trim() === '' ? i : -1)).filter((i) => i >= 0);
  if (empty.length) throw new InputError(empty.map((i) => `--threshold[${i}]: empty threshold (expected e.g. 'wait.p95<5m')`).join('\n'));
}

/**
 * GITHUB_STEP_SUMMARY, when set, must be a file we can append to (or a character device such as
 * /dev/stdout), checked before the run. Returns the path, or null when unset.
 */
async function checkStepSummary(path: string | undefined): Promise<string | null> {
  if (path === undefined || path === '') return null;
  const bad = (why: string) => new InputError(`GITHUB_STEP_SUMMARY ${path}: ${why}`);
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw bad(code === 'ENOTDIR' ? 'a part of the path is not a directory' : `cannot use it (${code})`);
    const parent = await stat(dirname(resolve(path))).catch(() => null);
    if (!parent?.isDirectory()) throw bad('its directory does not exist');
    await access(dirname(resolve(path)), constants.W_OK).catch(() => {
      throw bad('its directory is not writable');
    });
    return path;
  }
  if (st.isDirectory()) throw bad('is a directory, not a file');
  if (!st.isFile() && !st.isCharacterDevice()) throw bad('is not a regular file');
  await access(path, constants.W_OK).catch(() => {
    throw bad('is not writable');
  });
  return path;
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
  const names = list.flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);
  if (names.length === 0) throw new InputError(`--format: name at least one format (${FORMATS.join(', ')})`);
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
