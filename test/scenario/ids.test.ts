import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/simulation.js';
import { load, problemsOf } from './hostile-helpers.js';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];

/** A scenario where every kind of id is `name`. */
function named(name: string): string {
  return `name: ids
duration: 1d
limits:
  ${name}: { kind: window, scope: token, max: 100, window: 1h }
connectors:
  ${name}: { latency: 2s, limits: [${name}] }
accounts:
  - id: ${name}
    users: [${name}]
    tokens: [ { id: ${name}, googleUser: ${name} } ]
    sources:
      - { id: ${name}, connector: ${name}, interval: 15m, token: ${name} }
    klips: [ { id: ${name}, sources: [${name}] } ]
    embeds: [ { id: ${name}, klip: ${name} } ]
    emails: [ { id: ${name}, klips: [${name}], at: "08:00" } ]
    logins: { perUserPerDay: 4 }
generate:
  - { count: 1, prefix: gen, sources: 1, connectors: { ${name}: 1 }, intervals: { 1h: 1 } }
traces:
  sessions: [ { user: ${name}, at: 1h, duration: 30m } ]
  refreshes: [ { source: ${name}, at: 2h } ]
arrivals:
  - { type: refresh, rate: 1/h, sources: { connector: ${name} } }
  - { type: embedView, rate: 1/h, embeds: [${name}] }
thresholds:
  "byConnector.${name}.wait.p95": ["< 1h"]
  "deferrals.byLimit.${name}.peakUse": ["< 1000"]
`;
}

describe('ids named like Object.prototype members work everywhere', () => {
  it.each(NAMES)('%s', (name) => {
    const model = load(named(name));
    expect(model.accounts.map((a) => a.id)).toEqual([name, "gen-1"]);
    expect(model.connectors.map((c) => c.id)).toEqual([name]);
    expect(model.limits.map((l) => l.id)).toEqual([name]);
    expect(model.sources.map((s) => s.id)).toEqual([name, "gen-1.s1"]);
    const { summary } = simulate(model);
    expect(Object.keys(summary.byConnector)).toEqual([name]);
    expect(Object.keys(summary.byAccount)).toContain(name);
    expect(summary.deferrals.byLimit.map((l) => l.id)).toEqual([name]);
  });

  it.each(NAMES)('a reference to a missing %s is still reported', (name) => {
    const text = `name: t
duration: 1d
limits: {}
connectors:
  rest: { latency: 2s, limits: [${name}], preset: ${name} }
accounts:
  - id: a
    sources: [ { id: s, connector: ${name}, interval: 15m } ]
`;
    const lines = problemsOf(text);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^hostile.yaml:5:33: connectors.rest.limits\\[0\\]: no limit with id "${name}"$`)),
        expect.stringMatching(/^hostile.yaml:5:\d+: connectors.rest.preset: expected one of /),
        expect.stringMatching(new RegExp(`^hostile.yaml:8:\\d+: accounts\\[0\\].sources\\[0\\].connector: no connector with id "${name}"`)),
      ]),
    );
  });
});

describe('__proto__ is refused where it would vanish', () => {
  it.each([
    ['an account id', 'accounts:\n  - id: __proto__\n', /^hostile.yaml:2:9: accounts\[0\].id: `__proto__` cannot be an id/],
    ['a user', 'accounts:\n  - id: a\n    users: [__proto__]\n', /^hostile.yaml:3:13: accounts\[0\].users\[0\]: `__proto__` cannot be an id/],
    ['a limit key', 'limits:\n  __proto__: { kind: concurrent, scope: token, max: 1 }\n', /^hostile.yaml:2:3: limits.__proto__: `__proto__` cannot be used as a key or id/],
    ['a JSON connector key', '{"connectors": {"__proto__": {"latency": "1s"}}}', /^hostile.yaml:1:17: connectors.__proto__: `__proto__` cannot be used as a key or id/],
    ['a threshold key', 'thresholds:\n  __proto__: ["> 0"]\n', /^hostile.yaml:2:3: thresholds.__proto__: `__proto__` cannot be used/],
    ['a generator weight key', 'generate:\n  - { count: 1, prefix: g, connectors: { __proto__: 1 } }\n', /generate\[0\].connectors.__proto__: `__proto__` cannot be used/],
    ['a trace user', 'traces:\n  sessions: [ { user: __proto__, at: 1h, duration: 1m } ]\n', /traces.sessions\[0\].user: `__proto__` cannot be an id/],
  ])('%s', (_label, extra, message) => {
    const text = extra.startsWith('{') ? extra : `name: t\nduration: 1d\n${extra}`.replace('name: t\nduration: 1d\n', '') ;
    const lines = problemsOf(extra.startsWith('{') ? text : extra);
    expect(lines.filter((l) => message.test(l)), lines.join('\n')).toHaveLength(1);
  });
});
