// Invariants that must hold on any scenario, checked over generated ones that use every mechanism.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/run/simulation.js';
import type { Model } from '../../src/scenario/model.js';
import type { RequestRecord } from '../../src/vocabulary/index.js';
import { randomModel } from '../helpers/random-model.js';

const SEEDS = [1, 2, 3, 4, 5, 6];

function runAll(m: Model) {
  const records: RequestRecord[] = [];
  const sim = new Simulation(m, { onRequest: (r) => records.push(r) });
  const result = sim.finish();
  return { sim, records, summary: result.summary };
}

describe.each(SEEDS)('invariants on generated scenario %i', (seed) => {
  const m = randomModel(seed);
  const { sim, records, summary } = runAll(m);

  it('exercises limits, deferrals, failures, e-mails and embeds', () => {
    expect(summary.requests.deferrals).toBeGreaterThan(0);
    expect(summary.failures.count).toBeGreaterThan(0);
    expect(summary.emails.sent).toBeGreaterThan(0);
    expect(summary.embeds.views).toBeGreaterThan(0);
  });

  it('every enqueued request ends exactly once: completed, failed or pending at the end', () => {
    const r = summary.requests;
    expect(r.enqueued.total).toBe(r.completed + r.failed + r.pendingAtEnd.total);
    // one record per request over the whole run, and a source never has two requests alive at once
    const bySource = new Map<string, RequestRecord[]>();
    for (const rec of records) bySource.set(rec.source, [...(bySource.get(rec.source) ?? []), rec]);
    for (const recs of bySource.values()) {
      recs.sort((a, b) => a.enqueueAt - b.enqueueAt);
      for (let i = 1; i < recs.length; i++) expect(recs[i].enqueueAt).toBeGreaterThanOrEqual(recs[i - 1].endAt ?? Infinity);
    }
    const afterWarmup = records.filter((x) => x.enqueueAt >= m.warmup);
    expect(afterWarmup.length).toBe(r.enqueued.total);
    expect(afterWarmup.filter((x) => x.outcome === 'pending').length).toBe(r.pendingAtEnd.total);
  });

  it('no limit is ever exceeded', () => {
    const { keyMax } = sim.topo;
    for (let k = 0; k < keyMax.length; k++) expect(sim.system.limits.peak[k]).toBeLessThanOrEqual(keyMax[k]);
    expect(summary.deferrals.byLimit.every((l) => l.peakUse <= l.max)).toBe(true);
  });

  it('requests that were never deferred start in FIFO order', () => {
    const plain = records.filter((r) => r.deferrals === 0 && r.startAt !== null).sort((a, b) => a.enqueueAt - b.enqueueAt || a.startAt! - b.startAt!);
    for (let i = 1; i < plain.length; i++) expect(plain[i].startAt!).toBeGreaterThanOrEqual(plain[i - 1].startAt!);
  });

  it("inactive accounts' sources are never enqueued by the due rule", () => {
    const accountOf = new Map(m.users.map((u) => [u.id, u.account]));
    const active = (account: string, t: number) => m.sessions.some((s) => accountOf.get(s.user) === account && s.at <= t && t < s.at + s.duration);
    const due = records.filter((r) => r.trigger === 'due');
    expect(due.length).toBeGreaterThan(0);
    for (const r of due) expect(active(r.account, r.enqueueAt), `${r.source} at ${r.enqueueAt}`).toBe(true);
    expect(records.some((r) => r.account === 'acc7' && (r.trigger === 'due' || r.trigger === 'login'))).toBe(false);
  });

  it('embed views never enqueue: the same run without them makes the same requests', () => {
    const without = runAll({ ...m, embedViewProcesses: [], embedViews: [] });
    expect(without.records).toEqual(records);
    expect(without.summary.embeds.views).toBe(0);
  });

  it('time split holds for every request: total = queue + deferred + response (pending ones: up to the end)', () => {
    for (const r of records) {
      const end = r.endAt ?? m.duration;
      expect(r.queue + r.deferred + r.response).toBeCloseTo(end - r.enqueueAt, 4); // each field is rounded to the microsecond
    }
    expect(records.some((r) => r.outcome === 'pending')).toBe(true);
  });
});
