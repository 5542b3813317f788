// Explicit accounts and what they hold (users, tokens, sources, Klips, embeds, e-mails, logins), and the token list.
import type {
  AccountSpec,
  EmailSpec,
  EmbedSpec,
  KlipSpec,
  LoginProcess,
  SourceSpec,
  TokenSpec,
  UserSpec,
  WarmUpSpec,
} from '../model.js';
import { DAY_SETS, type DaySetName, DEFAULTS, LOGIN_PROFILES, type LoginProfileName } from '../presets.js';
import type { LoginsInput, ScenarioInput } from '../schema.js';
import { type DistFiles, type SendTimes, normaliseMeanOne, sec, toDist, toInterval } from './common.js';

export interface DeclaredToken {
  id: string;
  googleUser?: string;
  createdAt?: number;
}

/** The entities of the model, filled by the explicit accounts and then by the generators. */
export interface Entities {
  accounts: AccountSpec[];
  users: UserSpec[];
  sources: SourceSpec[];
  klips: KlipSpec[];
  embeds: EmbedSpec[];
  emails: EmailSpec[];
  warmUps: WarmUpSpec[];
  loginProcesses: LoginProcess[];
  declaredTokens: DeclaredToken[];
}

export function emptyEntities(): Entities {
  return { accounts: [], users: [], sources: [], klips: [], embeds: [], emails: [], warmUps: [], loginProcesses: [], declaredTokens: [] };
}

export type LoginShape = Omit<LoginProcess, 'account' | 'users'>;

/** What a `logins:` block means, apart from whose logins they are (shared, read-only, by every account it covers). */
export function loginShape(l: LoginsInput, files: DistFiles): LoginShape {
  const profile = LOGIN_PROFILES[(l.profile ?? DEFAULTS.loginProfile) as LoginProfileName];
  const dayWeights = l.dayWeights ?? (l.days ? [0, 1, 2, 3, 4, 5, 6].map((d) => (DAY_SETS[l.days as DaySetName].includes(d) ? 1 : 0)) : profile.days);
  return {
    perUserPerDay: l.perUserPerDay,
    hourWeights: normaliseMeanOne(l.hourWeights ?? profile.hours),
    dayWeights: normaliseMeanOne(dayWeights),
    sessionLength: l.sessionLength !== undefined ? toDist(l.sessionLength, files) : DEFAULTS.sessionLength,
  };
}

export function loginProcess(account: string, users: string[], shape: LoginShape): LoginProcess {
  return { account, users, ...shape };
}

type AccountInput = NonNullable<ScenarioInput['accounts']>[number];

function explicitSources(a: AccountInput): SourceSpec[] {
  const tokenUser = new Map((a.tokens ?? []).map((t) => [t.id, t.googleUser]));
  return (a.sources ?? []).map((src) => {
    const spec: SourceSpec = { id: src.id, account: a.id, connector: src.connector, interval: toInterval(src.interval) };
    if (src.token !== undefined) spec.token = src.token;
    if (src.gaProfile !== undefined) spec.gaProfile = src.gaProfile;
    // a source with a declared token uses that token's Google user unless it names its own
    const gu = src.googleUser ?? (src.token !== undefined ? tokenUser.get(src.token) : undefined);
    if (gu !== undefined) spec.googleUser = gu;
    if (src.cost !== undefined) spec.cost = src.cost;
    if (src.dataAge !== undefined) spec.dataAsOf = -sec(src.dataAge);
    return spec;
  });
}

/** The `accounts:` block added to `out`. */
export function expandAccounts(input: ScenarioInput['accounts'], sendTimes: SendTimes, files: DistFiles, out: Entities): void {
  for (const a of input ?? []) {
    const timezone = a.timezone ?? DEFAULTS.timezone;
    const kind = a.kind ?? DEFAULTS.accountKind;
    out.accounts.push(a.partner !== undefined ? { id: a.id, kind, partner: a.partner, timezone } : { id: a.id, kind, timezone });
    const userIds = (a.users ?? []).map((u) => (typeof u === 'string' ? u : u.id));
    for (const u of userIds) out.users.push({ id: u, account: a.id });
    for (const t of a.tokens ?? []) out.declaredTokens.push({ id: t.id, googleUser: t.googleUser, createdAt: t.createdAt === undefined ? undefined : sec(t.createdAt) });
    out.sources.push(...explicitSources(a));
    for (const k of a.klips ?? []) out.klips.push({ id: k.id, account: a.id, sources: k.sources });
    for (const e of a.embeds ?? []) out.embeds.push({ id: e.id, klip: e.klip });
    for (const e of a.emails ?? []) out.emails.push({ id: e.id, account: a.id, klips: e.klips, sendAt: sendTimes(timezone, e.at, e.days) });
    if (a.logins && userIds.length > 0) out.loginProcesses.push(loginProcess(a.id, userIds, loginShape(a.logins, files)));
    if (a.warmUpAt !== undefined) out.warmUps.push({ account: a.id, at: sendTimes(timezone, a.warmUpAt, a.warmUpDays) });
  }
}

/**
 * Every token: the declared ones first, then every other token in order of first use by a source. Older
 * tokens have smaller `createdAt` (undeclared ones before the start, in that order).
 */
export function collectTokens(declared: readonly DeclaredToken[], sources: readonly SourceSpec[]): TokenSpec[] {
  const byId = new Map<string, { googleUser?: string; createdAt?: number }>();
  for (const t of declared) byId.set(t.id, { googleUser: t.googleUser, createdAt: t.createdAt });
  for (const src of sources) {
    if (src.token === undefined) continue;
    const known = byId.get(src.token);
    if (!known) byId.set(src.token, { googleUser: src.googleUser });
    else if (known.googleUser === undefined && src.googleUser !== undefined) known.googleUser = src.googleUser;
  }
  const tokens: TokenSpec[] = [];
  let order = 0;
  const n = byId.size;
  for (const [id, t] of byId) {
    const spec: TokenSpec = { id, createdAt: t.createdAt ?? order - n };
    if (t.googleUser !== undefined) spec.googleUser = t.googleUser;
    tokens.push(spec);
    order++;
  }
  return tokens;
}
