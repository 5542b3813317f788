// k6-like pass/fail thresholds on any number in summary.json: parse them (scenario file or --threshold), evaluate them.
//
// Grammar (whitespace anywhere between the parts is ignored):
//
//   threshold := [level ":"] path op limit          (command line: --threshold 'warn:wait.p99<10m')
//   item      := op limit                            (scenario file: thresholds: { "wait.p95": ["< 5m"] })
//   level     := "error" | "warn"                    (default error)
//   path      := a dotted path into summary.json    (wait.p95, utilisation.mean, byTrigger.login.wait.p95)
//   op        := "<" | "<=" | ">" | ">=" | "==" | "!="
//   limit     := number | number "%" | duration      (0.85, -1, 1e3 | 1%, 2.5% | 250ms, 90s, 5m, 2h, 1d, 1h30m)
//
// Units. A duration is converted to seconds, the unit of every time in summary.json. A percentage is
// compared as written when the path's last part ends in `Pct` (those fields hold 0..100: `1%` means 1),
// and divided by 100 for any other path (ratios such as `utilisation.mean`: `85%` means 0.85). A plain
// number is compared as is. A duration on a path that is not a time, or a percentage on a time or a
// count, is a bad-input problem, never a silent pass.
//
// `==` and `!=` allow a relative difference of 1e-9, so `0.1 + 0.2 == 0.3` holds.
import { z } from 'zod';
import type {
  GateSummary,
  Problem,
  Threshold,
  ThresholdEvaluation,
  ThresholdLevel,
  ThresholdOp,
  ThresholdResult,
} from './types.js';
import { parseQuantity } from '../vocabulary/index.js';
import { replicatedView } from './replicated.js';
import { formatMetric, isEmptyDistStat, lookupPath, metricKind, summaryPathKind, unknownPathMessage } from './path.js';

export const THRESHOLD_OPS: readonly ThresholdOp[] = ['<=', '>=', '==', '!=', '<', '>'];
export const THRESHOLD_LEVELS: readonly ThresholdLevel[] = ['error', 'warn'];

// Two-character operators first, so `<=` is not read as `<` followed by `=5m`.
const OP_RE = /(<=|>=|==|!=|<|>)/;
const PATH_RE = /^[^\s<>=!]+$/;
const EQ_EPSILON = 1e-9;

// ---------------------------------------------------------------------------------------------
// Scenario-file form

const thresholdItemSchema = z.union([
  z.string().describe('an operator and a limit, e.g. "< 5m", "<= 1%", "< 0.85"'),
  z
    .object({
      threshold: z.string().describe('an operator and a limit, e.g. "< 5m"'),
      level: z.enum(['error', 'warn']).default('error').describe('warn: reported, never fails the run'),
    })
    .strict(),
]);

/**
 * The `thresholds:` block of a scenario file:
 * `{ "wait.p95": ["< 5m"], "utilisation.mean": [{ threshold: "< 0.85", level: warn }] }`.
 * A single item may stand without the array (`"wait.p95": "< 5m"`). Every item's syntax is checked, and
 * each mistake is reported at its own path (`["wait.p95", 0]`). Whether the path exists in summary.json
 * is only known after the run (see `evaluateThresholds`).
 */
export const thresholdsSchema = z
  .record(
    z.string().min(1).describe('a dotted path into summary.json, e.g. wait.p95'),
    z.union([thresholdItemSchema, z.array(thresholdItemSchema).min(1)]),
  )
  .superRefine((config, ctx) => {
    for (const [path, items] of Object.entries(config)) {
      if (!PATH_RE.test(path)) {
        ctx.addIssue({ code: 'custom', path: [path], message: `"${path}" is not a path into summary.json` });
        continue;
      }
      const list = Array.isArray(items) ? items : [items];
      list.forEach((item, i) => {
        const text = typeof item === 'string' ? item : item.threshold;
        const parsed = parseItem(path, text, 'error');
        if ('error' in parsed) {
          ctx.addIssue({ code: 'custom', path: Array.isArray(items) ? [path, i] : [path], message: parsed.error });
        }
      });
    }
  });

export type ThresholdsConfig = z.output<typeof thresholdsSchema>;
export type ThresholdsConfigInput = z.input<typeof thresholdsSchema>;

/** Thresholds from an already validated `thresholds:` block (the scenario loader's output). */
export function thresholdsFromConfig(config: ThresholdsConfig): Threshold[] {
  const out: Threshold[] = [];
  for (const [path, items] of Object.entries(config)) {
    const list = Array.isArray(items) ? items : [items];
    list.forEach((item, i) => {
      const text = typeof item === 'string' ? item : item.threshold;
      const level = typeof item === 'string' ? 'error' : item.level;
      const parsed = parseItem(path, text, level);
      if ('error' in parsed) throw new Error(`thresholds.${path}: ${parsed.error} (validate with thresholdsSchema first)`);
      out.push({ ...parsed, source: Array.isArray(items) ? ['thresholds', path, i] : ['thresholds', path] });
    });
  }
  return out;
}

