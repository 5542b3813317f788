// The one way a duration (and a plain number) is printed for people: console, HTML, Markdown, charts, gate and scenario messages.

/**
 * Seconds for people, at most two units, the smaller one two digits wide and left out when it is zero:
 * `0s` `250ms` `4.25s` `12.5s` `4m 05s` `2m` `2h 03m` `3d 04h`. Each unit is chosen after rounding, so a
 * value never prints with a full smaller unit (119.6 s is `2m`, never `1m 60s`; 7199.6 s is `2h`). The
 * output reads back through `parseDuration` to the value within its rounding. `missing` stands for no
 * value (null, undefined, NaN); infinities print as `∞` / `-∞`.
 *
 * Self-contained on purpose (no module constants, no helpers outside its body), so that a page can inline
 * its source; src/report/time-axis.ts `unitText` still holds a copy for the pages that inline only it
 * (a test holds the two equal).
 */
export function formatDuration(seconds: number | null | undefined, missing = '—'): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return missing;
  if (!Number.isFinite(seconds)) return seconds > 0 ? '∞' : '-∞';
  const a = Math.abs(seconds);
  if (a === 0) return '0s';
  const sign = seconds < 0 ? '-' : '';
  const trimmed = (t: string): string => (t.includes('.') ? t.replace(/\.?0+$/, '') : t);
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
    sign + big + bigUnit + (small === 0 ? '' : ' ' + String(small).padStart(2, '0') + smallUnit);
  if (a < 1) {
    // three significant digits; 0.9996 s rounds to 1000 ms and is printed as seconds instead
    const ms = Number((a * 1000).toPrecision(3));
    if (ms < 1000) return sign + trimmed(String(ms)) + 'ms';
  }
  if (a < 60) {
    // 59.96 s rounds to 60.0 and is printed as minutes instead
    const text = trimmed(a.toFixed(a < 10 ? 2 : 1));
    if (Number(text) < 60) return sign + text + 's';
  }
  const s = Math.round(a);
  if (s < 3600) return pair(Math.floor(s / 60), 'm', s % 60, 's');
  const m = Math.round(a / 60);
  if (m < 1440) return pair(Math.floor(m / 60), 'h', m % 60, 'm');
  const h = Math.round(a / 3600);
  return pair(Math.floor(h / 24), 'd', h % 24, 'h');
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

/** A number kept to 6 decimal places, so that summary.json holds no float noise (`0.30000000000000004`). */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A confidence interval as shown to people: every summary metric is non-negative (waits, counts,
 * shares), so a low end below 0 (a t interval over few replications) is shown as 0.
 */
export function shownInterval(ci: readonly [number, number]): [number, number] {
  return [Math.max(0, ci[0]), ci[1]];
}
