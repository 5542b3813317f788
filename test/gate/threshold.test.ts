import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { evaluateThresholds } from '../../src/gate/index.js';
import { formatPath, formatProblems, parseThresholdArgs, parseThresholdExpression, parseThresholds, thresholdsSchema, type Threshold } from '../../src/vocabulary/index.js';
import { makeSummary } from './summary-fixture.js';

function one(expr: string): Threshold {
  const r = parseThresholdArgs([expr]);
  if (r.problems.length) throw new Error(r.problems[0].message);
  return r.thresholds[0];
}

function check(expr: string, summary = makeSummary()) {
  const ev = evaluateThresholds(summary, [one(expr)]);
  expect(ev.problems).toEqual([]);
  return ev.results[0];
}

// fixture: wait.p95 = 120 s, utilisation.mean = 0.72, emails.pendingAtSendPct = 5, requests.failed = 0,
// freshness.embed.p95 = 3600 s, span.duration = 7 d
describe('threshold operators', () => {
  it.each([
    ['wait.p95<3m', true],
    ['wait.p95<2m', false],
    ['wait.p95<=2m', true],
    ['wait.p95<=119s', false],
    ['wait.p95>1m', true],
    ['wait.p95>2m', false],
    ['wait.p95>=2m', true],
    ['wait.p95>=121s', false],
    ['requests.failed==0', true],
    ['requests.failed==1', false],
    ['requests.failed!=1', true],
    ['requests.failed!=0', false],
  ])('%s -> %s', (expr, pass) => {
    expect(check(expr).pass).toBe(pass);
  });
});

describe('threshold units', () => {
  it.each([
    ['ms', 'wait.p95 < 120001ms', true, 120.001],
    ['ms', 'wait.p95 < 120000ms', false, 120],
    ['s', 'wait.p95 < 121s', true, 121],
    ['s', 'wait.p95 < 120s', false, 120],
    ['m', 'wait.p95 < 2.5m', true, 150],
    ['m', 'wait.p95 < 1.5m', false, 90],
    ['h', 'freshness.embed.p95 <= 1h', true, 3600],
    ['h', 'freshness.embed.p95 < 1h', false, 3600],
    ['d', 'span.duration == 7d', true, 604800],
    ['d', 'span.duration < 7d', false, 604800],
    ['compound', 'wait.p95 == 1m60s', true, 120],
    ['% of a Pct path is as written', 'emails.pendingAtSendPct <= 5%', true, 5],
    ['% of a Pct path is as written', 'emails.pendingAtSendPct < 5%', false, 5],
    ['% of a ratio path is /100', 'utilisation.mean < 85%', true, 0.85],
    ['% of a ratio path is /100', 'utilisation.mean < 70%', false, 0.7],
    ['plain', 'utilisation.mean < 0.85', true, 0.85],
    ['plain', 'utilisation.mean < 0.5', false, 0.5],
    ['plain seconds', 'wait.p95 < 121', true, 121],
    ['plain seconds', 'wait.p95 < 120', false, 120],
    ['plain count', 'queueLength.max <= 40', true, 40],
  ])('%s: %s -> %s', (_unit, expr, pass, limit) => {
    const r = check(expr);
    expect(r.pass).toBe(pass);
    expect(r.limit).toBeCloseTo(limit, 9);
  });

  it('== tolerates floating-point noise', () => {
    const s = makeSummary((x) => {
      x.utilisation.mean = 0.1 + 0.2;
    });
    expect(check('utilisation.mean == 0.3', s).pass).toBe(true);
    expect(check('utilisation.mean != 0.3', s).pass).toBe(false);
  });

  it('keeps what was written and explains the result', () => {
    const r = check('wait.p95 < 1.5m');
    expect(r).toMatchObject({ path: 'wait.p95', op: '<', limit: 90, limitText: '1.5m', level: 'error', observed: 120, pass: false });
    expect(r.message).toBe('wait.p95 = 2m (120 s), not < 1.5m (90 s)');
    expect(check('utilisation.mean < 85%').message).toBe('utilisation.mean = 0.72, < 85% (0.85)');
  });

  it('reads limits in the scenario grammar (1w, 5 minutes, 1h 30m)', () => {
    expect(check('wait.p95 < 1w')).toMatchObject({ limit: 604800, pass: true });
    expect(check('wait.p95 < 5 minutes')).toMatchObject({ limit: 300, pass: true });
    expect(check('wait.p95 > 1h 30m')).toMatchObject({ limit: 5400, pass: false });
  });

  it('reads a path whose key has dots, and an array entry by id', () => {
    expect(check('byAccount.acme.io.wait.p95 == 90s').pass).toBe(true);
    expect(check('byTrigger.login.wait.p95 < 2m').pass).toBe(true);
    expect(check('deferrals.byLimit.ga-concurrent.peakUse <= 10').pass).toBe(true);
    expect(check('deferrals.byLimit.0.peakUsePct == 100%').pass).toBe(true);
  });
});

