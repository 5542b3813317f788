// The one queue interface every scheduling policy implements, and what a policy may read of a request.
//
// The refresh system holds one such queue and calls it at every enqueue, deferral release and dispatch.
// `fifo` is the plain IntDeque (../deque.ts), which fits this interface as it is: the product's queue
// keeps its speed, and call sites stay monomorphic in a run (one queue object, picked once).

/** A queue of sources (each has at most one request in flight, rule 7). */
export interface RequestQueue {
  readonly length: number;
  /** a new request */
  pushBack(s: number): void;
  /** a request released from deferral: the front of the queue it belongs to */
  pushFront(s: number): void;
  /** the next request a free worker takes (the queue is not empty); `now` for time-dependent rules */
  popFront(now: number): number;
  /** the request popFront(now) would return next, left in place (the queue is not empty) */
  peek(now: number): number;
}

/** What a policy may read of a queued request (the refresh system answers). */
export interface RequestView {
  trigger(s: number): number;
  account(s: number): number;
  connector(s: number): number;
  /** enqueue order */
  seq(s: number): number;
  /** the call's response time, drawn at enqueue: the service it will take */
  latency(s: number): number;
  nextDueAt(s: number): number;
  /** seconds, Infinity for a manual-only source */
  interval(s: number): number;
  enqueueAt(s: number): number;
}

/** The policy as the refresh system takes it: names resolved to indices by the scenario loader. */
export type QueuePolicy =
  | { kind: 'fifo' }
  /** classOfTrigger[triggerCode] = class, 0 served first */
  | { kind: 'priority'; classOfTrigger: readonly number[] }
  /** weight per account (index), quantum in seconds of service per round at weight 1 */
  | { kind: 'fair-share'; weights: readonly number[]; quantum: number }
  | { kind: 'stalest-first' };

/** A reserved pool (issue 12): `workers` only for requests of these triggers and connectors (codes; null: any). */
export interface WorkerPool {
  workers: number;
  triggers: readonly number[] | null;
  connectors: readonly number[] | null;
}

export const POLICY_NAMES = ['fifo', 'priority', 'fair-share', 'stalest-first'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];
