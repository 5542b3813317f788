// The summary's figures, each checked on a small model whose answer is worked out by hand (issue 10's
// "figures defined in misleading ways").
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/index.js';
import type { SourceSpec } from '../../src/scenario/model.js';
import { makeModel } from '../helpers/model.js';

const src = (id: string, over: Partial<SourceSpec> = {}): SourceSpec => ({ id, account: 'a', connector: 'rest', interval: 3600, dataAsOf: -7200, ...over });

describe('requests still waiting at the end', () => {
  // one worker, 100 s per call; three overdue sources enqueued at the login at 1000; the run ends at 1150:
  // s1 runs 1000-1100 (waited 0), s2 starts at 1100 (waited 100), s3 is still queued (150 so far)
  const model = makeModel({
    duration: 1150,
    connectors: [{ id: 'rest', latency: { type: 'constant', value: 100 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
    sources: [src('s1'), src('s2'), src('s3')],
    sessions: [{ user: 'u', at: 1000, duration: 150 }],
  });
  const s = simulate(model).summary;

  it('count in the wait distribution with their wait so far, so the tail is not optimistic', () => {
    expect(s.wait.count).toBe(3);
    expect(s.wait.max).toBe(150);
    expect(s.wait.mean).toBeCloseTo((0 + 100 + 150) / 3, 6);
    // nearest rank: ceil(0.95 * 3) = 3rd of {0, 100, 150}
    expect(Math.abs(s.wait.p95! - 150) / 150).toBeLessThanOrEqual(1 / 128);
    expect(s.queue.max).toBe(150);
    expect(s.requests.started).toBe(2);
  });

  it('are named with the longest wait among them', () => {
    expect(s.requests.stillWaiting).toEqual({ count: 1, longest: 150 });
    expect(s.requests.pendingAtEnd).toEqual({ queued: 1, deferred: 0, running: 1, total: 2 });
  });
});

describe('workers.min and workers.max', () => {
  it('cover what is in force after the warm-up, even when the schedule changed during it', () => {
    // 1 worker from midnight, 3 from 00:30 (inside the 1 h warm-up), 2 from 01:30 (after it)
    const steps = [{ at: 0, workers: 1 }, { at: 1800, workers: 3 }, { at: 5400, workers: 2 }];
    const s = simulate(makeModel({ duration: 7200, warmup: 3600, workers: { kind: 'schedule', timezone: 'UTC', steps } })).summary;
    expect(s.workers).toMatchObject({ min: 2, max: 3 });
    // time-weighted over [1 h, 2 h]: 3 for 30 min, 2 for 30 min
    expect(s.workers.mean).toBeCloseTo(2.5, 6);
    const flat = simulate(makeModel({ duration: 7200, warmup: 3600, workers: { kind: 'schedule', timezone: 'UTC', steps: steps.slice(0, 2) } })).summary;
    expect(flat.workers).toMatchObject({ min: 3, max: 3, mean: 3 });
  });
});
