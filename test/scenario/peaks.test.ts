// `peaks:` named windows: expanded into run intervals (DST-correct), checked in the one pass with located problems.
import { describe, expect, it } from 'vitest';
import { BODY, load, problemsOf, scenario } from './hostile-helpers.js';

// BODY is 12 lines; `peaks:` starts at line 13, its first item on line 14
const peaks = (...items: string[]) => scenario(`peaks:\n${items.map((i) => `  - ${i}`).join('\n')}`);

describe('peaks: expansion', () => {
  it('a Monday 08:00-10:00 Toronto window in a week from Monday 00:00 UTC is one interval at 13:00-15:00 UTC', () => {
    const m = load(scenario('peaks:\n  - { name: monday-morning, days: [mon], from: "08:00", to: "10:00", timezone: America/Toronto }', BODY.replace('duration: 1d', 'duration: 7d')));
    expect(m.peakWindows).toEqual([{ name: 'monday-morning', intervals: [[13 * 3600, 15 * 3600]] }]);
  });

  it('days default to every day; weekday sets work; "24:00" ends the day', () => {
    const m = load(peaks('{ name: all, from: "22:00", to: "24:00" }', '{ name: wk, days: weekends, from: "00:00", to: "01:00" }').replace('duration: 1d', 'duration: 7d'));
    const all = m.peakWindows!.find((w) => w.name === 'all')!;
    expect(all.intervals).toHaveLength(7);
    expect(all.intervals[0]).toEqual([22 * 3600, 24 * 3600]);
    // 2026-01-05 is a Monday: Saturday is day 5
    expect(m.peakWindows!.find((w) => w.name === 'wk')!.intervals).toEqual([[5 * 86400, 5 * 86400 + 3600], [6 * 86400, 6 * 86400 + 3600]]);
  });

  it('is DST-correct: 08:00 Toronto is 13:00 UTC before the March change and 12:00 after', () => {
    const m = load(peaks('{ name: am, days: [sat, mon], from: "08:00", to: "09:00", timezone: America/Toronto }').replace('duration: 1d', 'start: 2026-03-07T00:00:00Z\nduration: 3d'));
    // Saturday 7 March (EST, -5) and Monday 9 March (EDT, -4); the change is Sunday 8 March
    expect(m.peakWindows![0].intervals).toEqual([[13 * 3600, 14 * 3600], [2 * 86400 + 12 * 3600, 2 * 86400 + 13 * 3600]]);
  });

  it('defaults to the zone most accounts use, clips to the run and leaves out a model without peaks', () => {
    const body = BODY.replace('  - id: acme\n', '  - id: acme\n    timezone: America/New_York\n');
    const m = load(scenario('peaks:\n  - { name: evening, from: "18:00", to: "21:00" }', body));
    // Sunday's 18:00-21:00 New York is 23:00-02:00 UTC, cut at the start; Monday's is cut at the end
    expect(m.peakWindows![0].intervals).toEqual([[0, 2 * 3600], [23 * 3600, 24 * 3600]]);
    expect(load(scenario()).peakWindows).toBeUndefined();
  });
});

describe('peaks: checked at load, at their place in the file', () => {
  it.each([
    ['{ name: a, days: [mnn], from: "08:00", to: "10:00" }', /^hostile.yaml:14:\d+: peaks\[0\]\.days.*did you mean "mon"/],
    ['{ name: a, from: "08:00", to: "10:00", timezone: America/Toronot }', /^hostile.yaml:14:\d+: peaks\[0\]\.timezone: unknown time zone "America\/Toronot" \(did you mean "America\/Toronto"\?\)$/],
    ['{ name: a, from: "10:00", to: "08:00" }', /^hostile.yaml:14:\d+: peaks\[0\]\.to: must be after `from`/],
    ['{ name: a, from: "08:07", to: "10:00" }', /^hostile.yaml:14:\d+: peaks\[0\]\.from: "08:07" \(UTC\) falls 2m into a bucket of 5m .*bucket boundaries$/],
    ['{ name: a, from: "8am", to: "10:00" }', /^hostile.yaml:14:\d+: peaks\[0\]\.from: expected a local time of day/],
  ])('%s', (item, message) => {
    const lines = problemsOf(peaks(item));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it('refuses a half-hour zone offset against hourly buckets, naming the bucket', () => {
    const lines = problemsOf(scenario('bucket: 1h\npeaks:\n  - { name: a, from: "08:00", to: "10:00", timezone: Asia/Kolkata }'));
    expect(lines).toEqual([
      expect.stringMatching(/peaks\[0\]\.from: "08:00" \(Asia\/Kolkata\) falls 30m into a bucket of 1h/),
      expect.stringMatching(/peaks\[0\]\.to: "10:00" \(Asia\/Kolkata\) falls 30m into a bucket of 1h/),
    ]);
  });

  it('reports duplicate names and every other problem at once', () => {
    const lines = problemsOf(peaks('{ name: a, from: "08:00", to: "10:00" }', '{ name: a, from: "11:00", to: "10:00" }'));
    expect(lines).toEqual([
      expect.stringMatching(/^hostile.yaml:15:\d+: peaks\[1\]\.name: duplicate window name "a" \(also peaks\[0\]\)$/),
      expect.stringMatching(/^hostile.yaml:15:\d+: peaks\[1\]\.to: must be after `from`/),
    ]);
  });
});

describe('thresholds on peak windows at load', () => {
  const withWindow = (block: string) => scenario(`peaks:\n  - { name: monday-morning, days: [mon], from: "08:00", to: "10:00" }\nthresholds:\n  ${block}`);

  it('accepts the scenario\'s window names and the busiest hour', () => {
    const m = load(withWindow('"peaks.windows.monday-morning.wait.p95": ["< 5m"]\n  "peaks.busiestHour.wait.p95": ["< 10m"]\n  "peaks.busiestHour.utilisation": ["< 0.9"]'));
    expect(Object.keys(m.thresholds!)).toHaveLength(3);
  });

  it('refuses an unknown window name at its place, with "did you mean"', () => {
    expect(problemsOf(withWindow('"peaks.windows.monday.wait.p95": ["< 5m"]'))).toEqual([
      expect.stringMatching(/^hostile.yaml:16:\d+: thresholds\["peaks.windows.monday.wait.p95"\]\[0\]: unknown path .*did you mean "peaks.windows.monday-morning.wait.p95"/),
    ]);
  });
});
