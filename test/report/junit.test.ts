import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSummaries, evaluateThresholds, type GateReport } from '../../src/gate/index.js';
import { parseThresholdArgs } from '../../src/vocabulary/index.js';
import { gateJunitCases, junitWriter, junitXml, writeJunit } from '../../src/report/junit.js';
import { makeSummary } from '../gate/summary-fixture.js';

const HOSTILE = '</testsuite><x a="1"> & \'q\' ]]> \u0001 line\nbreak';

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_message': string; '@_type'?: string };
  error?: { '@_message': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: Case[];
}

function parse(xml: string): { suites: Suite[]; root: Record<string, string> } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    htmlEntities: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  const doc = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: Suite[] } };
  return { suites: doc.testsuites.testsuite, root: doc.testsuites };
}

function gate(): GateReport {
  const summary = makeSummary();
  const { thresholds } = parseThresholdArgs([
    'wait.p95<5m', // pass
    'wait.p95<1m', // fail
    'warn:utilisation.mean<0.5', // warn
    'wait.p59<5m', // unknown path: problem
  ]);
  const current = makeSummary((s) => {
    s.wait.p95 = 140; // regression
    s.total = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null }; // missing
  });
  return {
    thresholds: evaluateThresholds(summary, thresholds),
    compare: compareSummaries(summary, current),
  };
}

describe('junit.xml', () => {
  it('is valid JUnit: one case per threshold, compared metric and problem; counts agree', () => {
    const g = gate();
    const { suites, root } = parse(junitXml('refresh-sim', gateCases(g)));
    expect(suites).toHaveLength(1);
    const cases = suites[0].testcase;
    // 1 problem + 3 thresholds + 20 compared metrics
    expect(cases).toHaveLength(24);
    expect(suites[0]['@_tests']).toBe('24');
    expect(root['@_tests']).toBe('24');
    const failures = cases.filter((c) => c.failure);
    expect(suites[0]['@_failures']).toBe(String(failures.length));
    // total.* of the current run has no data: those 5 rows cannot be judged, and fail
    expect(failures.map((c) => c['@_name'])).toEqual(['wait.p95 < 1m', 'wait.p95 (+10% / 1s)', ...['mean', 'p50', 'p90', 'p95', 'p99'].map((l) => `total.${l} (+10% / 1s)`)]);
    // the parts of the wait are reported, not judged
    expect(cases.find((c) => c['@_name'] === 'deferred.p95 (+10% / 1s)')?.['system-out']).toMatch(/^REPORTED \(not judged\): /);
    expect(suites[0]['@_errors']).toBe('1');
    expect(suites[0]['@_skipped']).toBe('0');
  });

  it('puts the observed value and the limit in the failure message', () => {
    const { suites } = parse(junitXml('s', gateCases(gate())));
    const byName = new Map(suites[0].testcase.map((c) => [c['@_name'], c]));
    expect(byName.get('wait.p95 < 1m')?.failure?.['@_message']).toBe('wait.p95 = 2m (120 s), not < 1m (60 s)');
    expect(byName.get('wait.p95 (+10% / 1s)')?.failure?.['@_message']).toMatch(/baseline 2m, current 2m 20s: \+20s beyond allowed \+12s/);
    expect(byName.get('wait.p95 < 5m')?.failure).toBeUndefined();
  });

  it('a failed warn-level threshold passes with the warning in system-out', () => {
    const { suites } = parse(junitXml('s', gateCases(gate())));
    const warn = suites[0].testcase.find((c) => c['@_name'] === 'warn: utilisation.mean < 0.5');
    expect(warn?.failure).toBeUndefined();
    expect(warn?.['system-out']).toMatch(/^WARNING .*utilisation.mean = 0.72, not < 0.5$/);
    const missing = suites[0].testcase.find((c) => c['@_name'].startsWith('total.p95'));
    expect(missing?.failure?.['@_message']).toMatch(/current has no data.*cannot be judged/);
  });

  it('escapes names and messages, and drops characters XML cannot hold', () => {
    const xml = junitXml(HOSTILE, [
      { name: HOSTILE, classname: 'c', failure: { message: HOSTILE, body: HOSTILE } },
      { name: 'ok', classname: 'c', systemOut: HOSTILE },
    ]);
    const { suites } = parse(xml);
    const expected = HOSTILE.replace('\u0001', '\uFFFD');
    expect(suites).toHaveLength(1);
    expect(suites[0]['@_name']).toBe(expected);
    expect(suites[0].testcase).toHaveLength(2);
    expect(suites[0].testcase[0]['@_name']).toBe(expected);
    expect(suites[0].testcase[0].failure?.['@_message']).toBe(expected);
    expect(suites[0].testcase[1]['system-out']).toBe(expected);
  });

  it('an empty gate is an empty, valid suite', () => {
    const { root } = parse(junitXml('empty', []));
    expect(root['@_tests']).toBe('0');
  });

  describe('writeJunit', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'refresh-sim-junit-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('writes junit.xml atomically and returns its path', async () => {
      const paths = await writeJunit(dir, gate());
      expect(paths).toEqual([join(dir, 'junit.xml')]);
      expect(await readdir(dir)).toEqual(['junit.xml']);
      expect(parse(await readFile(paths[0], 'utf8')).suites[0].testcase).toHaveLength(24);
    });

    it('as a Writer, names the suite after the scenario', async () => {
      const summary = makeSummary((s) => {
        s.scenario = 'peak-monday';
      });
      const paths = await junitWriter(gate())({ result: { summary, timeseries: [], params: {} }, outDir: dir });
      const { suites } = parse(await readFile(paths[0], 'utf8'));
      expect(suites[0]['@_name']).toBe('refresh-sim.peak-monday');
      expect(suites[0].testcase[0]['@_classname']).toBe('refresh-sim.peak-monday.input');
    });
  });
});

function gateCases(g: GateReport) {
  return gateJunitCases(g, 'refresh-sim');
}
