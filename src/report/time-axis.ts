// Wall-clock time axes for the time charts: ticks on round local hours/days and "Mon 08:00" labels in a
// chosen time zone, and units for tooltips.
//
// The chart configs stay plain JSON with x in hours (or minutes, days) since the start; these functions
// turn such an x into wall-clock text. They are self-contained on purpose (no imports, no closures, only
// Intl and Date): the HTML report inlines their source into its script with Function.prototype.toString,
// and the PNG writer calls them directly, so both draw the same ticks from one implementation.

/** What a time chart's x axis means: x * unitSeconds seconds after startMs, shown in timeZone. */
export interface WallClock {
  /** the run's start, ms since the epoch */
  startMs: number;
  /** seconds per x unit (3600 when x is in hours) */
  unitSeconds: number;
  /** IANA name, e.g. "America/New_York" */
  timeZone: string;
  /** the zone's offset from UTC at the start, seconds (aligns ticks on local round hours) */
  offsetSeconds: number;
}

/** How a value on an axis reads in a tooltip: a duration (value * seconds) or a number with a unit name. */
export type AxisUnit = { seconds: number } | { suffix: string; digits: number; scale?: number };

/** Tick values (in x units) on round local times between min and max, at most about maxTicks of them. */
export function wallTicks(min: number, max: number, clock: WallClock, maxTicks: number): { value: number }[] {
  const steps = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2419200];
  const spanSeconds = (max - min) * clock.unitSeconds;
  let step = steps[steps.length - 1];
  for (let i = 0; i < steps.length; i++) {
    if (spanSeconds / steps[i] <= Math.max(2, maxTicks)) {
      step = steps[i];
      break;
    }
  }
  // local seconds since the epoch at x = 0; a tick falls where local time is a multiple of the step
  const local0 = clock.startMs / 1000 + clock.offsetSeconds;
  const first = Math.ceil((local0 + min * clock.unitSeconds) / step - 1e-9) * step;
  const last = local0 + max * clock.unitSeconds + 1e-6;
  const out: { value: number }[] = [];
  for (let l = first; l <= last && out.length < 1000; l += step) out.push({ value: (l - local0) / clock.unitSeconds });
  return out;
}

/**
 * A tick label: "08:00", with the date under it ("Mon 5 Jan") on the first tick and wherever the local
 * day changes; only the date when ticks are a day or more apart. `previous` is the tick before, if any.
 */
export function wallLabel(x: number, clock: WallClock, previous: number | null): string | string[] {
  const at = (v: number) => new Date(clock.startMs + v * clock.unitSeconds * 1000);
  const day = (v: number) => new Intl.DateTimeFormat('en-GB', { timeZone: clock.timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(at(v)).replace(',', '');
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: clock.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at(x));
  const stepSeconds = previous === null ? 0 : (x - previous) * clock.unitSeconds;
  if (stepSeconds >= 86400 - 1) return day(x);
  if (previous === null || day(previous) !== day(x)) return [time, day(x)];
  return time;
}

/** A full local date-time for tooltips and headings: "Mon 5 Jan 2026, 08:35". */
export function wallDateTime(x: number, clock: WallClock): string {
  const d = new Date(clock.startMs + x * clock.unitSeconds * 1000);
  return new Intl.DateTimeFormat('en-GB', { timeZone: clock.timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(d)
    .replace(/^(\w+),/, '$1')
    .replace(/ at /, ', ');
}

/** A value on an axis for a tooltip: "3m 10s" (the one duration style), "412 requests", "45.2 %" (a fraction with scale 100). */
export function unitText(value: number, unit: AxisUnit): string {
  if (value === null || !isFinite(value)) return '—';
  if ('seconds' in unit) {
    // A copy of the vocabulary's formatDuration (src/vocabulary/format.ts), kept here because this function
    // must stay self-contained for the pages that inline it; test/vocabulary/format.test.ts holds the two equal.
    const a = Math.abs(value * unit.seconds);
    const sign = value < 0 ? '-' : '';
    if (a === 0) return '0s';
    const trimmed = (t: string): string => (t.includes('.') ? t.replace(/\.?0+$/, '') : t);
    const pair = (big: number, bigUnit: string, small: number, smallUnit: string): string =>
      sign + big + bigUnit + (small === 0 ? '' : ' ' + String(small).padStart(2, '0') + smallUnit);
    if (a < 1) {
      const ms = Number((a * 1000).toPrecision(3));
      if (ms < 1000) return sign + trimmed(String(ms)) + 'ms';
    }
    if (a < 60) {
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
  const scaled = value * (unit.scale === undefined ? 1 : unit.scale);
  return scaled.toLocaleString('en-US', { minimumFractionDigits: unit.digits, maximumFractionDigits: unit.digits }) + (unit.suffix ? ' ' + unit.suffix : '');
}

/** The zone's offset from UTC at an instant, in seconds (e.g. -18000 for New York in January). */
export function zoneOffsetSeconds(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 1000);
}

/** Whether Intl knows the zone. */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The local clock time only: "09:00". */
export function wallTime(x: number, clock: WallClock): string {
  const d = new Date(clock.startMs + x * clock.unitSeconds * 1000);
  return new Intl.DateTimeFormat('en-GB', { timeZone: clock.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}
