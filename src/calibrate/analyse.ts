// What the logs show, figure by figure with its evidence: the numbers a calibrated scenario is made of.
import { localTime } from '../scenario/index.js';
import { formatDuration } from '../vocabulary/index.js';
import type { InventoryRow, LogSet, RefreshRow, SessionRow } from '../logs/index.js';
import { fitLatency, fitLognormal, ksOneSample, lognormalCdf, poissonCi, wilson, type LatencyFit, type LognormalFit } from './fit.js';

export interface ConnectorFigures {
  id: string;
  /** calls with a response time (success or error) */
  calls: number;
  latency: LatencyFit | null;
  /** ended calls (success, error, timeout) and those that failed with an error */
  ended: number;
  errors: number;
  timeouts: number;
  failureRate: number;
  failureCi: [number, number];
  /** the response time of timed-out calls (their median), or null when none timed out */
  timeout: number | null;
  /** the longest successful call, for the comment when no call timed out */
  longest: number;
  requests: number;
  deferredRequests: number;
  deferredShare: number;
  byLimit: { limit: string; requests: number }[];
}

export interface SourceFigures {
  id: string;
  account: string;
  connector: string;
  interval: number | null;
  /** where the interval came from, for the comment */
  intervalEvidence: string;
  token?: string;
  gaProfile?: string;
  googleUser?: string;
}

export interface AccountFigures {
  id: string;
  timezone: string;
  users: string[];
  sources: SourceFigures[];
  logins: number;
  perUserPerDay: number;
  perUserPerDayCi: [number, number];
  /** manual and API refreshes recorded, as Poisson rates per second with their intervals */
  arrivals: { trigger: 'manual' | 'api'; n: number; rate: number; rateCi: [number, number] }[];
}

export interface Calibration {
  files: string[];
  /** epoch seconds, whole hours around the first and last event */
  start: number;
  end: number;
  refreshRows: number;
  sessionRows: number;
  connectors: ConnectorFigures[];
  accounts: AccountFigures[];
  workers: { max: number; at: number; calls: number };
  /** pooled over accounts, by local hour (24) and, when the log spans whole weeks, weekday (7, Monday first) */
  loginHours: number[];
  loginDays: number[] | null;
  sessionLength: (LognormalFit & { ks: number }) | null;
  timezone: string;
}

const byKey = <T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
};

function connectorFigures(id: string, rows: RefreshRow[]): ConnectorFigures {
  const responses = rows.filter((r) => (r.outcome === 'success' || r.outcome === 'error') && r.started !== null).map((r) => r.finished! - r.started!);
  const ended = rows.filter((r) => r.outcome === 'success' || r.outcome === 'error' || r.outcome === 'timeout');
  const errors = ended.filter((r) => r.outcome === 'error').length;
  const timedOut = rows.filter((r) => r.outcome === 'timeout').map((r) => r.finished! - r.started!).sort((a, b) => a - b);
  const deferred = rows.filter((r) => r.deferred > 0);
  const limits = byKey(deferred.filter((r) => r.limit !== ''), (r) => r.limit);
  const positive = responses.filter((x) => x > 0);
  return {
    id,
    calls: responses.length,
    latency: positive.length >= 2 ? fitLatency(positive) : null,
    ended: ended.length,
    errors,
    timeouts: timedOut.length,
    failureRate: ended.length ? errors / ended.length : 0,
    failureCi: wilson(errors, ended.length),
    timeout: timedOut.length ? timedOut[Math.floor(timedOut.length / 2)] : null,
    longest: responses.reduce((a, b) => Math.max(a, b), 0),
    requests: rows.length,
    deferredRequests: deferred.length,
    deferredShare: rows.length ? deferred.length / rows.length : 0,
    byLimit: [...limits].map(([limit, rs]) => ({ limit, requests: rs.length })).sort((a, b) => b.requests - a.requests || (a.limit < b.limit ? -1 : 1)),
  };
}

/**
 * A source's interval from the refresh log: in the model a source falls due `interval` after its last
 * success, so each `due` request right after a success measures it (the median of those gaps is taken);
 * without any, the shortest gap before a `login` request bounds it from above.
 */
function inferInterval(rows: RefreshRow[]): { interval: number | null; evidence: string } {
  const sorted = [...rows].sort((a, b) => a.enqueued - b.enqueued);
  const due: number[] = [];
  const login: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.outcome !== 'success' || prev.finished === null) continue;
    const gap = sorted[i].enqueued - prev.finished;
    if (sorted[i].trigger === 'due') due.push(gap);
    else if (sorted[i].trigger === 'login') login.push(gap);
  }
  if (due.length) {
    due.sort((a, b) => a - b);
    const med = Math.round(due[Math.floor(due.length / 2)]);
    return { interval: Math.max(60, med), evidence: `median of ${due.length} gaps from a success to the next due refresh (range ${formatDuration(due[0])} to ${formatDuration(due[due.length - 1])})` };
  }
  if (login.length) {
    const min = Math.max(60, Math.round(Math.min(...login)));
    return { interval: min, evidence: `no due refresh seen: the shortest of ${login.length} gaps from a success to a login refresh (an upper bound)` };
  }
  return { interval: null, evidence: 'no due or login refresh seen: manual only' };
}

