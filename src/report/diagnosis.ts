// Where the wait comes from, in a sentence or two computed from summary.json (pure: no I/O, no DOM).
//
// A refresh's wait is queue + deferred (MODEL.md): the mean queue time is the part spent waiting for a
// free worker, the mean deferred time the part held back by limits. The deferred part is split between
// limits in proportion to each limit's deferred seconds, and a limit's top key is named when it carries
// most of that limit's deferred time. What follows from the split is the point: queueing is cured by
// workers, deferral is not.
import type { LimitReport, Summary } from '../vocabulary/index.js';
import { formatCount, formatFraction, formatSeconds } from './charts.js';

/** How numbers are written: the HTML report's style by default; summary.md passes its own. */
interface NumberStyle {
  seconds: (s: number | null) => string;
  fraction: (x: number) => string;
}

const REPORT_STYLE: NumberStyle = { seconds: formatSeconds, fraction: formatFraction };

/** A piece of a sentence: plain text, or an identifier from the scenario (shown as code). */
type Segment = string | { code: string };
export type Sentence = Segment[];

type Cause = 'none' | 'workers' | 'limits' | 'mixed';

interface WaitShare {
  kind: 'queue' | 'limit' | 'other-limits';
  /** share of the mean wait, 0..1 */
  share: number;
  limit?: string;
  /** the key carrying most of the limit's deferred time, when it carries at least half of it */
  key?: string;
}

interface Diagnosis {
  cause: Cause;
  /** queue first, then limits by share (at most two named, the rest folded into other-limits) */
  shares: WaitShare[];
  sentences: Sentence[];
}

/** Below this mean wait nothing is worth diagnosing. */
const NEGLIGIBLE_WAIT = 1;
/** A cause "dominates" from this share of the wait on. */
const DOMINANT = 0.6;

/** "94 %", "<1 %" for a positive share that would round to 0. */
export function sharePct(x: number): string {
  const pct = Math.round(100 * x);
  return pct === 0 && x > 0 ? '<1 %' : `${pct} %`;
}

function limitShares(limits: readonly LimitReport[], deferredShare: number): WaitShare[] {
  const total = limits.reduce((a, l) => a + Math.max(0, l.deferredSeconds), 0);
  if (!(total > 0) || !(deferredShare > 0)) return deferredShare > 0 ? [{ kind: 'other-limits', share: deferredShare }] : [];
  const ranked = limits
    .filter((l) => l.deferredSeconds > 0)
    .map((l) => {
      const top = l.topKeys[0];
      const share: WaitShare = { kind: 'limit', share: (deferredShare * l.deferredSeconds) / total, limit: l.id };
      if (top && top.deferredSeconds >= 0.5 * l.deferredSeconds) share.key = top.key;
      return share;
    })
    .sort((a, b) => b.share - a.share || (a.limit! < b.limit! ? -1 : 1));
  const named = ranked.slice(0, 2);
  const rest = ranked.slice(2).reduce((a, r) => a + r.share, 0);
  return rest > 0 ? [...named, { kind: 'other-limits', share: rest }] : named;
}

function shareSegments(shares: readonly WaitShare[]): Segment[] {
  const out: Segment[] = [];
  shares.forEach((sh, i) => {
    out.push(i === 0 ? '' : i === shares.length - 1 ? ' and ' : ', ');
    if (sh.kind === 'queue') out.push(`${sharePct(sh.share)} queueing for a free worker`);
    else if (sh.kind === 'other-limits') out.push(`${sharePct(sh.share)} deferral by other limits`);
    else {
      out.push(`${sharePct(sh.share)} deferral by `, { code: sh.limit! });
      if (sh.key !== undefined) out.push(' (mostly key ', { code: sh.key }, ')');
    }
  });
  return out.filter((x) => x !== '');
}

