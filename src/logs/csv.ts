// Reading one log CSV: header check, rows as named cells, every problem located at file:line.
import { parse as parseCsv } from 'csv-parse/sync';
import { instantProblem, parseDuration, parseInstant, suggest } from '../vocabulary/index.js';
import type { Problem } from '../scenario/index.js';

export interface CsvRow {
  cells: Record<string, string>;
  line: number;
}

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

/** Past this many problems in one file the rest are counted, not listed. */
const MAX_LISTED_PROBLEMS = 50;

/**
 * The rows of a log CSV by column name. A bad header (unknown, duplicated or missing column) is a
 * problem at line 1 and gives no rows; a row with the wrong number of cells is a problem at its line.
 */
export function readLogCsv(text: string, file: string, columns: CsvColumns, problems: Problem[]): { rows: CsvRow[]; short: number } {
  const rows: CsvRow[] = [];
  let short = 0;
  const known = [...columns.required, ...columns.optional];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { bom: true, info: true, trim: true, skip_empty_lines: true, comment: '#', comment_no_infix: true, relax_column_count: true }) as never;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    problems.push({ file, line, path: '', message: `not valid CSV: ${(e as Error).message.replace(/\s*at line \d+/, '').split('\n')[0]}` });
    return { rows, short };
  }
  if (records.length === 0) {
    problems.push({ file, line: 1, path: '', message: `the file is empty (expected a header line ${known.join(',')})` });
    return { rows, short };
  }
  const header = records[0].record;
  const headerLine = records[0].info.lines;
  const before = problems.length;
  header.forEach((h, i) => {
    if (!known.includes(h)) {
      const hint = suggest(h, known);
      problems.push({ file, line: headerLine, path: h, message: `unknown column${hint ? ` (did you mean \`${hint}\`?)` : ` (expected ${known.join(', ')})`}` });
    } else if (header.indexOf(h) !== i) problems.push({ file, line: headerLine, path: h, message: 'the column appears twice in the header' });
  });
  for (const r of columns.required) {
    if (!header.includes(r)) problems.push({ file, line: headerLine, path: '', message: `the header has no \`${r}\` column (expected ${known.join(',')})` });
  }
  if (problems.length > before) return { rows, short };
  for (const { record, info } of records.slice(1)) {
    if (record.length !== header.length) {
      problems.push({ file, line: info.lines, path: '', message: `expected ${header.length} values like the header (${header.join(',')}), found ${record.length}` });
      short++;
      continue;
    }
    const cells = Object.create(null) as Record<string, string>;
    header.forEach((h, i) => (cells[h] = record[i]));
    rows.push({ cells, line: info.lines });
  }
  return { rows, short };
}

/** Problems of one file, the list capped (the count is kept in the last line). */
export function capProblems(problems: Problem[], file: string): Problem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS), { file, path: '', message: `... and ${rest} more problem${rest === 1 ? '' : 's'} in this file` }];
}

/** A moment in a log: an ISO instant with a zone, or epoch seconds. Returns epoch seconds or a message. */
export function parseLogTime(text: string): number | string {
  const t = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(t)) return Number(t);
  const problem = instantProblem(t);
  if (problem === undefined) return parseInstant(t) / 1000;
  return problem.startsWith('expected') ? `expected an ISO instant with a zone like 2026-01-05T08:00:00Z, or epoch seconds (got ${JSON.stringify(text)})` : problem;
}

/** Seconds from a cell: a number of seconds or a duration in the scenario grammar (`90s`, `15m`). */
export function parseLogDuration(text: string): number | string {
  try {
    const s = parseDuration(text.trim());
    return s >= 0 ? s : `must not be negative (got ${JSON.stringify(text)})`;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Collects the problems of one row, so a row with several bad cells reports them all. */
export class RowProblems {
  readonly list: Problem[] = [];
  constructor(readonly file: string, readonly line: number) {}
  add(column: string, message: string): void {
    this.list.push({ file: this.file, line: this.line, path: column, message });
  }
  /** A required id cell: non-empty, no spaces, commas or quotes (the scenario's id rule). */
  id(cells: Record<string, string>, column: string): string {
    const v = cells[column] ?? '';
    if (v === '') this.add(column, 'is empty');
    else if (/[\s,"']/.test(v)) this.add(column, `${JSON.stringify(v)} is not an id (no spaces, commas or quotes)`);
    else if (v === '__proto__') this.add(column, '"__proto__" cannot be an id');
    return v;
  }
  time(cells: Record<string, string>, column: string, optional = false): number | null {
    const v = cells[column] ?? '';
    if (v === '') {
      if (!optional) this.add(column, 'is empty');
      return null;
    }
    const t = parseLogTime(v);
    if (typeof t === 'string') {
      this.add(column, t);
      return null;
    }
    return t;
  }
  oneOf<T extends string>(cells: Record<string, string>, column: string, allowed: readonly T[]): T {
    const v = cells[column] ?? '';
    if (!(allowed as readonly string[]).includes(v)) {
      const hint = suggest(v, allowed);
      this.add(column, `${JSON.stringify(v)} is not one of ${allowed.join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    return v as T;
  }
}
