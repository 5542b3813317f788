// CSV output: timeseries.csv (one row per time bucket) and refreshes.csv (one row per request, streamed).
import { join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { TRIGGERS } from '../scenario/index.js';
import type { RequestRecord, TimeseriesRow } from '../vocabulary/index.js';
import { openAtomicStream, writeFileAtomic } from './atomic.js';
import type { RequestSink, Writer } from './types.js';

const TIMESERIES_CSV = 'timeseries.csv';
const REFRESHES_CSV = 'refreshes.csv';

type Cell = string | number;

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe (OWASP "CSV injection"). Only text: numbers are written as numbers.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Seconds and means rounded to the microsecond, so 0.1 + 0.2 prints as 0.3; no value is an empty cell. */
function num(x: number | null | undefined): Cell {
  if (x === null || x === undefined || !Number.isFinite(x)) return '';
  return Number.isInteger(x) ? x : Math.round(x * 1e6) / 1e6;
}

const TIMESERIES_COLUMNS = [
  't_s',
  ...TRIGGERS.map((t) => `arrivals_${t}`),
  'arrivals_total',
  'completions',
  'failures',
  'deferrals',
  'queue_mean',
  'queue_max',
  'busy_mean',
  'workers',
  'started',
  'wait_mean_s',
  'wait_p95_s',
  'wait_cum_mean_s',
  'active_accounts',
] as const;

function timeseriesRow(r: TimeseriesRow): Cell[] {
  let total = 0;
  for (const t of TRIGGERS) total += r.arrivals[t] ?? 0;
  return [
    num(r.t),
    ...TRIGGERS.map((t) => num(r.arrivals[t] ?? 0)),
    total,
    num(r.completions),
    num(r.failures),
    num(r.deferrals),
    num(r.queueMean),
    num(r.queueMax),
    num(r.busyMean),
    num(r.workers),
    num(r.started),
    num(r.waitMean),
    num(r.waitP95),
    num(r.waitCumMean),
    num(r.activeAccounts),
  ];
}

/** Writes timeseries.csv. The series has one row per bucket (thousands at most), so it is built in memory. */
export const writeTimeseriesCsv: Writer = async ({ result, outDir }) => {
  const path = join(outDir, TIMESERIES_CSV);
  const text = stringifySync(result.timeseries.map(timeseriesRow), { header: true, columns: [...TIMESERIES_COLUMNS] });
  await writeFileAtomic(path, text);
  return [path];
};

const REFRESHES_COLUMNS = [
  'source',
  'account',
  'connector',
  'trigger',
  'enqueue_s',
  'start_s',
  'end_s',
  'queue_s',
  'deferred_s',
  'response_s',
  'total_s',
  'deferrals',
  'defer_limit',
  'outcome',
] as const;

function refreshRow(r: RequestRecord): Cell[] {
  return [
    neutralise(r.source),
    neutralise(r.account),
    neutralise(r.connector),
    neutralise(r.trigger),
    num(r.enqueueAt),
    num(r.startAt),
    num(r.endAt),
    num(r.queue),
    num(r.deferred),
    num(r.response),
    r.endAt === null ? '' : num(r.endAt - r.enqueueAt),
    num(r.deferrals),
    neutralise(r.deferLimit),
    neutralise(r.outcome),
  ];
}

interface RefreshesCsvOptions {
  /** write at most this many rows; later requests are counted in `rowsOverCap`, not written */
  maxRows?: number;
  /** called once, at the first request over the cap (e.g. to print a warning) */
  onCap?: (maxRows: number) => void;
}

interface RefreshesCsvSink extends RequestSink {
  readonly path: string;
  readonly rowsWritten: number;
  /** requests not written because of `maxRows` */
  readonly rowsOverCap: number;
}

/**
 * Opens refreshes.csv for streaming: rows go through csv-stringify to a temporary file that is renamed
 * into place by close(). Never holds more than the stream buffers; honour drain() for backpressure.
 */
export async function openRefreshesCsv(outDir: string, opts: RefreshesCsvOptions = {}): Promise<RefreshesCsvSink> {
  const maxRows = opts.maxRows ?? Infinity;
  if (!(maxRows >= 0) || (Number.isFinite(maxRows) && !Number.isInteger(maxRows))) {
    throw new RangeError(`openRefreshesCsv: maxRows must be a whole number >= 0, got ${String(opts.maxRows)}`);
  }
  const path = join(outDir, REFRESHES_CSV);
  const file = await openAtomicStream(path);
  const stringifier = stringify({ header: true, columns: [...REFRESHES_COLUMNS] });
  let failure: unknown = null;
  let rejectFailed: (err: unknown) => void = () => {};
  // settles only on a failure: drain() races it, since a stream that failed (e.g. ENOSPC) never drains
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => {});
  const fail = (err: unknown) => {
    failure ??= err;
    rejectFailed(failure);
  };
  stringifier.on('error', fail);
  file.stream.on('error', fail);
  stringifier.pipe(file.stream, { end: false });

  let state: 'open' | 'closed' = 'open';
  let rowsWritten = 0;
  let rowsOverCap = 0;
  let needDrain = false;

  const check = (op: string) => {
    if (failure !== null) throw failure;
    if (state !== 'open') throw new Error(`refreshes.csv: ${op} after close/abort`);
  };

  return {
    path,
    get rowsWritten() {
      return rowsWritten;
    },
    get rowsOverCap() {
      return rowsOverCap;
    },
    write(r) {
      check('write');
      if (rowsWritten >= maxRows) {
        if (rowsOverCap === 0) opts.onCap?.(maxRows);
        rowsOverCap++;
        return;
      }
      rowsWritten++;
      if (!stringifier.write(refreshRow(r))) needDrain = true;
    },
    async drain() {
      check('drain');
      if (!needDrain) return;
      needDrain = false;
      if (stringifier.writableNeedDrain) await Promise.race([once(stringifier, 'drain'), failed]);
      if (failure !== null) throw failure;
    },
    async close() {
      check('close');
      state = 'closed';
      try {
        stringifier.end();
        await finished(stringifier);
        if (failure !== null) throw failure;
        await file.commit();
      } catch (err) {
        await file.abort();
        throw err;
      }
      return [path];
    },
    async abort() {
      if (state === 'closed') return;
      state = 'closed';
      stringifier.unpipe(file.stream);
      stringifier.destroy();
      await file.abort();
    },
  };
}
