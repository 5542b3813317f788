// The bench's workloads: the M/M/c model built in code, and bench-week scaled in sources and in days.
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/scenario/index.js';
import type { Model } from '../src/scenario/model.js';

export const MMC = { lambda: 3.2, mu: 1, workers: 4, sources: 100_000 } as const;

/** M/M/4 at rho 0.8 over 100,000 manual-only sources: `requests` Poisson API refreshes on average. */
export function mmcModel(requests: number, sources: number = MMC.sources): Model {
  const { lambda } = MMC;
  const ids = Array.from({ length: sources }, (_, i) => `s${i}`);
  return {
    name: 'bench-mmc', seed: 1, startEpochMs: Date.UTC(2026, 0, 5), duration: requests / lambda, warmup: 0,
    workers: { kind: 'fixed', workers: MMC.workers }, embedTtl: 10800, emailLead: 600, defer: { mode: 'until-free' },
    retryLadder: [{ from: 1, delay: 300 }], disableAt: 20, dashboardViewEvery: 900, tokensPerGoogleUser: 25, bucket: 300,
    limits: [], connectors: [{ id: 'api', latency: { type: 'exponential', mean: 1 / MMC.mu }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }],
    accounts: [{ id: 'a', kind: 'standard', timezone: 'UTC' }], users: [], tokens: [],
    sources: ids.map((id) => ({ id, account: 'a', connector: 'api', interval: null, dataAsOf: 0 })),
    klips: [], embeds: [], emails: [], warmUps: [], sessions: [], linkViews: [], embedViews: [], refreshes: [], loginProcesses: [], linkViewProcesses: [],
    refreshProcesses: [{ trigger: 'api', rate: lambda, sources: ids }], embedViewProcesses: [], params: {},
  };
}

const WEEK = new URL('../../scenarios/bench-week.yaml', import.meta.url).pathname;

/**
 * bench-week (100,000 sources, 7 days) with `factor` times the accounts, workers and arrival rates, over
 * `days` days: the same load per source, so time and memory per source should not change with size.
 * (scenarios/bench-week-1m.yaml is factor 10, written out.)
 */
export function scaledWeekText(factor: number, days: number): string {
  const text = readFileSync(WEEK, 'utf8');
  let out = text;
  const swap = (re: RegExp, to: string) => {
    if (!re.test(out)) throw new Error(`bench-week.yaml no longer matches ${re}: update the bench's scaling`);
    out = out.replace(re, to);
  };
  const n = (base: number) => Math.max(1, Math.round(base * factor));
  swap(/^(\s*- count: )4000$/m, `$1${n(4000)}`);
  swap(/^(workers: )48$/m, `$1${n(48)}`);
  swap(/(type: refresh, trigger: api, rate: )600\/h/, `$1${n(600)}/h`);
  swap(/(type: embedView, rate: )3000\/h/, `$1${n(3000)}/h`);
  swap(/^duration: 7d$/m, `duration: ${days}d`);
  return out;
}

export function scaledWeek(factor: number, days: number): Model {
  return parseScenario(scaledWeekText(factor, days), `bench-week x${factor} ${days}d`);
}
