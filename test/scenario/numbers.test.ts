import { describe, expect, it } from 'vitest';
import { problemsOf, scenario, BODY } from './hostile-helpers.js';

const replace = (from: string, to: string) => BODY.replace(from, to);

describe('every number is finite and bounded: a located problem, never an exception', () => {
  it.each([
    ['duration: 1e308', replace('duration: 1d', 'duration: 1e308'), /^hostile.yaml:2:11: duration: must be at most 36500d \(100 years\) \(got 1e\+308\)$/],
    ['duration: 99999999999d', replace('duration: 1d', 'duration: 99999999999d'), /^hostile.yaml:2:11: duration: must be at most 36500d/],
    ['duration: .inf', replace('duration: 1d', 'duration: .inf'), /^hostile.yaml:2:11: duration: /],
    ['duration: .nan', replace('duration: 1d', 'duration: .nan'), /^hostile.yaml:2:11: duration: /],
    ['duration: -1d', replace('duration: 1d', 'duration: -1d'), /^hostile.yaml:2:11: duration: must be a positive duration \(got "-1d"\)$/],
    ['duration: 0', replace('duration: 1d', 'duration: 0'), /^hostile.yaml:2:11: duration: must be a positive duration/],
    ['latency: 1e308', replace('latency: 2s', 'latency: 1e308'), /connectors.rest.latency: must be at most 36500d/],
    ['latency: -2s', replace('latency: 2s', 'latency: -2s'), /connectors.rest.latency: must not be negative/],
    ['window max: 1e300', replace('max: 100', 'max: 1e300'), /limits.hourly.max: must be at most 1000000000/],
    ['window max: -1', replace('max: 100', 'max: -1'), /limits.hourly.max: must be positive/],
    ['window max: .nan', replace('max: 100', 'max: .nan'), /limits.hourly.max: expected a number/],
    ['window: 0s', replace('window: 1h', 'window: 0s'), /limits.hourly.window: must be a positive duration/],
    ['perUserPerDay: 1e300', replace('perUserPerDay: 2', 'perUserPerDay: 1e300'), /accounts\[0\].logins.perUserPerDay: must be at most 1000000000/],
    ['perUserPerDay: -2', replace('perUserPerDay: 2', 'perUserPerDay: -2'), /perUserPerDay: must be at least 0/],
    ['interval: 1e300', replace('interval: 15m', 'interval: 1e300'), /sources\[0\].interval: must be at most 36500d/],
    ['workers: 1e300', scenario('workers: 1e300'), /^hostile.yaml:13:10: workers: /],
    ['workers: 0', scenario('workers: 0'), /^hostile.yaml:13:10: workers: /],
    ['seed: 1e300', scenario('seed: 1e300'), /^hostile.yaml:13:7: seed: /],
    ['seed: 1.5', scenario('seed: 1.5'), /^hostile.yaml:13:7: seed: /],
    ['warmup: -1h', scenario('warmup: -1h'), /^hostile.yaml:13:9: warmup: must not be negative/],
    ['bucket: 0ms', scenario('bucket: 0ms'), /^hostile.yaml:13:9: bucket: must be a positive duration/],
    ['latencyScale: 1e300', replace('latency: 2s', 'latency: 2s, latencyScale: 1e300'), /connectors.rest.latencyScale: must be at most 1000000/],
    ['cost: 1e300', replace('interval: 15m', 'interval: 15m, cost: 1e300'), /sources\[0\].cost: must be at most 1000000000/],
    ['disableAt: 1e300', scenario('disableAt: 1e300'), /^hostile.yaml:13:12: disableAt: /],
    ['generate count: 1e300', scenario('generate: [ { count: 1e300, prefix: g, sources: 1 } ]'), /generate\[0\].count: /],
    ['generate users: -1', scenario('generate: [ { count: 1, prefix: g, users: -1, sources: 1 } ]'), /generate\[0\].users: /],
    ['generate intervals key', scenario('generate: [ { count: 1, prefix: g, sources: 1, intervals: { 99999999999d: 1 } } ]'), /generate\[0\].intervals\["99999999999d"\]: must be at most 36500d/],
    ['weights 1e300', scenario('generate: [ { count: 1, prefix: g, sources: 1, connectors: { rest: 1e300 } } ]'), /generate\[0\].connectors.rest: must be at most 1000000000/],
    ['rate: 5/0s', scenario('arrivals: [ { type: refresh, rate: 5/0s } ]'), /^hostile.yaml:13:36: arrivals\[0\].rate: the period of a rate must be positive, got "5\/0s"$/],
    ['rate: 5/0.0000001s', scenario('arrivals: [ { type: refresh, rate: 5/0.0000001s } ]'), /arrivals\[0\].rate: the period of a rate must be positive/],
    ['rate: 1e9/s', scenario('arrivals: [ { type: refresh, rate: 1e9/s } ]'), /arrivals\[0\].rate: expected a rate like/],
    ['rate: 1000000000/s', scenario('arrivals: [ { type: refresh, rate: 1000000000/s } ]'), /arrivals\[0\].rate: must be at most 1000000\/s \(got "1000000000\/s", 1000000000\/s\)$/],
    ['rate: 1e308', scenario('arrivals: [ { type: refresh, rate: 1e308 } ]'), /arrivals\[0\].rate: must be at most 1000000\/s/],
    ['rate: 0', scenario('arrivals: [ { type: refresh, rate: 0 } ]'), /arrivals\[0\].rate: must be a positive rate/],
    ['rate: -5', scenario('arrivals: [ { type: linkView, rate: -5 } ]'), /arrivals\[0\].rate: /],
    ['trace at: 1e308', scenario('traces:\n  sessions: [ { user: alice, at: 1e308, duration: 30m } ]'), /traces.sessions\[0\].at: must be at most 3153600000/],
    ['trace at: 99999999999d', scenario('traces:\n  sessions: [ { user: alice, at: 99999999999d, duration: 30m } ]'), /traces.sessions\[0\].at: must be at most 36500d/],
    ['trace duration: 1e308', scenario('traces:\n  sessions: [ { user: alice, at: 1h, duration: 1e308 } ]'), /traces.sessions\[0\].duration: must be at most 36500d/],
    ['retry every: 1e308', scenario('retryLadder: [ { from: 1, every: 1e308 } ]'), /retryLadder\[0\].every: must be at most 36500d/],
  ])('%s', (_label, text, message) => {
    const lines = problemsOf(text);
    expect(lines.filter((l) => message.test(l)), lines.join('\n')).toHaveLength(1);
  });

  it.each([
    ['sessions.csv', 'user,at,duration\nalice,1h,99999999999d\n', /^sessions.csv:2:10: duration: must be at most 36500d/],
    ['sessions.csv', 'user,at,duration\nalice,99999999999d,30m\n', /^sessions.csv:2:7: at: must be at most 36500d/],
    ['sessions.csv', 'user,at,duration\nalice,1h,-5m\n', /^sessions.csv:2:10: duration: /],
    ['refreshes.csv', 'source,at\nsales,1e308\n', /^refreshes.csv:2:7: at: /],
  ])('CSV %s %j', (name, csv, message) => {
    const kind = name.replace('.csv', '');
    const lines = problemsOf(scenario(`traces:\n  ${kind}: ${name}`), { baseDir: '.', readFile: () => csv });
    expect(lines.filter((l) => message.test(l)), lines.join('\n')).toHaveLength(1);
  });
});
