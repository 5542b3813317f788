// Recorded arrivals (sessions, embed views, refreshes, public-link views) as seconds after the start, in time order.
import type { EmbedViewTrace, LinkViewTrace, RefreshTrace, SessionTrace } from '../model.js';
import type { ScenarioInput } from '../schema.js';
import type { TraceRows } from '../traces.js';
import { isInstantText, parseInstant } from '../../vocabulary/index.js';
import { sec } from './common.js';

/** Seconds after the start of a trace time: a duration, or an ISO instant. (Times before the start are refused by the checks.) */
function traceSeconds(value: unknown, startEpochMs: number): number {
  if (typeof value === 'string' && isInstantText(value)) return (parseInstant(value) - startEpochMs) / 1000;
  return sec(value as string | number);
}

export interface Traces {
  sessions: SessionTrace[];
  embedViews: EmbedViewTrace[];
  refreshes: RefreshTrace[];
  linkViews: LinkViewTrace[];
}

const byAt = (a: { at: number }, b: { at: number }) => a.at - b.at;

export function expandTraces(rows: TraceRows, linkViews: NonNullable<ScenarioInput['traces']>['linkViews'], startEpochMs: number): Traces {
  const at = (value: unknown) => traceSeconds(value, startEpochMs);
  return {
    sessions: rows.sessions.map((r) => ({ user: String(r.fields.user), at: at(r.fields.at), duration: sec(r.fields.duration as string | number) })).sort(byAt),
    embedViews: rows.embedViews.map((r) => ({ embed: String(r.fields.embed), at: at(r.fields.at) })).sort(byAt),
    refreshes: rows.refreshes.map((r): RefreshTrace => ({ source: String(r.fields.source), at: at(r.fields.at), trigger: r.fields.trigger === 'api' ? 'api' : 'manual' })).sort(byAt),
    linkViews: (linkViews ?? []).map((v) => ({ account: v.account, at: at(v.at) })).sort(byAt),
  };
}
