// Scheduling policies: the one queue interface and the policy modules behind it, picked once per run.
import { IntDeque } from '../deque.js';
import { FairShareQueue } from './fair-share.js';
import { PriorityQueue } from './priority.js';
import { PooledQueue } from './pools.js';
import type { QueuePolicy, RequestQueue, RequestView, WorkerPool } from './queue.js';
import { StalestFirstQueue } from './stalest-first.js';

export { POLICY_NAMES, type PolicyName, type QueuePolicy, type RequestQueue, type RequestView, type WorkerPool } from './queue.js';
export { PooledQueue } from './pools.js';

/**
 * The queue for a policy and reserved pools: with pools, one lane of the policy per pool plus a shared
 * lane (./pools.ts); without, the policy's queue itself.
 */
export function makePooledQueue(policy: QueuePolicy | undefined, pools: readonly WorkerPool[] | undefined, shape: { triggers: number; connectors: number; sources: number }, view: RequestView): RequestQueue {
  if (!pools || pools.length === 0) return makeQueue(policy, view);
  return new PooledQueue(pools, shape, () => makeQueue(policy, view), view);
}

/** The queue for a policy; `fifo` (or none) is the plain deque, the product's queue. */
function makeQueue(policy: QueuePolicy | undefined, view: RequestView): RequestQueue {
  switch (policy?.kind ?? 'fifo') {
    case 'fifo': return new IntDeque();
    case 'priority': return new PriorityQueue((policy as Extract<QueuePolicy, { kind: 'priority' }>).classOfTrigger, view);
    case 'fair-share': {
      const p = policy as Extract<QueuePolicy, { kind: 'fair-share' }>;
      return new FairShareQueue(p.weights, p.quantum, view);
    }
    case 'stalest-first': return new StalestFirstQueue(view);
  }
}
