// Replay mode: each source's recorded response times are used for its calls in the recorded order.
// With the recording's own scenario and seed (and no random failures, which replay does not carry),
// replaying reproduces the recorded run's waits to the log's millisecond.
import { describe, expect, it } from 'vitest';
import { loadScenario, type Model } from '../../src/scenario/index.js';
import { runModel } from '../../src/experiment/run.js';
import { parseRefreshLog, RefreshLogWriter } from '../../src/logs/index.js';
import { replayModel } from '../../src/backtest/index.js';
import { compileDist } from '../../src/engine/distributions.js';
import { stream } from '../../src/engine/random.js';

async function record(model: Model) {
  const log = new RefreshLogWriter(model.startEpochMs);
  const waits: number[] = [];
  await runModel(model, { chunks: 1, onRequest: (r) => (log.add(r), r.startAt !== null && waits.push(r.startAt - r.enqueueAt)) });
  return { text: log.text(), waits: waits.sort((a, b) => a - b) };
}

describe('replay of recorded response times', () => {
  it('the sequence distribution gives its values in order, then again', () => {
    const s = compileDist({ type: 'sequence', values: [3, 1, 2] });
    const rng = stream(1, 'x');
    expect([s(rng), s(rng), s(rng), s(rng)]).toEqual([3, 1, 2, 3]);
  });

  it('replaying a run with its own scenario and seed reproduces its waits', async () => {
    const truth = await loadScenario('scenarios/calibration/truth.yaml');
    const noFailures: Model = { ...truth, connectors: truth.connectors.map((c) => ({ ...c, failureRate: 0 })) };
    const rec = await record(noFailures);
    const { rows } = parseRefreshLog(rec.text, 'log.csv');
    const { model, info } = replayModel(noFailures, rows);
    expect(info).toEqual({ sources: 48, calls: rows.filter((r) => r.finished !== null).length, unrecorded: 0 });
    const again = await record(model);
    expect(again.waits).toHaveLength(rec.waits.length);
    // the log keeps milliseconds: every wait agrees within a few of them
    const worst = Math.max(...again.waits.map((w, i) => Math.abs(w - rec.waits[i])));
    expect(worst).toBeLessThan(0.01);
    // and drawing instead (a different seed) does not
    const drawn = await record({ ...noFailures, seed: 99 });
    expect(drawn.waits).not.toEqual(rec.waits);
  });
});
