// Replay mode: each source's recorded response times used for its calls, in the order recorded.
import type { ConnectorSpec, Model } from '../scenario/index.js';
import type { RefreshRow } from '../logs/index.js';

export interface ReplayInfo {
  /** sources whose calls replay recorded response times */
  sources: number;
  /** recorded calls available to them */
  calls: number;
  /** sources of the scenario with no recorded call: they keep their connector's distribution */
  unrecorded: number;
}

/**
 * The model with every source that has recorded calls on a connector of its own, a copy of its
 * connector whose latency is the source's recorded response times in order (`sequence`: the k-th call
 * the simulation makes for the source takes the k-th recorded time; past the last, it starts over).
 * Failures are still drawn at the connector's rate, and a recorded timeout replays as a call that
 * reaches the timeout. Limits scoped per connector would count each copy apart: the replayed model
 * says so rather than guess (see `connectorScoped`).
 */
export function replayModel(model: Model, rows: readonly RefreshRow[]): { model: Model; info: ReplayInfo; connectorScoped: string[] } {
  const recorded = new Map<string, { at: number; response: number }[]>();
  for (const r of rows) {
    if (r.started === null || r.finished === null || r.outcome === 'auth' || r.outcome === 'pending') continue;
    const list = recorded.get(r.source) ?? [];
    // a timed-out call replays just past its length, so it times out again where the timeout is the same
    list.push({ at: r.enqueued, response: r.finished - r.started + (r.outcome === 'timeout' ? 1e-6 : 0) });
    recorded.set(r.source, list);
  }
  const byId = new Map(model.connectors.map((c) => [c.id, c] as const));
  const extra: ConnectorSpec[] = [];
  let calls = 0;
  let unrecorded = 0;
  const sources = model.sources.map((s) => {
    const list = recorded.get(s.id);
    if (!list) {
      unrecorded++;
      return s;
    }
    list.sort((a, b) => a.at - b.at);
    calls += list.length;
    const base = byId.get(s.connector)!;
    const id = `${base.id}/replay/${s.id}`;
    extra.push({ ...base, id, latency: { type: 'sequence', values: list.map((x) => x.response) } });
    return { ...s, connector: id };
  });
  const connectorScoped = model.limits.filter((l) => l.scope === 'connector').map((l) => l.id);
  return {
    model: { ...model, connectors: [...model.connectors, ...extra], sources },
    info: { sources: extra.length, calls, unrecorded },
    connectorScoped,
  };
}