function consequence(s: Summary, cause: Cause, shares: readonly WaitShare[], f: NumberStyle): Sentence {
  const util = s.utilisation.mean;
  const top = shares.find((x) => x.kind === 'limit');
  if (cause === 'workers') {
    if (util < 0.5) {
      return [`Workers are busy only ${f.fraction(util)} of the time on average, yet the queue reaches ${formatCount(s.queueLength.max)}: the wait comes from bursts, so more workers help — size them for the peak, not the average.`];
    }
    return [`Workers are busy ${f.fraction(util)} of the time on average: more workers shorten the wait.`];
  }
  if (cause === 'limits') {
    const which: Segment[] = top ? ['a limit (', { code: top.limit! }, ')'] : ['limits'];
    return ['The wait is capped by ', ...which, ', not by workers: more workers won’t help; raise the limit, spread the load over more keys or stagger the schedules.'];
  }
  return [`Both matter: more workers cut the queueing part (workers busy ${f.fraction(util)} on average), but the deferral part stays until the limits allow more.`];
}

/** The diagnosis of one run. */
export function diagnose(s: Summary, f: NumberStyle = REPORT_STYLE): Diagnosis {
  const queue = Math.max(0, s.queue.mean ?? 0);
  const deferred = Math.max(0, s.deferred.mean ?? 0);
  const wait = queue + deferred;
  const sentences: Sentence[] = [];
  let cause: Cause = 'none';
  let shares: WaitShare[] = [];

  if (s.wait.count === 0 || !(wait >= NEGLIGIBLE_WAIT)) {
    const mean = s.wait.count === 0 ? 'no refresh was measured' : `the mean wait is ${f.seconds(wait)}`;
    const response = s.response.mean ?? 0;
    const tail = response > wait ? `A refresh’s time is mostly the source’s own response (mean ${f.seconds(response)}), which workers and limits don’t change.` : `The source’s own response takes ${f.seconds(response)} on average.`;
    sentences.push([`Refreshes hardly wait: ${mean}, p95 ${f.seconds(s.wait.p95)}. ${tail}`]);
  } else {
    shares = [{ kind: 'queue' as const, share: queue / wait }, ...limitShares(s.deferrals.byLimit, deferred / wait)].filter((x) => x.share > 0);
    // largest first; the folded 'other limits' always last, whatever its size
    shares.sort((a, b) => Number(a.kind === 'other-limits') - Number(b.kind === 'other-limits') || b.share - a.share);
    const q = queue / wait;
    cause = q >= DOMINANT ? 'workers' : 1 - q >= DOMINANT ? 'limits' : 'mixed';
    const head = `Waits (mean ${f.seconds(wait)}, p95 ${f.seconds(s.wait.p95)}) are `;
    if (shares.length === 1 && shares[0]!.kind === 'queue') sentences.push([`${head}all queueing for a free worker: no limit deferred a refresh.`]);
    else sentences.push([head, ...shareSegments(shares), '.']);
    sentences.push(consequence(s, cause, shares, f));
  }
  const met = attainmentSentence(s, f);
  if (met) sentences.push(met);
  const { count: pending, longest } = s.requests.stillWaiting ?? { count: 0, longest: 0 };
  if (pending > 0) {
    const one = pending === 1;
    sentences.push([
      `${formatCount(pending)} request${one ? ' was' : 's were'} still waiting when the run ended (the longest for ${f.seconds(longest)}); ${one ? 'it counts' : 'they count'} in the wait figures with the wait so far, so the percentiles are lower bounds and the real tail is longer.`,
    ]);
  }
  return { cause, shares, sentences };
}

/** "88.0 % of refreshes waited at most 5m (login 74.6 %, due 97.0 %)": the SLO attainment, per trigger. */
function attainmentSentence(s: Summary, f: NumberStyle): Sentence | null {
  const a = s.attainment;
  if (!a || a.metPct === null) return null;
  const triggers = Object.entries(a.byTrigger).filter(([, t]) => t !== undefined);
  const per = triggers.length > 1 ? ` (${triggers.map(([name, t]) => `${name} ${t!.metPct.toFixed(1)} %`).join(', ')})` : '';
  return [`${a.metPct.toFixed(1)} % of refreshes waited at most ${f.seconds(a.target)}${per}; the target is the scenario's `, { code: 'waitTarget' }, '.'];
}

/** A sentence as plain text, identifiers in backticks (for the console and tests). */
export function sentenceText(sentence: Sentence): string {
  return sentence.map((x) => (typeof x === 'string' ? x : `\`${x.code}\``)).join('');
}
