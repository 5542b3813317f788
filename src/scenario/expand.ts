// Expansion: a validated scenario (human units, generators) becomes the explicit Model (seconds, entities).
import { type Rng, stream } from '../engine/random.js';
import { Checker, type IdSets, checkReferences } from './check.js';
import { suggest } from './issues.js';
import type {
  AccountKind,
  AccountSpec,
  ConnectorSpec,
  Dist,
  EmailSpec,
  EmbedSpec,
  EmbedViewProcess,
  EmbedViewTrace,
  KlipSpec,
  LimitScope,
  LimitSpec,
  LoginProcess,
  Model,
  RefreshProcess,
  RefreshTrace,
  SessionTrace,
  SourceSpec,
  TokenSpec,
  UserSpec,
  WorkersSpec,
  WarmUpSpec,
  LinkViewTrace,
  LinkViewProcess,
} from './model.js';
import { CONNECTOR_PRESETS, type ConnectorPresetName, DAY_NAMES, DAY_SETS, type DaySetName, DEFAULTS, LOGIN_PROFILES, type LoginProfileName } from './presets.js';
import { expandPolicy, expandPools } from './policy.js';
import { ScenarioError } from './problems.js';
import type { ClientGeneratorInput, DistInput, GeneratorInput, LoginsInput, ScenarioInput } from './schema.js';
import { localDatesCovering, zonedToEpochMs } from './timezone.js';
import type { TraceRow, TraceRows } from './traces.js';
import { isInstantText, parseDuration, parseInstant, parseRate, parseTimeOfDay } from '../vocabulary/index.js';

export interface ExpandContext {
  file?: string;
  /** name when the scenario gives none (the file's base name) */
  defaultName: string;
  traces: TraceRows;
  checker: Checker;
  /** explicit ids found by the checks */
  ids: IdSets;
}

type IntRange = number | { min: number; max: number };
type Days = string | readonly string[];

const sec = (x: number | string): number => parseDuration(x);

export function toDist(d: DistInput): Dist {
  if (typeof d === 'number' || typeof d === 'string') return { type: 'constant', value: sec(d) };
  switch (d.type) {
    case 'constant':
      return { type: 'constant', value: sec(d.value) };
    case 'exponential':
      return { type: 'exponential', mean: sec(d.mean) };
    case 'lognormal':
      return { type: 'lognormal', mean: sec(d.mean), sd: sec(d.sd) };
    case 'uniform':
      return { type: 'uniform', min: sec(d.min), max: sec(d.max) };
    case 'empirical':
      return { type: 'empirical', values: d.values.map(sec) };
  }
}

function toInterval(x: number | string | null): number | null {
  return x === null || x === 'manual' || x === 'none' ? null : sec(x);
}

function drawInt(rng: Rng, r: IntRange | undefined, fallback: number): number {
  if (r === undefined) return fallback;
  if (typeof r === 'number') return r;
  return r.min + Math.floor(rng.next() * (r.max - r.min + 1));
}

/** Cumulative weights for fast weighted picks. */
class Weighted<T> {
  readonly #items: T[];
  readonly #cum: number[];
  constructor(entries: [T, number][]) {
    const kept = entries.filter(([, w]) => w > 0);
    this.#items = kept.map(([v]) => v);
    let total = 0;
    this.#cum = kept.map(([, w]) => (total += w));
  }
  pick(rng: Rng): T {
    const u = rng.next() * this.#cum[this.#cum.length - 1];
    let lo = 0;
    let hi = this.#cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo];
  }
}

/** k distinct indices of 0..n-1 (k <= n), in random order. */
function sample(rng: Rng, n: number, k: number): number[] {
  const out: number[] = [];
  if (k * 3 > n) {
    const all = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng.next() * (n - i));
      [all[i], all[j]] = [all[j], all[i]];
      out.push(all[i]);
    }
    return out;
  }
  const taken = new Set<number>();
  while (out.length < k) {
    const j = Math.floor(rng.next() * n);
    if (!taken.has(j)) {
      taken.add(j);
      out.push(j);
    }
  }
  return out;
}

function pad(i: number, count: number): string {
  return String(i).padStart(String(count).length, '0');
}

