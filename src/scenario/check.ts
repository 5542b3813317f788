// Checks across fields: references between entities, duplicate ids, and rules one field cannot express.
//
// Runs on the raw data even when the schema found problems, so every problem is reported at once; each
// check therefore looks at the shape of what it reads before trusting it.
import type { Locator } from './locate.js';
import { type PathSegment, type Problem, clip, show } from './problems.js';
import { suggest } from './issues.js';
import { BOUNDS } from './schema.js';
import { CONNECTOR_PRESETS, type ConnectorPresetName } from './presets.js';
import { isValidTimeZone, knownTimeZones } from './timezone.js';
import type { TraceRows } from './traces.js';
import { formatDuration, instantProblem, isInstantText, parseDuration, parseInstant, parseTimeOfDay } from '../vocabulary/index.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const obj = (x: unknown): Obj => (isObj(x) ? x : {});
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
function seconds(x: unknown): number | undefined {
  if (typeof x !== 'number' && typeof x !== 'string') return undefined;
  try {
    return parseDuration(x);
  } catch {
    return undefined;
  }
}

/** Ids by kind, each with where it was declared. */
export interface IdSets {
  accounts: Map<string, { kind: string }>;
  users: Set<string>;
  sources: Set<string>;
  klips: Set<string>;
  embeds: Set<string>;
  connectors: Set<string>;
}

export class Checker {
  readonly problems: Problem[] = [];
  readonly #loc: Locator;

  constructor(locator: Locator) {
    this.#loc = locator;
  }

