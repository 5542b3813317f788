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

function need(map: Index, id: string, what: string): number {
  const i = map.get(id);
  if (i === undefined) throw new Error(`unknown ${what} "${id}"`);
  return i;
}

interface Indices {
  account: Index;
  source: Index;
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
  for (let s = 0; s < S; s++) {
    const src = m.sources[s];
    sourceAccount[s] = need(ix.account, src.account, 'account');
    sourceConnector[s] = need(ix.connector, src.connector, 'connector');
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
  for (let s = 0; s < S; s++) {
    const src = m.sources[s];
    const first = keyList.length;
    for (const li of connectorLimits[sourceConnector[s]]) {
      const lim = m.limits[li];
      const name = scopeValue(lim, src) ?? `source:${src.id}`;
      let k = keyOf[li].get(name);
      if (k === undefined) {
        k = keyLabel.length;
        keyOf[li].set(name, k);
        keyLabel.push(`${lim.id}|${name}`);
        keyLimitArr.push(li);
      }
      let seen = false;
      for (let j = first; j < keyList.length; j++) if (keyList[j] === k) seen = true;
      if (!seen) keyList.push(k);
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
function klipRows(m: Model, ix: Indices): Pick<Topology, 'klipSources' | 'emailSources'> {
  const klipSources = rows(m.klips.length, (i) => m.klips[i].sources.map((id) => need(ix.source, id, 'source')));
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
  const ix: Indices = {
    account: indexById(m.accounts),
    source: indexById(m.sources),
    connector: indexById(m.connectors),
    klip: indexById(m.klips),
    limit: indexById(m.limits),
  };
  const { byAccount, ...facts } = sourceFacts(m, ix);
  const sourceRevoked = revokedSources(m);
  const keys = limitKeys(m, facts.sourceConnector, ix.limit);
  const keyed = keyParams(m, keys.keyLimit);
  const { klipSources, emailSources } = klipRows(m, ix);
  return {
    accountIds: m.accounts.map((a) => a.id),
    accountIndex: ix.account,
    sourceIds: m.sources.map((s) => s.id),
    sourceIndex: ix.source,
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
