// The shapes of the CI regression gate's results: thresholds evaluated, baselines compared.
import type { MetricKind, Problem, ThresholdLevel, ThresholdOp } from '../vocabulary/index.js';

// ---------------------------------------------------------------------------------------------
// Thresholds (their grammar and the `Threshold` type are in src/vocabulary/threshold.ts)

export interface ThresholdResult {
  path: string;
  op: ThresholdOp;
  /** the number actually compared with the observed value (seconds for durations; see `percentLimit` for %) */
  limit: number;
  limitText: string;
  level: ThresholdLevel;
  /** the value in summary.json; null when the metric has no data */
  observed: number | null;
  pass: boolean;
  /** what the metric measures (seconds, percent, count, number), for formatting */
  kind: MetricKind;
  /** one line for people: `wait.p95 = 6m 12s (372 s), not < 5m (300 s)`, or why it failed */
  message: string;
}

export interface ThresholdEvaluation {
  results: ThresholdResult[];
  /** any error-level threshold failed: the run command exits 99 */
  failed: boolean;
  /** any warn-level threshold failed */
  warned: boolean;
  /** bad input (unknown or non-numeric path, unit that does not fit the metric): the CLI exits 2 */
  problems: Problem[];
}

// ---------------------------------------------------------------------------------------------
// Baseline comparison

/**
 * How much a metric may move before it counts. The allowed change is the LARGER of
 * `pct` % of |baseline| and `abs` (in the metric's unit, seconds for times). Either may be 0.
 */
export interface Tolerance {
  /** percent of |baseline|, e.g. 10 for 10% */
  pct: number;
  /** absolute, in the metric's unit */
  abs: number;
  /** `abs` was written as a duration (`30s`): only valid for a time metric, else a bad-input problem */
  absIsDuration?: boolean;
}

/** Which way is worse: `increase` (latencies), `decrease` (e.g. cache hits), or `both`. */
export type Direction = 'increase' | 'decrease' | 'both';

export interface CompareOptions {
  /** per-path tolerance on increases; overrides the default for that path */
  maxIncrease?: Record<string, Tolerance>;
  /** per-path tolerance on decreases (metrics where lower is worse) */
  maxDecrease?: Record<string, Tolerance>;
  /** compare the default latency metrics (DEFAULT_COMPARE_PATHS with DEFAULT_TOLERANCE); default true */
  defaults?: boolean;
  /** tolerance used for the default metrics; default DEFAULT_TOLERANCE (10%, 1 s) */
  defaultTolerance?: Tolerance;
}

/** `reported`: a component of the wait (queue, deferred) shown for context but not judged unless named */
export type Verdict = 'ok' | 'regression' | 'improvement' | 'missing' | 'reported';

export interface CompareRow {
  path: string;
  direction: Direction;
  /** compared values: the replication means when both sides carry replications for the path, else the summary values */
  baseline: number | null;
  current: number | null;
  /** current - baseline */
  change: number | null;
  /** 100 * change / |baseline|; null when baseline is 0 or missing */
  changePct: number | null;
  /** the tolerance on the worse side (on increases for `both`) */
  tolerance: Tolerance;
  /** e.g. `+10% / 1s`, `-5%` */
  toleranceText: string;
  /** the allowed change on the worse side, in the metric's unit; null when a value is missing */
  allowed: number | null;
  verdict: Verdict;
  /** confidence intervals when both sides carry replications for this path */
  ci?: { baseline: [number, number]; current: [number, number]; overlap: boolean };
  /** why the verdict, for people (e.g. `within CI`, `baseline has no data`) */
  note: string;
  /** what the number is: `seconds`, `percent`, `count` or `number`, for formatting */
  kind: MetricKind;
}

export interface CompareResult {
  rows: CompareRow[];
  /** any row is a regression */
  regressed: boolean;
  /** bad input (a path given by the user is in neither summary): the CLI exits 2 */
  problems: Problem[];
}

/** Everything the gate produced, for the report writers (junit.xml, summary.md). */
export interface GateReport {
  thresholds?: ThresholdEvaluation;
  compare?: CompareResult;
}
