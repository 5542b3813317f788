// Dotted paths into summary.json (`wait.p95`, `byTrigger.login.wait.p95`): look a value up, tell what it measures.
import { closest } from 'fastest-levenshtein';
import type { MetricKind } from './types.js';
import { formatNumber, formatSeconds } from './units.js';

export type Lookup =
  | { found: 'number'; value: number }
  | { found: 'null' }
  | { found: 'other'; type: string }
  | { found: 'none' };

/** Leaves of a distribution (stats `Dist`) that are seconds; `count` is a count. */
const DIST_SECONDS = new Set(['mean', 'p50', 'p90', 'p95', 'p99', 'max']);
/** Leaves outside a distribution that are seconds. */
const SECONDS_LEAVES = new Set(['duration', 'warmup', 'seconds', 'deferredSeconds']);

/**
 * Follows a dotted path. Keys may themselves contain dots (account or connector ids such as `acme.io`):
 * at each level the longest key that matches wins, so `byAccount.acme.io.wait.p95` finds `acme.io`.
 * Arrays are indexed by position (`deferrals.byLimit.0.peakUse`) or, for arrays of objects with an
 * `id`, by id (`deferrals.byLimit.ga-daily.peakUse`).
 */
export function lookupPath(root: unknown, path: string): Lookup {
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
  const candidates = numericPaths(root);
  const hint = candidates.length > 0 ? ` (did you mean "${closest(path, candidates)}"?)` : '';
  return `unknown path "${path}" in ${what}${hint}`;
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
  const parent = parts.length > 1 ? walk(root, parts.slice(0, -1)) : root;
  const parentIsDist =
    parent !== null && typeof parent === 'object' && 'count' in parent && 'p95' in parent && 'max' in parent;
  if (parentIsDist) return DIST_SECONDS.has(leaf) ? 'seconds' : 'count';
  if (SECONDS_LEAVES.has(leaf)) return 'seconds';
  if (parts[0] === 'requests' || parts[0] === 'failures' || leaf === 'count') return 'count';
  return 'number';
}

/** A metric's value for people, by its kind. */
export function formatMetric(value: number | null, kind: MetricKind): string {
  if (value === null) return 'no data';
  switch (kind) {
    case 'seconds':
      return formatSeconds(value);
    case 'percent':
      return `${formatNumber(value)}%`;
    case 'count':
    case 'number':
      return formatNumber(value);
  }
}
