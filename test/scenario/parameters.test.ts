// The report's parameter table lists each connector (latency, failure rate, timeout) and each limit in one line.
import { describe, expect, it } from 'vitest';
import { BODY, load, scenario } from './hostile-helpers.js';

describe('modelParameters: connectors and limits', () => {
  it('one compact line per connector and per limit, from the model that runs', () => {
    const body = BODY.replace('  rest: { latency: 2s, limits: [hourly] }', '  rest: { latency: 2s, limits: [hourly] }\n  ga: { latency: { type: lognormal, mean: 4s, sd: 3s }, failureRate: 0.01, timeout: 2m, limits: [per-profile] }')
      .replace('  hourly: { kind: window, scope: token, max: 100, window: 1h }', '  hourly: { kind: window, scope: token, max: 100, window: 1h }\n  per-profile: { kind: concurrent, scope: gaProfile, max: 10 }');
    const m = load(scenario('peaks:\n  - { name: am, from: "08:00", to: "10:00" }', body));
    expect(m.params.connectors).toEqual({
      rest: 'latency constant 2s, failure rate 0%, no timeout, limits hourly',
      ga: 'latency lognormal mean 4s sd 3s, failure rate 1%, timeout 2m, limits per-profile',
    });
    expect(m.params.limits).toEqual({
      hourly: 'window 1h sliding, per token, max 100',
      'per-profile': 'concurrent, per gaProfile, max 10',
    });
    expect(m.params.peaks).toEqual(['am']);
  });

  it('a scenario without peaks has no peaks entry', () => {
    expect(load(scenario()).params.peaks).toBeUndefined();
  });
});
