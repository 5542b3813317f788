// Small hand-built models for rule tests: every default of MODEL.md, overridable per test.
import type { Model } from '../../src/scenario/model.js';

export function makeModel(over: Partial<Model> = {}): Model {
  return {
    name: 'test',
    seed: 1,
    startEpochMs: Date.UTC(2026, 0, 5), // a Monday, 00:00 UTC
    duration: 86400,
    warmup: 0,
    workers: { kind: 'fixed', workers: 1 },
    embedTtl: 3 * 3600,
    emailLead: 600,
    defer: { mode: 'until-free' },
    retryLadder: [
      { from: 1, delay: 300 },
      { from: 3, delay: 1800 },
      { from: 5, delay: 6 * 3600 },
    ],
    disableAt: 20,
    dashboardViewEvery: 900,
    tokensPerGoogleUser: 25,
    bucket: 300,
    limits: [],
    connectors: [{ id: 'rest', latency: { type: 'constant', value: 10 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
    accounts: [{ id: 'a', kind: 'standard', timezone: 'UTC' }],
    users: [{ id: 'u', account: 'a' }],
    tokens: [],
    sources: [],
    klips: [],
    embeds: [],
    emails: [],
    warmUps: [],
    sessions: [],
    linkViews: [],
    embedViews: [],
    refreshes: [],
    loginProcesses: [],
    refreshProcesses: [],
    embedViewProcesses: [],
    linkViewProcesses: [],
    params: {},
    ...over,
  };
}

/** An M/M/c-style model: Poisson API refreshes over many manual-only sources, exponential response. */
export function mmcModel(opts: { lambda: number; mu: number; c: number; duration: number; warmup: number; seed?: number; sources?: number; service?: Model['connectors'][number]['latency'] }): Model {
  const n = opts.sources ?? 20000;
  const sources = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, account: 'a', connector: 'rest', interval: null }));
  return makeModel({
    seed: opts.seed ?? 1,
    duration: opts.duration,
    warmup: opts.warmup,
    workers: { kind: 'fixed', workers: opts.c },
    connectors: [{ id: 'rest', latency: opts.service ?? { type: 'exponential', mean: 1 / opts.mu }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
    sources: sources.map((s) => ({ ...s, dataAsOf: 0 })),
    refreshProcesses: [{ trigger: 'api', rate: opts.lambda, sources: sources.map((s) => s.id) }],
  });
}
