// Backtest: run a scenario with replications over the log's period and compare its waits with the log's.
import type { Model } from '../scenario/index.js';
import type { RefreshRow } from '../logs/index.js';
import { deriveSeed, replicationModel, runModel } from '../experiment/index.js';
import { compareWaits, type Comparison, type Sample, type Tolerance } from './compare.js';
import { replayModel, type ReplayInfo } from './replay.js';
import { InputError } from '../input-error.js';

export interface BacktestOptions {
  replications: number;
  tolerance: Tolerance;
  confidence?: number;
  /** replay each source's recorded response times in order instead of drawing them */
  replay?: boolean;
  /** called after each replication */
  onProgress?: (done: number, total: number) => void;
}

export interface BacktestResult {
  scenario: string;
  seed: number;
  seeds: number[];
  against: string[];
  replications: number;
  confidence: number;
  tolerance: Tolerance;
  /** the compared window, epoch seconds: the scenario's span after its warm-up */
  window: { start: number; end: number };
  /** replay mode: what was replayed; null when response times were drawn */
  replay: ReplayInfo | null;
  /** log rows: used, outside the window, never started (not compared) */
  rows: { used: number; outside: number; notStarted: number };
  comparison: Comparison;
}

const hourOf = (epochSeconds: number) => Math.floor((((epochSeconds % 86400) + 86400) % 86400) / 3600);

/** The observed sample: requests of the log enqueued in the window that started. */
export function observedSample(rows: readonly RefreshRow[], window: { start: number; end: number }) {
  const s: Sample = { wait: [], total: [], hour: [] };
  let outside = 0;
  let notStarted = 0;
  for (const r of rows) {
    if (r.enqueued < window.start || r.enqueued >= window.end) outside++;
    else if (r.started === null) notStarted++;
    else {
      s.wait.push(r.started - r.enqueued);
      // a call still running at the end has no total yet: its wait counts, its total does not
      if (r.finished !== null) s.total.push(r.finished - r.enqueued);
      s.hour.push(hourOf(r.enqueued));
    }
  }
  return { sample: s, outside, notStarted };
}

async function simulatedSample(model: Model): Promise<Sample> {
  const s: Sample = { wait: [], total: [], hour: [] };
  const start = model.startEpochMs / 1000;
  await runModel(model, {
    chunks: 1,
    onRequest: (r) => {
      if (r.enqueueAt < model.warmup || r.startAt === null) return;
      s.wait.push(r.startAt - r.enqueueAt);
      if (r.endAt !== null) s.total.push(r.endAt - r.enqueueAt);
      s.hour.push(hourOf(start + r.enqueueAt));
    },
  });
  return s;
}

/**
 * Runs `replications` replications of the model (replication k on deriveSeed(seed, k), as `run
 * --replications` does) and compares their waits with the log's over the scenario's span after warm-up.
 */
export async function runBacktest(scenario: Model, rows: readonly RefreshRow[], against: string[], opts: BacktestOptions): Promise<BacktestResult> {
  let model = scenario;
  let replay: ReplayInfo | null = null;
  if (opts.replay) {
    const r = replayModel(scenario, rows);
    if (r.connectorScoped.length) throw new InputError(`--replay: limit${r.connectorScoped.length === 1 ? '' : 's'} ${r.connectorScoped.join(', ')} count per connector, and replay gives each source a connector of its own: that would split the limit; backtest without --replay`);
    if (r.info.sources === 0) throw new InputError(`--replay: no source of ${scenario.name} has a recorded call in ${against.join(', ')}`);
    ({ model, info: replay } = r);
  }
  const window = { start: model.startEpochMs / 1000 + model.warmup, end: model.startEpochMs / 1000 + model.duration };
  const obs = observedSample(rows, window);
  const reps: Sample[] = [];
  for (let k = 0; k < opts.replications; k++) {
    reps.push(await simulatedSample(replicationModel(model, k)));
    opts.onProgress?.(k + 1, opts.replications);
  }
  const confidence = opts.confidence ?? 0.95;
  return {
    scenario: model.name,
    seed: model.seed,
    seeds: Array.from({ length: opts.replications }, (_, k) => deriveSeed(model.seed, k)),
    against,
    replications: opts.replications,
    confidence,
    tolerance: opts.tolerance,
    replay,
    window,
    rows: { used: obs.sample.wait.length, outside: obs.outside, notStarted: obs.notStarted },
    comparison: compareWaits(obs.sample, reps, opts.tolerance, confidence),
  };
}
