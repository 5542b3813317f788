// The calibrated scenario as commented YAML: every fitted figure says what evidence it came from.
import { formatDuration, formatNumber } from '../vocabulary/index.js';
import type { AccountFigures, Calibration, ConnectorFigures } from './analyse.js';

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
const dur = (s: number) => JSON.stringify(formatDuration(s));
const pct = (x: number) => `${formatNumber(Math.round(x * 10000) / 100)}%`;
const perHour = (perSecond: number) => `${formatNumber(Number((perSecond * 3600).toPrecision(4)))}/h`;
const sig = (x: number) => Number(x.toPrecision(4));
/** An id as YAML reads it back as the same string: bare when plain, quoted when it would read as a number, boolean or null. */
const yid = (id: string) => (/^[A-Za-z_][\w.\-]*$/.test(id) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(id) ? id : JSON.stringify(id));

function latencyLines(c: ConnectorFigures, period: string): string[] {
  const f = c.latency;
  if (!f) return [`    # response time: fewer than 2 timed calls in the log: the default distribution is kept`];
  const ln = f.lognormal;
  const out = [
    `    # response time, from ${f.n} calls (success or error) over ${period}:`,
    `    #   lognormal (MLE): mu=${ln.mu.toFixed(4)} [${ln.muCi[0].toFixed(4)}, ${ln.muCi[1].toFixed(4)}], sigma=${ln.sigma.toFixed(4)} [${ln.sigmaCi[0].toFixed(4)}, ${ln.sigmaCi[1].toFixed(4)}] (95% CI), mean ${formatDuration(ln.mean)}, sd ${formatDuration(ln.sd)}; KS D=${ln.ks.toFixed(4)}`,
    `    #   exponential (MLE): mean ${formatDuration(f.exponential.mean)} [${formatDuration(f.exponential.meanCi[0])}, ${formatDuration(f.exponential.meanCi[1])}]; KS D=${f.exponential.ks.toFixed(4)}`,
    `    #   empirical (${f.empirical.values.length} quantiles of the data): KS D=${f.empirical.ks.toFixed(4)}`,
    `    #   chosen: ${f.chosen}, because ${f.reason}`,
  ];
  if (f.chosen === 'lognormal') out.push(`    latency: { type: lognormal, mean: ${dur(ln.mean)}, sd: ${dur(ln.sd)} }`);
  else if (f.chosen === 'exponential') out.push(`    latency: { type: exponential, mean: ${dur(f.exponential.mean)} }`);
  else out.push(`    latency: { type: empirical, values: [${f.empirical.values.join(', ')}] }`);
  return out;
}

function connectorLines(c: ConnectorFigures, period: string): string[] {
  const out = [`  ${yid(c.id)}:`, ...latencyLines(c, period)];
  out.push(`    # ${c.errors} of ${c.ended} ended calls failed with an error (95% CI ${pct(c.failureCi[0])} to ${pct(c.failureCi[1])}); timeouts are counted by the timeout below, not here`);
  out.push(`    failureRate: ${sig(c.failureRate)}`);
  if (c.timeout !== null) {
    out.push(`    # ${c.timeouts} calls timed out, after ${formatDuration(c.timeout)} (median)`);
    out.push(`    timeout: ${dur(c.timeout)}`);
  } else out.push(`    # no call timed out (the longest took ${formatDuration(c.longest)}): no timeout set`);
  const limits = c.byLimit.map((l) => `${l.limit} ${l.requests}`).join(', ');
  out.push(
    c.deferredRequests
      ? `    # deferrals: ${c.deferredRequests} of ${c.requests} requests (${pct(c.deferredShare)}) were deferred${limits ? ` (by limit: ${limits})` : ''}: declare that limit under limits: and list it here; calibrate does not guess its figures`
      : `    # deferrals: none of ${c.requests} requests was deferred: no limit is needed to reproduce this log`,
  );
  return out;
}

function sourceLine(s: AccountFigures['sources'][number]): string[] {
  const parts = [`id: ${yid(s.id)}`, `connector: ${yid(s.connector)}`, `interval: ${s.interval === null ? 'manual' : dur(s.interval)}`];
  if (s.token) parts.push(`token: ${yid(s.token)}`);
  if (s.gaProfile) parts.push(`gaProfile: ${yid(s.gaProfile)}`);
  if (s.googleUser) parts.push(`googleUser: ${yid(s.googleUser)}`);
  return [`      # ${s.id}: interval from ${s.intervalEvidence}`, `      - { ${parts.join(', ')} }`];
}

