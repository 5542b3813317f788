import { describe, expect, test } from 'vitest';
import { DEFAULTS, type Model, formatDuration, parseScenario } from '../../src/scenario/index.js';

const generated = (seed: number) => `
seed: ${seed}
duration: 2d
connectors:
  rest: { latency: 2s }
  ga: { preset: google-analytics }
generate:
  - count: 40
    prefix: g
    timezone: [America/Toronto, Europe/London]
    users: { min: 1, max: 5 }
    sources: { min: 5, max: 40 }
    intervals: { 15m: 3, 1h: 5, 1d: 1, manual: 1 }
    connectors: { rest: 4, ga: 1 }
    klips: { min: 1, max: 6 }
    klipSources: { min: 1, max: 3 }
    embeds: { probability: 0.5 }
    emails: { probability: 0.5, at: "08:00", days: weekdays }
    logins: { perUserPerDay: 3, profile: office }
  - count: 2
    kind: partner
    prefix: p
    googleUsers: 2
    sources: 3
    connectors: { ga: 1 }
    clients: { count: { min: 2, max: 4 }, googleUsersFrom: partner, users: 1 }
`;

describe('generated entities', () => {
  const m = parseScenario(generated(1), 'gen.yaml');
  const byAccount = <T extends { account: string }>(xs: T[]) => {
    const out = new Map<string, T[]>();
    for (const x of xs) out.set(x.account, [...(out.get(x.account) ?? []), x]);
    return out;
  };

  test('counts are within their ranges', () => {
    const standard = m.accounts.filter((a) => a.id.startsWith('g-'));
    expect(standard).toHaveLength(40);
    const users = byAccount(m.users);
    const sources = byAccount(m.sources);
    const klips = byAccount(m.klips);
    for (const a of standard) {
      expect(users.get(a.id)!.length).toBeGreaterThanOrEqual(1);
      expect(users.get(a.id)!.length).toBeLessThanOrEqual(5);
      expect(sources.get(a.id)!.length).toBeGreaterThanOrEqual(5);
      expect(sources.get(a.id)!.length).toBeLessThanOrEqual(40);
      expect(klips.get(a.id)!.length).toBeGreaterThanOrEqual(1);
      expect(klips.get(a.id)!.length).toBeLessThanOrEqual(6);
    }
    for (const k of m.klips) {
      expect(k.sources.length).toBeGreaterThanOrEqual(1);
      expect(k.sources.length).toBeLessThanOrEqual(3);
      expect(new Set(k.sources).size).toBe(k.sources.length);
    }
    expect(new Set(m.accounts.filter((a) => a.id.startsWith('g-')).map((a) => a.timezone))).toEqual(new Set(['America/Toronto', 'Europe/London']));
    // weights are honoured roughly: 10% manual, 20% ga
    const manual = m.sources.filter((s) => s.account.startsWith('g-') && s.interval === null).length;
    const all = m.sources.filter((s) => s.account.startsWith('g-')).length;
    expect(manual / all).toBeGreaterThan(0.05);
    expect(manual / all).toBeLessThan(0.15);
    expect(m.loginProcesses).toHaveLength(40); // only the first generator has logins
  });

  test('ids are unique and every reference resolves', () => {
    for (const xs of [m.accounts, m.users, m.sources, m.klips, m.embeds, m.emails, m.tokens]) expect(new Set(xs.map((x) => x.id)).size).toBe(xs.length);
    const sources = new Set(m.sources.map((s) => s.id));
    const klips = new Set(m.klips.map((k) => k.id));
    const tokens = new Set(m.tokens.map((t) => t.id));
    for (const k of m.klips) for (const s of k.sources) expect(sources.has(s)).toBe(true);
    for (const e of m.embeds) expect(klips.has(e.klip)).toBe(true);
    for (const e of m.emails) for (const k of e.klips) expect(klips.has(k)).toBe(true);
    for (const s of m.sources) if (s.token) expect(tokens.has(s.token)).toBe(true);
  });

  test('GA sources get a profile, a Google user and a token per (account, Google user)', () => {
    const ga = m.sources.filter((s) => s.connector === 'ga');
    expect(ga.length).toBeGreaterThan(0);
    for (const s of ga) {
      expect(s.gaProfile).toBeDefined();
      expect(s.googleUser).toBeDefined();
      expect(s.token).toBe(`${s.account}.tok.${s.googleUser}`);
    }
    const tokenUser = new Map(m.tokens.map((t) => [t.id, t.googleUser]));
    for (const s of ga) expect(tokenUser.get(s.token!)).toBe(s.googleUser);
    // createdAt strictly increasing in order of first appearance
    for (let i = 1; i < m.tokens.length; i++) expect(m.tokens[i].createdAt).toBeGreaterThan(m.tokens[i - 1].createdAt);
  });

  test('partner clients belong to their partner and share its Google users', () => {
    const clients = m.accounts.filter((a) => a.kind === 'client');
    expect(clients.length).toBeGreaterThanOrEqual(4);
    expect(clients.length).toBeLessThanOrEqual(8);
    for (const c of clients) {
      expect(c.partner).toMatch(/^p-\d$/);
      expect(m.accounts.find((a) => a.id === c.partner)!.kind).toBe('partner');
      for (const s of m.sources.filter((x) => x.account === c.id)) expect(s.googleUser!.startsWith(`${c.partner}.g`)).toBe(true);
    }
  });

  test('login weights are normalised to mean 1', () => {
    for (const p of m.loginProcesses) {
      expect(p.hourWeights).toHaveLength(24);
      expect(p.dayWeights).toHaveLength(7);
      expect(p.hourWeights.reduce((a, b) => a + b) / 24).toBeCloseTo(1, 10);
      expect(p.dayWeights.reduce((a, b) => a + b) / 7).toBeCloseTo(1, 10);
    }
  });

  test('the same seed gives the same model; another seed another', () => {
    expect(parseScenario(generated(1), 'gen.yaml')).toEqual(m);
    const other = parseScenario(generated(2), 'gen.yaml');
    expect(other.sources.map((s) => s.id)).not.toEqual(m.sources.map((s) => s.id));
  });

  test('params are small and say what was asked', () => {
    expect(m.params).toMatchObject({ name: 'gen', seed: 1, duration: '2d', warmup: '0s', defer: 'until-free' });
    expect((m.params.counts as Record<string, number>).accounts).toBe(m.accounts.length);
    expect(JSON.stringify(m.params).length).toBeLessThan(2000);
  });
});

