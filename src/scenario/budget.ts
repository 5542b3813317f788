// Resource guard: from a validated scenario, BEFORE generated entities are expanded, estimate how many
// entities, events and bytes a run needs, and refuse (a located problem) what exceeds a fixed budget,
// unless `allowLarge` (the `--allow-large` flag) says the user knows better.
//
// The budgets are fixed numbers, not a fraction of this machine's memory, so that a scenario is accepted
// or refused the same way everywhere (CI and laptops alike).
//
// Calibration (node 20, `node --expose-gc`, heapUsed after gc and process.resourceUsage().maxRSS, on
// scenarios/bench-week.yaml and scaled copies; 2026-11-28):
//   bench-week (4,000 accounts, 100,000 sources, 11,925 users, 7 d, 672 buckets): model 34 MB of heap
//     (~340 B per source, users/klips/e-mails included), peak RSS 355 MB, 2.95 M requests in 21 s.
//   16,000 accounts (400,000 sources, 47,842 users), 1 d: model 145 MB (~360 B per source), peak RSS 813 MB.
//   40 accounts (1,000 sources), bucket 1s over 7 d (604,800 buckets): 215 MB retained by the
//     time series (~356 B per bucket), peak RSS 341 MB; the full `run` command writing every report
//     (54 MB index.html, 30 MB timeseries.csv) peaked at 1.79 GB RSS: ~2.4 KB per bucket.
// Re-measured for issue 13 (`npm run bench`, whole-process peak RSS over an empty process that loaded the
// simulator, generation included): ~1,600-2,040 B per source at 100,000 sources (1, 7 or 28 d; users,
// accounts and Klips included), ~1,330 B at 1,000,000 sources (1.33 GB for the million-source week). The
// source figure below is 1,500 (it was 2,500); with base, users, accounts and Klips the estimate of the
// million-source week is still about 1.45 times its peak (1,925 MB for 1.33 GB; bench-week 366 MB for 236 MB).
// Re-measured after issue 13's second round (one `npm run bench`, 2026-11-28): 1,359-1,566 B per source at
// 100,000 sources (1, 7 or 28 d), 1,043 B at 1,000,000 (1,060 MB peak for the million-source week). The
// whole `run` command, reports written: bench-week 248 MB, bench-week-1m 1,323 MB (/usr/bin/time -v).
// The source figure is now 1,200: the estimates are about 354 MB and 1,625 MB, 1.4 and 1.2 times those.
// The per-item figures below round those up (peak RSS over the model: parsing, expansion garbage, the
// topology and the system's arrays) so that the estimate errs on the large side.
import { parseDuration, parseRate } from '../vocabulary/index.js';
import type { Locator } from './locate.js';
import type { PathSegment, Problem } from './problems.js';
import type { GeneratorInput, ScenarioInput } from './schema.js';
import { DEFAULTS } from './presets.js';
import type { TraceRows } from './traces.js';

/** The memory a run may plan to use: 8 GiB. */
export const MEMORY_BUDGET_BYTES = 8 * 1024 ** 3;
/** The simulation events a run may plan to process (about an hour of simulation at ~600k events/s). */
export const EVENT_BUDGET = 2e9;

/** Bytes at peak per item (see the calibration above). */
const BYTES = {
  base: 200e6,
  source: 1200,
  user: 500,
  account: 2000,
  bucket: 3000,
  traceRow: 500,
  /** a Klip (with its embed, if any) and a generated Google user's id */
  klip: 400,
  googleUser: 100,
  /** one send or warm-up time per day, per e-mail or warming account */
  scheduledTime: 16,
} as const;
/** Events per refresh request: enqueue, start, end and a limit or retry wake now and then. */
const EVENTS_PER_REQUEST = 4;

const fmtCount = (x: number): string => (Number.isFinite(x) ? (x >= 1e15 ? x.toExponential(2) : Math.round(x).toLocaleString('en-US')) : 'infinitely many');
const fmtBytes = (b: number): string =>
  !Number.isFinite(b) ? 'unbounded' : b >= 1024 ** 4 ? `${(b / 1024 ** 4).toFixed(1)} TiB` : b >= 1024 ** 3 ? `${(b / 1024 ** 3).toFixed(1)} GiB` : `${Math.ceil(b / 1024 ** 2)} MiB`;

/** One part of the estimate: where in the file it comes from and what it is. */
interface Part {
  path: PathSegment[];
  /** `100,000 sources (10,000 accounts x 10 sources)` */
  what: string;
  bytes: number;
  events: number;
}

export interface Estimate {
  accounts: number;
  users: number;
  sources: number;
  buckets: number;
  bytes: number;
  events: number;
  parts: Part[];
}

