// Checks of explicit accounts: unique ids, partners and clients, tokens, and what sources, Klips, embeds and e-mails name.
import { type PathSegment, clip } from '../problems.js';
import { type Checker, type IdSets, type Obj, isObj, list, obj, str } from './checker.js';
import { checkLogins } from './generators.js';

type Seen = (set: Set<string>, path: PathSegment[], what: string, id: unknown) => void;

function seenIn(c: Checker): Seen {
  return (set, path, what, id) => {
    if (typeof id !== 'string') return;
    if (set.has(id)) c.at(path, `duplicate ${what} id "${clip(id)}" (ids must be unique across the scenario)`);
    else set.add(id);
  };
}

/** Account ids and kinds first: partners may be declared after their clients. */
function collectAccountIds(c: Checker, accounts: unknown[], ids: IdSets): void {
  accounts.forEach((raw, i) => {
    const a = obj(raw);
    const id = str(a.id);
    if (id === undefined) return;
    if (ids.accounts.has(id)) c.at(['accounts', i, 'id'], `duplicate account id "${clip(id)}" (ids must be unique across the scenario)`);
    else ids.accounts.set(id, { kind: str(a.kind) ?? 'standard' });
  });
}

function checkPartner(c: Checker, base: PathSegment[], a: Obj, ids: IdSets): void {
  const kind = str(a.kind) ?? 'standard';
  const partner = str(a.partner);
  if (kind === 'client') {
    if (partner === undefined) c.at([...base, 'kind'], 'a client account needs `partner: <id of a partner account>`');
    else if (!ids.accounts.has(partner)) c.missing([...base, 'partner'], 'account', partner, ids.accounts.keys());
    else if (ids.accounts.get(partner)!.kind !== 'partner') c.at([...base, 'partner'], `account "${partner}" is of kind "${ids.accounts.get(partner)!.kind}", expected kind "partner"`);
  } else if (partner !== undefined) {
    c.at([...base, 'partner'], `only client accounts have a partner (this account is of kind "${kind}"; add \`kind: client\`)`, true);
  }
}

/** Declarations of one account: its zone, partner, users, logins, tokens and the ids of its sources, Klips, embeds. */
function checkDeclarations(c: Checker, base: PathSegment[], a: Obj, ids: IdSets, tokenUsers: Map<string, string | undefined>, tokenSeen: Set<string>): void {
  const seen = seenIn(c);
  c.timezone([...base, 'timezone'], a.timezone);
  checkPartner(c, base, a, ids);
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
}

const NEEDS: [scope: string, field: string][] = [['token', 'token'], ['gaProfile', 'gaProfile'], ['googleUser', 'googleUser']];

/** A source's connector exists and the source gives every key its connector's limits are counted by. */
function checkSource(c: Checker, sp: PathSegment[], s: Obj, ids: IdSets, scopesOf: Map<string, Set<string>>, tokenUsers: Map<string, string | undefined>): void {
  const conn = str(s.connector);
  if (conn === undefined) return;
  if (!ids.connectors.has(conn)) {
    c.missing([...sp, 'connector'], 'connector', conn, ids.connectors);
    return;
  }
  const scopes = scopesOf.get(conn)!;
  for (const [scope, field] of NEEDS) {
    if (scopes.has(scope) && s[field] === undefined && !(field === 'googleUser' && s.token !== undefined && tokenUsers.get(String(s.token)))) {
      c.at(sp, `connector \`${conn}\` has a limit counted per ${scope}, so this source needs \`${field}\``);
    }
  }
  const tok = str(s.token);
  const gu = str(s.googleUser);
  if (tok && gu && tokenUsers.has(tok) && tokenUsers.get(tok) !== undefined && tokenUsers.get(tok) !== gu) {
    c.at([...sp, 'googleUser'], `token "${tok}" belongs to Google user "${tokenUsers.get(tok)}", not "${gu}"`);
  }
}

/** What one account's sources, Klips, embeds and e-mails refer to. */
function checkAccountReferences(c: Checker, base: PathSegment[], a: Obj, ids: IdSets, scopesOf: Map<string, Set<string>>, tokenUsers: Map<string, string | undefined>, emailIds: Set<string>): void {
  list(a.sources).forEach((s, j) => checkSource(c, [...base, 'sources', j], obj(s), ids, scopesOf, tokenUsers));
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
    seenIn(c)(emailIds, [...base, 'emails', j, 'id'], 'e-mail report', obj(e).id);
    list(obj(e).klips).forEach((kid, n) => {
      if (typeof kid === 'string' && !ids.klips.has(kid)) c.missing([...base, 'emails', j, 'klips', n], 'Klip', kid, ids.klips);
    });
  });
}

/** The `accounts:` block, in three sweeps: ids, then declarations, then references (which need every id). */
export function checkAccounts(c: Checker, d: Obj, ids: IdSets, scopesOf: Map<string, Set<string>>): void {
  const accounts = list(d.accounts);
  collectAccountIds(c, accounts, ids);
  // every declared token's Google user, to check the sources that use it agree
  const tokenUsers = new Map<string, string | undefined>();
  const tokenSeen = new Set<string>();
  accounts.forEach((raw, i) => checkDeclarations(c, ['accounts', i], obj(raw), ids, tokenUsers, tokenSeen));
  const emailIds = new Set<string>();
  accounts.forEach((raw, i) => checkAccountReferences(c, ['accounts', i], obj(raw), ids, scopesOf, tokenUsers, emailIds));
}
