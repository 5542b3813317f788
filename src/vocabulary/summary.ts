// The shapes of what a run produces: summary.json (with its replications block), the time series and one
// record per request. Every layer above reads these; they import nothing of the project.

/** Why a refresh request was made (docs/model.md "When a refresh request is made"); a key of `byTrigger`. */
export type Trigger = 'login' | 'due' | 'email' | 'manual' | 'api' | 'warmup';
export const TRIGGERS: readonly Trigger[] = ['login', 'due', 'email', 'manual', 'api', 'warmup'];

/** What a number in summary.json measures, for unit checks and formatting. */
export type MetricKind = 'seconds' | 'percent' | 'count' | 'number';

/** A distribution of seconds. Percentiles from a streaming histogram (relative error <= 1%); mean and max exact. */
export interface Dist {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** The five parts of a refresh's time, from enqueue to completion: total = queue + deferred + response; wait = queue + deferred. */
export interface TimeParts {
  wait: Dist;
  queue: Dist;
  deferred: Dist;
  response: Dist;
  total: Dist;
}

interface LimitKeyUse {
  key: string;
  deferrals: number;
  deferredSeconds: number;
  peakUse: number;
}

export interface LimitReport {
  id: string;
  kind: 'concurrent' | 'window';
  scope: string;
  max: number;
  /** window limits only, seconds */
  window: number | null;
  windowType: 'sliding' | 'fixed' | null;
  /** keys (tokens, profiles, ...) this limit was counted on */
  keys: number;
  deferrals: number;
  deferredSeconds: number;
  /** highest use of any key (in-flight calls, or calls/cost units in the window) */
  peakUse: number;
  /** 100 * peakUse / max (a percentage) */
  peakUsePct: number;
  /** up to 10 keys, most deferrals first (then peak use, then key) */
  topKeys: LimitKeyUse[];
}

export interface Summary extends TimeParts {
  schemaVersion: 1;
  scenario: string;
  seed: number;
  /** the queue discipline: fifo (the product), priority, fair-share or stalest-first (absent in summaries before issue 12) */
  policy?: 'fifo' | 'priority' | 'fair-share' | 'stalest-first';
  span: { start: string; duration: number; warmup: number };
  requests: {
    /** requests enqueued after the warm-up, by trigger, and their total */
    enqueued: Record<Trigger, number> & { total: number };
    /** requests not enqueued because the source was already queued, deferred or running (rule 7) */
    coalesced: number;
    /** requests for disabled sources, dropped */
    dropped: number;
    started: number;
    completed: number;
    failed: number;
    /** requests deferred at least once */
    deferred: number;
    /** deferral episodes (a request may be deferred more than once) */
    deferrals: number;
    pendingAtEnd: { queued: number; deferred: number; running: number; total: number };
    /** enqueued after the warm-up, not started at the end: in the wait distributions with their wait so far */
    stillWaiting?: { count: number; longest: number };
  };
  byTrigger: Record<string, TimeParts & { count: number }>;
  byConnector: Record<string, TimeParts & { count: number }>;
  byAccount: Record<string, TimeParts & { count: number }>;
  queueLength: { mean: number; max: number };
  workers: { mean: number; min: number; max: number; busyMean: number };
  utilisation: { mean: number };
  deferrals: { count: number; requests: number; seconds: number; byLimit: LimitReport[] };
  freshness: {
    /** data age seen by dashboard users while active (per source on a Klip with an interval, at login and every dashboardViewEvery) */
    dashboard: Dist;
    /** data age (oldest source of the Klip) shown to embed viewers */
    embed: Dist;
    /** data age (oldest source) in e-mail reports at send time */
    email: Dist;
  };
  embeds: { views: number; cacheHits: number; renders: number };
  emails: { sent: number; pendingAtSend: number; pendingAtSendPct: number };
  failures: {
    count: number;
    byReason: { error: number; timeout: number; auth: number };
    /** requests enqueued for a source that had failed before (retries of the ladder) */
    retries: number;
    disabledSources: number;
    /** ids of disabled sources, first 100 */
    disabled: string[];
    /** sources whose OAuth token was revoked by the per-Google-user token cap */
    revokedTokenSources: number;
  };
  sessions: { logins: number; meanActiveAccounts: number };
  /** how evenly the queue treated accounts and triggers (see src/stats/fairness.ts) */
  fairness?: Fairness;
  /** peak windows with their own figures (absent from summaries written before them) */
  peaks?: { busiestHour: PeakFigures | null; windows: Record<string, PeakFigures | null> };
  /** SLO attainment against the scenario's waitTarget (absent from summaries written before it) */
  attainment?: Attainment;
}

/**
 * SLO attainment: the share (a percentage) of refreshes enqueued after the warm-up whose wait (enqueue to
 * start) was at most `target` seconds, counted exactly. A request still waiting at the end counts as
 * not met when it has already waited longer than the target, and is left out when it has not (its
 * outcome is unknown). metPct is null when nothing was counted.
 */
export interface Attainment {
  target: number;
  metPct: number | null;
  /** triggers with at least one refresh counted */
  byTrigger: Partial<Record<Trigger, { metPct: number; count: number }>>;
}

export interface Fairness {
  /** accounts with at least one request started after the warm-up */
  accounts: number;
  /** the highest p95 wait of any account, and that account (null when none) */
  worstAccountP95Wait: number | null;
  worstAccount: string | null;
  /** Jain's index over the accounts' mean waits: 1 when equal, 1/n when one account has all the waiting */
  jainIndex: number | null;
  /** the longest wait of each trigger (starvation shows here) */
  maxWaitByTrigger: Record<Trigger, number | null>;
}

/** The figures of a peak window (the busiest hour, or a named window over all its occurrences). */
export interface PeakFigures {
  /** seconds since the start: the first bucket's start and the last bucket's end */
  start: number;
  end: number;
  /** buckets in the window (all occurrences) */
  buckets: number;
  /** occurrences of a named window after the warm-up (absent for the busiest hour) */
  occurrences?: number;
  /** requests enqueued in the window, every trigger */
  arrivals: number;
  /** waits of the refreshes started in the window (warm-up excluded: windows start after it) */
  wait: { count: number; mean: number | null; p50: number | null; p95: number | null; p99: number | null };
  /** busy worker-seconds over available worker-seconds in the window */
  utilisation: number | null;
  queueMean: number;
  queueMax: number;
  deferrals: number;
}

export interface TimeseriesRow {
  /** bucket start, seconds of sim time */
  t: number;
  arrivals: Record<Trigger, number>;
  completions: number;
  failures: number;
  deferrals: number;
  queueMean: number;
  queueMax: number;
  busyMean: number;
  workers: number;
  /** requests started in the bucket (warm-up included) */
  started: number;
  /** mean wait of requests started in the bucket, null if none */
  waitMean: number | null;
  /** p95 wait of requests started in the bucket, null if none */
  waitP95: number | null;
  /** cumulative mean wait of requests started since t=0 (ignores warm-up: shows whether it is long enough) */
  waitCumMean: number | null;
  /** accounts with an open session at the bucket's end */
  activeAccounts: number;
}

export type Outcome = 'success' | 'error' | 'timeout' | 'auth' | 'pending';

/** One refresh request, from enqueue to its end (or the end of the run). Times in sim seconds. */
export interface RequestRecord {
  source: string;
  account: string;
  connector: string;
  trigger: Trigger;
  enqueueAt: number;
  startAt: number | null;
  endAt: number | null;
  queue: number;
  deferred: number;
  response: number;
  deferrals: number;
  /** the limit id that caused the last deferral, or '' */
  deferLimit: string;
  outcome: Outcome;
}

/** Everything a run produces, handed to the report writers. */
export interface RunResult {
  summary: Summary;
  timeseries: TimeseriesRow[];
  /** the scenario's parameters, for display */
  params: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Replications: optional on a summary; the gate, sweeps and plans read them when present.

/** One metric over n independent replications: the mean of the per-replication values and its confidence interval. */
export interface ReplicationMetric {
  /** mean over replications, in the metric's unit (seconds for times) */
  mean: number;
  /** half-width of the confidence interval (t-distribution, n-1 degrees of freedom) */
  halfWidth: number;
  /** [mean - halfWidth, mean + halfWidth] */
  ci: [number, number];
}

export interface Replications {
  /** number of replications (>= 2 for a meaningful interval) */
  n: number;
  /** confidence level of every `ci`, e.g. 0.95 (default 0.95 when absent) */
  confidence?: number;
  /** keyed by the same dotted path the gate uses, e.g. `"wait.p95"`, `"byTrigger.login.wait.p95"` */
  metrics: Record<string, ReplicationMetric>;
}

/** summary.json as written, possibly with replications: what the gate, sweeps and reports read. */
export type GateSummary = Summary & { replications?: Replications };
