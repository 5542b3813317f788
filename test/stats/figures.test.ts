// The summary's figures, each checked on a small model whose answer is worked out by hand (issue 10's
// "figures defined in misleading ways").
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/index.js';
import type { SourceSpec } from '../../src/scenario/model.js';
import { makeModel } from '../helpers/model.js';
import { round } from '../../src/vocabulary/index.js';

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

describe('dashboard freshness', () => {
  it('covers the sources a dashboard shows (on a Klip of the account, refreshed on an interval), so more workers can move it', () => {
    // 'shown' is on a Klip and refreshes hourly; 'manual' is on the Klip but manual-only; 'off' is on no Klip.
    // Sessions at 1000 and 5000 look once each (the default 15 min view period outlasts them):
    // 1000: shown's data is of -7200 (age 8200); its refresh runs 1000-1010 (constant 10 s), due again 4610;
    // 5000: the login refreshes it again, but the look comes first: data of 1010 (age 3990)
    const s = simulate(
      makeModel({
        duration: 6000,
        sources: [src('shown'), src('manual', { interval: null }), src('off')],
        klips: [{ id: 'k', account: 'a', sources: ['shown', 'manual'] }],
        sessions: [{ user: 'u', at: 1000, duration: 100 }, { user: 'u', at: 5000, duration: 100 }],
      }),
    ).summary;
    expect(s.freshness.dashboard.count).toBe(2);
    expect(s.freshness.dashboard.max).toBe(8200);
    expect(s.freshness.dashboard.mean).toBeCloseTo((8200 + 3990) / 2, 6);
  });
});

describe('per-limit deferrals and peak use', () => {
  // a concurrent limit of 2 calls over the connector, 3 workers, 100 s per call, warm-up 1000 s.
  // In the warm-up, three requests at 100: two run 100-200, the third is deferred 100-200 (use 2).
  const model = (after: { source: string; at: number; trigger: 'manual' }[]) =>
    makeModel({
      duration: 4000,
      warmup: 1000,
      workers: { kind: 'fixed', workers: 3 },
      limits: [{ id: 'conc', kind: 'concurrent', scope: 'connector', max: 2 }],
      connectors: [{ id: 'rest', latency: { type: 'constant', value: 100 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: ['conc'], cost: 1 }],
      sources: [src('s1', { interval: null }), src('s2', { interval: null }), src('s3', { interval: null })],
      refreshes: [...['s1', 's2', 's3'].map((source) => ({ source, at: 100, trigger: 'manual' as const })), ...after],
    });

  it('count only after the warm-up, like the headline figures', () => {
    // after the warm-up one call at 2000: use 1, nothing deferred
    const s = simulate(model([{ source: 's1', at: 2000, trigger: 'manual' }])).summary;
    expect(s.deferrals.byLimit[0]).toMatchObject({ deferrals: 0, deferredSeconds: 0, peakUse: 1, peakUsePct: 50 });
    expect(s.deferrals).toMatchObject({ count: 0, seconds: 0 });
  });

  it('agree with the headline deferrals when the limit binds after the warm-up', () => {
    // at 3000 the warm-up's pattern again: one deferral of 100 s, use 2
    const s = simulate(model(['s1', 's2', 's3'].map((source) => ({ source, at: 3000, trigger: 'manual' as const })))).summary;
    expect(s.deferrals.byLimit[0]).toMatchObject({ deferrals: 1, deferredSeconds: 100, peakUse: 2 });
    expect(s.deferrals).toMatchObject({ count: 1, requests: 1, seconds: 100 });
  });
});

describe('SLO attainment', () => {
  // one worker, 100 s per call; three overdue sources enqueued at the login at 1000 and a manual refresh
  // of a manual-only source at 1050; the run ends at 1150: s1 waited 0, s2 100, s3 is still queued
  // (150 so far), the manual one too (100 so far)
  const model = (waitTarget: number) =>
    makeModel({
      duration: 1150,
      waitTarget,
      connectors: [{ id: 'rest', latency: { type: 'constant', value: 100 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
      sources: [src('s1'), src('s2'), src('s3'), src('m', { interval: null })],
      sessions: [{ user: 'u', at: 1000, duration: 150 }],
      refreshes: [{ source: 'm', at: 1050, trigger: 'manual' }],
    });

  it('counts a refresh still waiting past the target as not met', () => {
    // target 90 s: met s1 only; s2 (100), s3 (150 so far) and m (100 so far) are over it
    const a = simulate(model(90)).summary.attainment!;
    expect(a.target).toBe(90);
    expect(a.metPct).toBeCloseTo(25, 6);
    expect(a.byTrigger).toEqual({ login: { metPct: round(100 / 3), count: 3 }, manual: { metPct: 0, count: 1 } });
  });

  it('leaves out a refresh still waiting under the target, and counts a wait equal to the target as met', () => {
    // target 100 s: s1 (0) and s2 (exactly 100) met; s3 (150 so far) not; m (100 so far, outcome unknown) left out
    const a = simulate(model(100)).summary.attainment!;
    expect(a.metPct).toBeCloseTo(200 / 3, 4);
    expect(a.byTrigger).toEqual({ login: { metPct: round(200 / 3), count: 3 } });
  });

  it('defaults to a 5 min target', () => {
    const { waitTarget: _, ...rest } = model(1);
    expect(simulate(rest).summary.attainment).toMatchObject({ target: 300, metPct: 100, byTrigger: { login: { count: 2 } } });
  });
});
