// The gate cannot be fooled: no data is a failure (99), a file that is not a summary is bad input (2).
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSummary, formatProblem, readSummaryFile, parseThresholdArgs, metricKind, schemaMetricKind, summaryPathKind, type GateSummary } from '../../src/vocabulary/index.js';
import { compareSummaries, evaluateThresholds, parseToleranceArgs, gateExitCode } from '../../src/gate/index.js';
import { makeSummary } from './summary-fixture.js';

const EMPTY = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };

/** Ways a current run can lack a metric: each must fail compare and thresholds (exit 99), never pass. */
const NO_DATA: [string, (s: GateSummary) => void][] = [
  ['no request ever started (every distribution empty)', (s) => {
    for (const d of ['wait', 'queue', 'deferred', 'response', 'total'] as const) s[d] = { ...EMPTY };
  }],
  ['wait.p95 null', (s) => void (s.wait.p95 = null)],
  ['wait.p95 NaN (in memory)', (s) => void (s.wait.p95 = NaN)],
  ['wait.p95 Infinity (in memory)', (s) => void (s.wait.p95 = Infinity)],
  ['wait.p95 absent', (s) => void delete (s.wait as Partial<typeof s.wait>).p95],
  ['wait absent', (s) => void delete (s as Partial<GateSummary>).wait],
  ['wait.count 0 with numbers left in (a damaged file)', (s) => void (s.wait.count = 0)],
];

describe('no data in the current summary fails, never passes', () => {
  it.each(NO_DATA)('compare: %s', (_, edit) => {
    const r = compareSummaries(makeSummary(), makeSummary(edit));
    const row = r.rows.find((x) => x.path === 'wait.p95')!;
    expect(row.verdict).toBe('regression');
    expect(row.note).toMatch(/current .*cannot be judged/);
    expect(r.regressed).toBe(true);
    expect(gateExitCode({ compare: r })).toBe(99);
  });

  it.each(NO_DATA)('threshold: %s', (_, edit) => {
    const ev = evaluateThresholds(makeSummary(edit), parseThresholdArgs(['wait.p95<5m']).thresholds);
    expect(ev.problems).toEqual([]);
    expect(ev.results[0].pass).toBe(false);
    expect(ev.results[0].message).toMatch(/no data|not a finite number/);
    expect(gateExitCode({ thresholds: ev })).toBe(99);
  });

  it('a path summary.json can hold but this run lacks (no manual refresh) fails; a typo is bad input', () => {
    const s = makeSummary();
    const ev = evaluateThresholds(s, parseThresholdArgs(['byTrigger.manual.wait.p95<5m', 'deferrals.byLimit.nope.peakUse<3', 'wait.p59<5m']).thresholds);
    expect(ev.results.map((r) => [r.path, r.pass])).toEqual([
      ['byTrigger.manual.wait.p95', false],
      ['deferrals.byLimit.nope.peakUse', false],
    ]);
    expect(ev.problems).toHaveLength(1);
    expect(ev.problems[0].message).toMatch(/unknown path "wait.p59".*did you mean "wait.p50"/);
    const cmp = compareSummaries(s, s, { defaults: false, maxIncrease: parseToleranceArgs(['byAccount.other.io.wait.p95=10%']).tolerances });
    expect(cmp.problems).toEqual([]);
    expect(cmp.rows[0]).toMatchObject({ verdict: 'regression' });
    expect(compareSummaries(s, s, { defaults: false, maxIncrease: parseToleranceArgs(['wiat.p95=10%']).tolerances }).problems[0].message).toMatch(/unknown path/);
  });

  it('a replicated metric with a non-finite mean cannot be judged', () => {
    const withReps = (mean: number) => makeSummary((s) => void (s.replications = { n: 3, metrics: { 'wait.p95': { mean, halfWidth: 1, ci: [mean - 1, mean + 1] } } }));
    const r = compareSummaries(withReps(100), withReps(NaN));
    expect(r.rows.find((x) => x.path === 'wait.p95')!.verdict).toBe('regression');
  });
});

describe('schemaMetricKind agrees with metricKind on a real summary', () => {
  it.each(['wait.p95', 'wait.count', 'byTrigger.login.wait.p95', 'byAccount.acme.io.total.max', 'utilisation.mean', 'emails.pendingAtSendPct', 'requests.completed', 'deferrals.seconds', 'deferrals.byLimit.0.peakUsePct', 'deferrals.byLimit.ga-concurrent.deferredSeconds', 'freshness.embed.p95', 'queueLength.mean', 'span.duration', 'failures.count'])('%s', (path) => {
    expect(schemaMetricKind(path)).toBe(metricKind(makeSummary(), path));
  });
});

