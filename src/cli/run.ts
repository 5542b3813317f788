// `refresh-sim run <scenario>`: simulate, print a short summary, write the reports.
import { appendFile, mkdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Argv } from 'yargs';
import { runModel } from '../experiment/run.js';
import { writers, FORMATS, pngAvailable, openRefreshesCsv, type Format, type RequestSink } from '../report/index.js';
import type { Summary } from '../stats/types.js';
import { evaluateThresholds, parseThresholdArgs, thresholdsFromConfig, formatProblems as formatGateProblems, type GateReport, type Threshold } from '../gate/index.js';
import { summaryMarkdown } from '../report/markdown.js';
import { loadModel } from './load.js';
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
    .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' });
}

export async function run(args: RunArgs): Promise<number> {
  const formats = parseFormats(args.format);
  const model = await loadModel(args.scenario, { seed: args.seed });
  const thresholds = collectThresholds(model.thresholds, args.threshold ?? []);
  const outDir = args.out ?? join('reports', model.name || basename(args.scenario, extname(args.scenario)));

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
  const written: string[] = [];
  if (sink) written.push(...(await sink.close()));

  // Thresholds are evaluated before anything is written: a path that does not exist is bad input (exit 2)
  // and leaves no report behind. A failing threshold still gets every output, then exit 99.
  const gate: GateReport = {};
  if (thresholds.length > 0) {
    gate.thresholds = evaluateThresholds(timed.result.summary, thresholds);
    if (gate.thresholds.problems.length > 0) throw new InputError(formatGateProblems(gate.thresholds.problems));
  }
  await mkdir(outDir, { recursive: true });
  const ctx = { result: timed.result, outDir, gate };
  for (const f of formats) {
    if (f === 'png' && !(await pngAvailable())) {
      if (!args.quiet) process.stderr.write('PNG charts skipped: the optional `canvas` package is not installed (install libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev, then `npm install`).\n');
      continue;
    }
    written.push(...(await writers[f](ctx)));
  }

  if (process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(timed.result.summary, gate));
  if (!args.quiet) {
    process.stdout.write(consoleSummary(timed.result.summary));
    if (gate.thresholds) process.stdout.write(thresholdLines(gate));
    process.stdout.write(`\nWrote ${written.length} files to ${outDir}/\n`);
    process.stderr.write(`${timed.events.toLocaleString('en-US')} events in ${timed.wallSeconds.toFixed(2)} s wall clock (${Math.round(timed.events / timed.wallSeconds).toLocaleString('en-US')} events/s)\n`);
  }
  return gate.thresholds?.failed ? ExitCode.thresholdFailed : ExitCode.ok;
}

function collectThresholds(fromFile: Record<string, unknown> | undefined, fromArgs: string[]): Threshold[] {
  const out: Threshold[] = fromFile ? thresholdsFromConfig(fromFile as Parameters<typeof thresholdsFromConfig>[0]) : [];
  const parsed = parseThresholdArgs(fromArgs);
  if (parsed.problems.length > 0) throw new InputError(formatGateProblems(parsed.problems));
  return [...out, ...parsed.thresholds];
}

function thresholdLines(gate: GateReport): string {
  const rows = gate.thresholds!.results.map((r) => `  ${r.pass ? 'pass' : r.level === 'warn' ? 'WARN' : 'FAIL'}  ${r.message}`);
  return `\nThresholds\n${rows.join('\n')}\n`;
}

function parseFormats(list: string[] | undefined): Format[] {
  if (!list || list.length === 0) return FORMATS;
  const names = list.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  const bad = names.filter((n) => !(FORMATS as string[]).includes(n));
  if (bad.length) throw new InputError(`--format: unknown format ${bad.map((b) => `"${b}"`).join(', ')} (expected ${FORMATS.join(', ')})`);
  const set = new Set<Format>(['json', ...(names as Format[])]); // summary.json is always written
  return FORMATS.filter((f) => set.has(f));
}

export function consoleSummary(s: Summary): string {
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
  return lines.join('\n') + '\n';
}
