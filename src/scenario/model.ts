// The expanded scenario: every entity explicit, every time in seconds, ready for the simulator.
//
// Scenario files (YAML/JSON, human units, generators) are read and validated by `load.ts` and
// expanded into this shape. The simulator and everything after it only ever see a `Model`.
import type { DistSpec } from '../engine/distributions.js';
import type { QueuePolicy, WorkerPool } from '../refresh/policies/index.js';

/** A response-time or duration distribution, in seconds (sampled by the engine). */
export type Dist = DistSpec;

import type { Trigger } from '../vocabulary/index.js';
export { TRIGGERS, type Trigger } from '../vocabulary/index.js';

/** The key a limit is counted on. */
export type LimitScope = 'token' | 'gaProfile' | 'googleUser' | 'account' | 'connector';

export type LimitSpec =
  | { id: string; kind: 'concurrent'; scope: LimitScope; max: number }
  | {
      id: string;
      kind: 'window';
      scope: LimitScope;
      /** calls, or cost units ("tokens") when the sources carry a cost */
      max: number;
      /** window length, seconds */
      window: number;
      windowType: 'sliding' | 'fixed';
      /** fixed windows only: boundaries fall at `resetOffset + k * window` (seconds of sim time) */
      resetOffset: number;
      /**
       * fixed windows of whole days reset at a local time of a zone: every boundary within the run, sim
       * seconds ascending (correct across daylight-saving changes, where a day is 23 or 25 hours);
       * when present it replaces `resetOffset + k * window`
       */
      resets?: number[];
    };

export interface ConnectorSpec {
  id: string;
  latency: Dist;
  /** multiplies every latency draw (sweepable) */
  latencyScale: number;
  /** probability that a call fails with an error */
  failureRate: number;
  /** a call still running after this many seconds fails with a timeout; Infinity for none */
  timeout: number;
  /** ids of the limits (in Model.limits) that apply to calls of this connector */
  limits: string[];
  /** cost units one call uses against window limits, unless the source says otherwise */
  cost: number;
}

export type AccountKind = 'standard' | 'partner' | 'client';

export interface AccountSpec {
  id: string;
  kind: AccountKind;
  /** for clients: the partner account's id */
  partner?: string;
  /** IANA zone, e.g. "America/Toronto" or "UTC" */
  timezone: string;
}

export interface UserSpec {
  id: string;
  account: string;
}

export interface SourceSpec {
  id: string;
  account: string;
  connector: string;
  /** refresh interval in seconds (>= 60), or null for manual-only */
  interval: number | null;
  /** OAuth token id (Model.tokens) for API connectors */
  token?: string;
  /** Google Analytics profile (view) id */
  gaProfile?: string;
  /** Google user that owns the token */
  googleUser?: string;
  /** cost units per call; defaults to the connector's */
  cost?: number;
  /** sim time (s, may be negative) when the cached data was last refreshed; default set by the simulator */
  dataAsOf?: number;
}

export interface TokenSpec {
  id: string;
  googleUser?: string;
  /** order of creation (sim seconds, usually <= 0); older tokens are revoked first past the cap */
  createdAt: number;
}

export interface KlipSpec {
  id: string;
  account: string;
  sources: string[];
}

export interface EmbedSpec {
  id: string;
  klip: string;
}

export interface EmailSpec {
  id: string;
  account: string;
  klips: string[];
  /** every send time within the simulated span, sim seconds, ascending */
  sendAt: number[];
}

/** MODEL.md extension (off unless given): every day at these times all of the account's sources are enqueued. */
export interface WarmUpSpec {
  account: string;
  /** every warm-up time within the simulated span, sim seconds, ascending */
  at: number[];
}

/** MODEL.md extension: a view of a published link acts like a login for its account (rule 1, no session). */
export interface LinkViewTrace {
  account: string;
  at: number;
}

/** Poisson published-link views spread uniformly over a list of accounts. */
export interface LinkViewProcess {
  rate: number;
  accounts: string[];
}

export interface SessionTrace {
  user: string;
  at: number;
  duration: number;
}

