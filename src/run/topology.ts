// A scenario's model as the refresh model's Topology: entities as dense indices and typed arrays,
// limit keys per (limit, scope value), the tokens revoked by the per-Google-user cap.
import { KeyKind, rows, TriggerCode, type Topology } from '../refresh/index.js';
import { TRIGGERS, type LimitSpec, type Model, type Trigger } from '../scenario/model.js';

// the refresh model numbers exactly the scenario's triggers, each by its index in TRIGGERS
const codes: Record<Trigger, number> = TriggerCode;
TRIGGERS.forEach((t, i) => {
  if (codes[t] !== i) throw new Error(`TriggerCode.${t} must be ${i}, its index in TRIGGERS`);
});
if (Object.keys(codes).length !== TRIGGERS.length) throw new Error('TriggerCode must number exactly the triggers of TRIGGERS');

type Index = Map<string, number>;

// a loop, not new Map(xs.map(...)): no temporary pair per entry (a million of them at a million sources)
function indexById(xs: readonly { id: string }[]): Index {
  const map = new Map<string, number>();
  for (let i = 0; i < xs.length; i++) map.set(xs[i].id, i);
  return map;
}

// how far a look-up scans forward from its hint before it falls back on the Map of every source id
const SCAN = 64;

/**
 * The index of source `id`, looked for first among the `SCAN` sources from `from` on (a process's
 * sources follow the scenario's order; a Klip's lie within its account's), then in `index()`, the Map
 * of every source id, built on the first miss. At a million sources that Map was half of the topology's
 * time and tens of MB. Ids are unique (scenario/check), so a match is the source.
 */
export function findSource(sources: readonly { id: string }[], id: string, from: number, index: () => Index): number | undefined {
  const end = Math.min(sources.length, from + SCAN);
  for (let i = Math.max(0, from); i < end; i++) if (sources[i].id === id) return i;
  return index().get(id);
}

function need(map: Index, id: string, what: string): number {
  const i = map.get(id);
  if (i === undefined) throw new Error(`unknown ${what} "${id}"`);
  return i;
}

interface Indices {
  account: Index;
  /** the Map of source ids, built on first use (see findSource) */
  source: () => Index;
  connector: Index;
  klip: Index;
  limit: Index;
}

type SourceFacts = Pick<Topology, 'sourceAccount' | 'sourceConnector' | 'sourceInterval' | 'sourceCost'> & { byAccount: number[][] };

/** Each source's account, connector, interval and cost, and the sources of each account. */
function sourceFacts(m: Model, ix: Indices): SourceFacts {
  const S = m.sources.length;
  const sourceAccount = new Int32Array(S);
  const sourceConnector = new Int32Array(S);
  const sourceInterval = new Float64Array(S);
  const sourceCost = new Float64Array(S);
  const byAccount: number[][] = m.accounts.map(() => []);
  // an account's sources are usually listed together: reuse the last look-up while the id repeats
  // (a million Map look-ups were a tenth of a million-source start-up)
  let lastAccount = '', a = -1, lastConnector = '', c = -1;
  for (let s = 0; s < S; s++) {
    const src = m.sources[s];
    if (a < 0 || src.account !== lastAccount) a = need(ix.account, (lastAccount = src.account), 'account');
    if (c < 0 || src.connector !== lastConnector) c = need(ix.connector, (lastConnector = src.connector), 'connector');
    sourceAccount[s] = a;
    sourceConnector[s] = c;
    sourceInterval[s] = src.interval ?? Infinity;
    sourceCost[s] = src.cost ?? m.connectors[sourceConnector[s]].cost;
    byAccount[sourceAccount[s]].push(s);
  }
  return { sourceAccount, sourceConnector, sourceInterval, sourceCost, byAccount };
}

/** Token cap per Google user: the oldest tokens past the cap are revoked (MODEL.md, tokens per Google user); 1 per source on one. */
function revokedSources(m: Model): Uint8Array {
  const revokedTokens = new Set<string>();
  const tokensByUser = new Map<string, { id: string; createdAt: number; order: number }[]>();
  m.tokens.forEach((t, order) => {
    if (t.googleUser === undefined) return;
    let list = tokensByUser.get(t.googleUser);
    if (!list) tokensByUser.set(t.googleUser, (list = []));
    list.push({ id: t.id, createdAt: t.createdAt, order });
  });
  for (const list of tokensByUser.values()) {
    if (list.length <= m.tokensPerGoogleUser) continue;
    list.sort((a, b) => a.createdAt - b.createdAt || a.order - b.order);
    for (const t of list.slice(0, list.length - m.tokensPerGoogleUser)) revokedTokens.add(t.id);
  }
  const sourceRevoked = new Uint8Array(m.sources.length);
  for (let s = 0; s < m.sources.length; s++) {
    const tok = m.sources[s].token;
    if (tok !== undefined && revokedTokens.has(tok)) sourceRevoked[s] = 1;
  }
  return sourceRevoked;
}

/** The value of a source's field a limit is scoped by (undefined if the source has none). */
function scopeValue(lim: LimitSpec, src: Model['sources'][number]): string | undefined {
  return lim.scope === 'token' ? src.token
    : lim.scope === 'gaProfile' ? src.gaProfile
    : lim.scope === 'googleUser' ? src.googleUser
    : lim.scope === 'account' ? src.account
    : src.connector;
}

/** Appends key k to the source's keys (those from `first` on) unless already there. */
function pushOnce(keyList: number[], first: number, k: number): void {
  for (let j = first; j < keyList.length; j++) if (keyList[j] === k) return;
  keyList.push(k);
}