function normaliseMeanOne(w: readonly number[]): number[] {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => (mean > 0 ? x / mean : 0));
}

function daysOf(days: Days | undefined): number[] {
  if (days === undefined) return DAY_SETS.daily;
  if (typeof days === 'string') return DAY_SETS[days as DaySetName];
  return [...new Set(days.map((d) => DAY_NAMES.indexOf(d as (typeof DAY_NAMES)[number])))].sort();
}

export function expandScenario(s: ScenarioInput, ctx: ExpandContext): Model {
  const { checker } = ctx;
  const seed = s.seed ?? DEFAULTS.seed;
  const startEpochMs = parseInstant(s.start ?? DEFAULTS.start);
  const duration = sec(s.duration);
  const endEpochMs = startEpochMs + duration * 1000;

  // e-mail send times repeat for every account with the same zone, time and days: compute each once
  const sendCache = new Map<string, number[]>();
  const sendTimes = (timezone: string, at: string, days: Days | undefined): number[] => {
    const wanted = daysOf(days);
    const key = `${timezone}|${at}|${wanted.join('')}`;
    let out = sendCache.get(key);
    if (!out) {
      out = [];
      const secondsOfDay = parseTimeOfDay(at);
      for (const date of localDatesCovering(startEpochMs, endEpochMs, timezone)) {
        if (!wanted.includes(date.weekday)) continue;
        const t = (zonedToEpochMs(date.year, date.month, date.day, secondsOfDay, timezone) - startEpochMs) / 1000;
        if (t >= 0 && t < duration) out.push(t);
      }
      sendCache.set(key, out);
    }
    return out;
  };

  // --- limits and connectors
  const limits: LimitSpec[] = [];
  const windowOffset = (window: number, resetAt: string | undefined, timezone: string | undefined): number => {
    if (resetAt === undefined) {
      // aligned to the UTC epoch: hourly windows turn at whole UTC hours, daily ones at UTC midnight
      const startSec = startEpochMs / 1000;
      return (((-startSec % window) + window) % window);
    }
    const tz = timezone ?? 'UTC';
    const at = parseTimeOfDay(resetAt);
    for (const date of localDatesCovering(startEpochMs - 86400_000, startEpochMs + 2 * 86400_000, tz)) {
      const t = zonedToEpochMs(date.year, date.month, date.day, at, tz);
      // the boundary at or after the start; boundaries then repeat every `window` seconds
      if (t >= startEpochMs) return ((t - startEpochMs) / 1000) % window;
    }
    return 0;
  };
  /** Whole-day fixed windows with a local reset time: every boundary in the run, following the zone's DST. */
  const localResets = (window: number, resetAt: number, timezone: string | undefined): number[] | undefined => {
    if (window % 86400 !== 0) return undefined;
    const every = window / 86400;
    const all: number[] = [];
    for (const date of localDatesCovering(startEpochMs - window * 1000, endEpochMs, timezone ?? 'UTC')) {
      all.push((zonedToEpochMs(date.year, date.month, date.day, resetAt, timezone ?? 'UTC') - startEpochMs) / 1000);
    }
    // the first boundary at or after the start anchors the count of days (as resetOffset does)
    const first = all.findIndex((t) => t >= 0);
    return all.filter((t, i) => t >= 0 && t < duration && (i - first) % every === 0);
  };
  const fixedWindow = (window: number, resetAt: number | undefined, timezone: string | undefined) => {
    const hhmm = resetAt === undefined ? undefined : `${String(Math.floor(resetAt / 3600)).padStart(2, '0')}:${String(Math.floor((resetAt % 3600) / 60)).padStart(2, '0')}`;
    const resets = resetAt === undefined ? undefined : localResets(window, resetAt, timezone);
    return { resetOffset: windowOffset(window, hhmm, timezone), ...(resets ? { resets } : {}) };
  };
  for (const [id, l] of Object.entries(s.limits ?? {})) {
    if (l.kind === 'concurrent') limits.push({ id, kind: 'concurrent', scope: l.scope, max: l.max });
    else {
      const window = sec(l.window);
      const windowType = l.type ?? 'sliding';
      const fixed = windowType === 'fixed' ? fixedWindow(window, l.resetAt === undefined ? undefined : parseTimeOfDay(l.resetAt), l.timezone) : { resetOffset: 0 };
      limits.push({ id, kind: 'window', scope: l.scope, max: l.max, window, windowType, ...fixed });
    }
  }
  const connectors: ConnectorSpec[] = [];
  const connectorScopes = new Map<string, Set<LimitScope>>();
  const limitById = new Map(limits.map((l) => [l.id, l]));
  for (const [id, c] of Object.entries(s.connectors ?? {})) {
    const preset = c.preset ? CONNECTOR_PRESETS[c.preset as ConnectorPresetName] : undefined;
    const ids: string[] = [];
    for (const pl of preset?.limits ?? []) {
      const lid = `${id}.${pl.suffix}`;
      const spec: LimitSpec =
        pl.kind === 'concurrent'
          ? { id: lid, kind: 'concurrent', scope: pl.scope, max: pl.max }
          : {
              id: lid,
              kind: 'window',
              scope: pl.scope,
              max: pl.max,
              window: pl.window!,
              windowType: pl.type ?? 'sliding',
              ...(pl.type === 'fixed' ? fixedWindow(pl.window!, pl.resetAt, pl.timezone) : { resetOffset: 0 }),
            };
      limits.push(spec);
      limitById.set(lid, spec);
      ids.push(lid);
    }
    ids.push(...(c.limits ?? []));
    connectorScopes.set(id, new Set(ids.map((lid) => limitById.get(lid)!.scope)));
    connectors.push({
      id,
      latency: c.latency !== undefined ? toDist(c.latency) : (preset?.latency ?? DEFAULTS.connectorLatency),
      latencyScale: c.latencyScale ?? 1,
      failureRate: c.failureRate ?? 0,
      timeout: c.timeout === undefined || c.timeout === 'none' ? Infinity : sec(c.timeout),
      limits: ids,
      cost: c.cost ?? preset?.cost ?? 1,
    });
  }

  // --- entities
  const accounts: AccountSpec[] = [];
  const users: UserSpec[] = [];
  const sources: SourceSpec[] = [];
  const klips: KlipSpec[] = [];
  const embeds: EmbedSpec[] = [];
  const emails: EmailSpec[] = [];
  const warmUps: WarmUpSpec[] = [];
  const loginProcesses: LoginProcess[] = [];
  const declaredTokens: { id: string; googleUser?: string; createdAt?: number }[] = [];
  const tz = new Map<string, string>();

  const loginProcess = (account: string, userIds: string[], l: LoginsInput): LoginProcess => {
    const profile = LOGIN_PROFILES[(l.profile ?? 'office') as LoginProfileName];
    const dayWeights = l.dayWeights ?? (l.days ? [0, 1, 2, 3, 4, 5, 6].map((d) => (DAY_SETS[l.days as DaySetName].includes(d) ? 1 : 0)) : profile.days);
    return {
      account,
      users: userIds,
      perUserPerDay: l.perUserPerDay,
      hourWeights: normaliseMeanOne(l.hourWeights ?? profile.hours),
      dayWeights: normaliseMeanOne(dayWeights),
      sessionLength: l.sessionLength !== undefined ? toDist(l.sessionLength) : DEFAULTS.sessionLength,
    };
  };

  for (const a of s.accounts ?? []) {
    const timezone = a.timezone ?? DEFAULTS.timezone;
    const kind: AccountKind = a.kind ?? 'standard';
    accounts.push(a.partner !== undefined ? { id: a.id, kind, partner: a.partner, timezone } : { id: a.id, kind, timezone });
    tz.set(a.id, timezone);
    const userIds = (a.users ?? []).map((u) => (typeof u === 'string' ? u : u.id));
    for (const u of userIds) users.push({ id: u, account: a.id });
    for (const t of a.tokens ?? []) declaredTokens.push({ id: t.id, googleUser: t.googleUser, createdAt: t.createdAt === undefined ? undefined : sec(t.createdAt) });
    const tokenUser = new Map((a.tokens ?? []).map((t) => [t.id, t.googleUser]));
    for (const src of a.sources ?? []) {
      const spec: SourceSpec = { id: src.id, account: a.id, connector: src.connector, interval: toInterval(src.interval) };
      if (src.token !== undefined) spec.token = src.token;
      if (src.gaProfile !== undefined) spec.gaProfile = src.gaProfile;
      const gu = src.googleUser ?? (src.token !== undefined ? tokenUser.get(src.token) : undefined);
      if (gu !== undefined) spec.googleUser = gu;
      if (src.cost !== undefined) spec.cost = src.cost;
      if (src.dataAge !== undefined) spec.dataAsOf = -sec(src.dataAge);
      sources.push(spec);
    }
    for (const k of a.klips ?? []) klips.push({ id: k.id, account: a.id, sources: k.sources });
    for (const e of a.embeds ?? []) embeds.push({ id: e.id, klip: e.klip });
    for (const e of a.emails ?? []) emails.push({ id: e.id, account: a.id, klips: e.klips, sendAt: sendTimes(timezone, e.at, e.days) });
    if (a.logins && userIds.length > 0) loginProcesses.push(loginProcess(a.id, userIds, a.logins));
    if (a.warmUpAt !== undefined) warmUps.push({ account: a.id, at: sendTimes(timezone, a.warmUpAt, a.warmUpDays) });
  }

  // --- generated entities
  const taken = {
    accounts: new Set(accounts.map((a) => a.id)),
    users: new Set(ctx.ids.users),
    sources: new Set(ctx.ids.sources),
    klips: new Set(ctx.ids.klips),
    embeds: new Set(ctx.ids.embeds),
  };
  const connectorIds = connectors.map((c) => c.id);
  (s.generate ?? []).forEach((g, gi) => {
    const rng = stream(seed, `generate/${g.prefix}`);
    const clash = (what: keyof typeof taken, id: string): boolean => {
      if (taken[what].has(id)) {
        checker.at(['generate', gi, 'prefix'], `a generated ${what.slice(0, -1)} id "${id}" clashes with an explicit one; pick another prefix`);
        return true;
      }
      taken[what].add(id);
      return false;
    };
    const generateAccount = (id: string, kind: AccountKind, partner: string | undefined, f: GeneratorFields, index: number, partnerGoogleUsers?: string[]): string[] => {
      if (clash('accounts', id)) return [];
      const zones = f.timezone === undefined ? [DEFAULTS.timezone] : typeof f.timezone === 'string' ? [f.timezone] : f.timezone;
      const timezone = zones[index % zones.length];
      accounts.push(partner !== undefined ? { id, kind, partner, timezone } : { id, kind, timezone });
      tz.set(id, timezone);

      const userIds: string[] = [];
      const nUsers = drawInt(rng, f.users, 1);
      for (let k = 1; k <= nUsers; k++) {
        const uid = `${id}.u${k}`;
        if (clash('users', uid)) continue;
        userIds.push(uid);
        users.push({ id: uid, account: id });
      }
      const nGoogleUsers = Math.max(1, drawInt(rng, f.googleUsers, 1));
      const ownGoogleUsers = Array.from({ length: nGoogleUsers }, (_, k) => `${id}.g${k + 1}`);
      const googleUsers = f.googleUsersFrom === 'partner' && partnerGoogleUsers?.length ? partnerGoogleUsers : ownGoogleUsers;
      const nProfiles = Math.max(1, drawInt(rng, f.gaProfiles, 2));

      const connectorPick = new Weighted<string>(f.connectors ? Object.entries(f.connectors) : connectorIds.map((c) => [c, 1]));
      const intervalPick = new Weighted<number | null>(Object.entries(f.intervals ?? { '1h': 1 }).map(([k, w]) => [k === 'manual' || k === 'none' ? null : sec(k), w]));
      const nSources = drawInt(rng, f.sources, 10);
      const sourceIds: string[] = [];
      for (let k = 1; k <= nSources; k++) {
        const sid = `${id}.s${k}`;
        if (clash('sources', sid)) continue;
        const connector = connectorPick.pick(rng);
        const interval = intervalPick.pick(rng);
        const spec: SourceSpec = { id: sid, account: id, connector, interval };
        const scopes = connectorScopes.get(connector)!;
        if (scopes.has('gaProfile') || scopes.has('googleUser')) {
          // one token per (account, Google user): each account connects its own OAuth token
          const gu = googleUsers[Math.floor(rng.next() * googleUsers.length)];
          spec.gaProfile = `${id}.ga${1 + Math.floor(rng.next() * nProfiles)}`;
          spec.googleUser = gu;
          spec.token = `${id}.tok.${gu}`;
        } else if (scopes.has('token')) {
          spec.token = `${id}.tok.${connector}`;
        }
        if (f.dataAge === 'interval') {
          if (interval !== null) spec.dataAsOf = -rng.next() * interval;
        } else if (f.dataAge !== undefined) {
          spec.dataAsOf = -sec(f.dataAge);
        }
        sources.push(spec);
        sourceIds.push(sid);
      }

      const accountKlips: string[] = [];
      if (sourceIds.length > 0) {
        const nKlips = drawInt(rng, f.klips, Math.max(1, Math.round(sourceIds.length / 2)));
        for (let k = 1; k <= nKlips; k++) {
          const kid = `${id}.k${k}`;
          if (clash('klips', kid)) continue;
          const n = Math.min(sourceIds.length, Math.max(1, drawInt(rng, f.klipSources, 1 + Math.floor(rng.next() * 3))));
          klips.push({ id: kid, account: id, sources: sample(rng, sourceIds.length, n).map((j) => sourceIds[j]) });
          accountKlips.push(kid);
          if (f.embeds && rng.next() < f.embeds.probability) {
            const eid = `${id}.e${k}`;
            if (!clash('embeds', eid)) embeds.push({ id: eid, klip: kid });
          }
        }
      }
      if (f.emails && accountKlips.length > 0 && rng.next() < f.emails.probability) {
        const n = Math.min(accountKlips.length, Math.max(1, drawInt(rng, f.emails.klips, 1 + Math.floor(rng.next() * 3))));
        emails.push({ id: `${id}.mail1`, account: id, klips: sample(rng, accountKlips.length, n).map((j) => accountKlips[j]), sendAt: sendTimes(timezone, f.emails.at, f.emails.days) });
      }
      if (f.logins && userIds.length > 0) loginProcesses.push(loginProcess(id, userIds, f.logins));
      if (f.warmUpAt !== undefined) warmUps.push({ account: id, at: sendTimes(timezone, f.warmUpAt, f.warmUpDays) });
      return ownGoogleUsers;
    };

    for (let i = 0; i < g.count; i++) {
      const id = `${g.prefix}-${pad(i + 1, g.count)}`;
      const kind: AccountKind = g.kind ?? 'standard';
      const googleUsers = generateAccount(id, kind, undefined, g, i);
      if (g.clients) {
        const { count: clientCount, ...clientFields } = g.clients;
        const merged: GeneratorFields = { ...stripClients(g), ...definedOnly(clientFields) };
        const n = drawInt(rng, clientCount, 0);
        for (let j = 0; j < n; j++) generateAccount(`${id}-c${pad(j + 1, n)}`, 'client', id, merged, i * 1000 + j, googleUsers);
      }
    }
  });

  // --- tokens: declared first, then every other token in order of first use; older = smaller createdAt
  const tokenOrder = new Map<string, { googleUser?: string; createdAt?: number }>();
  for (const t of declaredTokens) tokenOrder.set(t.id, { googleUser: t.googleUser, createdAt: t.createdAt });
  for (const src of sources) {
    if (src.token === undefined) continue;
    const known = tokenOrder.get(src.token);
    if (!known) tokenOrder.set(src.token, { googleUser: src.googleUser });
    else if (known.googleUser === undefined && src.googleUser !== undefined) known.googleUser = src.googleUser;
  }
  const tokens: TokenSpec[] = [];
  let order = 0;
  const nTokens = tokenOrder.size;
  for (const [id, t] of tokenOrder) {
    const spec: TokenSpec = { id, createdAt: t.createdAt ?? order - nTokens };
    if (t.googleUser !== undefined) spec.googleUser = t.googleUser;
    tokens.push(spec);
    order++;
  }

  // --- references that may point at generated entities
  const all: IdSets = {
    accounts: new Map(accounts.map((a) => [a.id, { kind: a.kind }])),
    users: taken.users,
    sources: taken.sources,
    klips: taken.klips,
    embeds: taken.embeds,
    connectors: new Set(connectorIds),
  };
  if ((s.generate ?? []).length > 0) checkReferences(s as unknown as Record<string, unknown>, ctx.traces, checker, all, () => false);

  // --- traces
  const atSeconds = (row: TraceRow, value: unknown): number | undefined => {
    let t: number;
    if (typeof value === 'string' && isInstantText(value)) t = (parseInstant(value) - startEpochMs) / 1000;
    else t = sec(value as string | number);
    if (t < 0) {
      checker.problems.push(row.problem('at', `is before the start of the simulation (${String(value)} < start ${s.start ?? DEFAULTS.start})`));
      return undefined;
    }
    return t;
  };
  const sessions: SessionTrace[] = [];
  for (const row of ctx.traces.sessions) {
    const at = atSeconds(row, row.fields.at);
    if (at !== undefined) sessions.push({ user: String(row.fields.user), at, duration: sec(row.fields.duration as string | number) });
  }
  const embedViews: EmbedViewTrace[] = [];
  for (const row of ctx.traces.embedViews) {
    const at = atSeconds(row, row.fields.at);
    if (at !== undefined) embedViews.push({ embed: String(row.fields.embed), at });
  }
  const refreshes: RefreshTrace[] = [];
  for (const row of ctx.traces.refreshes) {
    const at = atSeconds(row, row.fields.at);
    const trigger = row.fields.trigger === 'api' ? 'api' : 'manual';
    if (at !== undefined) refreshes.push({ source: String(row.fields.source), at, trigger });
  }
  const accountIds = new Set(accounts.map((a) => a.id));
  const needAccount = (path: (string | number)[], id: string): boolean => {
    if (accountIds.has(id)) return true;
    const hint = accountIds.size < 5000 ? suggest(id, [...accountIds]) : undefined;
    checker.at(path, `no account with id "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
    return false;
  };
  const linkViews: LinkViewTrace[] = [];
  (s.traces?.linkViews ?? []).forEach((v, i) => {
    const at = typeof v.at === 'string' && isInstantText(v.at) ? (parseInstant(v.at) - startEpochMs) / 1000 : sec(v.at);
    if (at < 0) checker.at(['traces', 'linkViews', i, 'at'], `is before the start of the simulation (${String(v.at)})`);
    else if (needAccount(['traces', 'linkViews', i, 'account'], v.account)) linkViews.push({ account: v.account, at });
  });
  const byAt = (a: { at: number }, b: { at: number }) => a.at - b.at;
  linkViews.sort(byAt);
  sessions.sort(byAt);
  embedViews.sort(byAt);
  refreshes.sort(byAt);

  // --- arrival processes
  const refreshProcesses: RefreshProcess[] = [];
  const embedViewProcesses: EmbedViewProcess[] = [];
  const linkViewProcesses: LinkViewProcess[] = [];
  const klipAccount = new Map(klips.map((k) => [k.id, k.account]));
  (s.arrivals ?? []).forEach((a, i) => {
    if (a.type === 'refresh') {
      const sel = a.sources ?? 'all';
      const ids =
        sel === 'all'
          ? sources.map((x) => x.id)
          : Array.isArray(sel)
            ? sel
            : 'account' in sel
              ? sources.filter((x) => x.account === sel.account).map((x) => x.id)
              : sources.filter((x) => x.connector === sel.connector).map((x) => x.id);
      if (ids.length === 0) checker.at(['arrivals', i, 'sources'], 'selects no sources');
      refreshProcesses.push({ trigger: a.trigger ?? 'api', rate: parseRate(a.rate), sources: ids });
    } else if (a.type === 'linkView') {
      const sel = a.accounts ?? 'all';
      const ids = sel === 'all' ? accounts.map((x) => x.id) : sel.filter((id, k) => needAccount(['arrivals', i, 'accounts', k], id));
      if (sel === 'all' && ids.length === 0) checker.at(['arrivals', i, 'accounts'], 'selects no accounts');
      linkViewProcesses.push({ rate: parseRate(a.rate), accounts: ids });
    } else {
      const sel = a.embeds ?? 'all';
      const ids = sel === 'all' ? embeds.map((e) => e.id) : Array.isArray(sel) ? sel : embeds.filter((e) => klipAccount.get(e.klip) === sel.account).map((e) => e.id);
      if (ids.length === 0) checker.at(['arrivals', i, 'embeds'], 'selects no embeds');
      embedViewProcesses.push({ rate: parseRate(a.rate), embeds: ids });
    }
  });

  const policy = expandPolicy(s, accounts, checker);
  const pools = expandPools(s, connectors, checker);
  if (checker.problems.length > 0) throw new ScenarioError(checker.problems);

  const workers: WorkersSpec =
    s.workers === undefined
      ? { kind: 'fixed', workers: DEFAULTS.workers }
      : typeof s.workers === 'number'
        ? { kind: 'fixed', workers: s.workers }
        : { kind: 'schedule', timezone: s.workers.timezone ?? DEFAULTS.timezone, steps: s.workers.schedule.map((st) => ({ at: parseTimeOfDay(st.at), workers: st.workers })) };
  const name = s.name ?? ctx.defaultName;

  const model: Model = {
    name,
    seed,
    startEpochMs,
    duration,
    warmup: s.warmup === undefined ? DEFAULTS.warmup : sec(s.warmup),
    workers,
    embedTtl: s.embedTtl === undefined ? DEFAULTS.embedTtl : sec(s.embedTtl),
    emailLead: s.emailLead === undefined ? DEFAULTS.emailLead : sec(s.emailLead),
    defer: s.defer === undefined || s.defer === 'until-free' || s.defer.mode === 'until-free' ? { mode: 'until-free' } : { mode: 'fixed', deferFor: sec(s.defer.for) },
    retryLadder: s.retryLadder ? s.retryLadder.map((r) => ({ from: r.from, delay: sec(r.every) })) : DEFAULTS.retryLadder.map((r) => ({ ...r })),
    disableAt: s.disableAt ?? DEFAULTS.disableAt,
    dashboardViewEvery: s.dashboardViewEvery === undefined ? DEFAULTS.dashboardViewEvery : sec(s.dashboardViewEvery),
    tokensPerGoogleUser: s.tokensPerGoogleUser ?? DEFAULTS.tokensPerGoogleUser,
    bucket: s.bucket === undefined ? DEFAULTS.bucket : sec(s.bucket),
    limits,
    connectors,
    accounts,
    users,
    tokens,
    sources,
    klips,
    embeds,
    emails,
    warmUps,
    sessions,
    linkViews,
    embedViews,
    refreshes,
    loginProcesses,
    refreshProcesses,
    embedViewProcesses,
    linkViewProcesses,
    params: {},
  };
  if (policy !== undefined) model.policy = policy;
  if (pools !== undefined) model.pools = pools;
  if (ctx.file !== undefined) model.file = ctx.file;
  if (s.thresholds !== undefined) model.thresholds = s.thresholds as Record<string, unknown>;
  model.params = {
    name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    seed,
    start: new Date(startEpochMs).toISOString(),
    duration: s.duration,
    warmup: s.warmup ?? 0,
    workers: s.workers ?? DEFAULTS.workers,
    embedTtl: s.embedTtl ?? '3h',
    emailLead: s.emailLead ?? '10m',
    defer: s.defer ?? 'until-free',
    disableAt: model.disableAt,
    counts: {
      accounts: accounts.length,
      users: users.length,
      sources: sources.length,
      klips: klips.length,
      embeds: embeds.length,
      emails: emails.length,
      connectors: connectors.length,
      limits: limits.length,
      tokens: tokens.length,
      sessionTraces: sessions.length,
      embedViewTraces: embedViews.length,
      refreshTraces: refreshes.length,
      loginProcesses: loginProcesses.length,
      refreshProcesses: refreshProcesses.length,
      embedViewProcesses: embedViewProcesses.length,
    },
  };
  return model;
}

type GeneratorFields = Omit<ClientGeneratorInput, 'count'> & { googleUsersFrom?: 'own' | 'partner' };

function stripClients(g: GeneratorInput): GeneratorFields {
  const { count: _c, prefix: _p, kind: _k, clients: _cl, ...rest } = g;
  return rest;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
