// Named peak windows (`peaks:`) in index.html's peak section and in summary.md, next to the busiest hour.
import { describe, expect, it } from 'vitest';
import type { PeakFigures, Summary } from '../../src/vocabulary/index.js';
import { peakHtml } from '../../src/report/html-verdicts.js';
import { summaryMarkdown } from '../../src/report/markdown.js';
import { peakClock } from '../../src/report/peak.js';
import { fixtureRun } from './fixture.js';

const figures = (start: number, end: number, p95: number, occurrences = 1): PeakFigures => ({
  start, end, buckets: (end - start) / 300, occurrences, arrivals: 900,
  wait: { count: 800, mean: 100, p50: 60, p95, p99: p95 + 30 }, utilisation: 0.819, queueMean: 148, queueMax: 753, deferrals: 4,
});

function withWindows(windows: Record<string, PeakFigures | null>): Summary {
  const s = structuredClone(fixtureRun().result.summary);
  s.peaks = { busiestHour: s.peaks!.busiestHour, windows };
  return s;
}

// the fixture starts on Monday 4 March 2024 at 00:00 UTC; 13:00 UTC is 08:00 in New York
const s = withWindows({ 'monday-morning': figures(13 * 3600, 15 * 3600, 434), weekdays: figures(13 * 3600, 4 * 86400 + 15 * 3600, 200, 5), empty: null });

describe('peak windows in the report', () => {
  it('index.html: one row per window with its time, p95 wait, utilisation, queue and deferrals', () => {
    const html = peakHtml(s, peakClock(s, 'America/New_York'));
    const row = (name: string) => html.match(new RegExp(`<tr data-window="${name}">(.*?)</tr>`))![1];
    expect(row('monday-morning')).toContain('Mon 4 Mar 2024, 08:00–10:00 (America/New_York)');
    expect(row('monday-morning')).toContain('>7m 14s<');
    expect(row('monday-morning')).toContain('148 / 753');
    expect(row('weekdays')).toContain('5× from Mon 4 Mar 2024, 08:00 to Fri 8 Mar 2024, 10:00 (America/New_York)');
    expect(row('empty')).toContain('no data');
    // without windows there is no table
    expect(peakHtml(withWindows({}), undefined)).not.toContain('peak-windows');
  });

  it('summary.md: a line per window after the busiest hour', () => {
    const lines = summaryMarkdown(s, {}, { timeZone: 'America/New_York' }).split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('**Window monday-morning:**')).toBeGreaterThan(at('**Busiest hour:**'));
    expect(lines[at('**Window monday-morning:**')]).toMatch(/^\*\*Window monday-morning:\*\* Mon 4 Mar 2024, 08:00–10:00 \(America\/New\\_York\): 900 requests, p95 wait 7m 14s \(of 800 started\), utilisation 81\.9%, queue 148 mean \/ 753 max, 4 deferrals/);
    expect(lines[at('**Window empty:**')]).toMatch(/no data/);
  });
});