const upper = (r: number | { min: number; max: number } | undefined, fallback: number): number => (r === undefined ? fallback : typeof r === 'number' ? r : r.max);

/** Mean refreshes per second of one source whose interval is drawn from `weights` (manual sources: none). */
function dueRate(weights: Record<string, number> | undefined): number {
  const entries = Object.entries(weights ?? { '1h': 1 }).filter(([, w]) => w > 0);
  const total = entries.reduce((a, [, w]) => a + w, 0);
  if (total === 0) return 0;
  return entries.reduce((a, [k, w]) => (k === 'manual' || k === 'none' ? a : a + w / parseDuration(k)), 0) / total;
}

type GeneratorFields = Omit<GeneratorInput, 'clients' | 'prefix' | 'kind' | 'count'>;

/** The accounts of one generator (or of its clients): entities, bytes and events. */
function generatorPart(
  g: GeneratorFields,
  n: number,
  base: PathSegment[],
  fieldPath: (key: string) => PathSegment[],
  countPath: PathSegment[],
  duration: number,
  days: number,
  viewsPerSession: number,
): { accounts: number; users: number; sources: number; part: Part } {
  const perUsers = upper(g.users, 1);
  const perSources = upper(g.sources, 10);
  const nSources = n * perSources;
  const nUsers = n * perUsers;
  const logins = nUsers * (g.logins?.perUserPerDay ?? 0) * days;
  const scheduled = n * ((g.emails ? 1 : 0) + (g.warmUpAt ? 1 : 0)) * days;
  const side = n * (upper(g.klips, Math.ceil(perSources / 2)) * BYTES.klip + upper(g.googleUsers, 1) * BYTES.googleUser);
  // the per-account figure that dominates is the one to blame when it exceeds the number of accounts
  const perAccount: [string, number][] = [['sources', perSources], ['users', perUsers], ['klips', upper(g.klips, 0)], ['googleUsers', upper(g.googleUsers, 0)]];
  const [key, most] = perAccount.reduce((a, b) => (b[1] > a[1] ? b : a));
  const given = (g as Record<string, unknown>)[key] !== undefined;
  const label = base.length > 2 ? 'generated client' : 'generated';
  const part: Part = {
    path: given && most > n ? fieldPath(key) : countPath,
    what: `${fmtCount(nSources)} ${label} sources (${fmtCount(n)} accounts x ${fmtCount(perSources)} sources${key !== 'sources' && most > perSources ? `, ${fmtCount(most)} ${key} each` : ''})`,
    bytes: n * BYTES.account + nUsers * BYTES.user + nSources * BYTES.source + scheduled * BYTES.scheduledTime + side,
    events: EVENTS_PER_REQUEST * (nSources * dueRate(g.intervals) * duration + logins * (perSources + viewsPerSession) + scheduled * perSources),
  };
  return { accounts: n, users: nUsers, sources: nSources, part };
}

