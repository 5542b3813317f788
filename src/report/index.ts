// The report writers, one per format, registered here; the keys type the CLI's --format choice.
import { writeJson } from './json.js';
import { writeTimeseriesCsv } from './csv.js';
import { writePng, pngAvailable } from './png.js';
import { writeHtml } from './html.js';
import { writeJunit } from './junit.js';
import { writeMarkdown } from './markdown.js';
import type { Writer } from './types.js';

export const writers = {
  json: writeJson,
  csv: writeTimeseriesCsv,
  png: writePng,
  html: writeHtml,
  junit: (ctx) => writeJunit(ctx.outDir, ctx.gate ?? {}, `refresh-sim.${ctx.result.summary.scenario}`),
  markdown: (ctx) => writeMarkdown(ctx.outDir, ctx.result.summary, ctx.gate ?? {}, { timeseries: ctx.result.timeseries, timeZone: ctx.timeZone }),
} satisfies Record<string, Writer>;

export type Format = keyof typeof writers;
export const FORMATS = Object.keys(writers) as Format[];

export { pngAvailable };
export { openRefreshesCsv } from './csv.js';
export { writeFileAtomic, stageOutputDir, checkOutputDir, defaultOutDir, type StagedOutput } from './atomic.js';
export type { Writer, WriteContext, RequestSink } from './types.js';
export { appendStepSummary, checkStepSummary, inOutputDir, reportTimeZone, writeRunReports, writeStaged, writing, type Note } from './run-outputs.js';
export { summaryJson } from './json.js';
export { junitXml, compareCase, writeJunit } from './junit.js';
export { gateMarkdown, summaryMarkdown, writeMarkdown } from './markdown.js';
export { peakClock, peakFiguresText, peakWhen, windowWhen } from './peak.js';
export { writeSweepReports } from './sweep-index.js';
export { formatSweepTable } from './sweep-table.js';
export { sweepAnswerSentence, sweepSlos, type SweepSlo } from './sweep-slo.js';
export { writePlanHtml } from './plan-html.js';
export { writeCompareHtml, COMPARE_HTML } from './compare-html.js';
export { backtestVerdict, writeBacktest } from './backtest-html.js';
export { fsProblem, writeProblem, describeErrno, cleanupTemporariesSync, installSignalCleanup } from './atomic.js';
