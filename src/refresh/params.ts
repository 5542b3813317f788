// The refresh system's parameters and its sources' states (shared by system.ts and views.ts).
import type { QueuePolicy, WorkerPool } from './policies/index.js';

export const State = { idle: 0, queued: 1, deferred: 2, running: 3, disabled: 4 } as const;

export interface RefreshParams {
  /** per connector, seconds (Infinity for none) */
  timeout: Float64Array;
  defer: { mode: 'until-free' } | { mode: 'fixed'; deferFor: number };
  retryLadder: { from: number; delay: number }[];
  disableAt: number;
  embedTtl: number;
  /** the queue discipline (issue 12); absent: fifo, the product's */
  policy?: QueuePolicy;
  /** reserved worker pools, taken out of the workers in order (issue 12); absent: every worker shared */
  pools?: WorkerPool[];
  /** the warm-up's end: the limit keeper's per-key figures count from it (absent: 0) */
  countFrom?: number;
  /** tests: set every due timer, even those no session covers (same results, more events; system.ts #scheduleDue) */
  eagerDueTimers?: boolean;
}

/** The delay before the next try after the n-th consecutive failure, on the retry ladder. */
export function retryDelay(ladder: readonly { from: number; delay: number }[], failures: number): number {
  let delay = 0;
  for (const step of ladder) if (failures >= step.from) delay = step.delay;
  return delay;
}
