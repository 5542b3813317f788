// Calendar arithmetic in IANA time zones (offsets from Intl, so DST changes fall where they really do).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Known zone names, for "did you mean" suggestions. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return ['UTC', ...(intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [])];
}

export interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday ... 6 = Sunday */
  weekday: number;
}

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const parts = formatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return { year, month, day, hour: get('hour'), minute: get('minute'), second: get('second'), weekday };
}

/** Offset of the zone from UTC at an instant, in milliseconds (local = utc + offset). */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const t = localTime(epochMs, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/**
 * The instant at which the wall clock of `timeZone` shows the given local date and time. In a DST gap
 * (a time that does not exist) the clock time is pushed forward by the gap; in an overlap the first
 * (earlier) instant is taken.
 */
export function zonedToEpochMs(year: number, month: number, day: number, secondsOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day) + secondsOfDay * 1000;
  // candidates: the wall time read with the offsets on either side of any nearby change
  const offsets = new Set([zoneOffsetMs(wall, timeZone), zoneOffsetMs(wall - 14 * 3600_000, timeZone), zoneOffsetMs(wall + 14 * 3600_000, timeZone)]);
  const candidates = [...offsets].map((o) => wall - o);
  const valid = candidates.filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
  // overlap: the earlier instant; gap: the clock time pushed forward by the gap (the latest candidate)
  return valid.length > 0 ? Math.min(...valid) : Math.max(...candidates);
}

/** Local calendar dates (year, month, day) whose days touch the span [fromMs, toMs), in order. */
export function localDatesCovering(fromMs: number, toMs: number, timeZone: string): { year: number; month: number; day: number; weekday: number }[] {
  const first = localTime(fromMs, timeZone);
  const last = localTime(toMs, timeZone);
  const out: { year: number; month: number; day: number; weekday: number }[] = [];
  let d = Date.UTC(first.year, first.month - 1, first.day);
  const end = Date.UTC(last.year, last.month - 1, last.day);
  for (; d <= end; d += 86400_000) {
    const date = new Date(d);
    out.push({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: (date.getUTCDay() + 6) % 7 });
  }
  return out;
}