describe('threshold parsing', () => {
  it.each(['wait.p95<5m', 'wait.p95 < 5m', '  wait.p95<  5m ', 'error:wait.p95<5m', 'error: wait.p95 < 5m'])('%s', (expr) => {
    expect(parseThresholdExpression(expr)).toEqual({ path: 'wait.p95', op: '<', limitText: '5m', unit: 'duration', value: 300, level: 'error' });
  });

  it('reads the warn: prefix', () => {
    expect(one('warn:wait.p99<10m')).toMatchObject({ path: 'wait.p99', level: 'warn', value: 600 });
  });

  it.each([
    ['wait.p95 5m', /no comparison/],
    ['<5m', /no path/],
    ['wait.p95 <', /no limit/],
    ['wait.p95 < 5 parsecs', /not a number, a percentage .* or a duration/],
    ['wait.p95 < 5M', /not a number/],
    ['wait.p95 <> 5', /more than one comparison/],
    ['wait.p95 < 1 < 2', /more than one comparison/],
    ['wait p95 < 5m', /not a path/],
  ])('rejects %s', (expr, msg) => {
    const t = parseThresholdExpression(expr);
    expect('error' in t && t.error).toMatch(msg);
  });

  it('collects every --threshold problem with its position', () => {
    const r = parseThresholdArgs(['wait.p95<5m', 'nonsense', 'warn:utilisation.mean<0.85', 'x<']);
    expect(r.thresholds.map((t) => t.path)).toEqual(['wait.p95', 'utilisation.mean']);
    expect(r.problems.map((p) => p.path)).toEqual([
      ['--threshold', 1],
      ['--threshold', 3],
    ]);
  });
});

describe('scenario-file thresholds', () => {
  it('reads strings, objects with a level, and a lone item', () => {
    const r = parseThresholds({
      'wait.p95': ['< 5m'],
      'utilisation.mean': [{ threshold: '< 0.85', level: 'warn' }],
      'emails.pendingAtSendPct': '<= 1%',
      'requests.failed': [{ threshold: '== 0' }],
    });
    expect(r.problems).toEqual([]);
    expect(r.thresholds).toEqual([
      { path: 'wait.p95', op: '<', limitText: '5m', unit: 'duration', value: 300, level: 'error', source: ['thresholds', 'wait.p95', 0] },
      { path: 'utilisation.mean', op: '<', limitText: '0.85', unit: 'plain', value: 0.85, level: 'warn', source: ['thresholds', 'utilisation.mean', 0] },
      { path: 'emails.pendingAtSendPct', op: '<=', limitText: '1%', unit: 'percent', value: 1, level: 'error', source: ['thresholds', 'emails.pendingAtSendPct'] },
      { path: 'requests.failed', op: '==', limitText: '0', unit: 'plain', value: 0, level: 'error', source: ['thresholds', 'requests.failed', 0] },
    ]);
  });

  it('reads the YAML form', () => {
    const doc = parseYaml(`
thresholds:
  wait.p95: ["< 5m"]
  utilisation.mean: [{ threshold: "< 0.85", level: warn }]
`) as { thresholds: unknown };
    const r = parseThresholds(doc.thresholds);
    expect(r.problems).toEqual([]);
    expect(r.thresholds.map((t) => [t.path, t.level])).toEqual([
      ['wait.p95', 'error'],
      ['utilisation.mean', 'warn'],
    ]);
  });

  it('reports every bad item at its own path, without throwing', () => {
    const r = parseThresholds({ 'wait.p95': ['< 5m', '5m', '< soon'], 'wait.p99': '<' });
    expect(r.thresholds).toEqual([]);
    expect(r.problems.map((p) => p.path)).toEqual([
      ['thresholds', 'wait.p95', 1],
      ['thresholds', 'wait.p95', 2],
      ['thresholds', 'wait.p99'],
    ]);
  });

  it('reports a bad level and unknown keys', () => {
    const r = parseThresholds({ 'wait.p95': [{ threshold: '< 5m', level: 'fatal' }] });
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0].path.slice(0, 2)).toEqual(['thresholds', 'wait.p95']);
    expect(parseThresholds({ 'wait.p95': [] }).problems.length).toBe(1);
    expect(parseThresholds(['wait.p95<5m']).problems.length).toBe(1);
  });

  it('nests in a scenario schema with the full field path', () => {
    const scenario = z.object({ thresholds: thresholdsSchema.optional() });
    const r = scenario.safeParse({ thresholds: { 'wait.p95': ['<= fast'] } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['thresholds', 'wait.p95', 0]);
    // the JSON Schema (what `refresh-sim schema scenario` prints) describes the block: a mapping from a
    // summary path to one item or a list of items, an item being a string or { threshold, level }
    type Node = { type?: string; properties?: Record<string, Node>; additionalProperties?: Node; anyOf?: Node[]; items?: Node; minItems?: number; required?: string[] };
    const json = z.toJSONSchema(scenario, { io: 'input' }) as Node;
    const block = json.properties!.thresholds!;
    expect(block.type).toBe('object');
    const [item, items] = block.additionalProperties!.anyOf!;
    expect(item!.anyOf!.map((n) => n.type)).toEqual(['string', 'object']);
    expect(Object.keys(item!.anyOf![1]!.properties!)).toEqual(['threshold', 'level']);
    expect(item!.anyOf![1]!.required).toEqual(['threshold']);
    expect(items!.type).toBe('array');
    expect(items!.minItems).toBe(1);
  });
});

