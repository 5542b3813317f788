// The grammar of k6-like pass/fail thresholds on any number in summary.json (scenario file, --threshold,
// --slo) and the one check that a limit's unit fits a metric; evaluating them is src/gate's job.
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
import { parseQuantity } from './quantity.js';
import type { Problem } from './problems.js';
import type { MetricKind } from './summary.js';

export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ThresholdLevel = 'error' | 'warn';
/** How the limit was written: `plain` number, `duration` (converted to seconds), `percent` (see `percentLimit`). */
export type LimitUnit = 'plain' | 'duration' | 'percent';

/** One parsed threshold, e.g. `wait.p95 < 5m`. */
export interface Threshold {
  /** dotted path into summary.json */
  path: string;
  op: ThresholdOp;
  /** the limit as written (`"5m"`, `"1%"`, `"0.85"`) */
  limitText: string;
  unit: LimitUnit;
  /** for `plain` and `duration`: the number to compare with (seconds for durations). For `percent`: the number written (1 for `1%`); the comparison value depends on the path, see `percentLimit`. */
  value: number;
  level: ThresholdLevel;
  /** where it was written, for problems found when evaluating: `['thresholds', 'wait.p95', 0]`, `['--threshold', 2]` */
  source?: (string | number)[];
}

export const THRESHOLD_OPS: readonly ThresholdOp[] = ['<=', '>=', '==', '!=', '<', '>'];
export const THRESHOLD_LEVELS: readonly ThresholdLevel[] = ['error', 'warn'];

// Two-character operators first, so `<=` is not read as `<` followed by `=5m`.
const OP_RE = /(<=|>=|==|!=|<|>)/;
const PATH_RE = /^[^\s<>=!]+$/;

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

/** The number a percentage limit is compared with: as written for a `...Pct` path, else a ratio (value / 100). */
export function percentLimit(path: string, value: number): number {
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  return leaf.endsWith('Pct') ? value : value / 100;
}

/**
 * Why a limit written as `limitText` (read as `unit`) cannot apply to a metric of `kind`, or null when it
 * fits: a duration on anything but a time, a percentage on a time or a count. `shownPath` is the path as
 * the message should show it. The one check for thresholds, SLOs, before and after a run.
 */
export function limitUnitProblem(t: Pick<Threshold, 'unit' | 'limitText'>, kind: MetricKind, shownPath: string): string | null {
  if (t.unit === 'duration' && kind !== 'seconds') return `"${t.limitText}" is a duration but ${shownPath} is not a time (${kindName(kind)})`;
  if (t.unit === 'percent' && (kind === 'seconds' || kind === 'count')) return `"${t.limitText}" is a percentage but ${shownPath} is ${kindName(kind)}`;
  return null;
}

function kindName(kind: MetricKind): string {
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

/** A run's thresholds: the scenario file's `thresholds:` block (already validated), then every `--threshold`. */
export function runThresholds(fromFile: ThresholdsConfig | undefined, fromArgs: readonly string[]): { thresholds: Threshold[]; problems: Problem[] } {
  const parsed = parseThresholdArgs(fromArgs);
  return { thresholds: [...(fromFile ? thresholdsFromConfig(fromFile) : []), ...parsed.thresholds], problems: parsed.problems };
}
