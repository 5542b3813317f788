// The diagnosis sentence, checked against summaries whose shares are worked out by hand.
import { describe, expect, it } from 'vitest';
import { diagnose, sentenceText, sharePct } from '../../src/report/diagnosis.js';
import type { LimitReport, Summary } from '../../src/vocabulary/index.js';
import { fixtureRun } from './fixture.js';

function limit(id: string, deferredSeconds: number, top?: [string, number]): LimitReport {
  return {
    id, kind: 'concurrent', scope: 'profile', max: 10, window: null, windowType: null, keys: 3, deferrals: deferredSeconds > 0 ? 5 : 0, deferredSeconds,
    peakUse: 10, peakUsePct: 100, topKeys: top ? [{ key: top[0], deferrals: 4, deferredSeconds: top[1], peakUse: 10 }] : [],
  };
}

const BASE = fixtureRun().result.summary;

/** The fixture's summary with the figures the diagnosis reads set by hand. */
function summary(o: { queue: number; deferred: number; limits?: LimitReport[]; util?: number; queueMax?: number; pending?: number }): Summary {
  const s = structuredClone(BASE);
  s.queue.mean = o.queue;
  s.deferred.mean = o.deferred;
  s.wait.mean = o.queue + o.deferred;
  s.wait.p95 = 300;
  s.response.mean = 4;
  s.deferrals.byLimit = o.limits ?? [];
  s.utilisation.mean = o.util ?? 0.115;
  s.queueLength.max = o.queueMax ?? 753;
  s.requests.pendingAtEnd = { queued: o.pending ?? 0, deferred: 0, running: 0, total: o.pending ?? 0 };
  s.requests.stillWaiting = { count: o.pending ?? 0, longest: 1800 };
  return s;
}

