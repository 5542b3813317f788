// The rows of the production logs calibrate and backtest read (docs/logs.md), times in epoch seconds.
import type { Problem } from '../scenario/index.js';

export const LOG_TRIGGERS = ['login', 'due', 'email', 'manual', 'api', 'warmup'] as const;
export type LogTrigger = (typeof LOG_TRIGGERS)[number];
export const LOG_OUTCOMES = ['success', 'error', 'timeout', 'auth', 'pending'] as const;
export type LogOutcome = (typeof LOG_OUTCOMES)[number];

/** One refresh request as the production refresh log records it. */
export interface RefreshRow {
  source: string;
  account: string;
  connector: string;
  trigger: LogTrigger;
  /** epoch seconds */
  enqueued: number;
  /** epoch seconds, null when the call never started */
  started: number | null;
  /** epoch seconds, null when still pending */
  finished: number | null;
  outcome: LogOutcome;
  /** seconds spent deferred by limits (0 when the column is absent) */
  deferred: number;
  /** the limit that deferred it last ('' when none or absent) */
  limit: string;
  /** where it came from, for messages */
  line: number;
}

/** One dashboard session. */
export interface SessionRow {
  user: string;
  account: string;
  /** epoch seconds */
  login: number;
  /** seconds */
  duration: number;
  line: number;
}

/** One data source of the inventory (CSV or the vendor API's JSON records). */
export interface InventoryRow {
  source: string;
  account: string;
  connector: string;
  /** seconds, or null for manual-only */
  interval: number | null;
  token?: string;
  gaProfile?: string;
  googleUser?: string;
  klips: string[];
  line: number;
}

export type LogKind = 'refresh' | 'session' | 'inventory' | 'vendor';

/** What one file gave: its usable rows, and every problem with the rest (each row problem located). */
export interface LogFile<R> {
  file: string;
  kind: LogKind;
  rows: R[];
  /** rows that could not be used (each one a problem below) */
  badRows: number;
  problems: Problem[];
  /** notes that are not problems (e.g. vendor fields that could not be mapped) */
  notes: string[];
}

/** Every log given to a command, by kind. */
export interface LogSet {
  refresh: LogFile<RefreshRow>[];
  session: LogFile<SessionRow>[];
  inventory: LogFile<InventoryRow>[];
}
