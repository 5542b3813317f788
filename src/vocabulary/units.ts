// The one units grammar, read at every edge (scenario, --set, thresholds, --max-increase, SLOs): durations ("1h30m"), rates ("120/h"), times of day ("08:00") and instants, to seconds.

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, wk: 604800, week: 604800, weeks: 604800,
};

const UNIT = '(?:ms|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|wk|w)';
// `.5h` is accepted as well as `0.5h`
const NUM = '(?:\\d+(?:\\.\\d+)?|\\.\\d+)';
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
  if (/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(body)) {
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

const INSTANT_PARTS_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):?(\d{2})))?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Years a scenario may name: wide enough for any plan, narrow enough that every date is an ordinary one. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Why an ISO date or instant of the right shape is still not a moment of the calendar (`2026-02-30`,
 * month 13, hour 25, offset +99:00), or undefined when it is one. Every component is range-checked
 * against the calendar, so nothing is silently rolled over into the next month or day (as Date.parse
 * does with `2026-02-30`).
 */
export function instantProblem(x: string): string | undefined {
  const m = INSTANT_PARTS_RE.exec(x.trim());
  if (!m) return `expected an ISO time like "2026-01-05T08:00:00Z" or a date like "2026-01-05" (got ${JSON.stringify(x)})`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const shown = JSON.stringify(x);
  if (year < MIN_YEAR || year > MAX_YEAR) return `${shown} is not a supported date: the year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (month < 1 || month > 12) return `${shown} is not a date: there is no month ${m[2]} (months are 01 to 12)`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return `${shown} is not a date: ${MONTHS[month - 1]} ${year} has days 01 to ${days}`;
  if (m[4] === undefined) return undefined;
  if (Number(m[4]) > 23) return `${shown} is not a time: hours are 00 to 23`;
  if (Number(m[5]) > 59) return `${shown} is not a time: minutes are 00 to 59`;
  if (m[6] !== undefined && Number(m[6]) > 59) return `${shown} is not a time: seconds are 00 to 59`;
  if (m[9] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return `${shown} has an impossible zone offset ${m[9]}${m[10]}:${m[11]}`;
  if (m[8] === undefined) return `${shown} has no zone: add "Z" for UTC or an offset like "-05:00"`;
  return undefined;
}

/**
 * Epoch milliseconds from an ISO instant ("2026-01-05T08:00:00Z", "2026-01-05 08:00-05:00") or a date
 * ("2026-01-05", midnight UTC). Throws a RangeError with a readable message for text that is not one,
 * including impossible dates and times (see `instantProblem`).
 */
export function parseInstant(x: string): number {
  const problem = instantProblem(x);
  if (problem !== undefined) throw new RangeError(problem);
  const m = INSTANT_PARTS_RE.exec(x.trim())!;
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  const d = new Date(0);
  // setUTCFullYear: Date.UTC would read years 0-99 as 1900-1999
  d.setUTCFullYear(n(1), n(2) - 1, n(3));
  d.setUTCHours(n(4), n(5), n(6), m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000));
  const offsetMs = m[9] === undefined ? 0 : (m[9] === '-' ? -1 : 1) * (n(10) * 3600_000 + n(11) * 60_000);
  return d.getTime() - offsetMs;
}

export function isInstantText(x: string): boolean {
  const t = x.trim();
  return ISO_DATE_RE.test(t) || ISO_INSTANT_RE.test(t);
}