describe('diagnosis', () => {
  it('splits the wait into queueing and each limit, naming the key that carries a limit', () => {
    // wait 50 s = 47 queue + 3 deferred: 94 % queue; the 6 % deferred splits 500:100 between the limits -> 5 % and 1 %
    const d = diagnose(summary({ queue: 47, deferred: 3, limits: [limit('sf.calls', 100), limit('ga.profile-concurrent', 500, ['p-17', 400]), limit('idle', 0)] }));
    expect(d.cause).toBe('workers');
    expect(d.shares.map((x) => [x.kind, x.limit, x.key, Number(x.share.toFixed(4))])).toEqual([
      ['queue', undefined, undefined, 0.94],
      ['limit', 'ga.profile-concurrent', 'p-17', 0.05],
      ['limit', 'sf.calls', undefined, 0.01],
    ]);
    expect(sentenceText(d.sentences[0]!)).toBe('Waits (mean 50s, p95 5m) are 94 % queueing for a free worker, 5 % deferral by `ga.profile-concurrent` (mostly key `p-17`) and 1 % deferral by `sf.calls`.');
    // 11.5 % busy on average but a queue of 753: bursts
    expect(sentenceText(d.sentences[1]!)).toBe('Workers are busy only 11.5 % of the time on average, yet the queue reaches 753: the wait comes from bursts, so more workers help — size them for the peak, not the average.');
    expect(d.sentences).toHaveLength(2);
  });

  it('says more workers won’t help when a limit holds most of the wait', () => {
    // 2 s queue + 18 s deferred: 10 % / 90 %; the top key has 100 of 900 s, under half, so it is not named
    const d = diagnose(summary({ queue: 2, deferred: 18, limits: [limit('ga.quota-day', 900, ['t-1', 100])] }));
    expect(d.cause).toBe('limits');
    expect(sentenceText(d.sentences[0]!)).toBe('Waits (mean 20s, p95 5m) are 90 % deferral by `ga.quota-day` and 10 % queueing for a free worker.');
    expect(sentenceText(d.sentences[1]!)).toContain('capped by a limit (`ga.quota-day`), not by workers: more workers won’t help');
  });

  it('calls an even split mixed, and busy workers plainly', () => {
    const d = diagnose(summary({ queue: 5, deferred: 5, limits: [limit('a', 10)], util: 0.9 }));
    expect(d.cause).toBe('mixed');
    expect(sentenceText(d.sentences[1]!)).toBe('Both matter: more workers cut the queueing part (workers busy 90.0 % on average), but the deferral part stays until the limits allow more.');
    const busy = diagnose(summary({ queue: 30, deferred: 0, util: 0.92 }));
    expect(sentenceText(busy.sentences[0]!)).toBe('Waits (mean 30s, p95 5m) are all queueing for a free worker: no limit deferred a refresh.');
    expect(sentenceText(busy.sentences[1]!)).toBe('Workers are busy 92.0 % of the time on average: more workers shorten the wait.');
  });

  it('folds the third and later limits into "other limits"', () => {
    // 10 s queue + 10 s deferred split 4:3:2:1 -> 20 %, 15 %, then 10 % + 5 % = 15 % other
    const d = diagnose(summary({ queue: 10, deferred: 10, limits: [limit('d', 1), limit('c', 2), limit('b', 3), limit('a', 4)] }));
    expect(d.shares.map((x) => [x.kind, x.limit ?? '', Number(x.share.toFixed(4))])).toEqual([
      ['queue', '', 0.5],
      ['limit', 'a', 0.2],
      ['limit', 'b', 0.15],
      ['other-limits', '', 0.15],
    ]);
    expect(sentenceText(d.sentences[0]!)).toContain('50 % queueing for a free worker, 20 % deferral by `a`, 15 % deferral by `b` and 15 % deferral by other limits.');
  });

  it('has nothing to blame when refreshes hardly wait, and warns about requests left waiting', () => {
    const d = diagnose(summary({ queue: 0.2, deferred: 0, pending: 12 }));
    expect(d.cause).toBe('none');
    expect(d.shares).toEqual([]);
    expect(sentenceText(d.sentences[0]!)).toBe('Refreshes hardly wait: the mean wait is 200ms, p95 5m. A refresh’s time is mostly the source’s own response (mean 4s), which workers and limits don’t change.');
    expect(sentenceText(d.sentences[1]!)).toBe('12 requests were still waiting when the run ended (the longest for 30m); they count in the wait figures with the wait so far, so the percentiles are lower bounds and the real tail is longer.');
    // a response shorter than the (small) wait is not "mostly" the refresh's time
    const quick = summary({ queue: 0.6, deferred: 0 });
    quick.response.mean = 0.5;
    expect(sentenceText(diagnose(quick).sentences[0]!)).toBe('Refreshes hardly wait: the mean wait is 600ms, p95 5m. The source’s own response takes 500ms on average.');
  });

  it('rounds shares for people, never showing a positive share as 0 %', () => {
    expect(sharePct(0.004)).toBe('<1 %');
    expect(sharePct(0)).toBe('0 %');
    expect(sharePct(0.945)).toBe('95 %');
  });
});

describe('SLO attainment in the diagnosis', () => {
  it('names the share that waited at most the target, per trigger, with the key as code', () => {
    const s = summary({ queue: 60, deferred: 0 });
    s.attainment = { target: 300, metPct: 88.02, byTrigger: { login: { metPct: 74.65, count: 6285 }, due: { metPct: 96.96, count: 9395 } } };
    const d = diagnose(s);
    const sentence = d.sentences.find((x) => sentenceText(x).includes('waited at most'))!;
    expect(sentenceText(sentence)).toBe('88.0 % of refreshes waited at most 5m (login 74.7 %, due 97.0 %); the target is the scenario\'s `waitTarget`.');
    expect(sentence).toContainEqual({ code: 'waitTarget' });
  });

  it('says nothing when nothing was counted', () => {
    const s = summary({ queue: 60, deferred: 0 });
    s.attainment = { target: 300, metPct: null, byTrigger: {} };
    expect(diagnose(s).sentences.some((x) => sentenceText(x).includes('waited at most'))).toBe(false);
  });
});