describe('the parameter table', () => {
  test('shows the values the model runs with, defaults included, from the model itself', () => {
    const m = parseScenario('duration: 1d2h30m\nworkers: { schedule: [ { at: "08:00", workers: 3 }, { at: "17:30:15", workers: 1 } ] }\nemailLead: 90\ndefer: { mode: fixed, for: 45s }\n', 'p.yaml');
    expect(m.params).toMatchObject({
      duration: '95400s', // the one formatter rounds 26.5 h to "1d 03h": a table must not
      embedTtl: formatDuration(m.embedTtl),
      emailLead: '1m 30s',
      defer: { mode: 'fixed', for: '45s' },
      workers: { timezone: 'UTC', schedule: [{ at: '08:00', workers: 3 }, { at: '17:30:15', workers: 1 }] },
      retryLadder: DEFAULTS.retryLadder.map((r) => ({ from: r.from, every: formatDuration(r.delay) })),
      bucket: formatDuration(DEFAULTS.bucket),
    });
    expect(m.embedTtl).toBe(DEFAULTS.embedTtl);
  });
});

describe('e-mail send times', () => {
  const mail = (start: string, tz: string, days = 'daily') =>
    parseScenario(
      `start: ${start}\nduration: 3d\nconnectors: { c: {} }\naccounts:\n  - id: a\n    timezone: ${tz}\n    sources: [ { id: s, connector: c, interval: 1h } ]\n    klips: [ { id: k, sources: [s] } ]\n    emails: [ { id: m, klips: [k], at: "08:00", days: ${days} } ]\n`,
      'mail.yaml',
    ).emails[0].sendAt;

  test('08:00 local stays 08:00 across the spring DST change (America/Toronto, 2026-03-08)', () => {
    // 2026-03-07 08:00 EST = 13:00Z; 03-08 and 03-09 08:00 EDT = 12:00Z
    expect(mail('2026-03-07T00:00:00Z', 'America/Toronto')).toEqual([13 * 3600, 86400 + 12 * 3600, 2 * 86400 + 12 * 3600]);
  });

  test('and across the autumn change in London (2026-10-25)', () => {
    // 10-24 08:00 BST = 07:00Z; 10-25 and 10-26 08:00 GMT = 08:00Z
    expect(mail('2026-10-24T00:00:00Z', 'Europe/London')).toEqual([7 * 3600, 86400 + 8 * 3600, 2 * 86400 + 8 * 3600]);
  });

  test('weekdays skip the weekend', () => {
    // Saturday 2026-01-10 to Monday: only Monday 08:00 UTC
    expect(mail('2026-01-10T00:00:00Z', 'UTC', 'weekdays')).toEqual([2 * 86400 + 8 * 3600]);
    expect(mail('2026-01-10T00:00:00Z', 'UTC', '[sat, mon]')).toEqual([8 * 3600, 2 * 86400 + 8 * 3600]);
  });
});

