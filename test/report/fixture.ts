// A hand-made run for the report tests: a tiny FIFO simulation whose summary and time series are
// computed from its own request records, so every number in it agrees with every other.
import type { Trigger } from '../../src/scenario/model.js';
import { TRIGGERS } from '../../src/scenario/model.js';
import type { Dist, LimitReport, RequestRecord, RunResult, Summary, TimeParts, TimeseriesRow, Replications } from '../../src/vocabulary/index.js';
import { LogHistogram } from '../../src/stats/histogram.js';
import { busiestHour } from '../../src/stats/peaks.js';

function histogramOf(values: readonly number[]): LogHistogram {
  const h = new LogHistogram();
  for (const v of values) h.add(v);
  return h;
}
import { aggregate, HEADLINE_METRICS, metricValues } from '../../src/experiment/replicate.js';

/** What the report tests need from a run: its result and its per-request records. */
export interface TestRun {
  result: RunResult;
  requests: RequestRecord[];
}

export interface FixtureOptions {
  scenario?: string;
  /** ids that a spreadsheet would run as formulas, to test neutralisation */
  hostileIds?: boolean;
  seed?: number;
}

export const HOSTILE_NAME = '</script><script>alert(1)</script> & "agency" <b>bold</b>';

const DURATION = 86_400;
const WARMUP = 3_600;
const BUCKET = 900;
const WORKERS = 3;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exact nearest-rank percentiles. */
export function dist(values: number[]): Dist {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => v[Math.max(0, Math.ceil(p * v.length) - 1)]!;
  return { count: v.length, mean: v.reduce((s, x) => s + x, 0) / v.length, p50: at(0.5), p90: at(0.9), p95: at(0.95), p99: at(0.99), max: v[v.length - 1]! };
}

function timeParts(rs: RequestRecord[]): TimeParts & { count: number } {
  const started = rs.filter((r) => r.startAt !== null);
  const ended = rs.filter((r) => r.endAt !== null);
  return {
    count: rs.length,
    wait: dist(started.map((r) => r.queue + r.deferred)),
    queue: dist(started.map((r) => r.queue)),
    deferred: dist(started.map((r) => r.deferred)),
    response: dist(ended.map((r) => r.response)),
    total: dist(ended.map((r) => r.endAt! - r.enqueueAt)),
  };
}

