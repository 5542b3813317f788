// Evaluates thresholds (grammar in src/vocabulary/threshold.ts) against a summary.json: pass, fail, no data,
// or a problem with the input (an unknown path, a unit that does not fit the metric).
//
// `==` and `!=` allow a relative difference of 1e-9, so `0.1 + 0.2 == 0.3` holds.
import { formatMetric, isEmptyDistStat, limitUnitProblem, lookupPath, metricKind, notANumberMessage, percentLimit, replicatedView, summaryPathKind, unknownPathMessage, type GateSummary, type Problem, type Threshold, type ThresholdOp } from '../vocabulary/index.js';
import type { ThresholdEvaluation, ThresholdResult } from './types.js';

const EQ_EPSILON = 1e-9;

function holds(observed: number, op: ThresholdOp, limit: number): boolean {
  const eq = Math.abs(observed - limit) <= EQ_EPSILON * Math.max(1, Math.abs(observed), Math.abs(limit));
  switch (op) {
    case '<':
      return observed < limit;
    case '<=':
      return observed <= limit || eq;
    case '>':
      return observed > limit;
    case '>=':
      return observed >= limit || eq;
    case '==':
      return eq;
    case '!=':
      return !eq;
  }
}

/**
 * Checks each threshold against the summary. A path that is not in the summary, or not a number there,
 * or a limit whose unit does not fit the metric, is a problem (bad input: exit 2), not a result.
 * A metric without data (null, e.g. a p95 of no requests) fails its threshold.
 * `failed` is true when any error-level threshold fails (the run exits 99).
 * On a replicated summary, a metric of the `replications` block is judged on its mean.
 */
export function evaluateThresholds(observed: GateSummary, thresholds: readonly Threshold[]): ThresholdEvaluation {
  const summary = replicatedView(observed);
  const results: ThresholdResult[] = [];
  const problems: Problem[] = [];
  thresholds.forEach((t, i) => {
    const where = t.source ?? ['thresholds', t.path, i];
    const found = lookupPath(summary, t.path);
    if (found.found === 'none' && summaryPathKind(t.path) === 'number') {
      // a path summary.json can hold, absent from this run (e.g. byTrigger.manual with no manual refresh): no data
      const limit = t.unit === 'percent' ? percentLimit(t.path, t.value) : t.value;
      results.push({
        path: t.path,
        op: t.op,
        limit,
        limitText: t.limitText,
        level: t.level,
        kind: metricKind(summary, t.path),
        observed: null,
        pass: false,
        message: `${t.path} has no data (not in this summary.json: nothing was measured there), so "${t.op} ${t.limitText}" cannot hold`,
      });
      return;
    }
    if (found.found === 'none') {
      problems.push({ path: where, message: unknownPathMessage(summary, t.path) });
      return;
    }
    if (found.found === 'other') {
      problems.push({ path: where, message: notANumberMessage(t.path, found.type) });
      return;
    }
    const kind = metricKind(summary, t.path);
    const unitProblem = limitUnitProblem(t, kind, `"${t.path}"`);
    if (unitProblem !== null) {
      problems.push({ path: where, message: unitProblem });
      return;
    }
    const limit = t.unit === 'percent' ? percentLimit(t.path, t.value) : t.value;
    const shownLimit = `${t.op} ${t.limitText}${limitNote(t.unit, limit, t.value)}`;
    const base = { path: t.path, op: t.op, limit, limitText: t.limitText, level: t.level, kind };
    if (found.found === 'null' || isEmptyDistStat(summary, t.path)) {
      results.push({
        ...base,
        observed: null,
        pass: false,
        message: `${t.path} has no data (null: nothing was measured), so "${t.op} ${t.limitText}" cannot hold`,
      });
      return;
    }
    const observed = found.value;
    if (!Number.isFinite(observed)) {
      results.push({ ...base, observed: null, pass: false, message: `${t.path} is ${observed}, not a finite number, so "${t.op} ${t.limitText}" cannot hold` });
      return;
    }
    const pass = holds(observed, t.op, limit);
    const shownObserved = `${formatMetric(observed, kind)}${kind === 'seconds' ? ` (${formatNumberPlain(observed)} s)` : ''}`;
    const message = pass
      ? `${t.path} = ${shownObserved}, ${shownLimit}`
      : `${t.path} = ${shownObserved}, not ${shownLimit}`;
    results.push({ ...base, observed, pass, message });
  });
  return {
    results,
    failed: results.some((r) => !r.pass && r.level === 'error'),
    warned: results.some((r) => !r.pass && r.level === 'warn'),
    problems,
  };
}

/** How the limit was read, when that is not obvious from the text: `5m` -> ` (300 s)`, `85%` of a ratio -> ` (0.85)`. */
function limitNote(unit: Threshold['unit'], limit: number, written: number): string {
  switch (unit) {
    case 'plain':
      return '';
    case 'duration':
      return ` (${formatNumberPlain(limit)} s)`;
    case 'percent':
      return limit === written ? '' : ` (${formatNumberPlain(limit)})`;
  }
}

function formatNumberPlain(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
