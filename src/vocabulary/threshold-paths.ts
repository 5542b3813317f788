// Threshold paths checked BEFORE a simulation: against the shape summary.json will have for this model.
//
// The shape comes from the summary's zod schema (src/vocabulary/summary-schema.ts): a skeleton summary is
// built from it with every number 0, the model's connector, account and limit ids as the keys of
// `byConnector`, `byAccount` and `deferrals.byLimit`, its peak window names as the keys of `peaks.windows`, every trigger under `byTrigger`, and, for a
// replicated run, a `replications` block. The thresholds are then looked up in that skeleton with the
// same functions the gate's `evaluateThresholds` uses after the run (lookupPath, unknownPathMessage,
// metricKind, limitUnitProblem): unknown paths (with "did you mean"), paths that are not numbers, and
// limits whose unit does not fit the metric (a duration on a count) get the same message before and after.
//
// A group (`byConnector.<id>`) is present in a real summary only when it had requests; here every id of
// the model is accepted, since whether it gets data is only known after the run.
import type { z } from 'zod';
import { TRIGGERS, type GateSummary } from './summary.js';
import { summarySchema } from './summary-schema.js';
import { limitUnitProblem, type Threshold } from './threshold.js';
import { lookupPath, metricKind, notANumberMessage, unknownPathMessage } from './metric-path.js';
import { metricPaths, replicatedView } from './replicated.js';
import type { Problem } from './problems.js';

/** The ids of a model that appear as keys in its summary. A `Model` fits. */
export interface ThresholdModel {
  connectors: readonly { id: string }[];
  accounts: readonly { id: string }[];
  limits: readonly { id: string }[];
  /** the scenario's named peak windows (`peaks:`): the keys of `peaks.windows` */
  peakWindows?: readonly { name: string }[];
}

export interface ThresholdPathOptions {
  /** the model the run will simulate (its ids name groups in the summary) */
  model: ThresholdModel;
  /** the run has replications (n >= 2 or a precision target): `replications.*` paths exist */
  replicated?: boolean;
  /** extra metrics of the replications block (`--metric`, `--precision` metrics) */
  replicationMetrics?: readonly string[];
}

/**
 * Problems of each threshold whose path or unit cannot fit the summary this model will produce, at the
 * threshold's `source` (`['thresholds', 'wait.p95', 0]`, `['--threshold', 2]`). Empty when all fit.
 */
export function checkThresholdPaths(thresholds: readonly Threshold[], opts: ThresholdPathOptions): Problem[] {
  if (thresholds.length === 0) return [];
  // no summary path is this long; a "did you mean" over a megabyte of text would take minutes
  const tooLong = thresholds.filter((t) => t.path.length > MAX_PATH_LENGTH);
  const rest = thresholds.filter((t) => t.path.length <= MAX_PATH_LENGTH);
  const problems = tooLong.map((t, i) => ({ path: t.source ?? ['thresholds', t.path, i], message: `a path of ${t.path.length} characters is not a path into summary.json` }));
  if (rest.length === 0) return problems;
  const skeleton = replicatedView(summarySkeleton(opts, rest.map((t) => t.path)));
  // After a run, a path the schema allows but the run did not write (no manual refresh, say) fails as
  // "no data"; before it, the skeleton holds every path this model can write, so one it lacks is a
  // typo or an id the model does not have: bad input, with the same message evaluateThresholds gives.
  rest.forEach((t, i) => {
    const source = t.source ?? ['thresholds', t.path, i];
    const found = lookupPath(skeleton, t.path);
    if (found.found === 'none') problems.push({ path: source, message: unknownPathMessage(skeleton, t.path) });
    else if (found.found === 'other') problems.push({ path: source, message: notANumberMessage(t.path, found.type) });
    else {
      const unitProblem = limitUnitProblem(t, metricKind(skeleton, t.path), `"${t.path}"`);
      if (unitProblem !== null) problems.push({ path: source, message: unitProblem });
    }
  });
  return problems;
}

/** Longer than any path into summary.json (ids are at most 256 characters). */
const MAX_PATH_LENGTH = 600;

