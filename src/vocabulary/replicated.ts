// A replicated summary read as one: every metric of the `replications` block stands at its mean (what
// thresholds judge), and the metric paths such a block carries.
import type { GateSummary } from './summary.js';

export function replicatedView(summary: GateSummary): GateSummary {
  const reps = summary.replications;
  if (!reps) return summary;
  const view = structuredClone(summary);
  for (const [path, m] of Object.entries(reps.metrics)) setPath(view as unknown as Record<string, unknown>, path.split('.'), m.mean);
  return view;
}

function setPath(node: Record<string, unknown>, parts: string[], value: number): void {
  let cur: unknown = node;
  for (let i = 0; i < parts.length - 1; i++) {
    if (cur === null || typeof cur !== 'object') return;
    cur = (cur as Record<string, unknown>)[parts[i]];
  }
  const last = parts[parts.length - 1];
  if (cur !== null && typeof cur === 'object' && typeof (cur as Record<string, unknown>)[last] === 'number') (cur as Record<string, unknown>)[last] = value;
}

const DIST_PARTS = ['wait', 'queue', 'deferred', 'response', 'total'] as const;
const DIST_STATS = ['mean', 'p50', 'p90', 'p95', 'p99'] as const;

/** The metrics every replications block carries (when they have data in every replication). */
export const HEADLINE_METRICS: readonly string[] = [
  ...DIST_PARTS.flatMap((p) => DIST_STATS.map((s) => `${p}.${s}`)),
  'utilisation.mean',
  'queueLength.mean',
  'emails.pendingAtSendPct',
  'requests.deferred',
  'deferrals.count',
  'freshness.dashboard.p95',
  'freshness.embed.p95',
  'freshness.email.p95',
];

/** The metric paths of a replications block: the headline ones, then `extra` ones not among them. */
export function metricPaths(extra: readonly string[] = []): string[] {
  const out = [...HEADLINE_METRICS];
  for (const p of extra) if (!out.includes(p)) out.push(p);
  return out;
}
