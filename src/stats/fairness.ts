// Fairness of one run (issue 12): the worst account's p95 wait, Jain's index over the accounts' mean
// waits, and the longest wait of each trigger, from the per-account and per-trigger parts of the summary.
import { TRIGGERS, type Fairness, type TimeParts } from '../vocabulary/index.js';

const round = (x: number) => Math.round(x * 1e6) / 1e6;

type Group = TimeParts & { count: number };

export function fairness(byAccount: Record<string, Group>, byTrigger: Record<string, Group>): Fairness {
  let worst: string | null = null, worstP95 = -Infinity;
  const means: number[] = [];
  for (const [id, g] of Object.entries(byAccount)) {
    if (g.wait.count === 0) continue;
    means.push(g.wait.mean ?? 0);
    const p95 = g.wait.p95 ?? 0;
    if (p95 > worstP95) {
      worstP95 = p95;
      worst = id;
    }
  }
  const maxWaitByTrigger = Object.fromEntries(TRIGGERS.map((t) => [t, byTrigger[t]?.wait.max ?? null])) as Fairness['maxWaitByTrigger'];
  return {
    accounts: means.length,
    worstAccountP95Wait: worst === null ? null : worstP95,
    worstAccount: worst,
    jainIndex: means.length === 0 ? null : round(jain(means)),
    maxWaitByTrigger,
  };
}

/** Jain's index (sum x)^2 / (n sum x^2); all-zero waits are perfectly fair (1). */
export function jain(xs: readonly number[]): number {
  let sum = 0, sq = 0;
  for (const x of xs) {
    sum += x;
    sq += x * x;
  }
  return sq === 0 ? 1 : (sum * sum) / (xs.length * sq);
}

/** The extra metrics a sweep over `policy` measures (beyond the headline ones), for its policies section. */
export const POLICY_METRICS: readonly string[] = [
  'fairness.worstAccountP95Wait',
  'fairness.jainIndex',
  ...TRIGGERS.map((t) => `byTrigger.${t}.wait.p95`),
  ...TRIGGERS.map((t) => `fairness.maxWaitByTrigger.${t}`),
];
