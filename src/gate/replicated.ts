// Thresholds on a replicated run judge the replication means: a copy of the summary in which every
// metric of the `replications` block stands at its mean over the replications.
import type { GateSummary } from './types.js';

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
