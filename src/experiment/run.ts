// Runs one simulation in chunks of simulated time, so a caller can show progress and let a streaming
// writer drain between chunks. Wall-clock time is measured here and never enters the result.
import type { Model } from '../scenario/index.js';
import type { RequestRecord, RunResult } from '../vocabulary/index.js';
import { Simulation } from '../run/index.js';

export interface RunOptions {
  onRequest?: (r: RequestRecord) => void;
  /** awaited between chunks (backpressure of a streaming writer) */
  drain?: () => Promise<void>;
  /** called after each chunk with the fraction of simulated time done */
  onProgress?: (fraction: number, simulatedSeconds: number) => void;
  /** chunks the span is cut into */
  chunks?: number;
}

interface TimedRun {
  result: RunResult;
  wallSeconds: number;
  events: number;
}

export async function runModel(model: Model, opts: RunOptions = {}): Promise<TimedRun> {
  const t0 = performance.now();
  const sim = new Simulation(model, { onRequest: opts.onRequest });
  const chunks = opts.chunks ?? 200;
  for (let i = 1; i <= chunks; i++) {
    sim.advance((model.duration * i) / chunks);
    opts.onProgress?.(i / chunks, sim.now);
    if (opts.drain) await opts.drain();
  }
  const result = sim.finish();
  return { result, wallSeconds: (performance.now() - t0) / 1000, events: sim.clock.processed };
}
