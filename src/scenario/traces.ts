// Trace rows (sessions, embed views, refreshes) from the scenario itself or from CSV files next to it.
import type { PathSegment, Problem } from './problems.js';
import type { Locator } from './locate.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { suggest } from './issues.js';

export type TraceKind = 'sessions' | 'embedViews' | 'refreshes';

const TRACE_COLUMNS: Record<TraceKind, { required: string[]; optional: string[] }> = {
  sessions: { required: ['user', 'at', 'duration'], optional: [] },
  embedViews: { required: ['embed', 'at'], optional: [] },
  refreshes: { required: ['source', 'at'], optional: ['trigger'] },
};

export interface TraceRow {
  fields: Record<string, unknown>;
  /** a problem about one field of this row, placed in the YAML or the CSV file */
  problem(field: string, message: string): Problem;
}

export type TraceRows = Record<TraceKind, TraceRow[]>;

export interface TraceIO {
  /** file name for messages, relative like the scenario's */
  label(name: string): string;
  read(name: string): string;
}

/** Collect the rows of each trace; problems with files and headers go to `problems`. */
export function collectTraces(traces: unknown, locator: Locator, io: TraceIO, problems: Problem[]): TraceRows {
  const out: TraceRows = { sessions: [], embedViews: [], refreshes: [] };
  if (!traces || typeof traces !== 'object') return out;
  for (const kind of Object.keys(TRACE_COLUMNS) as TraceKind[]) {
    const value = (traces as Record<string, unknown>)[kind];
    const base: PathSegment[] = ['traces', kind];
    if (Array.isArray(value)) {
      value.forEach((row, i) => {
        if (row && typeof row === 'object' && !Array.isArray(row)) {
          out[kind].push({ fields: row as Record<string, unknown>, problem: (field, message) => locator.problem([...base, i, field], message) });
        }
      });
    } else if (typeof value === 'string' && /\.csv$/i.test(value)) {
      let text: string;
      try {
        text = io.read(value);
      } catch (e) {
        problems.push(locator.problem(base, `cannot read the CSV trace ${JSON.stringify(value)}: ${(e as Error).message}`));
        continue;
      }
      out[kind] = parseCsvTrace(text, io.label(value), kind, problems);
    }
  }
  return out;
}

/** Past this many problems in one CSV file the rest are counted, not listed. */
const MAX_CSV_PROBLEMS = 50;

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Rows of a CSV trace, parsed by csv-parse (RFC 4180 quoting, a byte-order mark, CRLF or LF, `#` comment
 * lines, blank lines skipped, cells trimmed). The header must name each known column at most once and
 * every required one; each bad row is a problem at its line (and the cell's column when the row is on
 * one line), named by its column.
 */
function parseCsvTrace(text: string, file: string, kind: TraceKind, problems: Problem[]): TraceRow[] {
  const { required, optional } = TRACE_COLUMNS[kind];
  const known = [...required, ...optional];
  const mine: Problem[] = [];
  const records = readCsv(text, file, mine);
  const lines = text.split(/\r\n|\n|\r/);
  const rows: TraceRow[] = [];
  const header = records[0];
  if (header === undefined) {
    if (mine.length === 0) mine.push({ file, line: 1, column: 1, path: '', message: `the CSV file is empty (expected a header line ${known.join(',')})` });
    problems.push(...mine);
    return rows;
  }
  const hdr = header.record;
  const headerLine = header.info.lines;
  const before = mine.length;
  const cellProblem = (lineNo: number, c: number, path: string, message: string): Problem => csvCellProblem(file, lines, lineNo, c, path, message);
  hdr.forEach((h, c) => {
    if (!known.includes(h)) {
      const hint = suggest(h, known);
      mine.push(cellProblem(headerLine, c, h, `unknown column \`${h}\`${hint ? ` (did you mean \`${hint}\`?)` : ` (expected ${known.map((k) => `\`${k}\``).join(', ')})`}`));
    } else if (hdr.indexOf(h) !== c) {
      mine.push(cellProblem(headerLine, c, h, `the column \`${h}\` appears twice in the header (also column ${hdr.indexOf(h) + 1})`));
    }
  });
  for (const r of required) {
    if (!hdr.includes(r)) mine.push({ file, line: headerLine, column: 1, path: '', message: `the header has no \`${r}\` column (expected columns ${known.map((k) => `\`${k}\``).join(', ')})` });
  }
  const headerOk = mine.length === before;
  for (const { record: cells, info } of records.slice(1)) {
    const lineNo = info.lines;
    if (cells.length !== hdr.length) {
      mine.push({ file, line: lineNo, column: 1, path: '', message: `expected ${hdr.length} values like the header (${hdr.join(',')}), found ${cells.length}` });
      continue;
    }
    if (!headerOk) continue;
    const fields: Record<string, unknown> = Object.create(null);
    hdr.forEach((h, c) => {
      const cell = cells[c];
      fields[h] = /^-?\d+(?:\.\d+)?$/.test(cell) ? Number(cell) : cell;
    });
    rows.push({ fields, problem: (field, message) => cellProblem(lineNo, Math.max(0, hdr.indexOf(field)), field, message) });
  }
  problems.push(...capped(mine, file));
  return rows;
}

export function readCsv(text: string, file: string, problems: Problem[]): CsvRecord[] {
  try {
    return parseCsv(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      comment: '#',
      comment_no_infix: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) problems.push({ file, line: (err as { lines?: number }).lines, path: '', message: `not valid CSV: ${csvMessage(err.message)}` });
      },
    }) as unknown as CsvRecord[];
  } catch (e) {
    problems.push({ file, line: (e as { lines?: number }).lines, path: '', message: `not valid CSV: ${csvMessage((e as Error).message)}` });
    return [];
  }
}

/** csv-parse's message without its own "at line N" (the problem says where). */
function csvMessage(message: string): string {
  return message.replace(/\s*at line \d+/, '').split('\n')[0];
}

export function capped(problems: Problem[], file: string): Problem[] {
  if (problems.length <= MAX_CSV_PROBLEMS) return problems;
  const rest = problems.length - MAX_CSV_PROBLEMS;
  return [...problems.slice(0, MAX_CSV_PROBLEMS), { file, line: problems[MAX_CSV_PROBLEMS].line, path: '', message: `... and ${rest} more problem${rest === 1 ? '' : 's'} in this file` }];
}

/** A problem at the c-th cell of line `lineNo` (1-based) of a CSV file split into `lines`. */
export function csvCellProblem(file: string, lines: readonly string[], lineNo: number, c: number, path: string, message: string): Problem {
  const column = columnOf(lines[lineNo - 1] ?? '', c);
  return column === undefined ? { file, line: lineNo, path, message } : { file, line: lineNo, column, path, message };
}

/** 1-based column of the c-th cell of a CSV line (quotes respected), or undefined when the line is not that long. */
function columnOf(line: string, c: number): number | undefined {
  let cell = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < line.length && cell < c; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      cell++;
      start = i + 1;
    }
  }
  if (cell < c) return undefined;
  while (line[start] === ' ' || line[start] === '\t') start++;
  // a byte-order mark is not a column
  return start + 1 - (line.charCodeAt(0) === 0xfeff && start > 0 ? 1 : 0);
}
