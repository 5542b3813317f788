// The parameters a report shows, read back from the Model that runs (never re-stated from the file or the defaults).
import type { Model } from '../model.js';
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
