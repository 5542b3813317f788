// A source's record in the refresh system: its state and fixed facts, one cache line per source.

/**
 * Memory layout, for locality (a random source of a million is a cache miss; every other line touched
 * per request is another):
 * - each source's state and fixed facts share one 64-byte record (one cache line), `R`;
 * - its request in flight (rule 7 allows at most one) lives in a small pool of request records (requests.ts),
 *   reused as requests end, so the few thousand records in use stay in cache however many sources
 *   there are. A source's record holds the slot of its request, -1 if none.
 */
export const R = {
  state: 0,
  dataAsOf: 1,
  nextDueAt: 2,
  failures: 3, // consecutive
  slot: 4, // its request's record in the pool, -1 if none
  interval: 5,
  connector: 6,
  accountFlags: 7, // account * 4 + flags (HAS_LIMITS, REVOKED)
  size: 8,
} as const;
export const HAS_LIMITS = 1;
export const REVOKED = 2;
