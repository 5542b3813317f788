// Random but seeded models that exercise every mechanism at once, for invariant tests.
import seedrandom from 'seedrandom';
import type { LimitSpec, Model, SessionTrace, SourceSpec } from '../../src/scenario/model.js';
import { makeModel } from './model.js';

export function randomModel(seed: number): Model {
  const rng = seedrandom.alea(`random-model/${seed}`);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pickOne = <T>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
  const duration = 2 * 86400;

  const accounts: Model['accounts'] = [{ id: 'partner', kind: 'partner', timezone: 'UTC' }];
  for (let i = 0; i < 8; i++) accounts.push({ id: `acc${i}`, kind: i < 3 ? 'client' : 'standard', partner: i < 3 ? 'partner' : undefined, timezone: pickOne(['UTC', 'America/Toronto', 'Europe/Paris']) });
  const users = accounts.flatMap((a) => [{ id: `${a.id}-u1`, account: a.id }, { id: `${a.id}-u2`, account: a.id }]);

  const limits: LimitSpec[] = [
    { id: 'prof-conc', kind: 'concurrent', scope: 'gaProfile', max: int(1, 3) },
    { id: 'user-100s', kind: 'window', scope: 'googleUser', max: int(3, 8), window: 100, windowType: 'sliding', resetOffset: 0 },
    { id: 'prof-day', kind: 'window', scope: 'gaProfile', max: int(40, 120), window: 86400, windowType: 'fixed', resetOffset: 8 * 3600 },
    { id: 'tok-conc', kind: 'concurrent', scope: 'token', max: 2 },
    { id: 'acct-hour', kind: 'window', scope: 'account', max: int(20, 60), window: 3600, windowType: 'sliding', resetOffset: 0 },
  ];
  const connectors: Model['connectors'] = [
    { id: 'ga', latency: { type: 'lognormal', mean: 4, sd: 3 }, latencyScale: 1, failureRate: 0.02, timeout: 30, limits: ['prof-conc', 'user-100s', 'prof-day'], cost: 1 },
    { id: 'rest', latency: { type: 'exponential', mean: 3 }, latencyScale: 1, failureRate: 0.05, timeout: 20, limits: ['tok-conc', 'acct-hour'], cost: 1 },
    { id: 'sql', latency: { type: 'uniform', min: 1, max: 12 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 },
  ];
  const sources: SourceSpec[] = [];
  const tokens: Model['tokens'] = [];
  accounts.forEach((a, ai) => {
    const n = int(3, 12);
    for (let j = 0; j < n; j++) {
      const connector = pickOne(['ga', 'ga', 'rest', 'sql']);
      const token = connector === 'sql' ? undefined : `${a.id}-tok${int(0, 2)}`;
      const googleUser = connector === 'ga' ? `g${ai % 3}` : undefined;
      if (token && !tokens.some((t) => t.id === token)) tokens.push({ id: token, googleUser, createdAt: -tokens.length });
      sources.push({ id: `${a.id}-s${j}`, account: a.id, connector, interval: pickOne([300, 900, 3600, null]), token, gaProfile: connector === 'ga' ? `p${int(0, 2)}` : undefined, googleUser });
    }
  });
  const klips = accounts.map((a) => ({ id: `${a.id}-k`, account: a.id, sources: sources.filter((s) => s.account === a.id).slice(0, 3).map((s) => s.id) }));
  const sessions: SessionTrace[] = [];
  for (const u of users) {
    if (u.account === 'acc7') continue; // one account never logs in
    for (let k = int(0, 6); k > 0; k--) sessions.push({ user: u.id, at: rng() * duration, duration: 60 + rng() * 7200 });
  }
  return makeModel({
    seed,
    duration,
    warmup: 3600,
    workers: { kind: 'schedule', timezone: 'UTC', steps: [{ at: 0, workers: 2 }, { at: 8 * 3600, workers: 4 }, { at: 18 * 3600, workers: 3 }] },
    defer: rng() < 0.5 ? { mode: 'until-free' } : { mode: 'fixed', deferFor: 60 },
    tokensPerGoogleUser: int(3, 25),
    limits,
    connectors,
    accounts,
    users,
    tokens,
    sources,
    klips,
    embeds: klips.slice(0, 4).map((k, i) => ({ id: `e${i}`, klip: k.id })),
    emails: klips.slice(2, 6).map((k, i) => ({ id: `m${i}`, account: k.account, klips: [k.id], sendAt: [8 * 3600 + i * 60, 32 * 3600] })),
    sessions,
    refreshes: Array.from({ length: 40 }, () => ({ source: pickOne(sources).id, at: rng() * duration, trigger: pickOne(['manual', 'api'] as const) })),
    embedViewProcesses: [{ rate: 20 / 3600, embeds: ['e0', 'e1', 'e2', 'e3'] }],
    refreshProcesses: [{ trigger: 'api', rate: 60 / 3600, sources: sources.map((s) => s.id) }],
  });
}