/**
 * Validates and reads a `thresholds:` block without throwing. Problems carry `basePath` in front of
 * the field path, e.g. `['thresholds', 'wait.p95', 0]`.
 */
export function parseThresholds(
  input: unknown,
  basePath: (string | number)[] = ['thresholds'],
): { thresholds: Threshold[]; problems: Problem[] } {
  const r = thresholdsSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((issue) => ({
      path: [...basePath, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
      message: issue.message,
    }));
    return { thresholds: [], problems };
  }
  return { thresholds: thresholdsFromConfig(r.data), problems: [] };
}

// ---------------------------------------------------------------------------------------------
// Command-line form

/** Reads one `--threshold` value: `wait.p95<5m`, `wait.p95 < 5m`, `warn:wait.p99<10m`. */
export function parseThresholdExpression(text: string): Threshold | { error: string } {
  let rest = text.trim();
  let level: ThresholdLevel = 'error';
  const prefix = /^(error|warn)\s*:/.exec(rest);
  if (prefix) {
    level = prefix[1] as ThresholdLevel;
    rest = rest.slice(prefix[0].length);
  }
  const m = OP_RE.exec(rest);
  if (!m) return { error: `"${text}" has no comparison (one of < <= > >= == !=), e.g. "wait.p95<5m"` };
  const path = rest.slice(0, m.index).trim();
  if (path === '') return { error: `"${text}" has no path before "${m[1]}", e.g. "wait.p95<5m"` };
  if (!PATH_RE.test(path)) return { error: `"${path}" is not a path into summary.json` };
  return parseItem(path, rest.slice(m.index), level);
}

/** Reads every `--threshold` value; problems are at `['--threshold', i]`. */
export function parseThresholdArgs(args: readonly string[]): { thresholds: Threshold[]; problems: Problem[] } {
  const thresholds: Threshold[] = [];
  const problems: Problem[] = [];
  args.forEach((arg, i) => {
    const t = parseThresholdExpression(arg);
    if ('error' in t) problems.push({ path: ['--threshold', i], message: t.error });
    else thresholds.push({ ...t, source: ['--threshold', i] });
  });
  return { thresholds, problems };
}

/** `op limit`, e.g. `< 5m`, for the given path and level. */
function parseItem(path: string, text: string, level: ThresholdLevel): Threshold | { error: string } {
  const t = text.trim();
  const m = /^(<=|>=|==|!=|<|>)\s*(.*)$/.exec(t);
  if (!m) return { error: `"${text}" must start with one of < <= > >= == !=, e.g. "< 5m"` };
  const op = m[1] as ThresholdOp;
  const limitText = m[2].trim();
  if (limitText === '') return { error: `"${text}" has no limit after "${op}"` };
  if (OP_RE.test(limitText)) return { error: `"${text}" has more than one comparison` };
  const q = parseQuantity(limitText);
  if ('error' in q) return { error: q.error };
  return { path, op, limitText, unit: q.unit, value: q.value, level };
}

/** `wait.p95 < 5m`, `warn: utilisation.mean < 0.85` */
export function formatThreshold(t: Pick<Threshold, 'path' | 'op' | 'limitText' | 'level'>): string {
  return `${t.level === 'warn' ? 'warn: ' : ''}${t.path} ${t.op} ${t.limitText}`;
}

/** `thresholds["wait.p95"][0]`, `--threshold[2]`: a problem's path for people. */
export function formatProblemPath(path: readonly (string | number)[]): string {
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : i === 0 ? p : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`,
    )
    .join('');
}

/** `thresholds["wait.p59"][0]: unknown path ...`, one line per problem. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => (p.path.length ? `${formatProblemPath(p.path)}: ${p.message}` : p.message)).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** The number a percentage limit is compared with: as written for a `...Pct` path, else a ratio (value / 100). */
export function percentLimit(path: string, value: number): number {
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  return leaf.endsWith('Pct') ? value : value / 100;
}

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
      problems.push({ path: where, message: `"${t.path}" in summary.json is ${found.type}, not a number` });
      return;
    }
    const kind = metricKind(summary, t.path);
    if (t.unit === 'duration' && kind !== 'seconds') {
      problems.push({ path: where, message: `"${t.limitText}" is a duration but "${t.path}" is not a time (${kindName(kind)})` });
      return;
    }
    if (t.unit === 'percent' && (kind === 'seconds' || kind === 'count')) {
      problems.push({ path: where, message: `"${t.limitText}" is a percentage but "${t.path}" is ${kindName(kind)}` });
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

function kindName(kind: 'seconds' | 'percent' | 'count' | 'number'): string {
  switch (kind) {
    case 'seconds':
      return 'a time in seconds';
    case 'percent':
      return 'a percentage';
    case 'count':
      return 'a count';
    case 'number':
      return 'a plain number';
  }
}

function formatNumberPlain(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