/**
 * Limit keys: one per (limit, scope value). A source missing the scope's field is keyed on itself.
 * Looked up per limit by the scope value itself (a string the model already holds), so no label is
 * built per source: a million sources would make millions of short-lived strings.
 */
function limitKeys(m: Model, sourceConnector: Int32Array, limitIndex: Index): Pick<Topology, 'keyLabel' | 'keyLimit' | 'sourceKeys'> {
  const S = m.sources.length;
  const keyOf: Map<string, number>[] = m.limits.map(() => new Map<string, number>());
  const keyLabel: string[] = [];
  const keyLimitArr: number[] = [];
  const connectorLimits = m.connectors.map((c) => c.limits.map((lid) => need(limitIndex, lid, 'limit')));
  const keyStart = new Int32Array(S + 1);
  const keyList: number[] = [];
  // per limit, the last scope value and its key: neighbouring sources mostly share one (an account's)
  const lastName: (string | undefined)[] = m.limits.map(() => undefined);
  const lastKey = new Int32Array(m.limits.length);
  for (let s = 0; s < S; s++) {
    const src = m.sources[s];
    const first = keyList.length;
    for (const li of connectorLimits[sourceConnector[s]]) {
      const lim = m.limits[li];
      const scoped = scopeValue(lim, src);
      if (scoped !== undefined && scoped === lastName[li]) {
        pushOnce(keyList, first, lastKey[li]);
        continue;
      }
      const name = scoped ?? `source:${src.id}`;
      let k = keyOf[li].get(name);
      if (k === undefined) {
        k = keyLabel.length;
        keyOf[li].set(name, k);
        keyLabel.push(`${lim.id}|${name}`);
        keyLimitArr.push(li);
      }
      if (scoped !== undefined) { lastName[li] = scoped; lastKey[li] = k; }
      pushOnce(keyList, first, k);
    }
    keyStart[s + 1] = keyList.length;
  }
  return { keyLabel, keyLimit: Int32Array.from(keyLimitArr), sourceKeys: { start: keyStart, list: Int32Array.from(keyList) } };
}

/** Each key's kind, maximum and window, from its limit. */
function keyParams(m: Model, keyLimit: Int32Array): Pick<Topology, 'keyKind' | 'keyMax' | 'keyWindow' | 'keyOffset' | 'keyResets'> {
  const K = keyLimit.length;
  const keyKind = new Uint8Array(K);
  const keyMax = new Float64Array(K);
  const keyWindow = new Float64Array(K);
  const keyOffset = new Float64Array(K);
  const keyResets: (Float64Array | null)[] = new Array(K).fill(null);
  const resetsOf: (Float64Array | null)[] = m.limits.map(() => null);
  for (let k = 0; k < K; k++) {
    const lim = m.limits[keyLimit[k]];
    keyMax[k] = lim.max;
    if (lim.kind === 'concurrent') keyKind[k] = KeyKind.concurrent;
    else {
      keyKind[k] = lim.windowType === 'sliding' ? KeyKind.sliding : KeyKind.fixed;
      keyWindow[k] = lim.window;
      keyOffset[k] = lim.resetOffset;
      if (lim.windowType === 'fixed' && lim.resets) keyResets[k] = (resetsOf[keyLimit[k]] ??= Float64Array.from(lim.resets)); // one per limit, shared by its keys
    }
  }
  return { keyKind, keyMax, keyWindow, keyOffset, keyResets };
}

/** The sources feeding each Klip, and the distinct sources of each e-mail's Klips. */
function klipRows(m: Model, ix: Indices, byAccount: number[][]): Pick<Topology, 'klipSources' | 'emailSources'> {
  const klipSources = rows(m.klips.length, (i) => {
    const klip = m.klips[i];
    const from = byAccount[need(ix.account, klip.account, 'account')][0] ?? 0;
    return klip.sources.map((id) => {
      const s = findSource(m.sources, id, from, ix.source);
      if (s === undefined) throw new Error(`unknown source "${id}"`);
      return s;
    });
  });
  const emailSources = rows(m.emails.length, (i) => {
    const set = new Set<number>();
    for (const kid of m.emails[i].klips) {
      const k = need(ix.klip, kid, 'klip');
      for (let j = klipSources.start[k]; j < klipSources.start[k + 1]; j++) set.add(klipSources.list[j]);
    }
    return [...set].sort((a, b) => a - b);
  });
  return { klipSources, emailSources };
}

export function buildTopology(m: Model): Topology {
  let sourceIndex: Index | undefined;
  const ix: Indices = {
    account: indexById(m.accounts),
    source: () => (sourceIndex ??= indexById(m.sources)),
    connector: indexById(m.connectors),
    klip: indexById(m.klips),
    limit: indexById(m.limits),
  };
  const { byAccount, ...facts } = sourceFacts(m, ix);
  const sourceRevoked = revokedSources(m);
  const keys = limitKeys(m, facts.sourceConnector, ix.limit);
  const keyed = keyParams(m, keys.keyLimit);
  const { klipSources, emailSources } = klipRows(m, ix, byAccount);
  return {
    accountIds: m.accounts.map((a) => a.id),
    accountIndex: ix.account,
    sourceIds: m.sources.map((s) => s.id),
    get sourceIndex() {
      return ix.source();
    },
    connectorIds: m.connectors.map((c) => c.id),
    ...facts,
    sourceRevoked,
    accountSources: rows(m.accounts.length, (a) => byAccount[a]),
    klipSources,
    embedKlip: Int32Array.from(m.embeds.map((e) => need(ix.klip, e.klip, 'klip'))),
    emailSources,
    sourceKeys: keys.sourceKeys,
    keyLabel: keys.keyLabel,
    keyLimit: keys.keyLimit,
    ...keyed,
    limitIds: m.limits.map((l) => l.id),
  };
}
