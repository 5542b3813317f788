// `sweep --slo`: which configurations of a sweep meet each SLO, and the smallest value of the swept
// parameter meeting all of them (one-parameter sweeps), for sweep.html and the sweep charts.
//
// The rule is plan's (src/experiment/plan.ts): an SLO holds when the pessimistic end of the confidence
// interval meets it (upper end for < and <=, lower end for > and >=; the mean with one replication).
import { shownInterval, formatMetric, percentLimit, schemaMetricKind, type MetricKind, type Threshold, type ReplicationMetric, type SweepResult } from '../vocabulary/index.js';
import { sloText } from './line-charts.js';

/** An SLO ready to compare: the limit as a number in summary.json's terms. */
export interface SweepSlo {
  path: string;
  op: Threshold['op'];
  limitText: string;
  limit: number;
  kind: MetricKind;
}

export function sweepSlos(thresholds: readonly Threshold[]): SweepSlo[] {
  return thresholds.map((t) => ({
    path: t.path,
    op: t.op,
    limitText: t.limitText,
    limit: t.unit === 'percent' ? percentLimit(t.path, t.value) : t.value,
    kind: schemaMetricKind(t.path),
  }));
}

/** Whether `m` meets `s` (false when there is no data). */
export function meets(s: SweepSlo, m: ReplicationMetric | undefined, n: number): boolean {
  if (!m) return false;
  const upper = s.op === '<' || s.op === '<=';
  const bound = n >= 2 ? (upper ? m.ci[1] : m.ci[0]) : m.mean;
  return s.op === '<' ? bound < s.limit : s.op === '<=' ? bound <= s.limit : s.op === '>' ? bound > s.limit : bound >= s.limit;
}

export interface SweepAnswer {
  /** the swept parameter */
  parameter: string;
  /** the smallest value meeting every SLO, null when none does */
  value: number | null;
  /** per SLO (same order): the smallest value meeting it, null when none does */
  perSlo: (number | null)[];
  /** the largest swept value (for "none up to ...") */
  largest: number;
}

/** The answer for a sweep over one numeric parameter; null when the sweep varies more than one or not numbers. */
export function sweepAnswer(result: SweepResult, slos: readonly SweepSlo[]): SweepAnswer | null {
  const multi = result.parameters.filter((p) => p.values.length > 1);
  if (multi.length !== 1 || slos.length === 0) return null;
  const param = multi[0];
  if (!param.values.every((v) => typeof v === 'number')) return null;
  const configs = [...result.configurations].sort((a, b) => (a.set[param.path] as number) - (b.set[param.path] as number));
  const smallest = (ok: (c: (typeof configs)[number]) => boolean): number | null => {
    const c = configs.find(ok);
    return c ? (c.set[param.path] as number) : null;
  };
  const n = result.replications;
  return {
    parameter: param.path,
    value: smallest((c) => slos.every((s) => meets(s, c.replications.metrics[s.path], n))),
    perSlo: slos.map((s) => smallest((c) => meets(s, c.replications.metrics[s.path], n))),
    largest: Math.max(...(param.values as number[])),
  };
}

/** The sentence at the top of sweep.html (plain text; the page escapes it). */
export function sweepAnswerSentence(result: SweepResult, slos: readonly SweepSlo[]): string {
  const answer = sweepAnswer(result, slos);
  const all = slos.map(sloText).join(', ');
  if (!answer) {
    const multi = result.parameters.filter((p) => p.values.length > 1);
    const perPolicy = multi.length === 2 && multi.some((p) => p.path === 'policy') && multi.some((p) => p.path !== 'policy' && p.values.every((v) => typeof v === 'number'));
    if (perPolicy) return `SLO ${all}: the smallest ${multi.find((p) => p.path !== 'policy')!.path} meeting every SLO under each policy is in the policies table (the line is drawn on its metric's chart).`;
    return `SLO ${all}: the line is drawn on its metric's chart; a smallest value is given only for a sweep of one numeric parameter.`;
  }
  const conf = Math.round(result.confidence * 100);
  const how = result.replications >= 2 ? `the pessimistic end of the ${conf}% confidence interval over ${result.replications} replications` : 'one replication';
  if (answer.value === null) return `No ${answer.parameter} swept (up to ${answer.largest}) meets every SLO (${all}), judged by ${how}.`;
  const config = result.configurations.find((c) => c.set[answer.parameter] === answer.value)!;
  const parts = slos.map((s) => {
    const m = config.replications.metrics[s.path];
    const ci = m && result.replications >= 2 ? ` [${formatMetric(shownInterval(m.ci)[0], s.kind)}, ${formatMetric(m.ci[1], s.kind)}]` : '';
    return `${s.path} = ${m ? formatMetric(m.mean, s.kind) : 'no data'}${ci} (SLO ${s.op} ${s.kind === 'seconds' && !/[a-z]/i.test(s.limitText) ? formatMetric(s.limit, s.kind) : s.limitText})`;
  });
  return `The smallest ${answer.parameter} meeting every SLO is ${answer.value}: at ${answer.value}, ${parts.join('; ')}, judged by ${how}.`;
}
