// A complete, typed Summary for gate tests, so they compile against the real summary.json shape.
import type { Dist, Summary, TimeParts, GateSummary, Replications } from '../../src/vocabulary/index.js';

export function dist(p95: number | null, count = 100): Dist {
  if (p95 === null) return { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  return { count, mean: p95 * 0.4, p50: p95 * 0.3, p90: p95 * 0.8, p95, p99: p95 * 1.5, max: p95 * 2 };
}

function parts(waitP95: number): TimeParts {
  return {
    wait: dist(waitP95),
    queue: dist(waitP95 * 0.75),
    deferred: dist(waitP95 * 0.25),
    response: dist(20),
    total: dist(waitP95 + 20),
  };
}

/** A summary with wait.p95 = 120 s, utilisation 0.72, 2 of 40 e-mails stale (5%); `edit` changes it in place. */
export function makeSummary(edit?: (s: GateSummary) => void): GateSummary {
  const s: Summary = {
    schemaVersion: 1,
    scenario: 'default',
    seed: 42,
    span: { start: '2024-01-01T00:00:00Z', duration: 7 * 86400, warmup: 86400 },
    ...parts(120),
    requests: {
      enqueued: { login: 100, due: 800, email: 50, manual: 30, api: 20, warmup: 0, total: 1000 },
      coalesced: 12,
      dropped: 0,
      started: 990,
      completed: 985,
      failed: 0,
      deferred: 40,
      deferrals: 55,
      pendingAtEnd: { queued: 5, deferred: 3, running: 2, total: 10 },
      stillWaiting: { count: 8, longest: 5400 },
    },
    byTrigger: { login: { ...parts(60), count: 100 }, due: { ...parts(150), count: 800 } },
    byConnector: { ga: { ...parts(200), count: 300 } },
    byAccount: { 'acme.io': { ...parts(90), count: 50 } },
    queueLength: { mean: 3.2, max: 40 },
    workers: { mean: 8, min: 8, max: 8, busyMean: 5.76 },
    utilisation: { mean: 0.72 },
    deferrals: {
      count: 55,
      requests: 40,
      seconds: 3600,
      byLimit: [
        {
          id: 'ga-concurrent',
          kind: 'concurrent',
          scope: 'gaProfile',
          max: 10,
          window: null,
          windowType: null,
          keys: 4,
          deferrals: 55,
          deferredSeconds: 3600,
          peakUse: 10,
          peakUsePct: 100,
          topKeys: [],
        },
      ],
    },
    freshness: { dashboard: dist(900), embed: dist(3600), email: dist(1200) },
    embeds: { views: 500, cacheHits: 450, renders: 50 },
    emails: { sent: 40, pendingAtSend: 2, pendingAtSendPct: 5 },
    failures: {
      count: 0,
      byReason: { error: 0, timeout: 0, auth: 0 },
      retries: 0,
      disabledSources: 0,
      disabled: [],
      revokedTokenSources: 0,
    },
    sessions: { logins: 100, meanActiveAccounts: 4.5 },
  };
  const g: GateSummary = s;
  edit?.(g);
  return g;
}

/** Replications block with one metric: mean ± halfWidth. */
export function reps(metrics: Record<string, [mean: number, halfWidth: number]>, n = 10): Replications {
  return {
    n,
    confidence: 0.95,
    metrics: Object.fromEntries(
      Object.entries(metrics).map(([k, [mean, hw]]) => [k, { mean, halfWidth: hw, ci: [mean - hw, mean + hw] as [number, number] }]),
    ),
  };
}
