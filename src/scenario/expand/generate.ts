// Generated accounts: `generate:` entries become accounts, users, sources, Klips, embeds, e-mails and logins.
//
// Generated ids are unique by construction: each generator has its own prefix (checked), account numbers
// are zero-padded to one width per generator, and every entity id is its account's id plus a kind letter
// and a number. Clashes with explicit ids are found by the checks (check/generated.ts), so no id set is
// built here: at a million sources a set of strings was most of the start-up time.
import { type Rng, stream } from '../../engine/random.js';
import type { AccountKind, LimitScope, SourceSpec } from '../model.js';
import { DEFAULTS } from '../presets.js';
import type { ClientGeneratorInput, GeneratorInput, ScenarioInput } from '../schema.js';
import { type DistFiles, type SendTimes, Weighted, drawInt, pad, sample, sec } from './common.js';
import { type Entities, type LoginShape, loginProcess, loginShape } from './accounts.js';

type GeneratorFields = Omit<ClientGeneratorInput, 'count'> & { googleUsersFrom?: 'own' | 'partner' };

/** What every account of one generator (or of its clients) shares, prepared once. */
interface Shape {
  f: GeneratorFields;
  zones: readonly string[];
  connectorPick: Weighted<string>;
  intervalPick: Weighted<number | null>;
  logins: LoginShape | undefined;
}

interface Run {
  rng: Rng;
  out: Entities;
  scopes: ReadonlyMap<string, ReadonlySet<LimitScope>>;
  sendTimes: SendTimes;
}

function shapeOf(f: GeneratorFields, connectorIds: readonly string[], files: DistFiles): Shape {
  return {
    logins: f.logins ? loginShape(f.logins, files) : undefined,
    f,
    zones: f.timezone === undefined ? [DEFAULTS.timezone] : typeof f.timezone === 'string' ? [f.timezone] : f.timezone,
    connectorPick: new Weighted<string>(f.connectors ? Object.entries(f.connectors) : connectorIds.map((c) => [c, 1])),
    intervalPick: new Weighted<number | null>(Object.entries(f.intervals ?? DEFAULTS.generatedIntervals).map(([k, w]) => [k === 'manual' || k === 'none' ? null : sec(k), w])),
  };
}

/** Sources of one account; GA-like connectors get a profile, a Google user and one token per (account, Google user). */
function generateSources(run: Run, shape: Shape, account: string, googleUsers: readonly string[], nProfiles: number): string[] {
  const { rng, out } = run;
  const { f } = shape;
  const n = drawInt(rng, f.sources, DEFAULTS.generatedSources);
  const ids: string[] = [];
  // one string per token and per GA profile of the account, shared by its sources: a million sources
  // then hold tens of thousands of key strings, each hashed once by the Maps that look them up
  const userTokens: string[] = [];
  const profiles: string[] = [];
  const connectorTokens = new Map<string, string>();
  for (let k = 1; k <= n; k++) {
    const id = `${account}.s${k}`;
    const connector = shape.connectorPick.pick(rng);
    const interval = shape.intervalPick.pick(rng);
    const spec: SourceSpec = { id, account, connector, interval };
    const scopes = run.scopes.get(connector)!;
    if (scopes.has('gaProfile') || scopes.has('googleUser')) {
      const u = Math.floor(rng.next() * googleUsers.length);
      const p = Math.floor(rng.next() * nProfiles);
      spec.gaProfile = profiles[p] ??= `${account}.ga${1 + p}`;
      spec.googleUser = googleUsers[u];
      spec.token = userTokens[u] ??= `${account}.tok.${googleUsers[u]}`;
    } else if (scopes.has('token')) {
      let token = connectorTokens.get(connector);
      if (token === undefined) connectorTokens.set(connector, (token = `${account}.tok.${connector}`));
      spec.token = token;
    }
    if (f.dataAge === 'interval') {
      if (interval !== null) spec.dataAsOf = -rng.next() * interval;
    } else if (f.dataAge !== undefined) {
      spec.dataAsOf = -sec(f.dataAge);
    }
    out.sources.push(spec);
    ids.push(id);
  }
  return ids;
}

/** Klips over the account's sources, each maybe embedded; returns the Klip ids. */
function generateKlips(run: Run, f: GeneratorFields, account: string, sourceIds: readonly string[]): string[] {
  const { rng, out } = run;
  const ids: string[] = [];
  if (sourceIds.length === 0) return ids;
  const nKlips = drawInt(rng, f.klips, Math.max(1, Math.round(sourceIds.length / 2)));
  for (let k = 1; k <= nKlips; k++) {
    const id = `${account}.k${k}`;
    // the default count is drawn even when `klipSources` is given: the stream's order is part of the seed
    const fallback = 1 + Math.floor(rng.next() * 3);
    const n = Math.min(sourceIds.length, Math.max(1, drawInt(rng, f.klipSources, fallback)));
    out.klips.push({ id, account, sources: sample(rng, sourceIds.length, n).map((j) => sourceIds[j]) });
    ids.push(id);
    if (f.embeds && rng.next() < f.embeds.probability) out.embeds.push({ id: `${account}.e${k}`, klip: id });
  }
  return ids;
}

