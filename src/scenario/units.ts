// Human units at the edge: durations ("1h30m"), rates ("120/h") and times of day ("08:00") to seconds.

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, wk: 604800, week: 604800, weeks: 604800,
};

const UNIT = '(?:ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|wk|w)';
const NUM = '\\d+(?:\\.\\d+)?';
/** A duration string: "90" (seconds), "250ms", "15m", "1h30m", "-5m" (sign accepted so the checker can say "must be positive"). */
export const DURATION_PATTERN = `^\\s*-?\\s*(?:${NUM}|(?:${NUM}\\s*${UNIT}\\s*)+)\\s*$`;
const DURATION_RE = new RegExp(DURATION_PATTERN);
const SEGMENT_RE = new RegExp(`(${NUM})\\s*(${UNIT})`, 'g');

/** A rate: "120/h", "2/s", "100/100s", or a number (per second). */
export const RATE_PATTERN = `^\\s*${NUM}\\s*(?:/|per)\\s*(?:${UNIT}|${NUM}\\s*${UNIT}|(?:${NUM}\\s*${UNIT}\\s*)+)\\s*$`;
const RATE_RE = new RegExp(RATE_PATTERN);

/** "HH:MM" or "HH:MM:SS", 00:00 to 23:59:59. */
export const TIME_OF_DAY_PATTERN = '^([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?$';
const TIME_OF_DAY_RE = new RegExp(TIME_OF_DAY_PATTERN);

/** ISO 8601 instant with a date and time, e.g. "2026-01-05T08:00:00Z" or "2026-01-05T08:00:00-05:00". */
export const ISO_INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})$';
const ISO_INSTANT_RE = new RegExp(ISO_INSTANT_PATTERN);
/** A date alone ("2026-01-05"), read as midnight UTC. */
export const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const ISO_DATE_RE = new RegExp(ISO_DATE_PATTERN);

export function isDurationText(x: string): boolean {
  return DURATION_RE.test(x);
}

/** Seconds from a number (seconds) or a duration string. Throws a RangeError with a readable message. */
export function parseDuration(x: string | number): number {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new RangeError(`expected a finite number of seconds, got ${x}`);
    return x;
  }
  if (typeof x !== 'string' || !DURATION_RE.test(x)) {
    throw new RangeError(`expected a duration like "90s", "15m", "4h", "7d" or "1h30m", got ${JSON.stringify(x)}`);
  }
  const text = x.trim();
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1).trim() : text;
  let seconds: number;
  if (/^\d+(?:\.\d+)?$/.test(body)) {
    seconds = Number(body);
  } else {
    seconds = 0;
    for (const m of body.matchAll(SEGMENT_RE)) seconds += Number(m[1]) * UNIT_SECONDS[m[2]];
  }
  // 0.1 + 0.2 style noise from ms units: keep to the microsecond
  seconds = Math.round(seconds * 1e6) / 1e6;
  return negative ? -seconds : seconds;
}

/** Events per second from a number (per second) or "N/unit", "N/duration" ("100/100s"), "N per hour". */
export function parseRate(x: string | number): number {
  if (typeof x === 'number') {
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`expected a non-negative rate, got ${x}`);
    return x;
  }
  if (typeof x !== 'string' || !RATE_RE.test(x)) {
    throw new RangeError(`expected a rate like "120/h", "2/s", "10/m", "500/d" or a number per second, got ${JSON.stringify(x)}`);
  }
  const [countText, perText] = x.trim().split(/\s*(?:\/|per)\s*/);
  const per = perText.trim();
  const perSeconds = per in UNIT_SECONDS ? UNIT_SECONDS[per] : parseDuration(per);
  if (perSeconds <= 0) throw new RangeError(`the period of a rate must be positive, got ${JSON.stringify(x)}`);
  return Number(countText) / perSeconds;
}

/** Seconds after local midnight from "HH:MM" or "HH:MM:SS". */
export function parseTimeOfDay(x: string): number {
  const m = TIME_OF_DAY_RE.exec(x.trim());
  if (!m) throw new RangeError(`expected a time of day like "08:00" or "17:30:00", got ${JSON.stringify(x)}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
}

/** Epoch milliseconds from an ISO instant ("2026-01-05T08:00:00Z") or a date ("2026-01-05", midnight UTC). */
export function parseInstant(x: string): number {
  const t = x.trim();
  if (ISO_DATE_RE.test(t)) return Date.parse(`${t}T00:00:00Z`);
  if (!ISO_INSTANT_RE.test(t)) throw new RangeError(`expected an ISO time like "2026-01-05T08:00:00Z", got ${JSON.stringify(x)}`);
  const ms = Date.parse(t.replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new RangeError(`not a valid date and time: ${JSON.stringify(x)}`);
  return ms;
}

export function isInstantText(x: string): boolean {
  const t = x.trim();
  return ISO_DATE_RE.test(t) || ISO_INSTANT_RE.test(t);
}

/** Human rendering of seconds for messages: 5400 -> "1h30m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return '0s';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) { out += `${n}${unit}`; rest -= n * size; }
  }
  if (rest > 0) out += `${Math.round(rest * 1000) / 1000}s`;
  return out;
}
