// The console summary of `run` names the busiest hour and each named window in one line each.
import { describe, expect, it } from 'vitest';
import { consoleSummary, peakConsoleLines } from '../../src/cli/console.js';
import type { PeakFigures } from '../../src/vocabulary/index.js';
import { makeSummary } from '../gate/summary-fixture.js';

const figures = (start: number, end: number, p95: number | null): PeakFigures => ({
  start, end, buckets: 12, arrivals: 900, wait: { count: 800, mean: 100, p50: 60, p95, p99: p95 }, utilisation: 0.883, queueMean: 289.4, queueMax: 753, deferrals: 2,
});

describe('console: peak windows', () => {
  // makeSummary starts 2024-01-01T00:00:00Z, a Monday
  const s = makeSummary((x) => void (x.peaks = { busiestHour: figures(13 * 3600, 14 * 3600, 454), windows: { 'monday-morning': { ...figures(13 * 3600, 15 * 3600, 434), occurrences: 1 }, night: null } }));

  it('one line for the busiest hour and one per window, in the zone given, durations by formatDuration', () => {
    expect(peakConsoleLines(s, 'America/New_York')).toEqual([
      '  busiest hour  Mon 1 Jan 2024, 08:00–09:00 (America/New_York): p95 wait 7m 34s (of 800 started), utilisation 88.3%, queue 289 mean / 753 max, 2 deferrals',
      '  window monday-morning  Mon 1 Jan 2024, 08:00–10:00 (America/New_York): p95 wait 7m 14s (of 800 started), utilisation 88.3%, queue 289 mean / 753 max, 2 deferrals',
      '  window night  no data (it falls in the warm-up or outside the run)',
    ]);
    expect(consoleSummary(s)).toContain('  busiest hour  Mon 1 Jan 2024, 13:00–14:00 (UTC): p95 wait 7m 34s');
  });

  it('prints nothing for a summary without peaks (written before them)', () => {
    expect(peakConsoleLines(makeSummary())).toEqual([]);
  });
});
