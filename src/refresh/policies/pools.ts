// Reserved worker pools (issue 12): some workers only for some triggers or connectors (two for e-mail
// pre-refreshes, say), the rest shared. Each pool's requests wait in their own lane, a queue of the
// scenario's policy; requests no pool takes wait in the shared lane.
//
// The rule (docs/model.md): a pool's free worker takes the next request of its own lane; a free shared
// worker takes, of every lane's next request, the one enqueued first (so with fifo lanes the shared
// workers see the product's one FIFO queue). A request belongs to the first pool whose triggers and
// connectors both match it (an absent list matches all). Releases from deferral go to the front of
// their own lane.
import type { RequestQueue, RequestView, WorkerPool } from './queue.js';

export class PooledQueue implements RequestQueue {
  /** lane 0: shared only; lane j + 1: pool j */
  readonly lanes: RequestQueue[];
  readonly #laneOf: Int32Array; // by trigger * connectors + connector
  readonly #connectors: number;
  readonly #view: RequestView;
  length = 0;
  // the workers: each pool's and the shared ones' capacity and busy count, and which kind of worker
  // runs each source's call (-1 shared, else the pool)
  readonly #pools: readonly WorkerPool[];
  readonly #cap: Int32Array;
  readonly #busy: Int32Array;
  #sharedCap = 0;
  #sharedBusy = 0;
  readonly #workerOf: Int8Array;
  #picked = -1;

  constructor(pools: readonly WorkerPool[], shape: { triggers: number; connectors: number; sources: number }, makeLane: () => RequestQueue, view: RequestView) {
    const { triggers, connectors } = shape;
    this.#view = view;
    this.#connectors = connectors;
    this.#pools = pools;
    this.#cap = new Int32Array(pools.length);
    this.#busy = new Int32Array(pools.length);
    this.#workerOf = new Int8Array(shape.sources);
    this.lanes = [makeLane(), ...pools.map(() => makeLane())];
    this.#laneOf = new Int32Array(triggers * connectors);
    for (let t = 0; t < triggers; t++) {
      for (let c = 0; c < connectors; c++) {
        const j = pools.findIndex((p) => (p.triggers === null || p.triggers.includes(t)) && (p.connectors === null || p.connectors.includes(c)));
        this.#laneOf[t * connectors + c] = j + 1; // 0 when no pool takes it
      }
    }
  }

  /** n workers in all: pools take theirs first, in order; the rest are shared */
  setWorkers(n: number): void {
    let left = n;
    this.#pools.forEach((p, j) => {
      this.#cap[j] = Math.min(p.workers, left);
      left -= this.#cap[j];
    });
    this.#sharedCap = left;
  }

  /**
   * The lane a free worker serves next, -1 when no free worker has a request it may take: a pool's free
   * worker its own lane first, then a free shared worker the lane whose next request came first.
   */
  nextLane(now: number): number {
    for (let j = 0; j < this.#cap.length; j++) {
      if (this.#busy[j] < this.#cap[j] && this.lanes[j + 1].length > 0) {
        this.#picked = j;
        return j + 1;
      }
    }
    this.#picked = -1;
    return this.#sharedBusy < this.#sharedCap ? this.sharedLane(now) : -1;
  }

  /** the request just taken from nextLane's lane started: its worker is busy until ended(s) */
  started(s: number): void {
    this.#workerOf[s] = this.#picked;
    if (this.#picked >= 0) this.#busy[this.#picked]++;
    else this.#sharedBusy++;
  }

  ended(s: number): void {
    const j = this.#workerOf[s];
    if (j >= 0) this.#busy[j]--;
    else this.#sharedBusy--;
  }

  /** calls running on pool j's workers */
  poolBusy(j: number): number {
    return this.#busy[j];
  }

  laneOf(s: number): number {
    return this.#laneOf[this.#view.trigger(s) * this.#connectors + this.#view.connector(s)];
  }

  pushBack(s: number): void {
    this.lanes[this.laneOf(s)].pushBack(s);
    this.length++;
  }

  pushFront(s: number): void {
    this.lanes[this.laneOf(s)].pushFront(s);
    this.length++;
  }

  /** the lane a shared worker serves: of the lanes' next requests, the one enqueued first (-1: all empty) */
  sharedLane(now: number): number {
    let best = -1, bestSeq = Infinity;
    for (let i = 0; i < this.lanes.length; i++) {
      if (this.lanes[i].length === 0) continue;
      const seq = this.#view.seq(this.lanes[i].peek(now));
      if (seq < bestSeq) {
        best = i;
        bestSeq = seq;
      }
    }
    return best;
  }

  popFrom(lane: number, now: number): number {
    this.length--;
    return this.lanes[lane].popFront(now);
  }

  popFront(now: number): number {
    const lane = this.sharedLane(now);
    if (lane < 0) throw new RangeError('popFront on an empty queue');
    return this.popFrom(lane, now);
  }

  peek(now: number): number {
    const lane = this.sharedLane(now);
    if (lane < 0) throw new RangeError('peek on an empty queue');
    return this.lanes[lane].peek(now);
  }
}