export interface EmbedViewTrace {
  embed: string;
  at: number;
}

export interface RefreshTrace {
  source: string;
  at: number;
  trigger: 'manual' | 'api';
}

/** Logins generated lazily as a non-homogeneous Poisson process (per account). */
export interface LoginProcess {
  account: string;
  /** users who may log in; one is picked uniformly per login */
  users: string[];
  /** mean logins per user per day, before the hour/day shaping */
  perUserPerDay: number;
  /** 24 relative weights by local hour of day (mean 1 = no shaping) */
  hourWeights: number[];
  /** 7 relative weights by local weekday, Monday first (mean 1 = no shaping) */
  dayWeights: number[];
  sessionLength: Dist;
}

/** Poisson manual/API refresh requests spread uniformly over a list of sources. */
export interface RefreshProcess {
  trigger: 'manual' | 'api';
  /** requests per second, all sources together */
  rate: number;
  sources: string[];
}

/** Poisson views of embedded Klips spread uniformly over a list of embeds. */
export interface EmbedViewProcess {
  /** views per second, all embeds together */
  rate: number;
  embeds: string[];
}

export interface WorkersStep {
  /** seconds after local midnight */
  at: number;
  workers: number;
}

export type WorkersSpec = { kind: 'fixed'; workers: number } | { kind: 'schedule'; timezone: string; steps: WorkersStep[] };

export interface RetryStep {
  /** from this consecutive failure on (1-based) */
  from: number;
  /** retry delay in seconds */
  delay: number;
}

export interface Model {
  name: string;
  /** named local-time windows reported on their own (summary.peaks.windows), as run intervals [from, to) in seconds */
  peakWindows?: { name: string; intervals: [number, number][] }[];
  /** the file it came from, for messages */
  file?: string;
  seed: number;
  /** calendar instant of sim time 0, epoch milliseconds (for time zones, weekdays, e-mail schedules) */
  startEpochMs: number;
  /** simulated span, seconds */
  duration: number;
  /** requests enqueued before this are not counted */
  warmup: number;
  workers: WorkersSpec;
  /** the queue discipline (issue 12), resolved to indices; absent: fifo, the product's */
  policy?: QueuePolicy;
  /** reserved worker pools (issue 12), trigger and connector codes; absent: every worker shared */
  pools?: WorkerPool[];
  embedTtl: number;
  emailLead: number;
  defer: { mode: 'until-free' } | { mode: 'fixed'; deferFor: number };
  retryLadder: RetryStep[];
  /** the source is disabled at this consecutive failure */
  disableAt: number;
  /** while a session is open, the user looks at the dashboard every this many seconds (freshness samples) */
  dashboardViewEvery: number;
  /** live OAuth tokens a Google user may hold; older ones fail with an auth error */
  tokensPerGoogleUser: number;
  /** timeseries bucket, seconds */
  bucket: number;
  /** SLO attainment's wait target, seconds (absent: DEFAULTS.waitTarget; expansion always sets it) */
  waitTarget?: number;

  limits: LimitSpec[];
  connectors: ConnectorSpec[];
  accounts: AccountSpec[];
  users: UserSpec[];
  tokens: TokenSpec[];
  sources: SourceSpec[];
  klips: KlipSpec[];
  embeds: EmbedSpec[];
  emails: EmailSpec[];
  warmUps: WarmUpSpec[];

  sessions: SessionTrace[];
  linkViews: LinkViewTrace[];
  embedViews: EmbedViewTrace[];
  refreshes: RefreshTrace[];

  loginProcesses: LoginProcess[];
  refreshProcesses: RefreshProcess[];
  embedViewProcesses: EmbedViewProcess[];
  linkViewProcesses: LinkViewProcess[];

  /** CI gate thresholds as written in the file (validated; parsed by src/gate) */
  thresholds?: Record<string, unknown>;
  /** the scenario's free-text description, for reports */
  description?: string;
  /** the parameters a report shows, read back from this model by `modelParameters` (small: counts, not entity lists) */
  params: Record<string, unknown>;
}