  at(path: readonly PathSegment[], message: string, key = false): void {
    this.problems.push(this.#loc.problem(path, message, { key }));
  }

  /** "no source `x`" with a did-you-mean from the known ids. */
  missing(path: readonly PathSegment[], what: string, id: string, known: Iterable<string>, key = false): void {
    const pool = [...known];
    const hint = pool.length < 5000 ? suggest(id, pool) : undefined;
    this.at(path, `no ${what} with id "${clip(id)}"${hint ? ` (did you mean "${hint}"?)` : ''}`, key);
  }

  timezone(path: readonly PathSegment[], tz: unknown): void {
    if (typeof tz !== 'string' || tz === '' || isValidTimeZone(tz)) return;
    const hint = suggest(tz, knownTimeZones());
    this.at(path, `unknown time zone ${show(tz)}${hint ? ` (did you mean "${hint}"?)` : ' (expected an IANA name like "America/Toronto" or "UTC")'}`);
  }
}

/** Everything that can be checked before generated entities exist. Returns the explicit ids. */
export function checkScenario(data: unknown, traces: TraceRows, c: Checker): IdSets {
  const d = obj(data);
  const ids: IdSets = { accounts: new Map(), users: new Set(), sources: new Set(), klips: new Set(), embeds: new Set(), connectors: new Set() };

  // --- top-level times
  const duration = seconds(d.duration);
  const warmup = seconds(d.warmup);
  if (duration !== undefined && warmup !== undefined && duration > 0 && warmup >= duration) {
    c.at(['warmup'], `must be shorter than the duration (${show(d.warmup)} >= duration ${show(d.duration)})`);
  }
  if (typeof d.start === 'string' && isInstantText(d.start)) {
    try {
      parseInstant(d.start);
    } catch (e) {
      c.at(['start'], (e as Error).message);
    }
  }
  if (isObj(d.workers)) {
    c.timezone(['workers', 'timezone'], d.workers.timezone);
    let prev = -1;
    let any = false;
    list(d.workers.schedule).forEach((step, i) => {
      const at = str(obj(step).at);
      if (typeof obj(step).workers === 'number' && (obj(step).workers as number) > 0) any = true;
      if (!at) return;
      let t: number;
      try {
        t = parseTimeOfDay(at);
      } catch {
        return;
      }
      if (t <= prev) c.at(['workers', 'schedule', i, 'at'], `steps must be in increasing time of day (${show(at)} comes after an equal or later step)`);
      prev = t;
    });
    if (!any && list(d.workers.schedule).length > 0) c.at(['workers', 'schedule'], 'every step has 0 workers: nothing would ever be refreshed');
  }
  let prevFrom = 0;
  list(d.retryLadder).forEach((step, i) => {
    const from = obj(step).from;
    if (typeof from !== 'number') return;
    if (i === 0 && from !== 1) c.at(['retryLadder', 0, 'from'], `the first step must start at failure 1 (got ${from})`);
    else if (i > 0 && from <= prevFrom) c.at(['retryLadder', i, 'from'], `steps must start at increasing failure counts (${from} after ${prevFrom})`);
    prevFrom = from;
  });
  if (typeof d.disableAt === 'number' && prevFrom >= d.disableAt) {
    c.at(['disableAt'], `a source is disabled at failure ${d.disableAt}, before the retry ladder's last step (from ${prevFrom})`);
  }

  // --- limits and connectors
  const limits = obj(d.limits);
  for (const [id, raw] of Object.entries(limits)) {
    const l = obj(raw);
    c.timezone(['limits', id, 'timezone'], l.timezone);
    if (l.kind === 'window' && l.type !== 'fixed') {
      if (l.resetAt !== undefined) c.at(['limits', id, 'resetAt'], 'applies only to fixed windows (add `type: fixed`)', true);
      if (l.timezone !== undefined) c.at(['limits', id, 'timezone'], 'applies only to fixed windows (add `type: fixed`)', true);
    }
  }
  const connectors = obj(d.connectors);
  const connectorScopes = new Map<string, Set<string>>();
  for (const [id, raw] of Object.entries(connectors)) {
    ids.connectors.add(id);
    const conn = obj(raw);
    const scopes = new Set<string>();
    const preset = str(conn.preset);
    if (preset && Object.hasOwn(CONNECTOR_PRESETS, preset)) {
      for (const l of CONNECTOR_PRESETS[preset as ConnectorPresetName].limits) scopes.add(l.scope);
      for (const l of CONNECTOR_PRESETS[preset as ConnectorPresetName].limits) {
        if (Object.hasOwn(limits, `${id}.${l.suffix}`)) c.at(['limits', `${id}.${l.suffix}`], `clashes with the limit the preset "${preset}" of connector \`${id}\` adds under this id`, true);
      }
    }
    list(conn.limits).forEach((ref, i) => {
      if (typeof ref !== 'string') return;
      if (!Object.hasOwn(limits, ref)) c.missing(['connectors', id, 'limits', i], 'limit', ref, Object.keys(limits));
      else scopes.add(String(obj(limits[ref]).scope));
    });
    connectorScopes.set(id, scopes);
  }

  // --- accounts, first pass: ids and kinds (partners may be declared after their clients)
  const accounts = list(d.accounts);
  const seen = (set: Set<string> | Map<string, unknown>, path: PathSegment[], what: string, id: unknown): void => {
    if (typeof id !== 'string') return;
    if (set.has(id)) c.at(path, `duplicate ${what} id "${clip(id)}" (ids must be unique across the scenario)`);
    else if (set instanceof Set) set.add(id);
  };
  accounts.forEach((raw, i) => {
    const a = obj(raw);
    const id = str(a.id);
    if (id === undefined) return;
    if (ids.accounts.has(id)) c.at(['accounts', i, 'id'], `duplicate account id "${clip(id)}" (ids must be unique across the scenario)`);
    else ids.accounts.set(id, { kind: str(a.kind) ?? 'standard' });
  });

  // every declared token's Google user, to check the sources that use it agree
  const tokenUsers = new Map<string, string | undefined>();
  const tokenSeen = new Set<string>();
  accounts.forEach((raw, i) => {
    const a = obj(raw);
    const base: PathSegment[] = ['accounts', i];
    c.timezone([...base, 'timezone'], a.timezone);
    const kind = str(a.kind) ?? 'standard';
    const partner = str(a.partner);
    if (kind === 'client') {
      if (partner === undefined) c.at([...base, 'kind'], 'a client account needs `partner: <id of a partner account>`');
      else if (!ids.accounts.has(partner)) c.missing([...base, 'partner'], 'account', partner, ids.accounts.keys());
      else if (ids.accounts.get(partner)!.kind !== 'partner') c.at([...base, 'partner'], `account "${partner}" is of kind "${ids.accounts.get(partner)!.kind}", expected kind "partner"`);
    } else if (partner !== undefined) {
      c.at([...base, 'partner'], `only client accounts have a partner (this account is of kind "${kind}"; add \`kind: client\`)`, true);
    }
    const users = list(a.users);
    users.forEach((u, j) => seen(ids.users, typeof u === 'string' ? [...base, 'users', j] : [...base, 'users', j, 'id'], 'user', typeof u === 'string' ? u : obj(u).id));
    if (isObj(a.logins)) checkLogins(c, [...base, 'logins'], a.logins, users.length);
    list(a.tokens).forEach((t, j) => {
      const tid = str(obj(t).id);
      if (!tid) return;
      seen(tokenSeen, [...base, 'tokens', j, 'id'], 'token', tid);
      tokenUsers.set(tid, str(obj(t).googleUser));
    });
    list(a.sources).forEach((s, j) => seen(ids.sources, [...base, 'sources', j, 'id'], 'source', obj(s).id));
    list(a.klips).forEach((k, j) => seen(ids.klips, [...base, 'klips', j, 'id'], 'Klip', obj(k).id));
    list(a.embeds).forEach((e, j) => seen(ids.embeds, [...base, 'embeds', j, 'id'], 'embed', obj(e).id));
  });
  const emailIds = new Set<string>();
  accounts.forEach((raw, i) => {
    const a = obj(raw);
    const base: PathSegment[] = ['accounts', i];
    list(a.sources).forEach((rawSource, j) => {
      const s = obj(rawSource);
      const sp: PathSegment[] = [...base, 'sources', j];
      const conn = str(s.connector);
      if (conn === undefined) return;
      if (!ids.connectors.has(conn)) {
        c.missing([...sp, 'connector'], 'connector', conn, ids.connectors);
        return;
      }
      const scopes = connectorScopes.get(conn)!;
      const need: [string, string][] = [['token', 'token'], ['gaProfile', 'gaProfile'], ['googleUser', 'googleUser']];
      for (const [scope, field] of need) {
        if (scopes.has(scope) && s[field] === undefined && !(field === 'googleUser' && s.token !== undefined && tokenUsers.get(String(s.token)))) {
          c.at(sp, `connector \`${conn}\` has a limit counted per ${scope}, so this source needs \`${field}\``);
        }
      }
      const tok = str(s.token);
      const gu = str(s.googleUser);
      if (tok && gu && tokenUsers.has(tok) && tokenUsers.get(tok) !== undefined && tokenUsers.get(tok) !== gu) {
        c.at([...sp, 'googleUser'], `token "${tok}" belongs to Google user "${tokenUsers.get(tok)}", not "${gu}"`);
      }
    });
    list(a.klips).forEach((k, j) =>
      list(obj(k).sources).forEach((sid, n) => {
        if (typeof sid === 'string' && !ids.sources.has(sid)) c.missing([...base, 'klips', j, 'sources', n], 'source', sid, ids.sources);
      }),
    );
    list(a.embeds).forEach((e, j) => {
      const kid = obj(e).klip;
      if (typeof kid === 'string' && !ids.klips.has(kid)) c.missing([...base, 'embeds', j, 'klip'], 'Klip', kid, ids.klips);
    });
    list(a.emails).forEach((e, j) => {
      seen(emailIds, [...base, 'emails', j, 'id'], 'e-mail report', obj(e).id);
      list(obj(e).klips).forEach((kid, n) => {
        if (typeof kid === 'string' && !ids.klips.has(kid)) c.missing([...base, 'emails', j, 'klips', n], 'Klip', kid, ids.klips);
      });
    });
  });

  // --- generators
  const prefixes = new Set<string>();
  list(d.generate).forEach((raw, i) => {
    const g = obj(raw);
    const base: PathSegment[] = ['generate', i];
    const prefix = str(g.prefix);
    if (prefix !== undefined) {
      if (prefixes.has(prefix)) c.at([...base, 'prefix'], `duplicate prefix "${prefix}" (generated ids would clash)`);
      prefixes.add(prefix);
      if (ids.accounts.has(prefix) || [...ids.accounts.keys()].some((a) => a.startsWith(`${prefix}-`))) {
        c.at([...base, 'prefix'], `explicit accounts already use ids starting with "${prefix}"; pick another prefix`);
      }
    }
    checkGenerator(c, base, g, ids);
    if (g.clients !== undefined) {
      if (g.kind !== 'partner') c.at([...base, 'clients'], 'only `kind: partner` generators can have clients', true);
      if (isObj(g.clients)) checkGenerator(c, [...base, 'clients'], g.clients, ids);
    }
  });

  // --- traces and arrivals against the explicit ids (ids that look generated are checked after generation)
  const maybeGenerated = (id: string): boolean => [...prefixes].some((p) => id.startsWith(`${p}-`));
  checkReferences(d, traces, c, ids, maybeGenerated);
  return ids;
}

function checkLogins(c: Checker, base: PathSegment[], logins: Obj, userCount: number | undefined): void {
  if (userCount === 0 && typeof logins.perUserPerDay === 'number' && logins.perUserPerDay > 0) {
    c.at([...base, 'perUserPerDay'], 'logins are set but the account has no users (add `users:`)');
  }
  for (const key of ['hourWeights', 'dayWeights']) {
    const w = logins[key];
    if (Array.isArray(w) && w.length > 0 && w.every((x) => x === 0)) c.at([...base, key], 'all weights are 0: nobody would ever log in (use perUserPerDay: 0 for that)');
  }
  if (logins.days !== undefined && logins.dayWeights !== undefined) c.at([...base, 'days'], 'give either `days` or `dayWeights`, not both', true);
}

function checkRange(c: Checker, path: PathSegment[], r: unknown): void {
  if (isObj(r) && typeof r.min === 'number' && typeof r.max === 'number' && r.min > r.max) {
    c.at([...path, 'max'], `must not be below min (${r.max} < ${r.min})`);
  }
}

function checkGenerator(c: Checker, base: PathSegment[], g: Obj, ids: IdSets): void {
  if (Array.isArray(g.timezone)) g.timezone.forEach((tz, k) => c.timezone([...base, 'timezone', k], tz));
  else c.timezone([...base, 'timezone'], g.timezone);
  for (const key of ['count', 'users', 'sources', 'klips', 'klipSources', 'googleUsers', 'gaProfiles']) checkRange(c, [...base, key], g[key]);
  if (isObj(g.emails)) checkRange(c, [...base, 'emails', 'klips'], g.emails.klips);
  if (isObj(g.klipSources) ? g.klipSources.min === 0 : g.klipSources === 0) c.at([...base, 'klipSources'], 'a Klip needs at least 1 source');
  if (isObj(g.intervals)) {
    const entries = Object.entries(g.intervals);
    for (const [key] of entries) {
      if (key === 'manual' || key === 'none') continue;
      const s = seconds(key);
      if (s === undefined) c.at([...base, 'intervals', key], `expected an interval like "15m", "1h" or "manual" as the key (got "${key}")`, true);
      else if (s < 60) c.at([...base, 'intervals', key], `must be at least 1m (the shortest refresh interval the product allows) (got "${key}")`, true);
      else if (s > BOUNDS.durationSeconds) c.at([...base, 'intervals', key], `must be at most ${formatDuration(BOUNDS.durationSeconds)} (100 years) (got "${key}")`, true);
    }
    if (entries.length > 0 && entries.every(([, w]) => w === 0)) c.at([...base, 'intervals'], 'all weights are 0');
  }
  if (isObj(g.connectors)) {
    const entries = Object.entries(g.connectors);
    for (const [key] of entries) if (!ids.connectors.has(key)) c.missing([...base, 'connectors', key], 'connector', key, ids.connectors, true);
    if (entries.length > 0 && entries.every(([, w]) => w === 0)) c.at([...base, 'connectors'], 'all weights are 0');
    if (entries.length === 0) c.at([...base, 'connectors'], 'give at least one connector with a weight');
  } else if (g.connectors === undefined && ids.connectors.size !== 1 && !base.includes('clients')) {
    const n = ids.connectors.size;
    if (!(isObj(g.sources) ? g.sources.max === 0 : g.sources === 0)) {
      c.at(base, n === 0 ? 'generated sources need a connector: declare one under `connectors:`' : `give \`connectors:\` with weights (the scenario has ${n} connectors to choose from)`);
    }
  }
  if (isObj(g.logins)) checkLogins(c, [...base, 'logins'], g.logins, isObj(g.users) ? (g.users.max as number) : (g.users as number | undefined));
}

/** Trace rows and arrival selections must name existing users, sources, embeds, accounts and connectors. */
export function checkReferences(d: Obj, traces: TraceRows, c: Checker, ids: IdSets, maybeGenerated: (id: string) => boolean): void {
  const ref = (row: { problem(f: string, m: string): Problem }, field: string, what: string, set: Set<string>, value: unknown): void => {
    if (typeof value !== 'string') return; // the schema (or the CSV header check) reported it
    if (set.has(value) || maybeGenerated(value)) return;
    const hint = set.size < 5000 ? suggest(value, [...set]) : undefined;
    c.problems.push(row.problem(field, `no ${what} with id "${clip(value)}"${hint ? ` (did you mean "${hint}"?)` : ''}`));
  };
  const at = (row: { problem(f: string, m: string): Problem }, field: string, value: unknown, positive: boolean, fromCsv: boolean): void => {
    if (typeof value === 'string' && isInstantText(value)) {
      // an ISO instant: it must be a real calendar moment; before-start is checked at expansion
      const problem = instantProblem(value);
      if (problem !== undefined) c.problems.push(row.problem(field, problem));
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number') return;
    if (positive && !fromCsv) return; // the schema checks durations in the scenario itself
    const s = seconds(value);
    if (s === undefined && !fromCsv) return; // the schema reported it
    if (s === undefined) c.problems.push(row.problem(field, `expected ${positive ? 'a duration like "30m"' : 'a time after the start like "90m", or an ISO time'} (got ${show(value)})`));
    else if (positive ? s <= 0 : s < 0) c.problems.push(row.problem(field, `must be ${positive ? 'positive' : 'at or after the start (not negative)'} (got ${show(value)})`));
    else if (s > BOUNDS.durationSeconds && (fromCsv || typeof value === 'string')) c.problems.push(row.problem(field, `must be at most ${formatDuration(BOUNDS.durationSeconds)} (100 years) (got ${show(value)})`));
  };
  const csv = (kind: string): boolean => typeof obj(d.traces)[kind] === 'string';
  list(obj(d.traces).linkViews).forEach((v, i) => {
    const at = obj(v).at;
    const problem = typeof at === 'string' && isInstantText(at) ? instantProblem(at) : undefined;
    if (problem !== undefined) c.at(['traces', 'linkViews', i, 'at'], problem);
  });
  for (const row of traces.sessions) {
    ref(row, 'user', 'user', ids.users, row.fields.user);
    at(row, 'at', row.fields.at, false, csv('sessions'));
    at(row, 'duration', row.fields.duration, true, csv('sessions'));
  }
  for (const row of traces.embedViews) {
    ref(row, 'embed', 'embed', ids.embeds, row.fields.embed);
    at(row, 'at', row.fields.at, false, csv('embedViews'));
  }
  for (const row of traces.refreshes) {
    ref(row, 'source', 'source', ids.sources, row.fields.source);
    at(row, 'at', row.fields.at, false, csv('refreshes'));
    const trig = row.fields.trigger;
    if (csv('refreshes') && trig !== undefined && trig !== '' && trig !== 'manual' && trig !== 'api') {
      c.problems.push(row.problem('trigger', `expected "manual" or "api" (got ${show(trig)})`));
    }
  }
  const accountIds = new Set(ids.accounts.keys());
  list(d.arrivals).forEach((raw, i) => {
    const a = obj(raw);
    const base: PathSegment[] = ['arrivals', i];
    const sel = a.type === 'embedView' ? a.embeds : a.sources;
    const selKey = a.type === 'embedView' ? 'embeds' : 'sources';
    const set = a.type === 'embedView' ? ids.embeds : ids.sources;
    const what = a.type === 'embedView' ? 'embed' : 'source';
    if (Array.isArray(sel)) {
      sel.forEach((id, k) => {
        if (typeof id === 'string' && !set.has(id) && !maybeGenerated(id)) c.missing([...base, selKey, k], what, id, set);
      });
    } else if (isObj(sel)) {
      if (typeof sel.account === 'string' && !accountIds.has(sel.account) && !maybeGenerated(sel.account)) c.missing([...base, selKey, 'account'], 'account', sel.account, accountIds);
      if (typeof sel.connector === 'string' && !ids.connectors.has(sel.connector)) c.missing([...base, selKey, 'connector'], 'connector', sel.connector, ids.connectors);
    }
  });
}

