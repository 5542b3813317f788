// Checks of `generate:` entries: prefixes, ranges, weights, connectors, logins, and explicit ids a prefix could produce.
import { formatDuration } from '../../vocabulary/index.js';
import type { PathSegment } from '../problems.js';
import { BOUNDS } from '../schema.js';
import { type Checker, type IdSets, type Obj, type Suspect, isObj, list, obj, seconds, str } from './checker.js';

export function checkLogins(c: Checker, base: PathSegment[], logins: Obj, userCount: number | undefined): void {
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

function checkIntervals(c: Checker, base: PathSegment[], intervals: Obj): void {
  const entries = Object.entries(intervals);
  for (const [key] of entries) {
    if (key === 'manual' || key === 'none') continue;
    const s = seconds(key);
    if (s === undefined) c.at([...base, 'intervals', key], `expected an interval like "15m", "1h" or "manual" as the key (got "${key}")`, true);
    else if (s < 60) c.at([...base, 'intervals', key], `must be at least 1m (the shortest refresh interval the product allows) (got "${key}")`, true);
    else if (s > BOUNDS.durationSeconds) c.at([...base, 'intervals', key], `must be at most ${formatDuration(BOUNDS.durationSeconds)} (100 years) (got "${key}")`, true);
  }
  if (entries.length > 0 && entries.every(([, w]) => w === 0)) c.at([...base, 'intervals'], 'all weights are 0');
}

function checkGeneratorConnectors(c: Checker, base: PathSegment[], g: Obj, ids: IdSets): void {
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
}

function checkGenerator(c: Checker, base: PathSegment[], g: Obj, ids: IdSets): void {
  if (Array.isArray(g.timezone)) g.timezone.forEach((tz, k) => c.timezone([...base, 'timezone', k], tz));
  else c.timezone([...base, 'timezone'], g.timezone);
  for (const key of ['count', 'users', 'sources', 'klips', 'klipSources', 'googleUsers', 'gaProfiles']) checkRange(c, [...base, key], g[key]);
  if (isObj(g.emails)) checkRange(c, [...base, 'emails', 'klips'], g.emails.klips);
  if (isObj(g.klipSources) ? g.klipSources.min === 0 : g.klipSources === 0) c.at([...base, 'klipSources'], 'a Klip needs at least 1 source');
  if (isObj(g.intervals)) checkIntervals(c, base, g.intervals);
  checkGeneratorConnectors(c, base, g, ids);
  if (isObj(g.logins)) checkLogins(c, [...base, 'logins'], g.logins, isObj(g.users) ? (g.users.max as number) : (g.users as number | undefined));
}

/**
 * Explicit user, source, Klip and embed ids under a generator's prefix (`<prefix>-...`). Generated ids never
 * clash with each other (one prefix each, fixed-width numbers), so only these few can clash; whether they
 * do depends on the generator's draws, and is settled once the entities exist (check/generated.ts).
 */
function suspects(prefixes: readonly (string | undefined)[], ids: IdSets): Suspect[] {
  const out: Suspect[] = [];
  prefixes.forEach((p, generator) => {
    if (p === undefined) return;
    for (const kind of ['users', 'sources', 'klips', 'embeds'] as const) {
      // the shape of this generator's ids: <prefix>-<n>[-c<n>].<letter><n>
      const shape = new RegExp(`^\\d+(?:-c\\d+)?\\.${kind[0]}\\d+$`);
      for (const id of ids[kind]) if (id.startsWith(`${p}-`) && shape.test(id.slice(p.length + 1))) out.push({ kind, id, generator });
    }
  });
  return out;
}

/** Returns the generators' prefixes (for ids that look generated). */
export function checkGenerators(c: Checker, d: Obj, ids: IdSets): string[] {
  const prefixes = new Set<string>();
  const byIndex: (string | undefined)[] = [];
  list(d.generate).forEach((raw, i) => {
    const g = obj(raw);
    const base: PathSegment[] = ['generate', i];
    const prefix = str(g.prefix);
    byIndex.push(prefix !== undefined && !prefixes.has(prefix) ? prefix : undefined);
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
  c.suspects.push(...suspects(byIndex, ids));
  return [...prefixes];
}
