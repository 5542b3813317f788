// Dotted paths into summary.json (`wait.p95`, `byTrigger.login.wait.p95`): look a value up, tell what it measures.
import type { z } from 'zod';
import { summarySchema } from './summary-schema.js';
import type { MetricKind } from './summary.js';
import { formatNumber, formatDuration } from './format.js';
import { nearest } from './suggest.js';

export type Lookup =
  | { found: 'number'; value: number }
  | { found: 'null' }
  | { found: 'other'; type: string }
  | { found: 'none' };

const MAX_PATH_LENGTH = 1000;
const MAX_PATH_PARTS = 64;

/** Leaves of a distribution (stats `Dist`) that are seconds; `count` is a count. */
const DIST_SECONDS = new Set(['mean', 'p50', 'p90', 'p95', 'p99', 'max']);
/** Leaves outside a distribution that are seconds. */
const SECONDS_LEAVES = new Set(['duration', 'warmup', 'seconds', 'deferredSeconds', 'worstAccountP95Wait']);

/** Leaves of a peak window (`peaks.busiestHour`, `peaks.windows.<name>`) that are counts; `start`/`end` are seconds. */
const PEAK_COUNTS = new Set(['buckets', 'occurrences', 'arrivals', 'queueMax', 'deferrals']);

/**
 * What a leaf of a peak window measures, by name alone: a window may be null in a run (no data), so its
 * kind cannot be read from the summary. Undefined for paths outside `peaks`.
 */
function peakKind(parts: readonly string[]): MetricKind | undefined {
  if (parts[0] !== 'peaks' || parts.length < 3) return undefined;
  const leaf = parts[parts.length - 1];
  if (parts[parts.length - 2] === 'wait' && (leaf === 'count' || DIST_SECONDS.has(leaf))) return leaf === 'count' ? 'count' : 'seconds';
  if (leaf === 'start' || leaf === 'end') return 'seconds';
  return PEAK_COUNTS.has(leaf) ? 'count' : 'number';
}

/**
 * Follows a dotted path. Keys may themselves contain dots (account or connector ids such as `acme.io`):
 * at each level the longest key that matches wins, so `byAccount.acme.io.wait.p95` finds `acme.io`.
 * Arrays are indexed by position (`deferrals.byLimit.0.peakUse`) or, for arrays of objects with an
 * `id`, by id (`deferrals.byLimit.ga-daily.peakUse`).
 */
export function lookupPath(root: unknown, path: string): Lookup {
  // a hostile path with thousands of dots would make the longest-key-first walk slow; no real path is that long
  if (path.length > MAX_PATH_LENGTH || path.split('.').length > MAX_PATH_PARTS) return { found: 'none' };
  const node = walk(root, path.split('.'));
  if (node === undefined) return { found: 'none' };
  if (node === null) return { found: 'null' };
  if (typeof node === 'number') return { found: 'number', value: node };
  return { found: 'other', type: Array.isArray(node) ? 'an array' : typeof node === 'object' ? 'an object' : `a ${typeof node}` };
}