function accountLines(a: AccountFigures, cal: Calibration, period: string): string[] {
  const out = [`  - id: ${yid(a.id)}`, `    timezone: ${a.timezone}`];
  if (a.users.length) out.push(`    users: [${a.users.map(yid).join(', ')}]`);
  out.push(`    sources:`, ...a.sources.flatMap(sourceLine));
  if (a.users.length && a.logins > 0) {
    out.push(`    # logins: ${a.logins} sessions of ${a.users.length} user${a.users.length === 1 ? '' : 's'} over ${period} = ${formatNumber(a.perUserPerDay)} per user per day (95% CI ${formatNumber(a.perUserPerDayCi[0])} to ${formatNumber(a.perUserPerDayCi[1])});`);
    out.push(`    # hour${cal.loginDays ? ' and weekday' : ''} shape and session length pooled over all accounts (see the top)`);
    const shape = [`perUserPerDay: ${sig(a.perUserPerDay)}`, 'profile: flat', `hourWeights: [${cal.loginHours.join(', ')}]`];
    if (cal.loginDays) shape.push(`dayWeights: [${cal.loginDays.join(', ')}]`);
    const sl = cal.sessionLength;
    if (sl) shape.push(`sessionLength: { type: lognormal, mean: ${dur(sl.mean)}, sd: ${dur(sl.sd)} }`);
    out.push(`    logins: { ${shape.join(', ')} }`);
  } else out.push(`    # no sessions in the session log: nobody logs in (only due-while-active needs logins; manual/API refreshes still come)`);
  return out;
}

function arrivalLines(cal: Calibration, period: string): string[] {
  const out: string[] = [];
  for (const a of cal.accounts) {
    for (const r of a.arrivals) {
      out.push(`  # ${a.id}: ${r.n} ${r.trigger} refreshes over ${period} (95% CI ${perHour(r.rateCi[0])} to ${perHour(r.rateCi[1])}); requests coalesced with one already queued are not in the log, so this is a lower bound`);
      out.push(`  - { type: refresh, trigger: ${r.trigger}, rate: ${perHour(r.rate)}, sources: { account: ${yid(a.id)} } }`);
    }
  }
  return out.length ? ['arrivals:', ...out] : ['# arrivals: no manual or API refresh in the log'];
}

/** The commented scenario YAML (deterministic: the same logs give the same bytes). */
export function calibratedScenarioYaml(cal: Calibration, name: string): string {
  const period = `${formatDuration(cal.end - cal.start)} (${iso(cal.start)} to ${iso(cal.end)})`;
  const sl = cal.sessionLength;
  const lines = [
    `# Written by \`refresh-sim calibrate\` from ${cal.files.join(', ')}`,
    `# ${cal.refreshRows} refresh-log rows and ${cal.sessionRows} sessions over ${period}; times of day in ${cal.timezone}.`,
    `# Every figure below says what it was fitted from. Limits are not fitted (see each connector's deferral line).`,
    `name: ${JSON.stringify(name)}`,
    `seed: 1`,
    `start: ${iso(cal.start)}`,
    `duration: ${dur(cal.end - cal.start)}`,
    `# the log starts mid-stream; its first requests are counted like the rest (no warm-up)`,
    `warmup: 0`,
    `# the most calls in flight at once: ${cal.workers.max}, first at ${iso(cal.workers.at)}, among ${cal.workers.calls} calls; a lower bound of the real worker count if the log never saturates it`,
    `workers: ${Math.max(1, cal.workers.max)}`,
    `# login shape: ${cal.sessionRows} logins by local hour (${cal.timezone}), counts used as weights${cal.loginDays ? '; by weekday, the log spans whole weeks' : `; no weekday shape (the log spans ${formatDuration(cal.end - cal.start)}, not whole weeks)`}`,
    sl
      ? `# session length: lognormal (MLE) of ${sl.n} sessions: mu=${sl.mu.toFixed(4)} [${sl.muCi[0].toFixed(4)}, ${sl.muCi[1].toFixed(4)}], sigma=${sl.sigma.toFixed(4)} [${sl.sigmaCi[0].toFixed(4)}, ${sl.sigmaCi[1].toFixed(4)}], mean ${formatDuration(sl.mean)}, sd ${formatDuration(sl.sd)}; KS D=${sl.ks.toFixed(4)}`
      : `# session length: fewer than 2 sessions, the default is kept`,
    '',
    'connectors:',
    ...cal.connectors.flatMap((c) => connectorLines(c, period)),
    '',
    'accounts:',
    ...cal.accounts.flatMap((a) => accountLines(a, cal, period)),
    '',
    ...arrivalLines(cal, period),
  ];
  return lines.join('\n') + '\n';
}
