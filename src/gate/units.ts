// Human quantities at the gate's edge: parse `250ms`, `5m`, `1h30m`, `1%`, `0.85`; format seconds back for people.

export type Quantity =
  | { unit: 'plain'; value: number }
  /** value in seconds */
  | { unit: 'duration'; value: number }
  /** value as written: 1 for `1%` */
  | { unit: 'percent'; value: number };

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const PLAIN_RE = new RegExp(`^${NUMBER}$`);
const PERCENT_RE = new RegExp(`^(${NUMBER})%$`);
// `ms` before `m` so that `250ms` is not read as 250 minutes followed by `s`.
const DURATION_PART = String.raw`(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h|d)`;
const DURATION_RE = new RegExp(`^(?:${DURATION_PART})+$`);
const DURATION_PART_RE = new RegExp(DURATION_PART, 'g');

export const SECONDS_PER: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Reads a limit or tolerance: a plain number (`0.85`, `-1`, `1e3`), a percentage (`1%`, `2.5%`), or a
 * non-negative duration, one or more number+unit groups (`250ms`, `90s`, `5m`, `2h`, `1d`, `1h30m`).
 * Returns a message instead when the text is none of these.
 */
export function parseQuantity(text: string): Quantity | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'a value is missing' };
  if (PLAIN_RE.test(t)) return finite({ unit: 'plain', value: Number(t) }, t);
  const pct = PERCENT_RE.exec(t);
  if (pct) return finite({ unit: 'percent', value: Number(pct[1]) }, t);
  if (DURATION_RE.test(t)) {
    let seconds = 0;
    for (const m of t.matchAll(DURATION_PART_RE)) seconds += Number(m[1]) * SECONDS_PER[m[2]];
    return finite({ unit: 'duration', value: seconds }, t);
  }
  return {
    error: `"${t}" is not a number, a percentage (1%) or a duration (250ms, 90s, 5m, 2h, 1d)`,
  };
}

function finite(q: Quantity, text: string): Quantity | { error: string } {
  return Number.isFinite(q.value) ? q : { error: `"${text}" is out of range` };
}

/** Seconds for people: `0` `250ms` `12.5s` `4m 05s` `2h 03m` `3d 04h`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  const sign = s < 0 ? '-' : '';
  const a = Math.abs(s);
  if (a === 0) return '0s';
  if (a < 1) return `${sign}${trim((a * 1000).toPrecision(3))}ms`;
  if (a < 60) return `${sign}${trim(a.toFixed(a < 10 ? 2 : 1))}s`;
  const r = Math.round(a);
  if (a < 3600) return `${sign}${Math.floor(r / 60)}m ${pad(r % 60)}s`;
  if (a < 86400) return `${sign}${Math.floor(r / 3600)}h ${pad(Math.floor((r % 3600) / 60))}m`;
  return `${sign}${Math.floor(r / 86400)}d ${pad(Math.floor((r % 86400) / 3600))}h`;
}

/** A plain number for people: up to 4 significant digits, no trailing zeros, no exponent for ordinary sizes. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return trim(x.toFixed(1));
  if (a >= 1e-4) return trim(x.toPrecision(4));
  return x.toExponential(2);
}

function trim(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