function walk(node: unknown, parts: string[]): unknown {
  if (parts.length === 0) return node;
  if (node === null || typeof node !== 'object') return undefined;
  for (let n = parts.length; n >= 1; n--) {
    const key = parts.slice(0, n).join('.');
    const child = childOf(node, key);
    if (child !== undefined) {
      const found = walk(child, parts.slice(n));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function childOf(node: object, key: string): unknown {
  if (Array.isArray(node)) {
    if (/^\d+$/.test(key)) return node[Number(key)];
    return node.find((x) => x !== null && typeof x === 'object' && (x as { id?: unknown }).id === key);
  }
  return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
}

/**
 * A statistic of a distribution that measured nothing (`count: 0`): whatever number a hand-edited or
 * damaged file holds there, it is no data, as the null a run writes.
 */
export function isEmptyDistStat(root: unknown, path: string): boolean {
  const parts = path.split('.');
  if (parts.length < 2 || !DIST_SECONDS.has(parts[parts.length - 1]) || parts.length > MAX_PATH_PARTS) return false;
  const parent = walk(root, parts.slice(0, -1));
  return parent !== null && typeof parent === 'object' && 'p95' in parent && 'max' in parent && (parent as { count?: unknown }).count === 0;
}

/** Every path to a number (or null, a number without data) in the summary, for "did you mean" hints. */
export function numericPaths(root: unknown, prefix = ''): string[] {
  const out: string[] = [];
  if (root === null || typeof root !== 'object') return out;
  const entries = Array.isArray(root) ? root.map((v, i) => [String(i), v] as const) : Object.entries(root);
  for (const [k, v] of entries) {
    // replications.metrics holds the same paths again; not a place to point thresholds at
    if (prefix === '' && k === 'replications') continue;
    const p = prefix === '' ? k : `${prefix}.${k}`;
    if (typeof v === 'number' || v === null) out.push(p);
    else out.push(...numericPaths(v, p));
  }
  return out;
}

/** `unknown path "wait.p59" in summary.json (did you mean "wait.p50"?)` */
export function unknownPathMessage(root: unknown, path: string, what = 'summary.json'): string {
  // the hint costs path length x every path: none for a path no one would type
  const candidates = path.length <= 200 ? numericPaths(root) : [];
  const hint = candidates.length > 0 ? ` (did you mean "${nearest(path, candidates)}"?)` : '';
  const shown = path.length > 200 ? `${path.slice(0, 199)}…` : path;
  return `unknown path "${shown}" in ${what}${hint}`;
}

/** `"byTrigger" in summary.json is an object, not a number` (`type` from a `Lookup` of `found: 'other'`). */
export function notANumberMessage(path: string, type: string): string {
  return `"${path}" in summary.json is ${type}, not a number`;
}

/**
 * What a path measures. A leaf ending in `Pct` is a percentage (0..100); a percentile, mean or max of a
 * distribution (an object with `count` and `p95`), and `span.duration`, `deferrals.seconds` and the like,
 * are seconds; `count` and the request counters are counts; anything else is a plain number (a ratio such
 * as `utilisation.mean`, a mean queue length).
 */
export function metricKind(root: unknown, path: string): MetricKind {
  const parts = path.split('.');
  const leaf = parts[parts.length - 1];
  if (leaf.endsWith('Pct')) return 'percent';
  const peak = peakKind(parts);
  if (peak !== undefined) return peak;
  const parent = parts.length > 1 ? walk(root, parts.slice(0, -1)) : root;
  const parentIsDist =
    parent !== null && typeof parent === 'object' && 'count' in parent && 'p95' in parent && 'max' in parent;
  if (parentIsDist) return DIST_SECONDS.has(leaf) ? 'seconds' : 'count';
  if (SECONDS_LEAVES.has(leaf) || parts[1] === 'maxWaitByTrigger') return 'seconds';
  if (parts[0] === 'requests' || parts[0] === 'failures' || leaf === 'count') return 'count';
  return 'number';
}

/** A metric's value for people, by its kind. */
export function formatMetric(value: number | null, kind: MetricKind): string {
  if (value === null) return 'no data';
  switch (kind) {
    case 'seconds':
      return formatDuration(value);
    case 'percent':
      return `${formatNumber(value)}%`;
    case 'count':
    case 'number':
      return formatNumber(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Paths that summary.json CAN hold (from its zod schema), to tell "no data in this run" from a typo

/**
 * What the summary schema says about a path, whatever one run wrote: `number` when the path can lead
 * to a number in some summary.json (`byTrigger.manual.wait.p95` is one even if no manual refresh
 * happened), `other` when it leads to an object, array or string, `unknown` when no summary has it.
 * Record keys (trigger, connector, account ids) and limit ids may be anything, dots included.
 */
export function summaryPathKind(path: string): 'number' | 'other' | 'unknown' {
  const parts = path.split('.');
  if (path.length > MAX_PATH_LENGTH || parts.length > MAX_PATH_PARTS || parts.some((p) => p === '')) return 'unknown';
  return shapeWalk(summarySchema as unknown as z.ZodType, parts);
}

type Def = { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; valueType?: z.ZodType; element?: z.ZodType; items?: z.ZodType[]; in?: z.ZodType };

function defOf(schema: z.ZodType): Def {
  let def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  while (def.innerType !== undefined || def.type === 'pipe') {
    const next = def.innerType ?? def.in;
    if (next === undefined) break;
    def = (next as unknown as { _zod: { def: Def } })._zod.def;
  }
  return def;
}

function shapeWalk(schema: z.ZodType, parts: string[]): 'number' | 'other' | 'unknown' {
  const def = defOf(schema);
  if (parts.length === 0) return def.type === 'number' ? 'number' : 'other';
  let best: 'other' | 'unknown' = 'unknown';
  for (let n = parts.length; n >= 1; n--) {
    const key = parts.slice(0, n).join('.');
    const child = childSchema(def, key);
    if (child === undefined) continue;
    const r = shapeWalk(child, parts.slice(n));
    if (r === 'number') return r;
    if (r === 'other') best = 'other';
  }
  return best;
}

function childSchema(def: Def, key: string): z.ZodType | undefined {
  switch (def.type) {
    case 'object':
      return def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
    case 'record':
      return def.valueType;
    case 'array': {
      // by position, or by id for arrays of objects with an `id` (deferrals.byLimit.ga-daily)
      if (/^\d+$/.test(key)) return def.element;
      const el = def.element ? defOf(def.element) : undefined;
      return el?.type === 'object' && el.shape && 'id' in el.shape ? def.element : undefined;
    }
    case 'tuple':
      return /^\d+$/.test(key) ? def.items?.[Number(key)] : undefined;
    default:
      return undefined;
  }
}

/**
 * Why a path given before a run (an SLO, a --metric, a --precision-metric) can never name a number of
 * summary.json, or null when some summary can hold it: checked before any simulation starts.
 */
export function summaryPathProblem(path: string): string | null {
  const shown = path.length > 200 ? `${path.slice(0, 199)}…` : path;
  switch (summaryPathKind(path)) {
    case 'number':
      return null;
    case 'other':
      return `"${shown}" in summary.json is not a number (name one of its numbers, e.g. wait.p95)`;
    case 'unknown': {
      const hint = path.length <= 200 ? ` (did you mean "${nearest(path, fixedNumberPaths())}"?)` : ' (see `refresh-sim schema summary`)';
      return `unknown path "${shown}" in summary.json${hint}`;
    }
  }
}

/**
 * What a path measures, from the summary schema alone (before any run): the same rules as `metricKind`,
 * with "a statistic of a distribution" read from the schema rather than from a summary.
 */
export function schemaMetricKind(path: string): MetricKind {
  const parts = path.split('.');
  const leaf = parts[parts.length - 1];
  if (leaf.endsWith('Pct')) return 'percent';
  const peak = peakKind(parts);
  if (peak !== undefined) return peak;
  const parent = parts.length <= MAX_PATH_PARTS ? numberParent(summarySchema as unknown as z.ZodType, parts, undefined) : undefined;
  const parentIsDist = parent?.type === 'object' && parent.shape !== undefined && ['count', 'p95', 'max'].every((k) => k in parent.shape!);
  if (parentIsDist) return DIST_SECONDS.has(leaf) ? 'seconds' : 'count';
  if (SECONDS_LEAVES.has(leaf) || parts[1] === 'maxWaitByTrigger') return 'seconds';
  if (parts[0] === 'requests' || parts[0] === 'failures' || leaf === 'count') return 'count';
  return 'number';
}

/** The schema node holding the number a path reads (the reading that reaches a number), or undefined. */
function numberParent(schema: z.ZodType, parts: string[], parent: Def | undefined): Def | undefined {
  const def = defOf(schema);
  if (parts.length === 0) return def.type === 'number' ? (parent ?? def) : undefined;
  for (let n = parts.length; n >= 1; n--) {
    const child = childSchema(def, parts.slice(0, n).join('.'));
    if (child === undefined) continue;
    const r = numberParent(child, parts.slice(n), def);
    if (r !== undefined) return r;
  }
  return undefined;
}

let fixedPaths: string[] | undefined;

/** Every number path of the schema outside records and arrays (wait.p95, requests.completed, ...), for hints. */
function fixedNumberPaths(): string[] {
  if (fixedPaths) return fixedPaths;
  const out: string[] = [];
  const visit = (schema: z.ZodType, prefix: string) => {
    const def = defOf(schema);
    if (def.type === 'number') out.push(prefix);
    else if (def.type === 'object' && def.shape) for (const [k, v] of Object.entries(def.shape)) if (k !== 'replications') visit(v, prefix === '' ? k : `${prefix}.${k}`);
  };
  visit(summarySchema as unknown as z.ZodType, '');
  fixedPaths = out;
  return out;
}
