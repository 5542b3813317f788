import { describe, expect, it } from 'vitest';
import { checkSummary, formatProblem, lookupPath, metricKind, parseQuantity, formatDuration, parseThresholdArgs } from '../../src/vocabulary/index.js';
import { compareSummaries, evaluateThresholds, gateExitCode } from '../../src/gate/index.js';
import { makeSummary, reps } from './summary-fixture.js';

describe('quantities', () => {
  it.each([
    ['250ms', 'duration', 0.25],
    ['90s', 'duration', 90],
    ['5m', 'duration', 300],
    ['2h', 'duration', 7200],
    ['1d', 'duration', 86400],
    ['1h30m', 'duration', 5400],
    ['.5h', 'duration', 1800],
    ['1w', 'duration', 604800],
    ['5 m', 'duration', 300],
    ['15 min', 'duration', 900],
    ['1h 30m', 'duration', 5400],
    ['1%', 'percent', 1],
    ['2.5%', 'percent', 2.5],
    ['0.85', 'plain', 0.85],
    ['-1', 'plain', -1],
    ['1e3', 'plain', 1000],
  ])('%s', (text, unit, value) => {
    expect(parseQuantity(text)).toEqual({ unit, value });
  });

  it.each(['', '5M', 'm', '1x', 'NaN', 'Infinity', '1e999', '5m%', '-5m', '1h30', '5 parsecs'])('rejects "%s"', (text) => {
    expect(parseQuantity(text)).toHaveProperty('error');
  });

  it.each([
    [0, '0s'],
    [0.25, '250ms'],
    [12.5, '12.5s'],
    [245, '4m 05s'],
    [7380, '2h 03m'],
    [273600, '3d 04h'],
    [-20, '-20s'],
  ])('formatDuration(%s) = %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

describe('summary paths', () => {
  it('finds numbers, nulls, objects; never inherited properties', () => {
    const s = makeSummary((x) => {
      x.deferred.p95 = null;
    });
    expect(lookupPath(s, 'wait.p95')).toEqual({ found: 'number', value: 120 });
    expect(lookupPath(s, 'deferred.p95')).toEqual({ found: 'null' });
    expect(lookupPath(s, 'wait')).toEqual({ found: 'other', type: 'an object' });
    expect(lookupPath(s, 'wait.constructor')).toEqual({ found: 'none' });
    expect(lookupPath(s, '__proto__')).toEqual({ found: 'none' });
    expect(lookupPath(s, 'deferrals.byLimit.9.peakUse')).toEqual({ found: 'none' });
  });

  it('knows what a path measures', () => {
    const s = makeSummary();
    expect(metricKind(s, 'wait.p95')).toBe('seconds');
    expect(metricKind(s, 'wait.count')).toBe('count');
    expect(metricKind(s, 'freshness.email.max')).toBe('seconds');
    expect(metricKind(s, 'byTrigger.login.total.mean')).toBe('seconds');
    expect(metricKind(s, 'span.duration')).toBe('seconds');
    expect(metricKind(s, 'deferrals.seconds')).toBe('seconds');
    expect(metricKind(s, 'emails.pendingAtSendPct')).toBe('percent');
    expect(metricKind(s, 'requests.failed')).toBe('count');
    expect(metricKind(s, 'utilisation.mean')).toBe('number');
  });
});

describe('checkSummary', () => {
  it('accepts a summary, with or without replications', () => {
    expect(checkSummary(makeSummary()).problems).toEqual([]);
    expect(checkSummary(makeSummary((s) => void (s.replications = reps({ 'wait.p95': [1, 0.1] })))).problems).toEqual([]);
  });
  it('rejects other JSON with a reason', () => {
    expect(checkSummary([]).problems[0].message).toMatch(/expected an object/);
    const [p] = checkSummary({ schemaVersion: 2 }, 'b.json').problems;
    expect(p).toEqual({ file: 'b.json', path: 'schemaVersion', message: 'not a refresh-sim summary.json: expected schemaVersion 1, found 2' });
    expect(formatProblem(p)).toBe('b.json: schemaVersion: not a refresh-sim summary.json: expected schemaVersion 1, found 2');
    const bad = { ...makeSummary(), replications: { n: 3, metrics: { 'wait.p95': { mean: 1, halfWidth: 1, ci: [2, 0] } } } };
    expect(checkSummary(bad).problems[0]).toMatchObject({ file: 'summary.json', path: 'replications.metrics.wait.p95', message: expect.stringMatching(/^ci must be/) });
  });
});

describe('gateExitCode', () => {
  const s = makeSummary();
  const th = (...a: string[]) => evaluateThresholds(s, parseThresholdArgs(a).thresholds);
  it('0 when all pass or only warn', () => {
    expect(gateExitCode({})).toBe(0);
    expect(gateExitCode({ thresholds: th('wait.p95<5m', 'warn:wait.p95<1m') })).toBe(0);
  });
  it('99 on a failed error-level threshold or a regression', () => {
    expect(gateExitCode({ thresholds: th('wait.p95<1m') })).toBe(99);
    const cur = makeSummary((x) => void (x.wait.p95 = 200));
    expect(gateExitCode({ compare: compareSummaries(s, cur) })).toBe(99);
  });
  it('2 on bad input, before anything else', () => {
    expect(gateExitCode({ thresholds: th('wait.p95<1m', 'nope<1') })).toBe(2);
  });
});