function groupBy(rs: RequestRecord[], key: (r: RequestRecord) => string): Record<string, TimeParts & { count: number }> {
  const groups = new Map<string, RequestRecord[]>();
  for (const r of rs) {
    const k = key(r);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const out: Record<string, TimeParts & { count: number }> = {};
  for (const k of [...groups.keys()].sort()) out[k] = timeParts(groups.get(k)!);
  return out;
}

export function fixtureRun(opts: FixtureOptions = {}): TestRun {
  const rnd = mulberry32(opts.seed ?? 42);
  const exp = (mean: number) => -Math.log(1 - rnd()) * mean;
  const scenario = opts.scenario ?? 'agency-weekday';

  const accounts = opts.hostileIds
    ? ['acme', '=HYPERLINK("http://x.example","click")', '+globex', '-initech', '@umbrella', '\tstark']
    : ['acme', 'globex', 'initech', 'umbrella', 'stark', 'wayne', 'hooli', 'vandelay', 'pied-piper', 'wonka', 'tyrell', 'cyberdyne'];
  const connectors = [
    { id: 'google-analytics', mean: 18, fail: 0.02, limit: 'ga-concurrent-per-view' },
    { id: 'salesforce', mean: 9, fail: 0.01, limit: 'sf-calls-per-100s' },
    { id: 'rest-json', mean: 2.5, fail: 0.005, limit: '' },
  ];
  // arrivals per second by trigger (MODEL.md rules 1, 2, 5, 6)
  const rate: Record<Trigger, number> = { login: 0.02, due: 0.05, email: 0.004, manual: 0.008, api: 0.004, warmup: 0 };

  interface Pending {
    rec: RequestRecord;
    ready: number;
  }
  const pending: Pending[] = [];
  let seq = 0;
  for (const trigger of TRIGGERS) {
    let t = exp(1 / rate[trigger]);
    while (t < DURATION) {
      const account = accounts[Math.floor(rnd() * rnd() * accounts.length)]!; // a few accounts dominate
      const c = connectors[Math.floor(rnd() * connectors.length)]!;
      const deferred = c.limit !== '' && rnd() < 0.12 ? exp(c.limit.startsWith('ga') ? 40 : 90) : 0;
      const rec: RequestRecord = {
        source: opts.hostileIds && seq % 7 === 0 ? `-src-${seq}` : `src-${account.replace(/\W/g, '')}-${seq % 40}`,
        account,
        connector: c.id,
        trigger,
        enqueueAt: Math.round(t * 1000) / 1000,
        startAt: null,
        endAt: null,
        queue: 0,
        deferred: Math.round(deferred * 1000) / 1000,
        response: Math.round(exp(c.mean) * 1000) / 1000,
        deferrals: deferred > 0 ? 1 + Math.floor(rnd() * 2) : 0,
        deferLimit: deferred > 0 ? c.limit : '',
        outcome: rnd() < c.fail ? (rnd() < 0.7 ? 'error' : 'timeout') : 'success',
      };
      pending.push({ rec, ready: rec.enqueueAt + rec.deferred });
      seq++;
      // the morning login wave: faster arrivals between 8:00 and 10:00
      const busy = t > 8 * 3600 && t < 10 * 3600 ? 3 : 1;
      t += exp(1 / (rate[trigger] * busy));
    }
  }

  // FIFO by the time a request is ready (after any deferral), WORKERS workers.
  pending.sort((a, b) => a.ready - b.ready || a.rec.enqueueAt - b.rec.enqueueAt);
  const free = new Array<number>(WORKERS).fill(0);
  for (const p of pending) {
    let w = 0;
    for (let i = 1; i < WORKERS; i++) if (free[i]! < free[w]!) w = i;
    const start = Math.max(p.ready, free[w]!);
    const end = start + p.rec.response;
    free[w] = end;
    const r = p.rec;
    if (start >= DURATION) {
      r.response = 0;
      r.queue = Math.round((DURATION - r.enqueueAt - r.deferred) * 1000) / 1000;
      if (r.queue < 0) {
        r.deferred = Math.round((DURATION - r.enqueueAt) * 1000) / 1000;
        r.queue = 0;
      }
      r.outcome = 'pending';
      continue;
    }
    r.startAt = Math.round(start * 1000) / 1000;
    r.queue = Math.round((r.startAt - r.enqueueAt - r.deferred) * 1000) / 1000;
    if (end >= DURATION) {
      r.response = Math.round((DURATION - r.startAt) * 1000) / 1000;
      r.outcome = 'pending';
    } else {
      r.endAt = Math.round((r.startAt + r.response) * 1000) / 1000;
    }
  }
  const requests = pending.map((p) => p.rec).sort((a, b) => a.enqueueAt - b.enqueueAt);

  // ---- time series, by sweeping the records ----
  const timeseries: TimeseriesRow[] = [];
  let cumWait = 0;
  let cumN = 0;
  const bucketWaits: LogHistogram[] = [];
  for (let t = 0; t < DURATION; t += BUCKET) {
    const end = t + BUCKET;
    const arrivals = Object.fromEntries(TRIGGERS.map((tr) => [tr, 0])) as Record<Trigger, number>;
    let completions = 0;
    let failures = 0;
    let deferrals = 0;
    const waits: number[] = [];
    let queueArea = 0;
    let busyArea = 0;
    const edges: { at: number; dq: number; db: number }[] = [];
    for (const r of requests) {
      if (r.enqueueAt >= t && r.enqueueAt < end) {
        arrivals[r.trigger]++;
        deferrals += r.deferrals;
      }
      if (r.endAt !== null && r.endAt >= t && r.endAt < end) {
        if (r.outcome === 'success') completions++;
        else failures++;
      }
      if (r.startAt !== null && r.startAt >= t && r.startAt < end) {
        waits.push(r.queue + r.deferred);
        cumWait += r.queue + r.deferred;
        cumN++;
      }
      // waiting (queued or deferred) from enqueue to start; running from start to end
      const qFrom = Math.max(t, r.enqueueAt);
      const qTo = Math.min(end, r.startAt ?? DURATION);
      if (qTo > qFrom) {
        queueArea += qTo - qFrom;
        edges.push({ at: qFrom, dq: 1, db: 0 }, { at: qTo, dq: -1, db: 0 });
      }
      if (r.startAt !== null) {
        const bFrom = Math.max(t, r.startAt);
        const bTo = Math.min(end, r.endAt ?? DURATION);
        if (bTo > bFrom) busyArea += bTo - bFrom;
      }
    }
    edges.sort((a, b) => a.at - b.at || a.dq - b.dq);
    let q = 0;
    let queueMax = 0;
    for (const e of edges) {
      q += e.dq;
      if (q > queueMax) queueMax = q;
    }
    const hour = t / 3600;
    timeseries.push({
      t,
      arrivals,
      completions,
      failures,
      deferrals,
      queueMean: queueArea / BUCKET,
      queueMax,
      busyMean: busyArea / BUCKET,
      workers: WORKERS,
      started: (bucketWaits.push(histogramOf(waits)), waits.length),
      waitMean: waits.length > 0 ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
      waitP95: waits.length > 0 ? dist(waits).p95 : null,
      waitCumMean: cumN > 0 ? cumWait / cumN : null,
      activeAccounts: hour >= 7 && hour < 19 ? 6 + Math.round(4 * Math.sin(((hour - 7) / 12) * Math.PI)) : 1,
    });
  }

  // ---- summary over requests enqueued after the warm-up ----
  const after = requests.filter((r) => r.enqueueAt >= WARMUP);
  const enqueued = Object.fromEntries(TRIGGERS.map((tr) => [tr, after.filter((r) => r.trigger === tr).length])) as Record<Trigger, number>;
  const deferredReqs = after.filter((r) => r.deferrals > 0);
  const rows = timeseries.filter((r) => r.t >= WARMUP);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const busyMean = mean(rows.map((r) => r.busyMean));

  const limitDefs = [
    { id: 'ga-concurrent-per-view', kind: 'concurrent' as const, scope: 'gaProfile', max: 10, window: null, windowType: null, keys: 4, peakUse: 10 },
    { id: 'sf-calls-per-100s', kind: 'window' as const, scope: 'token', max: 25, window: 100, windowType: 'sliding' as const, keys: 6, peakUse: 25 },
    { id: 'ga-daily-per-view', kind: 'window' as const, scope: 'gaProfile', max: 10_000, window: 86_400, windowType: 'fixed' as const, keys: 4, peakUse: 1_312 },
  ];
  const byLimit: LimitReport[] = limitDefs.map((l) => {
    const rs = deferredReqs.filter((r) => r.deferLimit === l.id);
    const deferrals = rs.reduce((s, r) => s + r.deferrals, 0);
    const deferredSeconds = rs.reduce((s, r) => s + r.deferred, 0);
    const topKeys = rs.length === 0 ? [] : [
      { key: `${l.scope}-1`, deferrals: Math.ceil(deferrals * 0.6), deferredSeconds: deferredSeconds * 0.6, peakUse: l.peakUse },
      { key: `${l.scope}-2`, deferrals: Math.floor(deferrals * 0.4), deferredSeconds: deferredSeconds * 0.4, peakUse: l.peakUse - 1 },
    ];
    return { ...l, deferrals, deferredSeconds, peakUsePct: (100 * l.peakUse) / l.max, topKeys };
  });

  const fresh = (n: number, mean: number) => dist(Array.from({ length: n }, () => Math.round(exp(mean))));
  const failed = after.filter((r) => r.outcome === 'error' || r.outcome === 'timeout');
  const pendingAtEnd = {
    queued: requests.filter((r) => r.startAt === null && r.deferred === 0).length,
    deferred: requests.filter((r) => r.startAt === null && r.deferred > 0).length,
    running: requests.filter((r) => r.startAt !== null && r.endAt === null).length,
    total: requests.filter((r) => r.outcome === 'pending').length,
  };
  const overall = timeParts(after);
  const summary: Summary = {
    schemaVersion: 1,
    scenario,
    seed: opts.seed ?? 42,
    span: { start: '2024-03-04T00:00:00Z', duration: DURATION, warmup: WARMUP },
    wait: overall.wait,
    queue: overall.queue,
    deferred: overall.deferred,
    response: overall.response,
    total: overall.total,
    requests: {
      enqueued: { ...enqueued, total: after.length },
      coalesced: 57,
      dropped: 0,
      started: after.filter((r) => r.startAt !== null).length,
      completed: after.filter((r) => r.outcome === 'success').length,
      failed: failed.length,
      deferred: deferredReqs.length,
      deferrals: deferredReqs.reduce((s, r) => s + r.deferrals, 0),
      pendingAtEnd,
      stillWaiting: { count: 0, longest: 0 },
    },
    byTrigger: groupBy(after, (r) => r.trigger),
    byConnector: groupBy(after, (r) => r.connector),
    byAccount: groupBy(after, (r) => r.account),
    queueLength: { mean: mean(rows.map((r) => r.queueMean)), max: Math.max(...rows.map((r) => r.queueMax)) },
    workers: { mean: WORKERS, min: WORKERS, max: WORKERS, busyMean },
    utilisation: { mean: busyMean / WORKERS },
    deferrals: {
      count: deferredReqs.reduce((s, r) => s + r.deferrals, 0),
      requests: deferredReqs.length,
      seconds: deferredReqs.reduce((s, r) => s + r.deferred, 0),
      byLimit,
    },
    freshness: { dashboard: fresh(400, 420), embed: fresh(150, 5_400), email: fresh(24, 900) },
    embeds: { views: 150, cacheHits: 112, renders: 38 },
    emails: { sent: 24, pendingAtSend: 3, pendingAtSendPct: 12.5 },
    failures: {
      count: failed.length,
      byReason: { error: failed.filter((r) => r.outcome === 'error').length, timeout: failed.filter((r) => r.outcome === 'timeout').length, auth: 0 },
      retries: Math.round(failed.length * 0.8),
      disabledSources: 1,
      disabled: ['src-umbrella-7'],
      revokedTokenSources: 0,
    },
    sessions: { logins: 212, meanActiveAccounts: mean(rows.map((r) => r.activeAccounts)) },
    peaks: { busiestHour: busiestHour(timeseries, bucketWaits, WARMUP), windows: {} },
  };

  const params: Record<string, unknown> = {
    scenario,
    seed: summary.seed,
    duration: '1d',
    warmup: '1h',
    workers: WORKERS,
    emailLead: '10m',
    embedTtl: '3h',
    defer: 'until-free',
    connectors: Object.fromEntries(connectors.map((c) => [c.id, { latency: { type: 'exponential', mean: c.mean }, failureRate: c.fail }])),
    limits: limitDefs.map((l) => l.id),
    arrivals: rate,
  };
  return { result: { summary, timeseries, params }, requests };
}

/** A run in which nothing happened: no requests, no buckets, every distribution empty. */
export function emptyRun(): TestRun {
  const { result } = fixtureRun({ scenario: 'idle' });
  const none = dist([]);
  const parts = { wait: none, queue: none, deferred: none, response: none, total: none };
  const s = result.summary;
  const summary: Summary = {
    ...s,
    ...parts,
    requests: { ...s.requests, enqueued: { login: 0, due: 0, email: 0, manual: 0, api: 0, warmup: 0, total: 0 }, started: 0, completed: 0, failed: 0, deferred: 0, deferrals: 0 },
    byTrigger: {},
    byConnector: {},
    byAccount: {},
    queueLength: { mean: 0, max: 0 },
    workers: { ...s.workers, busyMean: 0 },
    utilisation: { mean: 0 },
    deferrals: { count: 0, requests: 0, seconds: 0, byLimit: [] },
    freshness: { dashboard: none, embed: none, email: none },
    emails: { sent: 0, pendingAtSend: 0, pendingAtSendPct: 0 },
  };
  return { result: { summary, timeseries: [], params: {} }, requests: [] };
}

/**
 * The run with a real replications block, as `run --replications n` writes it: the summary stays
 * replication 0's (this run), and the block is aggregated over n fixture runs with derived seeds.
 */
export function withReplications(run: TestRun, n = 5, opts: FixtureOptions = {}): TestRun & { replications: Replications } {
  const runs = [run.result.summary, ...Array.from({ length: n - 1 }, (_, k) => fixtureRun({ ...opts, seed: 1000 + k }).result.summary)];
  const replications = aggregate(
    runs.map((s) => metricValues(s, HEADLINE_METRICS)),
    HEADLINE_METRICS,
  );
  const summary = { ...run.result.summary, replications } as Summary;
  return { result: { ...run.result, summary }, requests: run.requests, replications };
}
