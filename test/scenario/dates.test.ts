import { describe, expect, it } from 'vitest';
import { instantProblem, parseInstant } from '../../src/vocabulary/index.js';
import { load, problemsOf, scenario } from './hostile-helpers.js';

describe('impossible dates and times are refused, never rolled over', () => {
  it.each([
    ['2026-02-30', /"2026-02-30" is not a date: February 2026 has days 01 to 28/],
    ['2026-02-29', /February 2026 has days 01 to 28/],
    ['2026-04-31', /April 2026 has days 01 to 30/],
    ['2026-13-45', /there is no month 13/],
    ['2026-00-10', /there is no month 00/],
    ['2026-01-00', /January 2026 has days 01 to 31/],
    ['2026-13-01T00:00Z', /there is no month 13/],
    ['2026-01-05T25:00:00Z', /is not a time: hours are 00 to 23/],
    ['2026-01-05T24:00:00Z', /hours are 00 to 23/],
    ['2026-01-05T08:60:00Z', /minutes are 00 to 59/],
    ['2026-01-05T08:00:61Z', /seconds are 00 to 59/],
    ['2026-01-05T08:00:00+25:00', /impossible zone offset \+25:00/],
    ['2026-01-05T08:00:00-05:99', /impossible zone offset -05:99/],
    ['0001-01-01', /the year must be between 1900 and 2999/],
    ['9999-12-31T23:59:59Z', /the year must be between 1900 and 2999/],
  ])('%s', (text, message) => {
    expect(instantProblem(text)).toMatch(message);
    expect(() => parseInstant(text)).toThrow(message);
  });

  it.each([
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['2026-01-05T08:00:00Z', Date.UTC(2026, 0, 5, 8)],
    ['2026-01-05 08:00-05:00', Date.UTC(2026, 0, 5, 13)],
    ['2026-01-05T08:00:00+0530', Date.UTC(2026, 0, 5, 2, 30)],
    ['2026-01-05T08:00:00.1234Z', Date.UTC(2026, 0, 5, 8, 0, 0, 123)],
    ['2026-12-31T23:59:59Z', Date.UTC(2026, 11, 31, 23, 59, 59)],
  ])('%s is read as Date.parse would', (text, ms) => {
    expect(instantProblem(text)).toBeUndefined();
    expect(parseInstant(text)).toBe(ms);
  });
});

describe('impossible dates in scenario files, located', () => {
  it.each([
    ['start: 2026-02-30', /^hostile.yaml:13:8: start: "2026-02-30" is not a date: February 2026 has days 01 to 28$/],
    ['start: 2026-13-45', /^hostile.yaml:13:8: start: "2026-13-45" is not a date: there is no month 13/],
    ['start: "2026-01-05T25:00:00Z"', /^hostile.yaml:13:8: start: .*hours are 00 to 23/],
    ['traces:\n  sessions: [ { user: alice, at: "2026-13-01T00:00Z", duration: 30m } ]', /^hostile.yaml:14:34: traces.sessions\[0\].at: "2026-13-01T00:00Z" is not a date: there is no month 13/],
    ['traces:\n  refreshes: [ { source: sales, at: "2026-02-30T08:00:00Z" } ]', /traces.refreshes\[0\].at: .*February 2026 has days 01 to 28/],
    ['traces:\n  embedViews: [ { embed: e1, at: "2026-01-32" } ]', /traces.embedViews\[0\].at: .*January 2026 has days 01 to 31/],
    ['traces:\n  linkViews: [ { account: acme, at: "2026-04-31T00:00:00Z" } ]', /^hostile.yaml:14:\d+: traces.linkViews\[0\].at: .*April 2026 has days 01 to 30/],
  ])('%s', (extra, message) => {
    const lines = problemsOf(scenario(extra));
    expect(lines.filter((l) => message.test(l))).toHaveLength(1);
    expect(lines.every((l) => !/embed with id/.test(l) || /embedViews/.test(extra))).toBe(true);
  });

  it.each([
    ['sessions.csv', 'user,at,duration\nalice,2026-13-01T00:00Z,30m\n', /^sessions.csv:2:7: at: "2026-13-01T00:00Z" is not a date: there is no month 13/],
    ['sessions.csv', 'user,at,duration\nalice,2026-02-30,30m\n', /^sessions.csv:2:7: at: .*February 2026 has days 01 to 28/],
    ['refreshes.csv', 'source,at\nsales,2026-01-05T24:00:00Z\n', /^refreshes.csv:2:7: at: .*hours are 00 to 23/],
  ])('CSV trace %s %j', (name, csv, message) => {
    const kind = name.replace('.csv', '');
    const lines = problemsOf(scenario(`traces:\n  ${kind}: ${name}`), { baseDir: '.', readFile: () => csv }, 'hostile.yaml');
    expect(lines).toEqual([expect.stringMatching(message)]);
  });

  it('a leap day loads', () => {
    expect(load(scenario('start: 2024-02-29')).startEpochMs).toBe(Date.UTC(2024, 1, 29));
  });
});
