// The three CSV log formats (refresh log, session log, inventory): columns and row checks (docs/logs.md).
import type { Problem } from '../scenario/index.js';
import { formatDuration } from '../vocabulary/index.js';
import { parseLogDuration, readLogCsv, RowProblems, type CsvColumns, type CsvRow } from './csv.js';
import { LOG_OUTCOMES, LOG_TRIGGERS, type InventoryRow, type RefreshRow, type SessionRow } from './types.js';

export const REFRESH_COLUMNS: CsvColumns = {
  required: ['source', 'account', 'connector', 'trigger', 'enqueued', 'started', 'finished', 'outcome'],
  optional: ['deferred', 'limit'],
};
export const SESSION_COLUMNS: CsvColumns = { required: ['user', 'account', 'login'], optional: ['logout', 'duration'] };
export const INVENTORY_COLUMNS: CsvColumns = {
  required: ['source', 'account', 'connector', 'interval'],
  optional: ['token', 'gaProfile', 'googleUser', 'klips'],
};

/** Every row of a parser: the row, or its problems. */
type RowResult<R> = { row: R } | { problems: Problem[] };

function parseRows<R>(text: string, file: string, columns: CsvColumns, one: (r: CsvRow, p: RowProblems) => R) {
  const problems: Problem[] = [];
  const rows: R[] = [];
  const read = readLogCsv(text, file, columns, problems);
  let badRows = read.short;
  for (const r of read.rows) {
    const res = checkRow(r, file, one);
    if ('row' in res) rows.push(res.row);
    else {
      badRows++;
      problems.push(...res.problems);
    }
  }
  return { rows, badRows, problems };
}

function checkRow<R>(r: CsvRow, file: string, one: (r: CsvRow, p: RowProblems) => R): RowResult<R> {
  const p = new RowProblems(file, r.line);
  const row = one(r, p);
  return p.list.length ? { problems: p.list } : { row };
}

/** Rows of a refresh log; a row whose times are out of order (started before enqueued, ...) is refused. */
export function parseRefreshLog(text: string, file: string) {
  return parseRows<RefreshRow>(text, file, REFRESH_COLUMNS, ({ cells, line }, p) => {
    const row: RefreshRow = {
      source: p.id(cells, 'source'),
      account: p.id(cells, 'account'),
      connector: p.id(cells, 'connector'),
      trigger: p.oneOf(cells, 'trigger', LOG_TRIGGERS),
      enqueued: p.time(cells, 'enqueued') ?? NaN,
      started: p.time(cells, 'started', true),
      finished: p.time(cells, 'finished', true),
      outcome: p.oneOf(cells, 'outcome', LOG_OUTCOMES),
      deferred: 0,
      limit: cells.limit ?? '',
      line,
    };
    if (cells.deferred !== undefined && cells.deferred !== '') {
      const d = parseLogDuration(cells.deferred);
      if (typeof d === 'string') p.add('deferred', d);
      else row.deferred = d;
    }
    if (p.list.length) return row;
    if (row.started !== null && row.started < row.enqueued) p.add('started', `is before enqueued (by ${formatDuration(row.enqueued - row.started)})`);
    if (row.finished !== null && row.started === null && row.outcome !== 'auth') p.add('finished', 'is given but started is empty');
    if (row.finished !== null && row.started !== null && row.finished < row.started) p.add('finished', `is before started (by ${formatDuration(row.started - row.finished)})`);
    if (row.outcome === 'pending' ? row.finished !== null : row.finished === null) p.add('outcome', row.outcome === 'pending' ? 'is pending but finished is given' : `is ${row.outcome} but finished is empty`);
    if (row.started !== null && row.started >= row.enqueued && row.deferred > row.started - row.enqueued + 1e-6) p.add('deferred', 'is longer than the wait from enqueued to started');
    return row;
  });
}

/** Rows of a session log: logout or duration (one of them). */
export function parseSessionLog(text: string, file: string) {
  return parseRows<SessionRow>(text, file, SESSION_COLUMNS, ({ cells, line }, p) => {
    const row: SessionRow = { user: p.id(cells, 'user'), account: p.id(cells, 'account'), login: p.time(cells, 'login') ?? NaN, duration: NaN, line };
    const hasLogout = (cells.logout ?? '') !== '';
    const hasDuration = (cells.duration ?? '') !== '';
    if (hasLogout === hasDuration) p.add(hasLogout ? 'logout' : 'duration', hasLogout ? 'give logout or duration, not both' : 'give logout or duration');
    else if (hasLogout) {
      const out = p.time(cells, 'logout');
      if (out !== null && !Number.isNaN(row.login)) {
        if (out < row.login) p.add('logout', 'is before login');
        row.duration = out - row.login;
      }
    } else {
      const d = parseLogDuration(cells.duration);
      if (typeof d === 'string') p.add('duration', d);
      else row.duration = d;
    }
    return row;
  });
}

/** Rows of an inventory CSV: interval in seconds, a duration, or `manual`; klips separated by `;`. */
export function parseInventory(text: string, file: string) {
  return parseRows<InventoryRow>(text, file, INVENTORY_COLUMNS, ({ cells, line }, p) => {
    const row: InventoryRow = { source: p.id(cells, 'source'), account: p.id(cells, 'account'), connector: p.id(cells, 'connector'), interval: null, klips: [], line };
    const iv = cells.interval ?? '';
    if (!/^(manual|none)$/i.test(iv)) {
      const d = parseLogDuration(iv);
      if (typeof d === 'string') p.add('interval', `${d}; or "manual"`);
      else if (d < 60) p.add('interval', `must be at least 1m, the shortest interval the product allows (got ${JSON.stringify(iv)})`);
      else row.interval = d;
    }
    for (const k of ['token', 'gaProfile', 'googleUser'] as const) if (cells[k]) row[k] = p.id(cells, k);
    if (cells.klips) row.klips = cells.klips.split(';').map((k) => k.trim()).filter((k) => k !== '');
    return row;
  });
}
