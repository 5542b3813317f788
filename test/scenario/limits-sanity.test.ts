import { describe, expect, it } from 'vitest';
import { BODY, load, problemsOf } from './hostile-helpers.js';

describe('a limit that can never admit a call is refused at load', () => {
  it.each([
    ['max below the connector cost', BODY.replace('latency: 2s,', 'latency: 2s, cost: 150,'), /^hostile.yaml:4:46: limits.hourly.max: limit "hourly" admits at most 100 cost units per window, but one call of connector "rest" costs 150: no call could ever start/],
    ['a fractional max below cost 1', BODY.replace('max: 100', 'max: 0.5'), /^hostile.yaml:4:46: limits.hourly.max: limit "hourly" admits at most 0.5 cost units per window, but one call of connector "rest" costs 1/],
    ['a source cost above max', BODY.replace('token: t1 }', 'token: t1, cost: 101 }'), /^hostile.yaml:11:71: accounts\[0\].sources\[0\].cost: one call of this source costs 101, more than the 100 that limit "hourly" admits per window: it could never start$/],
    ['a preset limit below the connector cost', 'name: t\nduration: 1d\nconnectors:\n  ga: { preset: google-analytics, cost: 1e9 }\n', /^hostile.yaml:4:\d+: connectors.ga.cost: limit "ga\.[^"]+" admits at most \d+ cost units per window, but one call of connector "ga" costs 1000000000/],
  ])('%s', (_label, text, message) => {
    const lines = problemsOf(text);
    expect(lines.filter((l) => message.test(l)), lines.join('\n')).not.toHaveLength(0);
  });

  it.each([
    ['max equal to the cost', BODY.replace('latency: 2s,', 'latency: 2s, cost: 100,')],
    ['a source cost equal to max', BODY.replace('token: t1 }', 'token: t1, cost: 100 }')],
    ['a concurrent limit of 1 with a large cost', BODY.replace('kind: window, scope: token, max: 100, window: 1h', 'kind: concurrent, scope: token, max: 1').replace('latency: 2s,', 'latency: 2s, cost: 1000,')],
  ])('%s loads', (_label, text) => {
    expect(load(text).limits).toHaveLength(1);
  });
});
