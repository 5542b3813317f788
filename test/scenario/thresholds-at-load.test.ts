import { describe, expect, it } from 'vitest';
import { BODY, load, problemsOf, scenario } from './hostile-helpers.js';

// BODY is 12 lines; a `thresholds:` block appended starts at line 13, its first item on line 14
describe('thresholds: paths and units checked at load, at their place in the file', () => {
  it.each([
    ['"wait.p59": ["< 5m"]', /^hostile.yaml:14:16: thresholds\["wait.p59"\]\[0\]: unknown path "wait.p59" in summary.json \(did you mean "wait.p50"\?\)$/],
    ['"wait.p59": "< 5m"', /^hostile.yaml:14:15: thresholds\["wait.p59"\]: unknown path "wait.p59"/],
    ['"requests.failed": ["< 5m"]', /^hostile.yaml:14:23: thresholds\["requests.failed"\]\[0\]: "5m" is a duration but "requests.failed" is not a time \(a count\)$/],
    ['"wait.p95": ["< 5%"]', /thresholds\["wait.p95"\]\[0\]: "5%" is a percentage but "wait.p95" is a time in seconds/],
    ['"byConnector.rst.wait.p95": ["< 5m"]', /unknown path "byConnector.rst.wait.p95".*did you mean "byConnector.rest.wait.p95"/],
    ['"byAccount.acmee.count": ["> 0"]', /did you mean "byAccount.acme.count"/],
    ['"deferrals.byLimit.hourly.peakUsePct": ["< 5m"]', /is a duration but "deferrals.byLimit.hourly.peakUsePct" is not a time \(a percentage\)/],
    ['"span": ["> 0"]', /"span" in summary.json is an object, not a number/],
    ['"constructor.name": ["> 0"]', /unknown path "constructor.name"/],
  ])('%s', (block, message) => {
    const lines = problemsOf(scenario(`thresholds:\n  ${block}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it.each([
    '"wait.p95": ["< 5m"]',
    '"byConnector.rest.wait.p95": ["< 5m"]',
    '"byAccount.acme.total.p99": ["< 1h"]',
    '"byTrigger.login.count": ["> 0"]',
    '"deferrals.byLimit.hourly.peakUsePct": ["< 90%"]',
    '"replications.metrics.wait.p95.halfWidth": ["< 10"]',
    '"utilisation.mean": [{ threshold: "< 85%", level: warn }]',
  ])('%s loads', (block) => {
    expect(load(scenario(`thresholds:\n  ${block}`)).thresholds).toBeDefined();
  });

  it('reports every bad threshold at once', () => {
    const lines = problemsOf(scenario('thresholds:\n  "wait.p59": ["< 5m"]\n  "wait.p95": ["< 5m", "< 5%"]\n  "requests.failed": ["< 1s"]'));
    expect(lines).toEqual([
      expect.stringMatching(/^hostile.yaml:14:16: thresholds\["wait.p59"\]\[0\]: unknown path/),
      expect.stringMatching(/^hostile.yaml:15:24: thresholds\["wait.p95"\]\[1\]: "5%" is a percentage/),
      expect.stringMatching(/^hostile.yaml:16:23: thresholds\["requests.failed"\]\[0\]: "1s" is a duration/),
    ]);
  });

  it('knows ids of generated accounts and preset limits', () => {
    expect(BODY.split('\n')).toHaveLength(13);
    const text = scenario(
      'generate:\n  - { count: 2, prefix: gen, sources: 1 }\nthresholds:\n  "byAccount.gen-2.count": ["> 0"]\n  "byAccount.gen-3.count": ["> 0"]',
    );
    const lines = problemsOf(text);
    expect(lines).toEqual([expect.stringMatching(/^hostile.yaml:17:\d+: thresholds\["byAccount.gen-3.count"\]\[0\]: unknown path "byAccount.gen-3.count" in summary.json \(did you mean "byAccount.gen-[12].count"\?\)$/)]);
  });
});
