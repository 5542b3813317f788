// One request's line for `--requests-csv` (and the `onRequest` hook): its fields read from the refresh
// system when it ends, or at the end of the run while still pending.
import { round, type Outcome, type RequestRecord, type Trigger } from '../vocabulary/index.js';

/** What a request's record reads of the refresh system. */
export interface RecordFields {
  trigger(s: number): number;
  enqueueAt(s: number): number;
  /** NaN until the call starts */
  startAt(s: number): number;
  queueTime(s: number): number;
  deferredTime(s: number): number;
  waitedSoFar(s: number, now: number): { queue: number; deferred: number };
  deferrals(s: number): number;
  deferKey(s: number): number;
  account(s: number): number;
  connector(s: number): number;
}

/** The names a record shows instead of indices. */
export interface RecordNames {
  triggers: readonly Trigger[];
  sourceIds: readonly string[];
  accountIds: readonly string[];
  connectorIds: readonly string[];
  keyLimitId: (key: number) => string;
}

export function requestRecord(f: RecordFields, n: RecordNames, s: number, outcome: Outcome, now: number): RequestRecord {
  const startAt = f.startAt(s);
  const started = !Number.isNaN(startAt);
  // a request still waiting at the end has waited until the end, not just until it last entered the queue
  const waited = outcome === 'pending' && !started ? f.waitedSoFar(s, now) : { queue: f.queueTime(s), deferred: f.deferredTime(s) };
  const k = f.deferKey(s);
  return {
    source: n.sourceIds[s],
    account: n.accountIds[f.account(s)],
    connector: n.connectorIds[f.connector(s)],
    trigger: n.triggers[f.trigger(s)],
    enqueueAt: round(f.enqueueAt(s)),
    startAt: started ? round(startAt) : null,
    endAt: outcome === 'pending' ? null : round(now),
    queue: round(waited.queue),
    deferred: round(waited.deferred),
    response: started ? round(now - startAt) : 0, // so far, for a call still running at the end
    deferrals: f.deferrals(s),
    deferLimit: k >= 0 ? n.keyLimitId(k) : '',
    outcome,
  };
}
