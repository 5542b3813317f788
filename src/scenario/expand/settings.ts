// The scenario's top-level settings (times, workers, retries, deferral, buckets) in seconds, defaults from DEFAULTS.
import type { Model, WorkersSpec } from '../model.js';
import { DEFAULTS } from '../presets.js';
import type { ScenarioInput } from '../schema.js';
import { parseInstant, parseTimeOfDay } from '../../vocabulary/index.js';
import { type Span, sec } from './common.js';

type Settings = Pick<
  Model,
  'name' | 'seed' | 'startEpochMs' | 'duration' | 'warmup' | 'workers' | 'embedTtl' | 'emailLead' | 'defer' | 'retryLadder' | 'disableAt' | 'dashboardViewEvery' | 'tokensPerGoogleUser' | 'bucket' | 'waitTarget'
>;

const secOr = (x: number | string | undefined, fallback: number): number => (x === undefined ? fallback : sec(x));

export function spanOf(s: ScenarioInput): Span {
  const startEpochMs = parseInstant(s.start ?? DEFAULTS.start);
  const duration = sec(s.duration);
  return { startEpochMs, duration, endEpochMs: startEpochMs + duration * 1000 };
}

function workersOf(w: ScenarioInput['workers']): WorkersSpec {
  if (w === undefined) return { kind: 'fixed', workers: DEFAULTS.workers };
  if (typeof w === 'number') return { kind: 'fixed', workers: w };
  return { kind: 'schedule', timezone: w.timezone ?? DEFAULTS.timezone, steps: w.schedule.map((st) => ({ at: parseTimeOfDay(st.at), workers: st.workers })) };
}

function deferOf(d: ScenarioInput['defer']): Model['defer'] {
  return d === undefined || d === 'until-free' || d.mode === 'until-free' ? { mode: 'until-free' } : { mode: 'fixed', deferFor: sec(d.for) };
}

export function expandSettings(s: ScenarioInput, span: Span, defaultName: string): Settings {
  return {
    name: s.name ?? defaultName,
    seed: s.seed ?? DEFAULTS.seed,
    startEpochMs: span.startEpochMs,
    duration: span.duration,
    warmup: secOr(s.warmup, DEFAULTS.warmup),
    workers: workersOf(s.workers),
    embedTtl: secOr(s.embedTtl, DEFAULTS.embedTtl),
    emailLead: secOr(s.emailLead, DEFAULTS.emailLead),
    defer: deferOf(s.defer),
    retryLadder: s.retryLadder ? s.retryLadder.map((r) => ({ from: r.from, delay: sec(r.every) })) : DEFAULTS.retryLadder.map((r) => ({ ...r })),
    disableAt: s.disableAt ?? DEFAULTS.disableAt,
    dashboardViewEvery: secOr(s.dashboardViewEvery, DEFAULTS.dashboardViewEvery),
    tokensPerGoogleUser: s.tokensPerGoogleUser ?? DEFAULTS.tokensPerGoogleUser,
    bucket: secOr(s.bucket, DEFAULTS.bucket),
    waitTarget: secOr(s.waitTarget, DEFAULTS.waitTarget),
  };
}
