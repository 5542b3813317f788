// Round trip: simulate a known scenario, write its logs in the documented formats, calibrate from them,
// simulate the calibrated scenario. The fitted parameters must hold the truth within their 95% intervals
// widened to 99.9% (eight parameters each checked at 95% would miss somewhere for one seed in three: the
// test would turn on the draws, not on the fitting), and the wait distributions must agree by a two-sample KS test at the 1% level over 5 replications each.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, type Model } from '../../src/scenario/index.js';
import { runModel } from '../../src/experiment/run.js';
import { replicationModel } from '../../src/experiment/replicate.js';
import { readLogs, RefreshLogWriter, sessionLogText, inventoryText } from '../../src/logs/index.js';
import { analyse, calibratedScenarioYaml, ksCritical, ksTwoSample, lognormalParams, type Calibration } from '../../src/calibrate/index.js';

const TRUTH = 'scenarios/calibration/truth.yaml';
// the truth's figures (truth.yaml and make-sessions.mjs)
const REST = lognormalParams(20, 15);
const SLOW_MEAN = 45;
const SESSION = lognormalParams(1800, 1200);
const REPS = 5;
const ALPHA = 0.01;

let truth: Model;
let cal: Calibration;
let calibrated: Model;

async function waits(model: Model): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < REPS; k++) {
    await runModel(replicationModel(model, k), { chunks: 1, onRequest: (r) => r.startAt !== null && out.push(r.startAt - r.enqueueAt) });
  }
  return out.sort((a, b) => a - b);
}

beforeAll(async () => {
  truth = await loadScenario(TRUTH);
  const dir = await mkdtemp(join(tmpdir(), 'refresh-sim-roundtrip-'));
  const log = new RefreshLogWriter(truth.startEpochMs);
  await runModel(truth, { chunks: 1, onRequest: (r) => log.add(r) });
  const files = { 'refresh-log.csv': log.text(), 'sessions.csv': sessionLogText(truth), 'inventory.csv': inventoryText(truth) };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const paths = Object.keys(files).map((n) => join(dir, n));
  const { logs, rowProblems } = readLogs(paths, { refresh: true });
  expect(rowProblems).toEqual([]); // what we write, we read back without a problem
  cal = analyse(logs, { files: paths, timezone: 'UTC' });
  const out = join(dir, 'calibrated.yaml');
  const yaml = calibratedScenarioYaml(cal, 'calibrated');
  await writeFile(out, yaml);
  calibrated = parseScenario(yaml, out);
});

/** x within the 95% interval [lo, hi] widened about its middle to 99.9% (normal quantiles 3.2905 and 1.96). */
const within = (x: number, [lo, hi]: readonly [number, number] | readonly number[]) => {
  const mid = (lo + hi) / 2, half = ((hi - lo) / 2) * (3.2905 / 1.96);
  expect(x >= mid - half && x <= mid + half, `${x} in [${lo}, ${hi}] widened to 99.9%: [${mid - half}, ${mid + half}]`).toBe(true);
};

describe('round trip: truth -> logs -> calibrate', () => {
  it('recovers the response-time distributions within their intervals, choosing the right family', () => {
    const rest = cal.connectors.find((c) => c.id === 'rest')!.latency!;
    expect(rest.chosen).toBe('lognormal');
    within(REST.mu, rest.lognormal.muCi);
    within(REST.sigma, rest.lognormal.sigmaCi);
    const slow = cal.connectors.find((c) => c.id === 'slow')!.latency!;
    expect(slow.chosen).toBe('exponential');
    within(SLOW_MEAN, slow.exponential.meanCi);
  });

  it('recovers failure rates, workers, intervals and the API rate', () => {
    within(0.03, cal.connectors.find((c) => c.id === 'rest')!.failureCi);
    within(0.01, cal.connectors.find((c) => c.id === 'slow')!.failureCi);
    expect(cal.workers.max).toBe(2);
    expect(calibrated.workers).toEqual({ kind: 'fixed', workers: 2 });
    // intervals: the inventory's, and the refresh log agrees on each
    const sources = cal.accounts.flatMap((a) => a.sources);
    expect(sources).toHaveLength(48);
    for (const s of sources) expect(s.intervalEvidence).toMatch(s.connector === 'rest' ? /the refresh log says 15m \(median/ : /the refresh log says 1h \(median/);
    // API refreshes: 36/h in truth; coalesced requests are not logged, so the fit may fall slightly short
    const n = cal.accounts.reduce((s, a) => s + a.arrivals.reduce((t, r) => t + r.n, 0), 0);
    const perHour = n / ((cal.end - cal.start) / 3600);
    expect(Math.abs(perHour - 36) / 36).toBeLessThan(0.1);
  });

  it('recovers logins and session lengths within their intervals', () => {
    const users = cal.accounts.reduce((s, a) => s + a.users.length, 0);
    expect(users).toBe(12);
    // pooled over accounts: logins per user per day, truth 4
    const lo = cal.accounts.reduce((s, a) => s + a.perUserPerDayCi[0] * a.users.length, 0) / users;
    const hi = cal.accounts.reduce((s, a) => s + a.perUserPerDayCi[1] * a.users.length, 0) / users;
    within(4, [lo, hi]);
    within(SESSION.mu, cal.sessionLength!.muCi);
    within(SESSION.sigma, cal.sessionLength!.sigmaCi);
    // the hour shape: logins only in the truth's office hours 8-17 UTC
    expect(cal.loginHours.slice(0, 8).concat(cal.loginHours.slice(18))).toEqual(new Array(14).fill(0));
  });

  it(`the calibrated scenario's waits agree with the truth's (two-sample KS at ${ALPHA}, ${REPS} replications each)`, async () => {
    const a = await waits(truth);
    const b = await waits(calibrated);
    const d = ksTwoSample(a, b);
    const critical = ksCritical(ALPHA, a.length, b.length);
    expect(d, `KS distance ${d} against the critical ${critical}`).toBeLessThan(critical);
    // and a wrong model (half the workers) is told apart by the same test
    const wrong = await waits({ ...calibrated, workers: { kind: 'fixed', workers: 1 } });
    expect(ksTwoSample(a, wrong)).toBeGreaterThan(critical);
  });
});
