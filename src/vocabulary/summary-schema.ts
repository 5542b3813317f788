// The schema of summary.json (schemaVersion 1), the definition that both validates summaries (the gate's
// baselines, tests) and generates schemas/summary.schema.json. Kept in step with ./types.ts by a
// compile-time check below and by a test that validates real runs.
import { z } from 'zod';
import type { Summary } from './summary.js';

const sec = (d: string) => z.number().nonnegative().nullable().describe(d);
const dist = z
  .strictObject({
    count: z.number().int().nonnegative().describe('values in the distribution'),
    mean: sec('mean, seconds (exact)'),
    p50: sec('median, seconds: nearest rank (the smallest value with at least half the values at or below it), from a streaming histogram within 1/128 of the exact value'),
    p90: sec('90th percentile, seconds'),
    p95: sec('95th percentile, seconds (nearest rank: 95 % of the values were at most this)'),
    p99: sec('99th percentile, seconds'),
    max: sec('maximum, seconds (exact)'),
  })
  .describe('a distribution of seconds; null statistics when count is 0');

const parts = {
  wait: dist.describe('enqueue to start = queue + deferred, requests enqueued after the warm-up; those still waiting at the end count with their wait so far (requests.stillWaiting)'),
  queue: dist.describe('time in the queue (other requests ahead)'),
  deferred: dist.describe('time held back by API limits'),
  response: dist.describe('time the source system took (start to end), requests ended after the warm-up'),
  total: dist.describe('enqueue to end = queue + deferred + response'),
};
const group = z.strictObject({ count: z.number().int().nonnegative(), ...parts });
const count = z.number().int().nonnegative();

const peak = z
  .strictObject({
    start: z.number().nonnegative().describe('seconds since the start: the first bucket of the window'),
    end: z.number().nonnegative().describe('seconds since the start: the end of its last bucket'),
    buckets: count,
    occurrences: count.optional().describe('occurrences of a named window after the warm-up'),
    arrivals: count.describe('requests enqueued in the window, every trigger'),
    wait: z
      .strictObject({ count, mean: sec('mean wait, seconds'), p50: sec('median wait, seconds (nearest rank)'), p95: sec('95th percentile wait, seconds (nearest rank)'), p99: sec('99th percentile wait, seconds (nearest rank)') })
      .describe('waits of the refreshes started in the window (its buckets\' histograms merged)'),
    utilisation: z.number().min(0).nullable().describe('busy worker-seconds over available worker-seconds in the window'),
    queueMean: z.number().nonnegative(),
    queueMax: count,
    deferrals: count,
  })
  .describe('the figures of one peak window');

const byTrigger = z.strictObject({ login: count, due: count, email: count, manual: count, api: count, warmup: count, total: count });

