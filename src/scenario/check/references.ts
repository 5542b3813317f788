// Checks of trace rows and arrival selections: the ids they name, and their times (real instants, not before the start).
import { BOUNDS } from '../schema.js';
import { DEFAULTS } from '../presets.js';
import { type PathSegment, type Problem, clip, show } from '../problems.js';
import type { TraceRows } from '../traces.js';
import { formatDuration, instantProblem, isInstantText, parseInstant } from '../../vocabulary/index.js';
import { type Checker, type IdSets, type Obj, type RefKind, didYouMean, isObj, list, obj, seconds } from './checker.js';

type Place = (message: string) => Problem;
type Row = { problem(field: string, message: string): Problem };

interface Refs {
  c: Checker;
  ids: IdSets;
  /** ids that a generator may create are left for after generation */
  maybeGenerated: (id: string) => boolean;
}

/** An id that must exist: found, left for after generation, or a problem with a did-you-mean. */
function need(r: Refs, kind: RefKind, what: string, id: string, place: Place): void {
  const known: { has(id: string): boolean; keys(): Iterable<string>; size: number } = r.ids[kind];
  if (known.has(id)) return;
  if (r.maybeGenerated(id)) r.c.pending.push({ kind, id, what, place });
  else r.c.problems.push(place(`no ${what} with id "${clip(id)}"${didYouMean(id, () => [...known.keys()], known.size)}`));
}

/** The start of the run in epoch ms, when the scenario's `start` can be read. */
function startOf(d: Obj): number | undefined {
  const text = d.start ?? DEFAULTS.start;
  if (typeof text !== 'string' || !isInstantText(text)) return undefined;
  try {
    return parseInstant(text);
  } catch {
    return undefined;
  }
}

/** A trace time: an ISO instant that exists and is not before the start, or a duration after the start. */
function checkTime(c: Checker, d: Obj, row: Row, field: string, value: unknown, positive: boolean, fromCsv: boolean): void {
  if (typeof value === 'string' && isInstantText(value)) {
    const problem = instantProblem(value);
    const start = startOf(d);
    if (problem !== undefined) c.problems.push(row.problem(field, problem));
    else if (start !== undefined && parseInstant(value) < start) {
      c.problems.push(row.problem(field, `is before the start of the simulation (${value} < start ${String(d.start ?? DEFAULTS.start)})`));
    }
    return;
  }
  if (typeof value !== 'string' && typeof value !== 'number') return;
  if (positive && !fromCsv) return; // the schema checks durations in the scenario itself
  const s = seconds(value);
  if (s === undefined && !fromCsv) return; // the schema reported it
  if (s === undefined) c.problems.push(row.problem(field, `expected ${positive ? 'a duration like "30m"' : 'a time after the start like "90m", or an ISO time'} (got ${show(value)})`));
  else if (positive ? s <= 0 : s < 0) c.problems.push(row.problem(field, `must be ${positive ? 'positive' : 'at or after the start (not negative)'} (got ${show(value)})`));
  else if (s > BOUNDS.durationSeconds && (fromCsv || typeof value === 'string')) c.problems.push(row.problem(field, `must be at most ${formatDuration(BOUNDS.durationSeconds)} (100 years) (got ${show(value)})`));
}

function checkTraceRows(r: Refs, d: Obj, traces: TraceRows): void {
  const { c } = r;
  const csv = (kind: string): boolean => typeof obj(d.traces)[kind] === 'string';
  const ref = (row: Row, field: string, kind: RefKind, what: string, value: unknown): void => {
    if (typeof value === 'string') need(r, kind, what, value, (m) => row.problem(field, m)); // else the schema (or the CSV header check) reported it
  };
  for (const row of traces.sessions) {
    ref(row, 'user', 'users', 'user', row.fields.user);
    checkTime(c, d, row, 'at', row.fields.at, false, csv('sessions'));
    checkTime(c, d, row, 'duration', row.fields.duration, true, csv('sessions'));
  }
  for (const row of traces.embedViews) {
    ref(row, 'embed', 'embeds', 'embed', row.fields.embed);
    checkTime(c, d, row, 'at', row.fields.at, false, csv('embedViews'));
  }
  for (const row of traces.refreshes) {
    ref(row, 'source', 'sources', 'source', row.fields.source);
    checkTime(c, d, row, 'at', row.fields.at, false, csv('refreshes'));
    const trig = row.fields.trigger;
    if (csv('refreshes') && trig !== undefined && trig !== '' && trig !== 'manual' && trig !== 'api') {
      c.problems.push(row.problem('trigger', `expected "manual" or "api" (got ${show(trig)})`));
    }
  }
}

/** Public-link views: a real time not before the start, then an existing account. */
function checkLinkViews(r: Refs, d: Obj): void {
  const { c } = r;
  const start = startOf(d);
  list(obj(d.traces).linkViews).forEach((v, i) => {
    const { at, account } = obj(v);
    const path: PathSegment[] = ['traces', 'linkViews', i];
    const problem = typeof at === 'string' && isInstantText(at) ? instantProblem(at) : undefined;
    const t = typeof at === 'string' && isInstantText(at) ? (start === undefined || problem !== undefined ? 0 : (parseInstant(at) - start) / 1000) : seconds(at);
    if (problem !== undefined) c.at([...path, 'at'], problem);
    else if (t !== undefined && t < 0) c.at([...path, 'at'], `is before the start of the simulation (${String(at)})`);
    if (typeof account === 'string') need(r, 'accounts', 'account', account, (m) => c.problemAt([...path, 'account'], m));
  });
}

function checkArrivals(r: Refs, d: Obj): void {
  const { c, ids } = r;
  list(d.arrivals).forEach((raw, i) => {
    const a = obj(raw);
    const base: PathSegment[] = ['arrivals', i];
    if (a.type === 'linkView') {
      list(a.accounts).forEach((id, k) => {
        if (typeof id === 'string') need(r, 'accounts', 'account', id, (m) => c.problemAt([...base, 'accounts', k], m));
      });
      return;
    }
    const [selKey, kind, what] = a.type === 'embedView' ? (['embeds', 'embeds', 'embed'] as const) : (['sources', 'sources', 'source'] as const);
    const sel = a[selKey];
    if (Array.isArray(sel)) {
      sel.forEach((id, k) => {
        if (typeof id === 'string') need(r, kind, what, id, (m) => c.problemAt([...base, selKey, k], m));
      });
    } else if (isObj(sel)) {
      if (typeof sel.account === 'string') need(r, 'accounts', 'account', sel.account, (m) => c.problemAt([...base, selKey, 'account'], m));
      if (typeof sel.connector === 'string' && !ids.connectors.has(sel.connector)) c.missing([...base, selKey, 'connector'], 'connector', sel.connector, ids.connectors);
    }
  });
}

/** Trace rows and arrival selections must name existing users, sources, embeds, accounts and connectors. */
export function checkReferences(d: Obj, traces: TraceRows, c: Checker, ids: IdSets, prefixes: readonly string[]): void {
  const maybeGenerated = (id: string): boolean => prefixes.some((p) => id.startsWith(`${p}-`));
  const r: Refs = { c, ids, maybeGenerated };
  checkLinkViews(r, d);
  checkTraceRows(r, d, traces);
  checkArrivals(r, d);
}
