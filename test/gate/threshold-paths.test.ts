import { describe, expect, it } from 'vitest';
import { parseThresholdArgs, checkMetricPaths, checkThresholdPaths, summarySkeleton, summarySchema } from '../../src/vocabulary/index.js';

const model = {
  connectors: [{ id: 'ga' }, { id: 'sql.db' }, { id: '__proto__' }],
  accounts: [{ id: 'acme' }, { id: 'constructor' }],
  limits: [{ id: 'ga-daily' }, { id: 'toString' }],
};

function problems(exprs: string[], opts: { replicated?: boolean; replicationMetrics?: string[] } = {}) {
  const parsed = parseThresholdArgs(exprs);
  expect(parsed.problems).toEqual([]);
  return checkThresholdPaths(parsed.thresholds, { model, ...opts });
}

describe('checkThresholdPaths: paths that fit the model', () => {
  it.each([
    'wait.p95<5m',
    'queue.mean<1m',
    'utilisation.mean<0.85',
    'utilisation.mean<85%',
    'emails.pendingAtSendPct<5%',
    'requests.failed==0',
    'requests.enqueued.login>0',
    'requests.pendingAtEnd.total<10',
    'span.duration==7d',
    'byTrigger.login.wait.p95<5m',
    'byTrigger.warmup.count>=0',
    'byConnector.ga.wait.p95<5m',
    'byConnector.sql.db.response.p99<1h',
    'byConnector.__proto__.wait.p95<5m',
    'byAccount.acme.total.max<1d',
    'byAccount.constructor.count>0',
    'deferrals.byLimit.ga-daily.peakUsePct<90%',
    'deferrals.byLimit.0.deferredSeconds<1h',
    'deferrals.byLimit.toString.keys>=0',
    'deferrals.byLimit.ga-daily.topKeys.9.deferrals<5',
    'freshness.embed.p95<1h',
    'failures.byReason.timeout==0',
    'sessions.meanActiveAccounts>1',
  ])('%s', (expr) => {
    expect(problems([expr])).toEqual([]);
  });
});

describe('checkThresholdPaths: problems found before the run', () => {
  it.each([
    ['wait.p59<5m', /unknown path "wait.p59" in summary.json \(did you mean "wait.p50"\?\)/],
    ['wiat.p95<5m', /unknown path "wiat.p95".*did you mean "wait.p95"/],
    ['byConnector.gaa.wait.p95<5m', /unknown path "byConnector.gaa.wait.p95".*did you mean "byConnector.ga.wait.p95"/],
    ['byAccount.nobody.count>0', /unknown path "byAccount.nobody.count"/],
    ['byTrigger.logon.wait.p95<5m', /did you mean "byTrigger.login.wait.p95"/],
    ['deferrals.byLimit.ga-dayly.peakUse<1', /unknown path "deferrals.byLimit.ga-dayly.peakUse".*did you mean/],
    ['deferrals.byLimit.ga-daily.topKeys.10.deferrals<5', /unknown path/],
    ['deferrals.byLimit.5.peakUse<1', /unknown path/],
    ['hasOwnProperty<1', /unknown path "hasOwnProperty"/],
    ['__proto__.x<1', /unknown path "__proto__.x"/],
    ['wait<5m', /"wait" in summary.json is an object, not a number/],
    ['requests.failed<5m', /"5m" is a duration but "requests.failed" is not a time \(a count\)/],
    ['utilisation.mean<5m', /is a duration but "utilisation.mean" is not a time \(a plain number\)/],
    ['wait.p95<5%', /"5%" is a percentage but "wait.p95" is a time in seconds/],
    ['requests.started>5%', /is a percentage but "requests.started" is a count/],
    ['replications.n>=5', /unknown path "replications.n"/],
  ])('%s', (expr, message) => {
    const ps = problems([expr]);
    expect(ps).toHaveLength(1);
    expect(ps[0].path).toEqual(['--threshold', 0]);
    expect(ps[0].message).toMatch(message);
  });

  it('reports every bad threshold at once, each at its own source', () => {
    const ps = problems(['wait.p95<5m', 'wait.p59<5m', 'requests.failed<1s', 'byConnector.nope.count>0']);
    expect(ps.map((p) => p.path)).toEqual([
      ['--threshold', 1],
      ['--threshold', 2],
      ['--threshold', 3],
    ]);
  });
});

describe('checkThresholdPaths: replicated runs', () => {
  it.each(['replications.n>=5', 'replications.metrics.wait.p95.halfWidth<10', 'replications.metrics.wait.p95.ci.1<300'])('%s exists only with replications', (expr) => {
    expect(problems([expr], { replicated: true })).toEqual([]);
    expect(problems([expr])).toHaveLength(1);
  });

  it('a replication metric is not a time for the gate: a duration limit on it is a problem, as after the run', () => {
    const ps = problems(['replications.metrics.wait.p95.halfWidth<10s'], { replicated: true });
    expect(ps.map((p) => p.message)).toEqual(['"10s" is a duration but "replications.metrics.wait.p95.halfWidth" is not a time (a plain number)']);
  });

  it('extra replication metrics are known', () => {
    const expr = 'replications.metrics.byConnector.ga.wait.p95.mean<300';
    expect(problems([expr], { replicated: true })).toHaveLength(1);
    expect(problems([expr], { replicated: true, replicationMetrics: ['byConnector.ga.wait.p95'] })).toEqual([]);
  });
});

describe('summarySkeleton', () => {
  it('has the shape of summary.json (valid against its schema)', () => {
    const s = summarySkeleton({ model, replicated: true });
    const r = summarySchema.safeParse(JSON.parse(JSON.stringify(s)));
    // every number is 0, so only range issues (positive, > 0) may appear, never a missing or unknown key
    expect((r.success ? [] : r.error.issues).filter((i) => i.code !== "too_small")).toEqual([]);
  });

  it('lists only the named ids of a huge group', () => {
    const big = { ...model, accounts: Array.from({ length: 5000 }, (_, i) => ({ id: `a${i}` })) };
    const s = summarySkeleton({ model: big }, ['byAccount.a42.wait.p95']);
    expect(Object.keys(s.byAccount)).toEqual(['a42']);
    const parsed = parseThresholdArgs(['byAccount.a4999.count>0', 'byAccount.a5000.count>0']).thresholds;
    expect(checkThresholdPaths(parsed, { model: big }).map((p) => p.path)).toEqual([['--threshold', 1]]);
  });
});

describe('checkMetricPaths', () => {
  it('finds unknown and non-number paths, at [what, i]', () => {
    const ps = checkMetricPaths(['wait.p95', 'wait.p59', 'span'], '--metric', { model });
    expect(ps.map((p) => [p.path, p.message])).toEqual([
      [['--metric', 1], expect.stringMatching(/did you mean "wait.p50"/)],
      [['--metric', 2], '"span" in summary.json is an object, not a number'],
    ]);
  });
});

describe('checkThresholdPaths: hostile paths', () => {
  it('a megabyte-long path is refused without a slow "did you mean"', () => {
    const parsed = parseThresholdArgs([`${'x'.repeat(1_000_000)}<5`, 'wait.p59<5m']);
    const ps = checkThresholdPaths(parsed.thresholds, { model });
    expect(ps.map((p) => [p.path, p.message.slice(0, 60)])).toEqual([
      [['--threshold', 0], 'a path of 1000000 characters is not a path into summary.json'],
      [['--threshold', 1], 'unknown path "wait.p59" in summary.json (did you mean "wait.'],
    ]);
  });
});
