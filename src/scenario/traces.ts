// Trace rows (sessions, embed views, refreshes) from the scenario itself or from CSV files next to it.
import type { PathSegment, Problem } from './problems.js';
import type { Locator } from './locate.js';
import { suggest } from './issues.js';

export type TraceKind = 'sessions' | 'embedViews' | 'refreshes';

export const TRACE_COLUMNS: Record<TraceKind, { required: string[]; optional: string[] }> = {
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

function parseCsvTrace(text: string, file: string, kind: TraceKind, problems: Problem[]): TraceRow[] {
  const lines = text.split(/\r?\n/);
  const rows: TraceRow[] = [];
  let header: string[] | undefined;
  const { required, optional } = TRACE_COLUMNS[kind];
  const known = [...required, ...optional];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = splitCsvLine(line);
    const lineNo = i + 1;
    if (!header) {
      header = cells;
      header.forEach((h, c) => {
        if (!known.includes(h)) {
          const hint = suggest(h, known);
          problems.push({ file, line: lineNo, column: columnOf(lines[i], c), path: h, message: `unknown column \`${h}\`${hint ? ` (did you mean \`${hint}\`?)` : ` (expected ${known.map((k) => `\`${k}\``).join(', ')})`}` });
        }
      });
      for (const r of required) {
        if (!header.includes(r)) problems.push({ file, line: lineNo, column: 1, path: '', message: `the header has no \`${r}\` column (expected columns ${known.map((k) => `\`${k}\``).join(', ')})` });
      }
      continue;
    }
    if (cells.length !== header.length) {
      problems.push({ file, line: lineNo, column: 1, path: '', message: `expected ${header.length} values like the header, found ${cells.length}` });
      continue;
    }
    const fields: Record<string, unknown> = {};
    const raw = lines[i];
    header.forEach((h, c) => {
      const cell = cells[c];
      fields[h] = /^-?\d+(?:\.\d+)?$/.test(cell) ? Number(cell) : cell;
    });
    const hdr = header;
    rows.push({
      fields,
      problem: (field, message) => ({ file, line: lineNo, column: columnOf(raw, Math.max(0, hdr.indexOf(field))), path: field, message }),
    });
  }
  if (!header) problems.push({ file, line: 1, column: 1, path: '', message: `the CSV file is empty (expected a header line ${known.join(',')})` });
  return rows;
}

function splitCsvLine(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** 1-based column of the c-th cell. */
function columnOf(line: string, c: number): number {
  let col = 0;
  for (let k = 0; k < c; k++) {
    const next = line.indexOf(',', col);
    if (next < 0) break;
    col = next + 1;
  }
  while (line[col] === ' ') col++;
  return col + 1;
}
