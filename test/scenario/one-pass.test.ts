// The checks report every problem at once, including those that need the generated entities, each located.
import { describe, expect, test } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { problemsOf } from './hostile-helpers.js';

const problems = (text: string): string[] => problemsOf(text, undefined, 'x.yaml');

const base = 'start: 2026-01-05T00:00:00Z\nduration: 1d\nconnectors: { c: {} }\n';

describe('one checking pass', () => {
  test('a trace time before the start comes with the other problems of the file, not after them', () => {
    const msgs = problems(`${base}warmup: 2d\ntraces:\n  refreshes: [ { source: s, at: "2026-01-04T00:00:00Z" } ]\naccounts:\n  - id: a\n    sources: [ { id: s, connector: c, interval: 1h } ]\n`);
    expect(msgs).toEqual([
      'x.yaml:4:9: warmup: must be shorter than the duration ("2d" >= duration "1d")',
      'x.yaml:6:33: traces.refreshes[0].at: is before the start of the simulation (2026-01-04T00:00:00Z < start 2026-01-05T00:00:00Z)',
    ]);
  });

  test('a link view before the start, and one of an unknown account, both at once', () => {
    const msgs = problems(`${base}accounts: [ { id: acme } ]\ntraces:\n  linkViews:\n    - { account: acme, at: "2026-01-04T12:00:00Z" }\n    - { account: acmee, at: 1h }\n`);
    expect(msgs).toEqual([
      'x.yaml:7:28: traces.linkViews[0].at: is before the start of the simulation (2026-01-04T12:00:00Z)',
      'x.yaml:8:18: traces.linkViews[1].account: no account with id "acmee" (did you mean "acme"?)',
    ]);
  });

  const gen = `${base}generate: [ { count: 3, prefix: g, users: 2, sources: 2 } ]\n`;

  test('a reference to a generated id that the generator did not create is located, with a did-you-mean', () => {
    const msgs = problems(`${gen}traces:\n  refreshes: [ { source: g-2.s9, at: 1h } ]\n`);
    expect(msgs).toEqual(['x.yaml:6:26: traces.refreshes[0].source: no source with id "g-2.s9" (did you mean "g-2.s1"?)']);
  });

  test('references to generated ids that exist are accepted', () => {
    const m = parseScenario(`${gen}traces:\n  refreshes: [ { source: g-2.s2, at: 1h } ]\narrivals: [ { type: refresh, rate: 1/h, sources: { account: g-3 } } ]\n`, 'x.yaml');
    expect(m.refreshes).toEqual([{ source: 'g-2.s2', at: 3600, trigger: 'manual' }]);
    expect(m.refreshProcesses[0].sources).toEqual(['g-3.s1', 'g-3.s2']);
  });

  test('an explicit id that a generator also creates is a clash at the generator; one it cannot create is not', () => {
    const explicit = (id: string) => `accounts:\n  - id: a\n    sources: [ { id: ${id}, connector: c, interval: 1h } ]\n`;
    expect(problems(`${gen}${explicit('g-1.s2')}`)).toEqual(['x.yaml:4:33: generate[0].prefix: a generated source id "g-1.s2" clashes with an explicit one; pick another prefix']);
    expect(parseScenario(`${gen}${explicit('g-1.s3')}`, 'x.yaml').sources.map((s) => s.id)).toContain('g-1.s3');
  });

  test('a selection that comes out empty after generation, together with a limit that never admits a call', () => {
    const msgs = problems(
      'duration: 1d\nconnectors:\n  c: { limits: [l], cost: 5 }\n  d: {}\nlimits: { l: { kind: window, scope: connector, max: 2, window: 1h } }\n' +
        'generate: [ { count: 2, prefix: g, sources: 1, connectors: { d: 1 } } ]\narrivals: [ { type: refresh, rate: 1/h, sources: { connector: c } } ]\n',
    );
    expect(msgs).toEqual([
      'x.yaml:5:53: limits.l.max: limit "l" admits at most 2 cost units per window, but one call of connector "c" costs 5: no call could ever start (raise max or lower cost)',
      'x.yaml:7:50: arrivals[0].sources: selects no sources',
    ]);
  });
});