/** Estimates a scenario that has passed validation (every value readable). */
export function estimate(s: ScenarioInput, traces: TraceRows): Estimate {
  const duration = parseDuration(s.duration);
  const days = Math.max(1, duration / 86400);
  const viewsPerSession = 1 + (20 * 60) / (s.dashboardViewEvery === undefined ? DEFAULTS.dashboardViewEvery : parseDuration(s.dashboardViewEvery));
  const parts: Part[] = [];
  let accounts = 0, users = 0, sources = 0;

  // explicit accounts: one part for all of them (each is small; together they may not be)
  const explicit: Part = { path: ['accounts'], what: '', bytes: 0, events: 0 };
  for (const a of s.accounts ?? []) {
    const nUsers = a.users?.length ?? 0;
    const nSources = a.sources?.length ?? 0;
    accounts += 1;
    users += nUsers;
    sources += nSources;
    let due = 0;
    for (const src of a.sources ?? []) {
      const iv = src.interval === null || src.interval === 'manual' || src.interval === 'none' ? 0 : 1 / parseDuration(src.interval);
      due += iv * duration;
    }
    const logins = nUsers * (a.logins?.perUserPerDay ?? 0) * days;
    const scheduled = ((a.emails?.length ?? 0) + (a.warmUpAt ? 1 : 0)) * days;
    explicit.bytes += BYTES.account + nUsers * BYTES.user + nSources * BYTES.source + scheduled * BYTES.scheduledTime;
    explicit.events += EVENTS_PER_REQUEST * (due + logins * (nSources + viewsPerSession) + scheduled * nSources);
  }
  if (accounts > 0) {
    explicit.what = `${fmtCount(accounts)} accounts with ${fmtCount(sources)} sources`;
    parts.push(explicit);
  }

  (s.generate ?? []).forEach((g, i) => {
    const own = generatorPart(g, g.count, ['generate', i], (key) => ['generate', i, key], ['generate', i, 'count'], duration, days, viewsPerSession);
    const found = [own];
    if (g.clients) {
      // clients take the generator's fields unless they give their own
      const merged = { ...g, ...Object.fromEntries(Object.entries(g.clients).filter(([, v]) => v !== undefined)) } as GeneratorFields;
      const n = g.count * upper(g.clients.count, 0);
      const where = (key: string): PathSegment[] => (Object.hasOwn(g.clients!, key) ? ['generate', i, 'clients', key] : ['generate', i, key]);
      found.push(generatorPart(merged, n, ['generate', i, 'clients'], where, ['generate', i, 'clients', 'count'], duration, days, viewsPerSession));
    }
    for (const f of found) {
      accounts += f.accounts;
      users += f.users;
      sources += f.sources;
      parts.push(f.part);
    }
  });

  const perAccountSources = accounts > 0 ? sources / accounts : 0;
  (s.arrivals ?? []).forEach((a, i) => {
    const arrivals = parseRate(a.rate) * duration;
    const fanOut = a.type === 'linkView' ? perAccountSources : 1;
    parts.push({ path: ['arrivals', i, 'rate'], what: `${fmtCount(arrivals)} arrivals (rate ${a.rate} over ${s.duration})`, bytes: 0, events: EVENTS_PER_REQUEST * arrivals * fanOut });
  });

  const rows = traces.sessions.length + traces.embedViews.length + traces.refreshes.length + (s.traces?.linkViews?.length ?? 0);
  if (rows > 0) parts.push({ path: ['traces'], what: `${fmtCount(rows)} trace rows`, bytes: rows * BYTES.traceRow, events: EVENTS_PER_REQUEST * rows * viewsPerSession });

  const bucket = s.bucket === undefined ? DEFAULTS.bucket : parseDuration(s.bucket);
  const buckets = Math.ceil(duration / bucket);
  parts.push({
    path: s.bucket !== undefined ? ['bucket'] : ['duration'],
    what: `${fmtCount(buckets)} time-series buckets (duration ${s.duration} / bucket ${s.bucket ?? '5m'})`,
    bytes: buckets * BYTES.bucket,
    events: buckets,
  });

  const bytes = BYTES.base + parts.reduce((a, p) => a + p.bytes, 0);
  const events = parts.reduce((a, p) => a + p.events, 0);
  return { accounts, users, sources, buckets, bytes, events, parts };
}

/**
 * Problems of a scenario whose estimated memory or events exceed the budgets, each at the field of the
 * largest contributor (a generator's count, an arrival rate, the bucket, the duration), naming the figure,
 * the estimate, the budget and the override. Empty with `allowLarge`.
 */
export function budgetProblems(s: ScenarioInput, traces: TraceRows, locator: Locator, opts: { allowLarge?: boolean } = {}): Problem[] {
  if (opts.allowLarge) return [];
  const e = estimate(s, traces);
  const out: Problem[] = [];
  const override = 'pass --allow-large to run it anyway';
  let memoryTop: Part | undefined;
  if (!(e.bytes <= MEMORY_BUDGET_BYTES)) {
    const top = (memoryTop = largest(e.parts, (p) => p.bytes));
    out.push(locator.problem(top.path, `too large: ${top.what} would need about ${fmtBytes(top.bytes)} of memory; the whole run about ${fmtBytes(e.bytes)}, over the budget of ${fmtBytes(MEMORY_BUDGET_BYTES)} (${override})`));
  }
  const eventsTop = largest(e.parts, (p) => p.events);
  // one cause, one problem: what is too large to hold is not also reported as too long to run
  if (!(e.events <= EVENT_BUDGET) && eventsTop !== memoryTop) {
    const top = eventsTop;
    // entities make events in proportion to the simulated span: the duration is the figure to change
    const where = top.path[0] === 'generate' || top.path[0] === 'accounts' ? ['duration'] : top.path;
    out.push(locator.problem(where, `too long: ${top.what} give about ${fmtCount(top.events)} simulation events over ${s.duration}; the whole run about ${fmtCount(e.events)}, over the budget of ${fmtCount(EVENT_BUDGET)} (${override})`));
  }
  return out;
}

function largest(parts: Part[], by: (p: Part) => number): Part {
  return parts.reduce((best, p) => (by(p) > by(best) || Number.isNaN(by(best)) ? p : best));
}