describe('summaryPathKind: what any summary.json can hold', () => {
  it.each([
    ['wait.p95', 'number'],
    ['byTrigger.login.wait.p95', 'number'],
    ['byAccount.acme.io.total.p99', 'number'],
    ['deferrals.byLimit.0.peakUsePct', 'number'],
    ['deferrals.byLimit.ga-daily.topKeys.0.deferrals', 'number'],
    ['replications.metrics.wait.p95.mean', 'number'],
    ['replications.metrics.wait.p95.ci.1', 'number'],
    ['wait', 'other'],
    ['scenario', 'other'],
    ['wait.p59', 'unknown'],
    ['nope', 'unknown'],
    ['wait..p95', 'unknown'],
    ['a.'.repeat(5000) + 'b', 'unknown'],
  ] as const)('%s -> %s', (path, kind) => {
    expect(summaryPathKind(path)).toBe(kind);
  });
});

/** Files that are not summaries: exit 2 naming the file and the first wrong field. */
const NOT_SUMMARIES: [string, unknown, RegExp][] = [
  ['null', null, /expected an object, found null/],
  ['an array', [], /expected an object, found an array/],
  ['a number', 42, /expected an object, found a number/],
  ['a string', 'summary', /expected an object, found a string/],
  ['an empty object', {}, /schemaVersion: .*found none/],
  ['a random object', { hello: 'world' }, /schemaVersion: .*found none/],
  ['schemaVersion 2', { ...makeSummary(), schemaVersion: 2 }, /schemaVersion: .*found 2/],
  ['schemaVersion "1"', { ...makeSummary(), schemaVersion: '1' }, /schemaVersion: .*found "1"/],
  ['only a schemaVersion', { schemaVersion: 1 }, /^scenario: not a valid summary.json.*and \d+ more problems/],
  ['a partial of --shard', { kind: 'refresh-sim-partial', version: 1 }, /partial result of --shard.*merge/],
  ['a sweep.json', { schemaVersion: 1, kind: 'sweep' }, /sweep.json/],
  ['wait without p95', makeSummary((s) => void delete (s.wait as Partial<typeof s.wait>).p95), /^wait.p95: /],
  ['wait.p95 a string', makeSummary((s) => void ((s.wait as unknown as Record<string, unknown>).p95 = '5m')), /^wait.p95: /],
  ['wait.p95 negative', makeSummary((s) => void (s.wait.p95 = -1)), /^wait.p95: /],
  ['wait a number', makeSummary((s) => void ((s as unknown as Record<string, unknown>).wait = 3)), /^wait: /],
  ['requests missing', makeSummary((s) => void delete (s as Partial<GateSummary>).requests), /^requests: /],
  ['an unknown extra key', { ...makeSummary(), extra: 1 }, /extra|Unrecognized/],
  ['a bad limit kind', makeSummary((s) => void ((s.deferrals.byLimit[0] as unknown as Record<string, unknown>).kind = 'x')), /^deferrals.byLimit\[0\].kind: /],
  ['replications.n 0', makeSummary((s) => void (s.replications = { n: 0, metrics: {} })), /^replications.n: /],
  ['replications with an inverted ci', makeSummary((s) => void (s.replications = { n: 3, metrics: { 'wait.p95': { mean: 1, halfWidth: 1, ci: [2, 0] } } })), /ci must be/],
];

describe('a file that is not a summary is bad input naming the file and the field', () => {
  it.each(NOT_SUMMARIES)('%s', (_, data, message) => {
    const r = checkSummary(JSON.parse(JSON.stringify(data)), 'cur.json');
    expect(r.summary).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].file).toBe('cur.json');
    expect(formatProblem(r.problems[0])).toMatch(/^cur\.json: /);
    expect(formatProblem(r.problems[0]).slice('cur.json: '.length)).toMatch(message);
  });
});

describe('readSummaryFile refuses what is not a readable JSON file, without hanging', () => {
  it.each([
    ['missing', async (d: string) => join(d, 'nope.json'), /file not found/],
    ['a directory', async (d: string) => (await mkdir(join(d, 'dir')), join(d, 'dir')), /is a directory/],
    ['empty', async (d: string) => (await writeFile(join(d, 'e.json'), ''), join(d, 'e.json')), /is empty/],
    ['not JSON', async (d: string) => (await writeFile(join(d, 'x.json'), '{"a": '), join(d, 'x.json')), /not JSON/],
    ['binary', async (d: string) => (await writeFile(join(d, 'b.json'), Buffer.from([0, 1, 2, 255])), join(d, 'b.json')), /not JSON/],
    ['a FIFO (would block forever)', async (d: string) => (execFileSync('mkfifo', [join(d, 'fifo')]), join(d, 'fifo')), /not a regular file/],
    ['a character device', async () => '/dev/zero', /not a regular file/],
    ['under a file', async (d: string) => (await writeFile(join(d, 'f'), '{}'), join(d, 'f', 'x.json')), /not a directory/],
  ] as const)('%s', async (_, make, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'gate-read-'));
    const file = await make(dir);
    const r = await readSummaryFile(file);
    expect(r.summary).toBeNull();
    expect(r.problems[0].file).toBe(file);
    expect(formatProblem(r.problems[0])).toBe(`${file}: ${r.problems[0].message}`);
    expect(r.problems[0].message).toMatch(message);
  });
});