/**
 * Problems of plain metric paths (`--metric`, `--slo`, `--precision`): unknown or not a number. Each
 * problem is at `[what, i]`.
 */
export function checkMetricPaths(paths: readonly string[], what: string, opts: ThresholdPathOptions): Problem[] {
  const thresholds: Threshold[] = paths.map((path, i) => ({ path, op: '>=', limitText: '0', unit: 'plain', value: 0, level: 'error', source: [what, i] }));
  return checkThresholdPaths(thresholds, opts);
}

/**
 * Past this many ids in one group, only the ids that a path names are put in the skeleton, so that a
 * model with a million accounts does not build a million-entry object for a few thresholds (the "did you
 * mean" hint then does not list every account).
 */
const MAX_LISTED_IDS = 2000;
/** `topKeys` holds at most this many entries (src/stats/summary.ts). */
const TOP_KEYS = 10;

/** A summary with this model's shape, every number 0. */
export function summarySkeleton(opts: ThresholdPathOptions, paths: readonly string[] = []): GateSummary {
  const { model } = opts;
  const pick = (group: string, ids: readonly { id: string }[]): string[] => {
    const all = ids.map((x) => x.id);
    if (all.length <= MAX_LISTED_IDS) return all;
    const wanted = new Set(all);
    const out = new Set<string>();
    for (const p of paths) {
      if (!p.startsWith(`${group}.`)) continue;
      const parts = p.slice(group.length + 1).split('.');
      for (let n = 1; n <= parts.length; n++) {
        const id = parts.slice(0, n).join('.');
        if (wanted.has(id)) out.add(id);
      }
    }
    return [...out];
  };
  const recordKeys: Record<string, readonly string[]> = {
    byTrigger: TRIGGERS,
    byConnector: pick('byConnector', model.connectors),
    byAccount: pick('byAccount', model.accounts),
    'replications.metrics': metricPaths(opts.replicationMetrics ?? []),
    'peaks.windows': (model.peakWindows ?? []).map((w) => w.name),
  };
  const arrays: Record<string, readonly (string | null)[]> = {
    'deferrals.byLimit': model.limits.map((l) => l.id),
    'deferrals.byLimit.*.topKeys': Array.from({ length: TOP_KEYS }, () => null),
  };
  const skeleton = build(summarySchema, [], { recordKeys, arrays }) as Record<string, unknown>;
  if (!opts.replicated) delete skeleton.replications;
  return skeleton as unknown as GateSummary;
}

interface Shape {
  recordKeys: Record<string, readonly string[]>;
  /** per array path: one entry per element, the element's `id` (or null for none) */
  arrays: Record<string, readonly (string | null)[]>;
}

type AnySchema = z.core.$ZodType;

/** A value of `schema` at `path`: numbers 0, strings "", records and arrays filled from `shape`. */
function build(schema: AnySchema, path: string[], shape: Shape): unknown {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const key = path.join('.');
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, v] of Object.entries(def.shape as Record<string, AnySchema>)) out[k] = build(v, [...path, k], shape);
      return out;
    }
    case 'record': {
      const out: Record<string, unknown> = Object.create(null);
      for (const k of shape.recordKeys[key] ?? []) out[k] = build(def.valueType as AnySchema, [...path, k], shape);
      return out;
    }
    case 'array': {
      const generic = key.replace(/^deferrals\.byLimit\.[^]*?\.topKeys$/, 'deferrals.byLimit.*.topKeys');
      const ids = shape.arrays[key] ?? shape.arrays[generic] ?? [];
      return ids.map((id, i) => {
        const item = build(def.element as AnySchema, [...path, id ?? String(i)], shape);
        if (id !== null && item !== null && typeof item === 'object') (item as Record<string, unknown>).id = id;
        return item;
      });
    }
    case 'tuple':
      return (def.items as AnySchema[]).map((s, i) => build(s, [...path, String(i)], shape));
    case 'nullable':
    case 'optional':
    case 'default':
    case 'readonly':
      return build(def.innerType as AnySchema, path, shape);
    case 'pipe':
      return build(def.in as AnySchema, path, shape);
    case 'number':
    case 'int':
      return 0;
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'string':
      return '';
    default:
      return null;
  }
}