describe('connector presets', () => {
  const m = parseScenario(
    'start: 2026-01-05T00:00:00Z\nduration: 1d\nconnectors:\n  ga: { preset: google-analytics }\n  ga4: { preset: google-analytics-4, limits: [mine] }\nlimits:\n  mine: { kind: concurrent, scope: account, max: 3 }\n',
    'p.yaml',
  );

  test('google-analytics adds the published Universal Analytics limits', () => {
    const ga = m.connectors.find((c) => c.id === 'ga')!;
    expect(ga.limits).toEqual(['ga.profile-day', 'ga.profile-concurrent', 'ga.user-100s']);
    expect(ga.cost).toBe(1);
    const lim = (id: string) => m.limits.find((l) => l.id === id);
    // midnight America/Los_Angeles on 2026-01-05 is 08:00Z
    expect(lim('ga.profile-day')).toMatchObject({ id: 'ga.profile-day', kind: 'window', scope: 'gaProfile', max: 10_000, window: 86_400, windowType: 'fixed', resetOffset: 8 * 3600 });
    const day = lim('ga.profile-day');
    expect(day?.kind === 'window' && day.resets?.[0]).toBe(8 * 3600);
    expect(lim('ga.profile-concurrent')).toEqual({ id: 'ga.profile-concurrent', kind: 'concurrent', scope: 'gaProfile', max: 10 });
    expect(lim('ga.user-100s')).toEqual({ id: 'ga.user-100s', kind: 'window', scope: 'googleUser', max: 100, window: 100, windowType: 'sliding', resetOffset: 0 });
  });

  test('google-analytics-4 adds the published GA4 property quotas and keeps the connector’s own limits', () => {
    const ga4 = m.connectors.find((c) => c.id === 'ga4')!;
    expect(ga4.limits).toEqual(['ga4.property-day', 'ga4.property-hour', 'ga4.property-concurrent', 'mine']);
    expect(ga4.cost).toBe(5);
    const lim = (id: string) => m.limits.find((l) => l.id === id);
    expect(lim('ga4.property-day')).toMatchObject({ kind: 'window', scope: 'gaProfile', max: 200_000, window: 86_400, windowType: 'fixed' });
    expect(lim('ga4.property-hour')).toMatchObject({ kind: 'window', scope: 'gaProfile', max: 40_000, window: 3_600, windowType: 'fixed', resetOffset: 0 });
    expect(lim('ga4.property-concurrent')).toMatchObject({ kind: 'concurrent', scope: 'gaProfile', max: 10 });
  });
});

describe('scale', () => {
  // Speed lives in `npm run bench` (start-up of the 1M-source week), never in a timed test: this one
  // checks that a large generator expands to exactly what it asks for.
  test('100,000 generated sources expand to 100,000 sources', () => {
    const text = 'duration: 1d\nconnectors: { rest: {}, ga: { preset: google-analytics } }\ngenerate:\n  - { count: 1000, prefix: big, users: { min: 1, max: 5 }, sources: 100, connectors: { rest: 3, ga: 1 }, intervals: { 15m: 1, 1h: 1 }, emails: { probability: 0.5, at: "08:00" }, embeds: { probability: 0.1 }, logins: { perUserPerDay: 2 } }\n';
    const m: Model = parseScenario(text, 'big.yaml');
    expect(m.sources).toHaveLength(100_000);
    expect(m.accounts).toHaveLength(1000);
  });
});
