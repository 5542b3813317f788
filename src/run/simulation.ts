// One simulation run: wires a scenario's model to the refresh model on the virtual clock, replays the
// scenario's inputs (traces and arrival processes) onto it and turns what the observer saw into a RunResult.
import { compileDist, stream, VirtualClock, type Handler } from '../engine/index.js';
import { RefreshModel, State, type CallSampler, type ModelRules, type RefreshSystem, type Topology } from '../refresh/index.js';
import { Collector, buildSummary } from '../stats/index.js';
import type { RequestRecord, RunResult } from '../vocabulary/index.js';
import { TRIGGERS, type Model } from '../scenario/model.js';
import { Calendar } from './calendar.js';
import { Inputs } from './inputs.js';
import { buildTopology } from './topology.js';

export interface SimulateOptions {
  /** called once per request when it ends (or at the end of the run, if still pending) */
  onRequest?: (r: RequestRecord) => void;
  /** from this many accounts on, per-account statistics are filled in batches (same results; stats/account-batch.ts) */
  accountBatchFrom?: number;
  /** tests: set every due timer, also those no session covers (the same results, more events; refresh/system.ts) */
  eagerDueTimers?: boolean;
}

/** The source system's behaviour per connector, from its own seeded streams. */
function callSampler(model: Model): CallSampler {
  const latency = model.connectors.map((c) => compileDist(c.latency, c.latencyScale));
  const latencyRng = model.connectors.map((c) => stream(model.seed, `latency/${c.id}`));
  const failRng = model.connectors.map((c) => stream(model.seed, `failures/${c.id}`));
  const failureRate = model.connectors.map((c) => c.failureRate);
  return {
    latency: (c: number) => latency[c](latencyRng[c]),
    fails: (c: number) => failureRate[c] > 0 && failRng[c].next() < failureRate[c],
  };
}

function collectorFor(model: Model, topo: Topology, opts: SimulateOptions): Collector {
  return new Collector(
    {
      triggers: TRIGGERS,
      sourceIds: topo.sourceIds,
      accountIds: topo.accountIds,
      connectorIds: topo.connectorIds,
      keyLimitId: (k) => topo.limitIds[topo.keyLimit[k]],
    },
    { warmup: model.warmup, bucket: model.bucket, waitTarget: model.waitTarget, onRequest: opts.onRequest, batchFrom: opts.accountBatchFrom },
  );
}

/** The refresh model's parameters, as the scenario gives them. */
function rulesOf(model: Model, opts: SimulateOptions): ModelRules {
  return {
    eagerDueTimers: opts.eagerDueTimers,
    timeout: Float64Array.from(model.connectors.map((c) => c.timeout)),
    defer: model.defer,
    retryLadder: model.retryLadder,
    disableAt: model.disableAt,
    embedTtl: model.embedTtl,
    policy: model.policy,
    pools: model.pools,
    countFrom: model.warmup,
    dashboardViewEvery: model.dashboardViewEvery,
    emailLead: model.emailLead,
    horizon: model.duration,
  };
}

export class Simulation {
  readonly model: Model;
  readonly topo: Topology;
  readonly clock = new VirtualClock();
  readonly refresh: RefreshModel;
  readonly system: RefreshSystem;
  readonly collector: Collector;
  readonly #inputs: Inputs;
  readonly #driver: Driver;
  #finished = false;

  constructor(model: Model, opts: SimulateOptions = {}) {
    this.model = model;
    const topo = (this.topo = buildTopology(model));
    const calendar = new Calendar(model.startEpochMs);
    this.collector = collectorFor(model, topo, opts);
    this.refresh = new RefreshModel(topo, rulesOf(model, opts), this.clock, this.clock, callSampler(model), this.collector);
    this.system = this.refresh.system;
    this.collector.attach(this.system);
    this.refresh.setUp(model, stream(model.seed, 'initial'), calendar);
    this.#inputs = new Inputs(model, topo, this.refresh, this.clock, calendar);
    this.#driver = new Driver(this.#inputs, this.system);
    this.clock.lookahead = this.system.lookahead;
  }

  /** Simulated time reached so far. */
  get now(): number {
    return this.clock.now();
  }

  /** Runs events up to `until` (capped at the scenario's duration). */
  advance(until: number): void {
    const end = Math.min(until, this.model.duration);
    this.clock.runUntil(end, this.#driver);
  }

  /** Runs to the end and builds the result. */
  finish(): RunResult {
    if (this.#finished) throw new Error('simulation already finished');
    this.#finished = true;
    const end = this.model.duration;
    this.advance(end);
    this.collector.finish(end);
    return {
      summary: buildSummary(this.model, this.topo, this.system, this.collector, this.#pending(end)),
      timeseries: this.collector.rows,
      params: this.model.params,
    };
  }

  /** Requests still waiting or running at the end: told to the collector; counted if enqueued after the warm-up. */
  #pending(end: number): { queued: number; deferred: number; running: number; total: number } {
    const pending = { queued: 0, deferred: 0, running: 0, total: 0 };
    const sys = this.system;
    for (let s = 0; s < this.topo.sourceIds.length; s++) {
      const st = sys.state(s);
      if (st !== State.queued && st !== State.deferred && st !== State.running) continue;
      this.collector.pending(s, end);
      // a deferral in progress counts against its limit key too, as in the headline seconds
      if (st === State.deferred) sys.limits.countDeferredTime(sys.deferKey(s), sys.waitedSoFar(s, end).deferred - sys.deferredTime(s), sys.enqueueAt(s));
      if (sys.enqueueAt(s) < this.model.warmup) continue;
      if (st === State.queued) pending.queued++;
      else if (st === State.deferred) pending.deferred++;
      else pending.running++;
      pending.total++;
    }
    return pending;
  }
}

/** The clock's handler for a run: one class for every run (see engine/clock.ts Handler). */
class Driver implements Handler {
  readonly #inputs: Inputs;
  readonly #system: RefreshSystem;
  constructor(inputs: Inputs, system: RefreshSystem) {
    this.#inputs = inputs;
    this.#system = system;
  }
  handle(kind: number, arg: number): void {
    this.#inputs.handle(kind, arg);
  }
  /** Workers act once per instant, on everything that happened at it (see RefreshSystem.dispatch). */
  endOfInstant(): void {
    this.#system.dispatch();
  }
}

/** Runs a model from start to end. */
export function simulate(model: Model, opts: SimulateOptions = {}): RunResult {
  return new Simulation(model, opts).finish();
}
