// Wall-clock axes: ticks on round local times, weekday and clock-time labels, the zone's offset, units.
import { describe, expect, it } from 'vitest';
import { clockFor, reportTimeZone } from '../../src/report/charts.js';
import { busiestWindow } from '../../src/report/peak.js';
import { unitText, wallDateTime, wallLabel, wallTicks, zoneOffsetSeconds, type WallClock } from '../../src/report/time-axis.js';
import type { TimeseriesRow } from '../../src/vocabulary/index.js';
import { fixtureRun } from './fixture.js';

// monday-storm's start: Monday 5 Jan 2026 00:00 UTC, which is Sunday 19:00 in New York (UTC-5 in January)
const START = Date.parse('2026-01-05T00:00:00Z');
const ny: WallClock = { startMs: START, unitSeconds: 3600, timeZone: 'America/New_York', offsetSeconds: -5 * 3600 };

describe('wall-clock time axis', () => {
  it('knows the zone offset, including summer time', () => {
    expect(zoneOffsetSeconds(START, 'America/New_York')).toBe(-18000);
    expect(zoneOffsetSeconds(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(-14400);
    expect(zoneOffsetSeconds(START, 'Asia/Kolkata')).toBe(19800);
    expect(zoneOffsetSeconds(START, 'UTC')).toBe(0);
  });

  it('puts ticks on round local hours: every 3 h over a day, on local multiples of 3', () => {
    const ticks = wallTicks(0, 24, ny, 8).map((t) => t.value);
    // local 19:00 is a multiple of 3 h? no: 21:00 is, which is x = 2
    expect(ticks).toEqual([2, 5, 8, 11, 14, 17, 20, 23]);
    expect(wallTicks(0, 24, ny, 30).map((t) => t.value)).toEqual([...Array(25).keys()]);
    // a half-hour zone keeps its ticks on its own round hours: Kolkata is UTC+5:30, so x = 0.5 is 06:00 local
    const kol: WallClock = { ...ny, timeZone: 'Asia/Kolkata', offsetSeconds: 19800 };
    expect(wallTicks(0, 6, kol, 6)[0]!.value).toBe(0.5);
  });

  it('labels ticks with the clock time, and the weekday and date where the day changes', () => {
    expect(wallLabel(2, ny, null)).toEqual(['21:00', 'Sun 4 Jan']);
    expect(wallLabel(5, ny, 2)).toEqual(['00:00', 'Mon 5 Jan']);
    expect(wallLabel(8, ny, 5)).toBe('03:00');
    // a day or more between ticks: the date alone
    expect(wallLabel(29, ny, 5)).toBe('Tue 6 Jan');
    expect(wallDateTime(13.5, ny)).toBe('Mon 5 Jan 2026, 08:30');
  });

  it('formats tooltip values with their unit', () => {
    expect(unitText(6.9, { seconds: 60 })).toBe('6m 54s');
    expect(unitText(0.5, { seconds: 1 })).toBe('500ms');
    expect(unitText(753.25, { suffix: 'requests', digits: 1 })).toBe('753.3 requests');
    expect(unitText(12, { suffix: 'deferral episodes', digits: 0 })).toBe('12 deferral episodes');
    expect(unitText(0.4521, { suffix: '%', digits: 1, scale: 100 })).toBe('45.2 %');
  });

  it('shows the scenario’s zone when it names one, the asked zone first, else UTC', () => {
    const run = fixtureRun();
    expect(reportTimeZone(run.result)).toBe('UTC');
    expect(reportTimeZone(run.result, 'Europe/Paris')).toBe('Europe/Paris');
    expect(reportTimeZone(run.result, 'Not/AZone')).toBe('UTC');
    run.result.params.timezone = 'America/New_York';
    expect(reportTimeZone(run.result)).toBe('America/New_York');
    expect(clockFor(run.result)).toMatchObject({ timeZone: 'America/New_York', unitSeconds: 3600 });
  });
});

function row(t: number, arrivals: number, o: Partial<TimeseriesRow> = {}): TimeseriesRow {
  return {
    t, arrivals: { login: arrivals, due: 0, email: 0, manual: 0, api: 0, warmup: 0 }, completions: 0, failures: 0, deferrals: 0,
    queueMean: 0, queueMax: 0, busyMean: 0, workers: 4, waitP95: null, waitCumMean: null, activeAccounts: 0, ...o,
  };
}

describe('busiest hour', () => {
  it('slides a one-hour window over 15-minute buckets and sums what it covers', () => {
    // arrivals per 15 min: 1 2 10 20 30 5 1 1 -> the best four buckets are 2..5 (10+20+30+5 = 65)
    const counts = [1, 2, 10, 20, 30, 5, 1, 1];
    const rows = counts.map((n, i) => row(i * 900, n, { busyMean: i >= 2 && i <= 5 ? 3 : 1, queueMean: n, queueMax: 2 * n, waitP95: n * 10, deferrals: i === 3 ? 7 : 0 }));
    const p = busiestWindow(rows, 0)!;
    expect(p).toEqual({
      start: 1800, end: 5400, arrivals: 65, worstBucketP95: 300,
      // busy 3 of 4 workers in each of the four buckets
      utilisation: 0.75, queueMean: 65 / 4, queueMax: 60, deferrals: 7, bucket: 900,
    });
  });

  it('skips the warm-up, prefers the earliest of equal windows, and has none without arrivals', () => {
    const rows = [row(0, 50), row(3600, 4), row(7200, 4)];
    expect(busiestWindow(rows, 3600)!.start).toBe(3600);
    expect(busiestWindow([row(0, 0), row(3600, 0)], 0)).toBeNull();
    expect(busiestWindow([], 0)).toBeNull();
  });
});