describe('threshold evaluation', () => {
  it('reports a problem where the threshold was written', () => {
    const { thresholds } = parseThresholds({ 'wait.p95': ['< 5m'], 'wait.p59': ['< 1m', '< 2m'] });
    const ev = evaluateThresholds(makeSummary(), thresholds);
    expect(ev.problems.map((p) => formatPath(p.path))).toEqual(['thresholds["wait.p59"][0]', 'thresholds["wait.p59"][1]']);
    expect(formatProblems(ev.problems).split('\n')[0]).toMatch(/^thresholds\["wait.p59"\]\[0\]: unknown path/);
  });

  it('a missing path is a problem, never a pass, with a hint', () => {
    const ev = evaluateThresholds(makeSummary(), [one('wait.p59 < 5m'), one('wait.p95 < 5m')]);
    expect(ev.results.map((r) => r.path)).toEqual(['wait.p95']);
    expect(ev.problems).toHaveLength(1);
    expect(ev.problems[0].path).toEqual(['--threshold', 0]);
    expect(ev.problems[0].message).toMatch(/unknown path "wait.p59".*did you mean "wait.p(50|95)"/);
    expect(ev.failed).toBe(false);
  });

  it('a path to an object or a string is a problem', () => {
    const ev = evaluateThresholds(makeSummary(), [one('wait < 5m'), one('scenario == 1')]);
    expect(ev.results).toEqual([]);
    expect(ev.problems.map((p) => p.message)).toEqual([
      '"wait" in summary.json is an object, not a number',
      '"scenario" in summary.json is a string, not a number',
    ]);
  });

  it('a unit that does not fit the metric is a problem', () => {
    const ev = evaluateThresholds(makeSummary(), [
      one('emails.pendingAtSendPct < 5m'),
      one('wait.p95 < 10%'),
      one('requests.failed < 1%'),
      one('utilisation.mean < 1h'),
    ]);
    expect(ev.results).toEqual([]);
    expect(ev.problems).toHaveLength(4);
  });

  it('null (no data) fails with a clear message', () => {
    const s = makeSummary((x) => {
      x.deferred = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
    });
    const ev = evaluateThresholds(s, [one('deferred.p95 < 5m')]);
    expect(ev.problems).toEqual([]);
    expect(ev.results[0]).toMatchObject({ observed: null, pass: false });
    expect(ev.results[0].message).toMatch(/no data/);
    expect(ev.failed).toBe(true);
  });

  it('a failed warn-level threshold warns but does not fail the run', () => {
    const ev = evaluateThresholds(makeSummary(), [one('warn:wait.p95 < 1m'), one('wait.p95 < 5m')]);
    expect(ev.results.map((r) => [r.level, r.pass])).toEqual([
      ['warn', false],
      ['error', true],
    ]);
    expect(ev.failed).toBe(false);
    expect(ev.warned).toBe(true);
  });

  it('a failed error-level threshold fails the run', () => {
    const ev = evaluateThresholds(makeSummary(), [one('wait.p95 < 1m'), one('warn:wait.p95 < 5m')]);
    expect(ev.failed).toBe(true);
    expect(ev.warned).toBe(false);
  });
});
