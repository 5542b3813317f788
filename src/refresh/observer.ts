// What the refresh system tells the outside world as it runs (statistics, traces, invariant checks).
// Indices are positions in the Topology; the observer may read the system's request fields.

export const Outcome = { success: 0, error: 1, timeout: 2, auth: 3 } as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

export interface RefreshObserver {
  enqueued(source: number, trigger: number, retry: boolean, now: number): void;
  coalesced(source: number, trigger: number, now: number): void;
  /** a request for a disabled source, dropped */
  dropped(source: number, trigger: number, now: number): void;
  /** a call started; `busy` has already grown by one */
  started(source: number, now: number): void;
  deferred(source: number, key: number, now: number): void;
  released(source: number, key: number, deferredFor: number, now: number): void;
  /** a call ended; `busy` has already shrunk by one */
  ended(source: number, outcome: OutcomeCode, now: number): void;
  disabled(source: number, now: number): void;
  queueLength(length: number, now: number): void;
  /** the number of workers changed */
  workers(busy: number, capacity: number, now: number): void;
  activeAccounts(count: number, now: number): void;
  login(account: number, now: number): void;
  dashboardAge(age: number, now: number): void;
  embedView(age: number, cacheHit: boolean, now: number): void;
  emailSent(age: number, pending: boolean, now: number): void;
}