function sourceFigures(rows: RefreshRow[], inventory: Map<string, InventoryRow>): SourceFigures[] {
  const bySource = byKey(rows, (r) => r.source);
  const ids = [...new Set([...inventory.keys(), ...bySource.keys()])];
  return ids.map((id) => {
    const inv = inventory.get(id);
    const own = bySource.get(id) ?? [];
    const first = own[0];
    const inferred = inferInterval(own);
    const interval = inv ? inv.interval : inferred.interval;
    const evidence = inv ? `inventory line ${inv.line}${own.length ? `; the refresh log says ${inferred.interval === null ? 'manual' : formatDuration(inferred.interval)} (${inferred.evidence})` : ''}` : inferred.evidence;
    return {
      id,
      // vendor records without an account are 'unassigned': the refresh log knows better
      account: inv && !(inv.account === 'unassigned' && first) ? inv.account : first.account,
      connector: inv?.connector ?? first.connector,
      interval,
      intervalEvidence: evidence,
      token: inv?.token,
      gaProfile: inv?.gaProfile,
      googleUser: inv?.googleUser,
    };
  });
}

/** The largest number of calls in flight at once (ends before starts at the same instant). */
function workersImplied(rows: RefreshRow[]): { max: number; at: number; calls: number } {
  const ev: [number, number][] = [];
  for (const r of rows) {
    if (r.started === null || r.outcome === 'auth') continue;
    ev.push([r.started, 1]);
    if (r.finished !== null) ev.push([r.finished, -1]);
  }
  ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cur = 0;
  let max = 0;
  let at = NaN;
  for (const [t, d] of ev) {
    cur += d;
    if (cur > max) [max, at] = [cur, t];
  }
  return { max, at, calls: ev.filter((e) => e[1] === 1).length };
}

export interface AnalyseOptions {
  files: string[];
  /** the accounts' IANA zone (the logs carry none) */
  timezone: string;
}

export function analyse(logs: LogSet, opts: AnalyseOptions): Calibration {
  const rows = logs.refresh.flatMap((f) => f.rows);
  const sessions = logs.session.flatMap((f) => f.rows);
  const inventory = new Map(logs.inventory.flatMap((f) => f.rows).map((r) => [r.source, r] as const));
  const times = [...rows.flatMap((r) => [r.enqueued, r.finished ?? r.enqueued]), ...sessions.map((s) => s.login)];
  const start = Math.floor(Math.min(...times) / 3600) * 3600;
  const end = Math.max(start + 3600, Math.ceil(Math.max(...times) / 3600) * 3600);
  const days = (end - start) / 86400;

  const connectors = [...byKey(rows, (r) => r.connector)].map(([id, rs]) => connectorFigures(id, rs)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const sources = sourceFigures(rows, inventory);
  const sessionsByAccount = byKey(sessions, (s) => s.account);
  const rowsByAccount = byKey(rows, (r) => r.account);
  const accountIds = [...new Set([...sources.map((s) => s.account), ...sessionsByAccount.keys()])].sort();
  const accounts: AccountFigures[] = accountIds.map((id) => {
    const ss = sessionsByAccount.get(id) ?? [];
    const users = [...new Set(ss.map((s) => s.user))].sort();
    const ci = poissonCi(ss.length);
    const per = users.length ? users.length * days : 1;
    const own = rowsByAccount.get(id) ?? [];
    const arrivals = (['manual', 'api'] as const).flatMap((trigger) => {
      const n = own.filter((r) => r.trigger === trigger).length;
      if (n === 0) return [];
      const c = poissonCi(n);
      return [{ trigger, n, rate: n / (end - start), rateCi: [c[0] / (end - start), c[1] / (end - start)] as [number, number] }];
    });
    return { id, timezone: opts.timezone, users, sources: sources.filter((s) => s.account === id), logins: ss.length, perUserPerDay: ss.length / per, perUserPerDayCi: [ci[0] / per, ci[1] / per], arrivals };
  });
  return { files: opts.files, start, end, refreshRows: rows.length, sessionRows: sessions.length, connectors, accounts, workers: workersImplied(rows), ...loginShape(sessions, start, end, opts.timezone), timezone: opts.timezone };
}

function loginShape(sessions: SessionRow[], start: number, end: number, zone: string) {
  const hours = new Array<number>(24).fill(0);
  const days = new Array<number>(7).fill(0);
  for (const s of sessions) {
    const t = localTime(s.login * 1000, zone);
    hours[t.hour]++;
    days[t.weekday]++;
  }
  // a weekday shape needs every weekday equally often in the period: whole weeks only
  const weeks = (end - start) / (7 * 86400);
  const lengths = sessions.map((s) => s.duration).filter((d) => d > 0).sort((a, b) => a - b);
  const fit = lengths.length >= 2 ? fitLognormal(lengths) : null;
  return {
    loginHours: hours,
    loginDays: weeks >= 1 && Number.isInteger(weeks) ? days : null,
    sessionLength: fit ? { ...fit, ks: ksOneSample(lengths, lognormalCdf(fit.mu, fit.sigma)) } : null,
  };
}
