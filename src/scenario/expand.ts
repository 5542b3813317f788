// Expansion: a checked scenario (human units, generators) becomes the explicit Model (seconds, entities).
//
// Expansion never judges: every problem is found by the checks (check.ts before it, check/generated.ts on
// what it generated), so each step below is a plain function from its part of the file to its part of the model.
import type { Model } from './model.js';
import type { ScenarioInput } from './schema.js';
import type { TraceRows } from './traces.js';
import { type DistFiles, sendTimesFor } from './expand/common.js';
import { collectTokens, emptyEntities, expandAccounts } from './expand/accounts.js';
import { expandArrivals } from './expand/arrivals.js';
import { generateEntities } from './expand/generate.js';
import { expandConnectors, expandLimits } from './expand/limits.js';
import { modelParameters } from './expand/parameters.js';
import { expandPeaks } from './expand/peaks.js';
import { expandSettings, spanOf } from './expand/settings.js';
import { expandTraces } from './expand/traces.js';


export interface ExpandContext {
  file?: string;
  /** name when the scenario gives none (the file's base name) */
  defaultName: string;
  traces: TraceRows;
  /** values of the recorded-value files named by empirical distributions (files.ts reads them) */
  files?: DistFiles;
}

export function expandScenario(s: ScenarioInput, ctx: ExpandContext): Model {
  const files: DistFiles = ctx.files ?? new Map();
  const span = spanOf(s);
  const settings = expandSettings(s, span, ctx.defaultName);
  const { connectors, limits, scopes } = expandConnectors(s.connectors, expandLimits(s.limits, span), span, files);
  const sendTimes = sendTimesFor(span);
  const entities = emptyEntities();
  expandAccounts(s.accounts, sendTimes, files, entities);
  generateEntities(s.generate, { seed: settings.seed, scopes, sendTimes, files }, entities);
  const { declaredTokens, ...e } = entities;
  const traces = expandTraces(ctx.traces, s.traces?.linkViews, span.startEpochMs);
  const arrivals = expandArrivals(s.arrivals, e);
  const model: Model = {
    ...settings,
    limits,
    connectors,
    accounts: e.accounts,
    users: e.users,
    tokens: collectTokens(declaredTokens, e.sources),
    sources: e.sources,
    klips: e.klips,
    embeds: e.embeds,
    emails: e.emails,
    warmUps: e.warmUps,
    sessions: traces.sessions,
    linkViews: traces.linkViews,
    embedViews: traces.embedViews,
    refreshes: traces.refreshes,
    loginProcesses: e.loginProcesses,
    ...arrivals,
    params: {},
  };
  if (ctx.file !== undefined) model.file = ctx.file;
  if (s.thresholds !== undefined) model.thresholds = s.thresholds as Record<string, unknown>;
  if (s.description !== undefined) model.description = s.description;
  const peakWindows = expandPeaks(s.peaks, e.accounts, span);
  if (peakWindows !== undefined) model.peakWindows = peakWindows;
  model.params = modelParameters(model);
  return model;
}