export const summarySchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    scenario: z.string(),
    seed: z.number().int(),
    policy: z.enum(['fifo', 'priority', 'fair-share', 'stalest-first']).optional().describe('the queue discipline (fifo is the product); absent in summaries before issue 12'),
    span: z.strictObject({ start: z.string().describe('ISO instant of sim time 0'), duration: z.number().positive(), warmup: z.number().nonnegative() }),
    requests: z.strictObject({
      enqueued: byTrigger.describe('requests enqueued after the warm-up, by trigger'),
      coalesced: count.describe('requests not enqueued after the warm-up because the source was already queued, deferred or running (rule 7), whatever made them: a click, an API call, a login, an e-mail, or the source coming due while its account is active'),
      dropped: count.describe('requests for disabled sources'),
      started: count,
      completed: count,
      failed: count,
      deferred: count.describe('requests deferred at least once'),
      deferrals: count.describe('deferral episodes'),
      pendingAtEnd: z.strictObject({ queued: count, deferred: count, running: count, total: count }).describe('requests not ended when the run ended, warm-up included'),
      stillWaiting: z
        .strictObject({ count, longest: z.number().nonnegative().describe('the longest wait so far among them, seconds') })
        .optional()
        .describe('requests enqueued after the warm-up and not started at the end: they count in the wait, queue and deferred distributions with their wait so far, so those are lower bounds when count > 0 (absent from summaries of refresh-sim before it counted them)'),
    }),
    ...parts,
    byTrigger: z.record(z.string(), group),
    byConnector: z.record(z.string(), group),
    byAccount: z.record(z.string(), group),
    queueLength: z.strictObject({ mean: z.number().nonnegative().describe('time-weighted over [warmup, end]'), max: count }),
    workers: z.strictObject({ mean: z.number().nonnegative(), min: count, max: count, busyMean: z.number().nonnegative() }),
    utilisation: z.strictObject({ mean: z.number().min(0).max(1).describe('busy worker-seconds / available worker-seconds') }),
    deferrals: z.strictObject({
      count,
      requests: count,
      seconds: z.number().nonnegative(),
      byLimit: z.array(
        z.strictObject({
          id: z.string(),
          kind: z.enum(['concurrent', 'window']),
          scope: z.string(),
          max: z.number().positive(),
          window: z.number().positive().nullable(),
          windowType: z.enum(['sliding', 'fixed']).nullable(),
          keys: count,
          deferrals: count.describe('deferrals by this limit made after the warm-up (as deferrals.count)'),
          deferredSeconds: z.number().nonnegative().describe('seconds deferred by this limit, of requests enqueued after the warm-up, released before the end'),
          peakUse: z.number().nonnegative().describe('the highest use of any key reached after the warm-up (use just after a call admitted then)'),
          peakUsePct: z.number().nonnegative().describe('100 * peakUse / max'),
          topKeys: z.array(z.strictObject({ key: z.string(), deferrals: count, deferredSeconds: z.number().nonnegative(), peakUse: z.number().nonnegative() })),
        }),
      ),
    }),
    freshness: z.strictObject({
      dashboard: dist.describe('age of data seen by active dashboard users: at each look (login, then every dashboardViewEvery), the age of each source the dashboard shows, that is each source of the account on a Klip and refreshed on an interval (manual-only sources and sources on no Klip are left out: their age does not depend on the queue)'),
      embed: dist.describe('age of data (oldest source) shown to embed viewers'),
      email: dist.describe('age of data (oldest source) in e-mail reports at send time'),
    }),
    embeds: z.strictObject({ views: count, cacheHits: count, renders: count }).describe('embed views after the warm-up; the render cache is kept per Klip: a view is a hit when its Klip was rendered (by any embed) within embedTtl'),
    emails: z.strictObject({ sent: count, pendingAtSend: count, pendingAtSendPct: z.number().min(0).max(100) }),
    failures: z.strictObject({
      count,
      byReason: z.strictObject({ error: count, timeout: count, auth: count }),
      retries: count,
      disabledSources: count,
      disabled: z.array(z.string()),
      revokedTokenSources: count,
    }),
    sessions: z.strictObject({ logins: count, meanActiveAccounts: z.number().nonnegative() }),
    fairness: z
      .strictObject({
        accounts: count.describe('accounts with a request started after the warm-up'),
        worstAccountP95Wait: sec('the highest p95 wait of any account, seconds'),
        worstAccount: z.string().nullable().describe('the account with that p95 wait'),
        jainIndex: z.number().min(0).max(1).nullable().describe("Jain's fairness index over accounts' mean waits: 1 equal, 1/n all on one"),
        maxWaitByTrigger: z.strictObject({ login: sec('longest wait'), due: sec('longest wait'), email: sec('longest wait'), manual: sec('longest wait'), api: sec('longest wait'), warmup: sec('longest wait') }),
      })
      .optional()
      .describe('how evenly the queue treated accounts and triggers (issue 12; absent in older summaries)'),
    peaks: z
      .strictObject({
        busiestHour: peak.nullable().describe('the hour after the warm-up (whole buckets, sliding by one) with the most arrivals; null if none arrived'),
        windows: z.record(z.string(), peak.nullable()).describe("the scenario's named windows (peaks:), each over all its occurrences after the warm-up; null if none falls after it"),
      })
      .optional()
      .describe('peak windows with their own figures (absent from summaries of refresh-sim before it wrote them)'),
    attainment: z
      .strictObject({
        target: z.number().positive().describe("the scenario's waitTarget, seconds"),
        metPct: z.number().min(0).max(100).nullable().describe('percentage of the counted refreshes whose wait was at most the target; null when none was counted'),
        byTrigger: z
          .partialRecord(z.enum(['login', 'due', 'email', 'manual', 'api', 'warmup']), z.strictObject({ metPct: z.number().min(0).max(100), count }))
          .describe('the same per trigger, for triggers with a refresh counted; count: refreshes counted'),
      })
      .optional()
      .describe('SLO attainment, counted exactly (not from histograms): of the refreshes enqueued after the warm-up, the share whose wait (enqueue to start) was at most waitTarget. A request still waiting at the end counts as not met when it has already waited longer than the target and is left out when it has not (its outcome is unknown). Absent from summaries of refresh-sim before it wrote them'),
    replications: z
      .strictObject({
        n: z.number().int().positive(),
        confidence: z.number().gt(0).lt(1).optional(),
        metrics: z.record(z.string(), z.strictObject({ mean: z.number(), halfWidth: z.number().nonnegative(), ci: z.tuple([z.number(), z.number()]) })),
      })
      .optional()
      .describe('present when the run had replications: headline metrics as mean and 95% confidence interval'),
  })
  .meta({ title: 'refresh-sim summary.json', description: 'Numbers of one simulation run (times in seconds). See README, "summary.json".' });

// compile-time: the schema and the Summary type describe the same object
type Inferred = Omit<z.infer<typeof summarySchema>, 'replications'>;
const _check1: (s: Summary) => Inferred = (s) => s;
const _check2: (s: Inferred) => Summary = (s) => s;
void _check1;
void _check2;
