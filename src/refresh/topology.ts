// The model's entities as dense integer indices and typed arrays, the form the refresh logic runs on
// (built from a scenario's model by src/run/topology.ts).

/** Triggers as small integers: the index in the scenario's TRIGGERS (checked where the topology is built). */
export const TriggerCode = { login: 0, due: 1, email: 2, manual: 3, api: 4, warmup: 5 } as const;
export const TRIGGER_COUNT = Object.keys(TriggerCode).length;

export const KeyKind = { concurrent: 0, sliding: 1, fixed: 2 } as const;

/** Compressed sparse rows: the items of row i are list[start[i] .. start[i+1]). */
export interface Rows {
  start: Int32Array;
  list: Int32Array;
}

export function rows(n: number, itemsOf: (i: number) => Iterable<number>): Rows {
  const start = new Int32Array(n + 1);
  const all: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const x of itemsOf(i)) all.push(x);
    start[i + 1] = all.length;
  }
  return { start, list: Int32Array.from(all) };
}

export interface Topology {
  accountIds: string[];
  accountIndex: Map<string, number>;
  sourceIds: string[];
  sourceIndex: Map<string, number>;
  connectorIds: string[];
  sourceAccount: Int32Array;
  sourceConnector: Int32Array;
  /** seconds; Infinity for manual-only */
  sourceInterval: Float64Array;
  sourceCost: Float64Array;
  /** 1 when the source's OAuth token was revoked by the per-Google-user cap */
  sourceRevoked: Uint8Array;
  accountSources: Rows;
  /** sources feeding each Klip */
  klipSources: Rows;
  embedKlip: Int32Array;
  /** distinct sources of each e-mail's Klips */
  emailSources: Rows;
  /** limit keys each source's calls count against */
  sourceKeys: Rows;
  keyLabel: string[];
  keyLimit: Int32Array;
  keyKind: Uint8Array;
  keyMax: Float64Array;
  keyWindow: Float64Array;
  keyOffset: Float64Array;
  /** fixed windows with explicit (local-time, DST-aware) boundaries, else null */
  keyResets: (Float64Array | null)[];
  /** each limit's id, by limit index */
  limitIds: string[];
}
