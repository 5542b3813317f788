// Limits and connectors: the scenario's own limits, the limits connector presets add, each connector's settings.
import type { ConnectorSpec, LimitScope, LimitSpec } from '../model.js';
import { CONNECTOR_PRESETS, type ConnectorPresetName, DEFAULTS, type PresetLimit } from '../presets.js';
import type { ScenarioInput } from '../schema.js';
import { localDatesCovering, zonedToEpochMs } from '../timezone.js';
import { parseTimeOfDay } from '../../vocabulary/index.js';
import { type DistFiles, type Span, sec, toDist } from './common.js';

/** Seconds from the start to the first boundary of a fixed window (boundaries then repeat every `window`). */
function windowOffset(span: Span, window: number, resetAt: number | undefined, timezone: string | undefined): number {
  const { startEpochMs } = span;
  if (resetAt === undefined) {
    // aligned to the UTC epoch: hourly windows turn at whole UTC hours, daily ones at UTC midnight
    const startSec = startEpochMs / 1000;
    return ((-startSec % window) + window) % window;
  }
  const tz = timezone ?? 'UTC';
  // whole minutes, as the reset time is written (HH:MM)
  const at = Math.floor(resetAt / 60) * 60;
  for (const date of localDatesCovering(startEpochMs - 86400_000, startEpochMs + 2 * 86400_000, tz)) {
    const t = zonedToEpochMs(date.year, date.month, date.day, at, tz);
    // the boundary at or after the start; boundaries then repeat every `window` seconds
    if (t >= startEpochMs) return ((t - startEpochMs) / 1000) % window;
  }
  return 0;
}

/** Whole-day fixed windows with a local reset time: every boundary in the run, following the zone's DST. */
function localResets(span: Span, window: number, resetAt: number, timezone: string | undefined): number[] | undefined {
  if (window % 86400 !== 0) return undefined;
  const every = window / 86400;
  const tz = timezone ?? 'UTC';
  const all: number[] = [];
  for (const date of localDatesCovering(span.startEpochMs - window * 1000, span.endEpochMs, tz)) {
    all.push((zonedToEpochMs(date.year, date.month, date.day, resetAt, tz) - span.startEpochMs) / 1000);
  }
  // the first boundary at or after the start anchors the count of days (as resetOffset does)
  const first = all.findIndex((t) => t >= 0);
  return all.filter((t, i) => t >= 0 && t < span.duration && (i - first) % every === 0);
}

function fixedWindow(span: Span, window: number, resetAt: number | undefined, timezone: string | undefined): { resetOffset: number; resets?: number[] } {
  const resets = resetAt === undefined ? undefined : localResets(span, window, resetAt, timezone);
  return { resetOffset: windowOffset(span, window, resetAt, timezone), ...(resets ? { resets } : {}) };
}

/** The scenario's `limits:` block, in seconds. */
export function expandLimits(input: ScenarioInput['limits'], span: Span): LimitSpec[] {
  return Object.entries(input ?? {}).map(([id, l]): LimitSpec => {
    if (l.kind === 'concurrent') return { id, kind: 'concurrent', scope: l.scope, max: l.max };
    const window = sec(l.window);
    const windowType = l.type ?? 'sliding';
    const fixed = windowType === 'fixed' ? fixedWindow(span, window, l.resetAt === undefined ? undefined : parseTimeOfDay(l.resetAt), l.timezone) : { resetOffset: 0 };
    return { id, kind: 'window', scope: l.scope, max: l.max, window, windowType, ...fixed };
  });
}

function presetLimit(span: Span, id: string, pl: PresetLimit): LimitSpec {
  if (pl.kind === 'concurrent') return { id, kind: 'concurrent', scope: pl.scope, max: pl.max };
  const fixed = pl.type === 'fixed' ? fixedWindow(span, pl.window!, pl.resetAt, pl.timezone) : { resetOffset: 0 };
  return { id, kind: 'window', scope: pl.scope, max: pl.max, window: pl.window!, windowType: pl.type ?? 'sliding', ...fixed };
}

export interface Connectors {
  connectors: ConnectorSpec[];
  /** the scenario's limits followed by those the presets add */
  limits: LimitSpec[];
  /** the scopes of each connector's limits: which keys (token, GA profile...) its sources need */
  scopes: Map<string, Set<LimitScope>>;
}

/** The `connectors:` block: preset limits are added as `<connector>.<suffix>` after the scenario's own. */
export function expandConnectors(input: ScenarioInput['connectors'], ownLimits: LimitSpec[], span: Span, files: DistFiles): Connectors {
  const limits = [...ownLimits];
  const limitById = new Map(limits.map((l) => [l.id, l]));
  const connectors: ConnectorSpec[] = [];
  const scopes = new Map<string, Set<LimitScope>>();
  for (const [id, c] of Object.entries(input ?? {})) {
    const preset = c.preset ? CONNECTOR_PRESETS[c.preset as ConnectorPresetName] : undefined;
    const ids: string[] = [];
    for (const pl of preset?.limits ?? []) {
      const spec = presetLimit(span, `${id}.${pl.suffix}`, pl);
      limits.push(spec);
      limitById.set(spec.id, spec);
      ids.push(spec.id);
    }
    ids.push(...(c.limits ?? []));
    scopes.set(id, new Set(ids.map((lid) => limitById.get(lid)!.scope)));
    connectors.push({
      id,
      latency: c.latency !== undefined ? toDist(c.latency, files) : (preset?.latency ?? DEFAULTS.connectorLatency),
      latencyScale: c.latencyScale ?? DEFAULTS.latencyScale,
      failureRate: c.failureRate ?? DEFAULTS.failureRate,
      timeout: c.timeout === undefined || c.timeout === 'none' ? Infinity : sec(c.timeout),
      limits: ids,
      cost: c.cost ?? preset?.cost ?? DEFAULTS.cost,
    });
  }
  return { connectors, limits, scopes };
}
