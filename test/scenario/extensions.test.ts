// Scenario syntax of the MODEL.md extensions: daily warm-up times and published-link views.
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';

const base = `
duration: 2d
connectors: { rest: { latency: 2s } }
accounts:
  - id: acme
    timezone: America/Toronto
    warmUpAt: "07:00"
    warmUpDays: weekdays
    sources: [ { id: s1, connector: rest, interval: 1h } ]
traces:
  linkViews: [ { account: acme, at: 3h } ]
arrivals:
  - { type: linkView, rate: 10/h, accounts: [acme] }
`;

describe('scenario extensions', () => {
  it('warm-up times expand to local 07:00 on weekdays; link views become a trace and a Poisson stream', () => {
    const m = parseScenario(base, 'x.yaml');
    // 2026-01-05 is a Monday; 07:00 in Toronto (UTC-5) is 12:00 UTC
    expect(m.warmUps).toEqual([{ account: 'acme', at: [12 * 3600, 36 * 3600] }]);
    expect(m.linkViews).toEqual([{ account: 'acme', at: 3 * 3600 }]);
    expect(m.linkViewProcesses).toEqual([{ rate: 10 / 3600, accounts: ['acme'] }]);
  });

  it('unknown accounts in link views are reported with their line', () => {
    const bad = base.replace('linkViews: [ { account: acme', 'linkViews: [ { account: acmee').replace('accounts: [acme] }', 'accounts: [nobody] }');
    try {
      parseScenario(bad, 'x.yaml');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      const msgs = (err as ScenarioError).problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
      expect(msgs).toContain('11: traces.linkViews[0].account: no account with id "acmee" (did you mean "acme"?)');
      expect(msgs.some((m) => m.startsWith('13: arrivals[0].accounts[0]: no account with id "nobody"'))).toBe(true);
      expect(msgs).toHaveLength(2);
    }
  });
});
