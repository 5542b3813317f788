// Recorded values for empirical distributions (`{ type: empirical, file: latencies.csv }`): found, read, checked.
//
// A file is a CSV of one value a row: seconds as plain numbers, or durations with units in the one units
// grammar ("250ms", "1.5s"). One column, with or without a header line; or several, one of them named by
// `column:`. Each bad row is a problem at its line and column in the file; problems with the file as a
// whole (unreadable, empty, no such column) are at the `file:` field in the scenario.
import type { Locator } from './locate.js';
import { type PathSegment, type Problem, clip } from './problems.js';
import { BOUNDS } from './schema.js';
import { suggest } from './issues.js';
import { type TraceIO, capped, csvCellProblem, readCsv } from './traces.js';
import { formatDuration, parseDuration } from '../vocabulary/index.js';

/** Where the values of a `file` (and `column`) are kept for expansion (expand/common.ts looks them up so). */
export function recordedKey(file: string, column: string | undefined): string {
  return column === undefined ? file : `${file}#${column}`;
}

interface FileDist {
  path: PathSegment[];
  file: string;
  column?: string;
}

/** Every empirical distribution in the data that names a file, with its field path. */
function findFileDists(data: unknown): FileDist[] {
  const out: FileDist[] = [];
  const visit = (x: unknown, path: PathSegment[]): void => {
    if (Array.isArray(x)) return x.forEach((v, i) => visit(v, [...path, i]));
    if (x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.type === 'empirical' && typeof o.file === 'string' && /\.csv$/i.test(o.file)) {
      out.push({ path, file: o.file, ...(typeof o.column === 'string' ? { column: o.column } : {}) });
      return;
    }
    for (const [k, v] of Object.entries(o)) if (v !== null && typeof v === 'object') visit(v, [...path, k]);
  };
  visit(data, []);
  return out;
}

/** A plain number of seconds, or a duration with units. */
function valueOf(cell: string): number | undefined {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(cell)) return Number(cell);
  try {
    return parseDuration(cell);
  } catch {
    return undefined;
  }
}

function cellMessage(cell: string, v: number | undefined): string | undefined {
  if (cell === '') return 'expected a value (the cell is empty)';
  if (v === undefined || Number.isNaN(v)) return `expected a number of seconds or a duration like "1.5s" or "250ms" (got ${JSON.stringify(clip(cell))})`;
  if (v < 0) return `must not be negative (got ${JSON.stringify(clip(cell))})`;
  if (v > BOUNDS.durationSeconds) return `must be at most ${formatDuration(BOUNDS.durationSeconds)} (100 years) (got ${JSON.stringify(clip(cell))})`;
  return undefined;
}

/**
 * The values (seconds) in one file's text. `fileProblem` places a problem about the file as a whole at
 * the scenario's `file:` field; row problems go to `problems` at their line in the file.
 */
function parseRecordedValues(text: string, label: string, column: string | undefined, problems: Problem[], fileProblem: (message: string) => Problem): number[] {
  const mine: Problem[] = [];
  const records = readCsv(text, label, mine);
  const lines = text.split(/\r\n|\n|\r/);
  const values: number[] = [];
  const first = records[0];
  if (first === undefined) {
    problems.push(...mine, ...(mine.length === 0 ? [fileProblem('the CSV file has no values (expected one value a row)')] : []));
    return values;
  }
  const hasHeader = column !== undefined || first.record.length > 1 || valueOf(first.record[0]) === undefined;
  const header = hasHeader ? first.record : undefined;
  let c = 0;
  if (column !== undefined) {
    c = header!.indexOf(column);
    if (c < 0) {
      const hint = suggest(column, header!);
      problems.push(fileProblem(`the header has no column \`${clip(column)}\`${hint ? ` (did you mean \`${hint}\`?)` : ` (it has ${header!.map((h) => `\`${clip(h)}\``).join(', ')})`}`));
      return values;
    }
  } else if (header !== undefined && header.length > 1) {
    problems.push(fileProblem(`the file has ${header.length} columns (${header.map((h) => `\`${clip(h)}\``).join(', ')}): name the one to read with \`column:\``));
    return values;
  }
  const name = header?.[c] ?? '';
  for (const { record: cells, info } of hasHeader ? records.slice(1) : records) {
    const line = info.lines;
    if (header !== undefined && cells.length !== header.length) {
      mine.push({ file: label, line, column: 1, path: '', message: `expected ${header.length} values like the header (${header.join(',')}), found ${cells.length}` });
      continue;
    }
    const cell = cells[c] ?? '';
    const v = valueOf(cell);
    const message = cellMessage(cell, v);
    if (message === undefined) values.push(v!);
    else mine.push(csvCellProblem(label, lines, line, c, name, message));
  }
  if (mine.length === 0 && values.length === 0) mine.push(fileProblem('the CSV file has no values (expected one value a row)'));
  problems.push(...capped(mine, label));
  return values;
}

/** Read and check every file named by an empirical distribution; values by `recordedKey(file, column)`. */
export function readRecordedValues(data: unknown, locator: Locator, io: TraceIO, problems: Problem[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const d of findFileDists(data)) {
    const key = recordedKey(d.file, d.column);
    if (out.has(key)) continue;
    const fileProblem = (message: string) => locator.problem([...d.path, 'file'], message);
    let text: string;
    try {
      text = io.read(d.file);
    } catch (e) {
      problems.push(fileProblem(`cannot read the CSV file ${JSON.stringify(d.file)}: ${(e as Error).message}`));
      continue;
    }
    out.set(key, parseRecordedValues(text, io.label(d.file), d.column, problems, fileProblem));
  }
  return out;
}
