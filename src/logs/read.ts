// Reading the log files given to calibrate/backtest: which format each is, its rows, all problems at once.
import { extname } from 'node:path';
import { readTextFile, FileProblem, MAX_TRACE_BYTES, ScenarioError, type Problem } from '../scenario/index.js';
import { capProblems } from './csv.js';
import { parseInventory, parseRefreshLog, parseSessionLog } from './formats.js';
import { parseVendorJson } from './vendor.js';
import type { LogFile, LogKind, LogSet } from './types.js';

/** The format of a CSV log, told from its header line. */
function csvKind(text: string): LogKind | undefined {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '';
  const cols = first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  if (cols.includes('enqueued')) return 'refresh';
  if (cols.includes('login')) return 'session';
  if (cols.includes('interval')) return 'inventory';
  return undefined;
}

function parseOne(text: string, file: string): LogFile<unknown> | Problem {
  if (extname(file).toLowerCase() === '.json') return { file, kind: 'vendor', ...parseVendorJson(text, file) };
  const kind = csvKind(text);
  if (kind === undefined) {
    return { file, line: 1, path: '', message: 'cannot tell which log this is: a refresh log has an `enqueued` column, a session log `login`, an inventory `interval` (see docs/logs.md)' };
  }
  const parsed = kind === 'refresh' ? parseRefreshLog(text, file) : kind === 'session' ? parseSessionLog(text, file) : parseInventory(text, file);
  return { file, kind, ...parsed, notes: [] };
}

export interface ReadLogsResult {
  logs: LogSet;
  /** problems with single rows (the file still had usable rows): reported and counted, not fatal */
  rowProblems: Problem[];
  notes: string[];
}

/**
 * Reads every file. A file that cannot be read, has a bad header or no usable row is fatal: a
 * ScenarioError with every such problem of every file (exit 2). Otherwise bad rows are returned to be
 * reported and counted.
 */
export function readLogs(files: readonly string[], need: { refresh?: boolean } = {}): ReadLogsResult {
  const logs: LogSet = { refresh: [], session: [], inventory: [] };
  const fatal: Problem[] = [];
  const rowProblems: Problem[] = [];
  const notes: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readTextFile(file, MAX_TRACE_BYTES, 'log');
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      fatal.push({ file, path: '', message: e.message });
      continue;
    }
    const res = parseOne(text, file);
    if (!('kind' in res)) {
      fatal.push(res);
      continue;
    }
    // in reading order: a row's cell problems and a short row's count problem interleave by line
    const problems = capProblems([...res.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)), file);
    if (res.rows.length === 0) {
      fatal.push(...problems, { file, path: '', message: `no usable rows${res.badRows ? ` (${res.badRows} bad)` : ''}` });
      continue;
    }
    rowProblems.push(...problems);
    notes.push(...res.notes);
    if (res.kind === 'refresh') logs.refresh.push(res as LogFile<never>);
    else if (res.kind === 'session') logs.session.push(res as LogFile<never>);
    else logs.inventory.push(res as LogFile<never>);
  }
  if (need.refresh && logs.refresh.length === 0 && fatal.length === 0) {
    fatal.push({ file: files.join(', ') || '(no files)', path: '', message: 'no refresh log among the files (a CSV with an `enqueued` column, see docs/logs.md)' });
  }
  // every problem at once: the bad rows of the readable files too, in the order the files were given
  if (fatal.length) throw new ScenarioError([...fatal, ...rowProblems].sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file)));
  return { logs, rowProblems, notes };
}
