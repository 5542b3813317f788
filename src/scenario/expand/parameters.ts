// The parameters a report shows, read back from the Model that runs (never re-stated from the file or the defaults).
import type { ConnectorSpec, Dist, LimitSpec, Model } from '../model.js';
import { formatDuration, parseDuration } from '../../vocabulary/index.js';

/** A duration for people, exact: the one formatter's text when it reads back to the same seconds, else seconds. */
function exact(seconds: number): string {
  const text = formatDuration(seconds);
  let back: number | undefined;
  try {
    back = parseDuration(text);
  } catch {
    back = undefined;
  }
  return back === seconds ? text : `${seconds}s`;
}

function timeOfDay(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const hm = `${two(Math.floor(seconds / 3600))}:${two(Math.floor((seconds % 3600) / 60))}`;
  return seconds % 60 === 0 ? hm : `${hm}:${two(seconds % 60)}`;
}

/** A latency distribution in one phrase: "lognormal mean 4s sd 3s". */
function distText(d: Dist): string {
  switch (d.type) {
    case 'constant':
      return `constant ${exact(d.value)}`;
    case 'exponential':
      return `exponential mean ${exact(d.mean)}`;
    case 'lognormal':
      return `lognormal mean ${exact(d.mean)} sd ${exact(d.sd)}`;
    case 'uniform':
      return `uniform ${exact(d.min)}–${exact(d.max)}`;
    case 'empirical':
    case 'sequence':
      return `${d.type} (${d.values.length} values)`;
  }
}

/** One connector in a line: "latency lognormal mean 4s sd 3s, failure rate 1%, timeout 2m, limits ga.profile-day". */
function connectorText(c: ConnectorSpec): string {
  const scale = c.latencyScale !== 1 ? ` ×${c.latencyScale}` : '';
  const timeout = Number.isFinite(c.timeout) ? `timeout ${exact(c.timeout)}` : 'no timeout';
  const limits = c.limits.length > 0 ? `, limits ${c.limits.join(' ')}` : '';
  return `latency ${distText(c.latency)}${scale}, failure rate ${+(c.failureRate * 100).toFixed(4)}%, ${timeout}${limits}`;
}

/** One limit in a line: "concurrent, per gaProfile, max 10" or "window 1d fixed, per gaProfile, max 10000". */
function limitText(l: LimitSpec): string {
  return l.kind === 'concurrent' ? `concurrent, per ${l.scope}, max ${l.max}` : `window ${exact(l.window)} ${l.windowType}, per ${l.scope}, max ${l.max}`;
}

/** Settings and entity counts of `m`, small enough for a report's parameter table. */
export function modelParameters(m: Omit<Model, 'params'>): Record<string, unknown> {
  const w = m.workers;
  return {
    name: m.name,
    ...(m.description !== undefined ? { description: m.description } : {}),
    seed: m.seed,
    start: new Date(m.startEpochMs).toISOString(),
    duration: exact(m.duration),
    warmup: exact(m.warmup),
    workers: w.kind === 'fixed' ? w.workers : { timezone: w.timezone, schedule: w.steps.map((s) => ({ at: timeOfDay(s.at), workers: s.workers })) },
    embedTtl: exact(m.embedTtl),
    emailLead: exact(m.emailLead),
    defer: m.defer.mode === 'until-free' ? 'until-free' : { mode: 'fixed', for: exact(m.defer.deferFor) },
    retryLadder: m.retryLadder.map((r) => ({ from: r.from, every: exact(r.delay) })),
    disableAt: m.disableAt,
    dashboardViewEvery: exact(m.dashboardViewEvery),
    tokensPerGoogleUser: m.tokensPerGoogleUser,
    bucket: exact(m.bucket),
    // issue 10: what the source systems allow is part of the scenario a planner reads
    connectors: Object.fromEntries(m.connectors.map((c) => [c.id, connectorText(c)])),
    limits: Object.fromEntries(m.limits.map((l) => [l.id, limitText(l)])),
    ...(m.peakWindows !== undefined ? { peaks: m.peakWindows.map((w) => w.name) } : {}),
    counts: {
      accounts: m.accounts.length,
      users: m.users.length,
      sources: m.sources.length,
      klips: m.klips.length,
      embeds: m.embeds.length,
      emails: m.emails.length,
      connectors: m.connectors.length,
      limits: m.limits.length,
      tokens: m.tokens.length,
      sessionTraces: m.sessions.length,
      embedViewTraces: m.embedViews.length,
      refreshTraces: m.refreshes.length,
      loginProcesses: m.loginProcesses.length,
      refreshProcesses: m.refreshProcesses.length,
      embedViewProcesses: m.embedViewProcesses.length,
    },
  };
}
