// Builds summary.json from what the collector saw. Field meanings are documented in types.ts and the README.
import type { Model } from '../scenario/index.js';
import { TRIGGERS, round, type LimitReport, type Summary, type TimeParts } from '../vocabulary/index.js';
import type { Collector } from './collector.js';
import { busiestHour, namedWindow } from './peaks.js';
import { fairness } from './fairness.js';
import { attainment } from './attainment.js';

/** What the summary needs of the topology and the system besides the collector. */
export interface SummaryInputs {
  accountIds: readonly string[];
  connectorIds: readonly string[];
  sourceIds: readonly string[];
  keyLabel: readonly string[];
  keyLimit: Int32Array;
  sourceRevoked: Uint8Array;
}

export interface LimitUse {
  peak: Float64Array;
  deferrals: Float64Array;
  deferredSeconds: Float64Array;
}


export function buildSummary(
  model: Model,
  topo: SummaryInputs,
  system: { limits: LimitUse },
  c: Collector,
  pending: Summary['requests']['pendingAtEnd'],
): Summary {
  const end = model.duration;
  const lv = c.levels(end);
  const enqueued = { login: 0, due: 0, email: 0, manual: 0, api: 0, warmup: 0, total: 0 };
  TRIGGERS.forEach((t, i) => {
    enqueued[t] = c.enqueuedBy[i];
    enqueued.total += c.enqueuedBy[i];
  });

  const groups = (names: readonly string[], parts: (ReturnType<Collector['parts']>)[]) => {
    const out: Record<string, TimeParts & { count: number }> = {};
    parts.forEach((p, i) => {
      if (p !== null) out[names[i]] = p;
    });
    return out;
  };

  const overall = c.overall.toParts();
  const started = c.nStarted;
  const byTrigger = groups(TRIGGERS, c.byTrigger.map((p) => c.parts(p)));
  const byAccount = groups(topo.accountIds, c.byAccount.map((p) => c.parts(p)));
  return {
    schemaVersion: 1,
    scenario: model.name,
    seed: model.seed,
    policy: model.policy?.kind ?? 'fifo',
    span: { start: new Date(model.startEpochMs).toISOString(), duration: model.duration, warmup: model.warmup },
    requests: {
      enqueued,
      coalesced: c.nCoalesced,
      dropped: c.nDropped,
      started,
      completed: c.completed,
      failed: c.failed,
      deferred: c.deferredRequests,
      deferrals: c.deferrals,
      pendingAtEnd: pending,
      stillWaiting: { count: c.nWaitingAtEnd, longest: round(c.waitingAtEndMax) },
    },
    wait: overall.wait,
    queue: overall.queue,
    deferred: overall.deferred,
    response: overall.response,
    total: overall.total,
    byTrigger,
    byConnector: groups(topo.connectorIds, c.byConnector.map((p) => c.parts(p))),
    byAccount,
    queueLength: { mean: round(lv.queue), max: c.qMax },
    workers: { mean: round(lv.capacity), ...c.workerRange(), busyMean: round(lv.busy) },
    utilisation: { mean: lv.capacity > 0 ? round(lv.busy / lv.capacity) : 0 },
    deferrals: { count: c.deferrals, requests: c.deferredRequests, seconds: round(c.deferredSeconds), byLimit: limitReports(model, topo, system.limits) },
    freshness: { dashboard: c.dashboard.toDist(), embed: c.embed.toDist(), email: c.email.toDist() },
    embeds: { views: c.embedViews, cacheHits: c.embedHits, renders: c.embedViews - c.embedHits },
    emails: {
      sent: c.emailsSent,
      pendingAtSend: c.emailsPending,
      pendingAtSendPct: c.emailsSent > 0 ? round((100 * c.emailsPending) / c.emailsSent) : 0,
    },
    failures: {
      count: c.failed,
      byReason: { error: c.failReasons[1], timeout: c.failReasons[2], auth: c.failReasons[3] },
      retries: c.retries,
      disabledSources: c.disabledSources.length,
      disabled: c.disabledSources.slice(0, 100).map((s) => topo.sourceIds[s]),
      revokedTokenSources: topo.sourceRevoked.reduce((a, b) => a + b, 0),
    },
    sessions: { logins: c.logins, meanActiveAccounts: round(lv.active) },
    fairness: fairness(byAccount, byTrigger),
    peaks: {
      busiestHour: busiestHour(c.rows, c.bucketWaits, model.warmup),
      windows: Object.fromEntries((model.peakWindows ?? []).map((w) => [w.name, namedWindow(c.rows, c.bucketWaits, model.warmup, w)])),
    },
    attainment: attainment(c.waitTarget, c.attainCount, c.attainMet),
  };
}

function limitReports(model: Model, topo: SummaryInputs, use: LimitUse): LimitReport[] {
  return model.limits.map((lim, li) => {
    const keys: number[] = [];
    for (let k = 0; k < topo.keyLabel.length; k++) if (topo.keyLimit[k] === li) keys.push(k);
    let deferrals = 0, seconds = 0, peak = 0;
    for (const k of keys) {
      deferrals += use.deferrals[k];
      seconds += use.deferredSeconds[k];
      if (use.peak[k] > peak) peak = use.peak[k];
    }
    const top = keys
      .map((k) => ({ key: topo.keyLabel[k].slice(lim.id.length + 1), deferrals: use.deferrals[k], deferredSeconds: round(use.deferredSeconds[k]), peakUse: use.peak[k] }))
      .sort((a, b) => b.deferrals - a.deferrals || b.peakUse - a.peakUse || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, 10);
    return {
      id: lim.id,
      kind: lim.kind,
      scope: lim.scope,
      max: lim.max,
      window: lim.kind === 'window' ? lim.window : null,
      windowType: lim.kind === 'window' ? lim.windowType : null,
      keys: keys.length,
      deferrals,
      deferredSeconds: round(seconds),
      peakUse: round(peak),
      peakUsePct: lim.max > 0 ? round((100 * peak) / lim.max) : 0,
      topKeys: top,
    };
  });
}
