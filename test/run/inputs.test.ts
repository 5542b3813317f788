// The arrival processes: a refresh process draws its arrivals ahead, in batches, yet its requests are
// exactly its own stream's sequence (time, source, time, source, ...) up to the horizon.
import { describe, expect, it } from 'vitest';
import { exponential, pick, stream } from '../../src/engine/index.js';
import { simulate } from '../../src/run/index.js';
import { round, type RequestRecord } from '../../src/vocabulary/index.js';
import { makeModel } from '../helpers/model.js';

const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);

/** A Poisson process's arrivals as its stream gives them, drawn one at a time. */
function expected(seed: number, name: string, rate: number, horizon: number, sources: string[]): [number, string][] {
  const rng = stream(seed, name);
  const out: [number, string][] = [];
  for (let t = 0; ; ) {
    t += exponential(rng, 1 / rate);
    if (!(t < horizon)) return out;
    out.push([round(t), sources[pick(rng, sources.length)]]); // records give times rounded
  }
}

describe('refresh processes drawn ahead', () => {
  // lengths around the batch (8) and the ring (16), and far beyond; a scattered list and a contiguous one
  it.each([1, 5, 9, 17, 70])('gives each process its stream\'s arrivals in order, %i expected', (n) => {
    const rate = 0.01, duration = n / rate;
    const scattered = ids.filter((_, i) => i % 3 === 1).reverse();
    const model = makeModel({
      seed: 7 + n,
      duration,
      workers: { kind: 'fixed', workers: 100 },
      connectors: [{ id: 'rest', latency: { type: 'constant', value: 0 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
      sources: ids.map((id) => ({ id, account: 'a', connector: 'rest', interval: null, dataAsOf: 0 })),
      refreshProcesses: [
        { trigger: 'api', rate, sources: scattered },
        { trigger: 'manual', rate: rate * 2, sources: ids },
        { trigger: 'api', rate: 0, sources: ids },
      ],
    });
    const records: RequestRecord[] = [];
    simulate(model, { onRequest: (r) => records.push(r) });
    const seen = (trigger: string) => records.filter((r) => r.trigger === trigger).sort((a, b) => a.enqueueAt - b.enqueueAt).map((r) => [r.enqueueAt, r.source]);
    const api = expected(model.seed, 'refreshes/0', rate, duration, scattered);
    const manual = expected(model.seed, 'refreshes/1', rate * 2, duration, ids);
    expect(api.length + manual.length).toBeGreaterThan(0);
    expect(seen('api')).toEqual(api);
    expect(seen('manual')).toEqual(manual);
  });
});