function generateEmail(run: Run, f: GeneratorFields, account: string, timezone: string, klipIds: readonly string[]): void {
  const { rng } = run;
  if (!f.emails || klipIds.length === 0 || !(rng.next() < f.emails.probability)) return;
  const fallback = 1 + Math.floor(rng.next() * 3);
  const n = Math.min(klipIds.length, Math.max(1, drawInt(rng, f.emails.klips, fallback)));
  const klips = sample(rng, klipIds.length, n).map((j) => klipIds[j]);
  run.out.emails.push({ id: `${account}.mail1`, account, klips, sendAt: run.sendTimes(timezone, f.emails.at, f.emails.days) });
}

/** One generated account and everything in it; returns its own Google users (its clients may share them). */
function generateAccount(run: Run, shape: Shape, id: string, kind: AccountKind, partner: string | undefined, index: number, partnerGoogleUsers?: readonly string[]): string[] {
  const { rng, out } = run;
  const { f } = shape;
  const timezone = shape.zones[index % shape.zones.length];
  out.accounts.push(partner !== undefined ? { id, kind, partner, timezone } : { id, kind, timezone });
  const userIds: string[] = [];
  const nUsers = drawInt(rng, f.users, DEFAULTS.generatedUsers);
  for (let k = 1; k <= nUsers; k++) {
    const user = `${id}.u${k}`;
    userIds.push(user);
    out.users.push({ id: user, account: id });
  }
  const nGoogleUsers = Math.max(1, drawInt(rng, f.googleUsers, DEFAULTS.generatedGoogleUsers));
  const ownGoogleUsers = Array.from({ length: nGoogleUsers }, (_, k) => `${id}.g${k + 1}`);
  const googleUsers = f.googleUsersFrom === 'partner' && partnerGoogleUsers?.length ? partnerGoogleUsers : ownGoogleUsers;
  const nProfiles = Math.max(1, drawInt(rng, f.gaProfiles, DEFAULTS.generatedGaProfiles));
  const sourceIds = generateSources(run, shape, id, googleUsers, nProfiles);
  const klipIds = generateKlips(run, f, id, sourceIds);
  generateEmail(run, f, id, timezone, klipIds);
  if (shape.logins && userIds.length > 0) out.loginProcesses.push(loginProcess(id, userIds, shape.logins));
  if (f.warmUpAt !== undefined) out.warmUps.push({ account: id, at: run.sendTimes(timezone, f.warmUpAt, f.warmUpDays) });
  return ownGoogleUsers;
}

/** A partner generator's clients: the partner's fields, overridden by those given under `clients:`. */
function clientShape(g: GeneratorInput, connectorIds: readonly string[], files: DistFiles): Shape | undefined {
  if (!g.clients) return undefined;
  const { count: _count, ...clientFields } = g.clients;
  const { count: _c, prefix: _p, kind: _k, clients: _cl, ...own } = g;
  return shapeOf({ ...own, ...definedOnly(clientFields) }, connectorIds, files);
}

export interface GenerateInputs {
  seed: number;
  scopes: ReadonlyMap<string, ReadonlySet<LimitScope>>;
  sendTimes: SendTimes;
  files: DistFiles;
}

/** Every `generate:` entry added to `out`, each from its own random stream `generate/<prefix>`. */
export function generateEntities(generators: ScenarioInput['generate'], inputs: GenerateInputs, out: Entities): void {
  const connectorIds = [...inputs.scopes.keys()];
  for (const g of generators ?? []) {
    const run: Run = { rng: stream(inputs.seed, `generate/${g.prefix}`), out, scopes: inputs.scopes, sendTimes: inputs.sendTimes };
    const shape = shapeOf(g, connectorIds, inputs.files);
    const clients = clientShape(g, connectorIds, inputs.files);
    const kind: AccountKind = g.kind ?? DEFAULTS.accountKind;
    for (let i = 0; i < g.count; i++) {
      const id = `${g.prefix}-${pad(i + 1, g.count)}`;
      const googleUsers = generateAccount(run, shape, id, kind, undefined, i);
      if (!clients || !g.clients) continue;
      const n = drawInt(run.rng, g.clients.count, 0);
      for (let j = 0; j < n; j++) generateAccount(run, clients, `${id}-c${pad(j + 1, n)}`, 'client', id, i * 1000 + j, googleUsers);
    }
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
