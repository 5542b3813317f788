// The one way a duration (and a plain number) is printed for people: console, HTML, Markdown, charts, gate and scenario messages.

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/**
 * Seconds for people, at most two units, the smaller one two digits wide and left out when it is zero:
 * `0s` `250ms` `4.25s` `12.5s` `4m 05s` `2m` `2h 03m` `3d 04h`. Each unit is chosen after rounding, so a
 * value never prints with a full smaller unit (119.6 s is `2m`, never `1m 60s`; 7199.6 s is `2h`). The
 * output reads back through `parseDuration` to the value within its rounding. `missing` stands for no
 * value (null, undefined, NaN); infinities print as `∞` / `-∞`.
 */
export function formatDuration(seconds: number | null | undefined, missing = '—'): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return missing;
  if (!Number.isFinite(seconds)) return seconds > 0 ? '∞' : '-∞';
  const a = Math.abs(seconds);
  if (a === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  return sign + formatPositive(a);
}

function formatPositive(a: number): string {
  if (a < 1) {
    // three significant digits; 0.9996 s rounds to 1000 ms and is printed as seconds instead
    const ms = Number((a * 1000).toPrecision(3));
    if (ms < 1000) return `${trim(String(ms))}ms`;
  }
  if (a < MINUTE) {
    const text = trim(a.toFixed(a < 10 ? 2 : 1));
    if (Number(text) < MINUTE) return `${text}s`;
  }
  const s = Math.round(a);
  if (s < HOUR) return pair(Math.floor(s / MINUTE), 'm', s % MINUTE, 's');
  const m = Math.round(a / MINUTE);
  if (m < DAY / MINUTE) return pair(Math.floor(m / 60), 'h', m % 60, 'm');
  const h = Math.round(a / HOUR);
  return pair(Math.floor(h / 24), 'd', h % 24, 'h');
}

function pair(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit} ${String(small).padStart(2, '0')}${smallUnit}`;
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
