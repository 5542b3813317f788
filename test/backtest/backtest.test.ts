// backtest and calibrate at the command line on the shipped example (scenarios/calibration/): the
// calibrated model passes, a wrong one (half the workers) fails with exit 99, the shipped files are what
// the commands write, bad input is exit 2; and the comparison itself on hand-made samples.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, STACK_FRAME, tmp } from '../cli/helpers.js';
import { compareWaits, type Sample } from '../../src/backtest/index.js';

const EX = resolve('scenarios/calibration');
const LOG = 'logs/refresh-log.csv';
const TOL = { relative: 0.25, absolute: 1, maxKs: 0.1 };

describe('backtest on the shipped example', () => {
  it('the calibrated scenario passes; backtest.json and backtest.html are written, deterministic', async () => {
    const [a, b] = [await tmp(), await tmp()];
    const r = await cli(['backtest', 'calibrated.yaml', '--against', LOG, '--replications', '4', '--out', a], { cwd: EX });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PASS: the model reproduces the log/m);
    await cli(['backtest', 'calibrated.yaml', '--against', LOG, '--replications', '4', '--out', b, '--quiet'], { cwd: EX });
    const json = await readFile(join(a, 'backtest.json'), 'utf8');
    expect(await readFile(join(b, 'backtest.json'), 'utf8')).toBe(json);
    const res = JSON.parse(json);
    expect(res.comparison.pass).toBe(true);
    expect(res.comparison.quantiles.map((q: { metric: string; stat: string }) => `${q.metric}.${q.stat}`)).toEqual(['wait.p50', 'wait.p90', 'wait.p95', 'wait.p99', 'total.p50', 'total.p90', 'total.p95', 'total.p99']);
    expect(res.comparison.qq).toHaveLength(99);
    expect(res.comparison.hours).toHaveLength(24);
    const html = await readFile(join(a, 'backtest.html'), 'utf8');
    expect(html).toContain('data-chart="qq"');
    expect(html).toContain('data-chart="hours"');
    expect(html).toMatch(/id="verdict">PASS/);
    expect(html).not.toMatch(/(src|href)="https?:/); // offline
  });

  it('a deliberately wrong model (half the workers, via --set) is flagged: exit 99', async () => {
    const out = await tmp();
    const r = await cli(['backtest', 'calibrated.yaml', '--against', LOG, '--replications', '3', '--set', 'workers=1', '--out', out], { cwd: EX });
    expect(r.code).toBe(99);
    expect(r.stdout).toMatch(/^FAIL: the model does not reproduce the log: .*wait\.p95.*KS distance of the waits/m);
    expect(JSON.parse(await readFile(join(out, 'backtest.json'), 'utf8')).comparison.pass).toBe(false);
  });

  it('the shipped logs and calibrated.yaml are what `logs` and `calibrate` write', async () => {
    const out = await tmp();
    expect((await cli(['logs', 'truth.yaml', '--out', out, '--quiet'], { cwd: EX })).code).toBe(0);
    for (const f of ['refresh-log.csv', 'sessions.csv', 'inventory.csv']) {
      expect(await readFile(join(out, f), 'utf8'), f).toBe(await readFile(join(EX, 'logs', f), 'utf8'));
    }
    const yaml = join(out, 'calibrated.yaml');
    const r = await cli(['calibrate', 'logs/refresh-log.csv', 'logs/sessions.csv', 'logs/inventory.csv', '--out', yaml], { cwd: EX });
    expect(r.code).toBe(0);
    expect(await readFile(yaml, 'utf8')).toBe(await readFile(join(EX, 'calibrated.yaml'), 'utf8'));
  });

  it('bad input is exit 2, every problem at once, no stack', async () => {
    const r = await cli(['backtest', 'calibrated.yaml', '--against', 'truth.yaml', '--replications', '1', '--tolerance', 'lots', '--max-ks', '2'], { cwd: EX });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      '--replications: expected a whole number >= 2 (got "1"); intervals need two replications',
      '--tolerance: expected a percentage such as 25% (got "lots")',
      '--max-ks: expected a number in (0, 1] (got "2")',
    ]);
    const e = await cli(['backtest', 'calibrated.yaml', '--against', 'logs/sessions.csv', '--out', await tmp()], { cwd: EX });
    expect(e.code).toBe(2);
    expect(e.stderr).toBe('logs/sessions.csv: no refresh log among the files (a CSV with an `enqueued` column, see docs/logs.md)\n');
    const c = await cli(['calibrate', 'truth.yaml', '--out', join(await tmp(), 'x.yaml')], { cwd: EX });
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/^truth\.yaml:1: cannot tell which log this is/);
    expect(c.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('compareWaits', () => {
  const sample = (xs: number[]): Sample => ({ wait: xs, total: xs.map((x) => x + 10), hour: xs.map((_, i) => i % 24) });
  const base = Array.from({ length: 500 }, (_, i) => (i % 50) * 2);

  it('the same waits pass with KS distance 0', () => {
    const c = compareWaits(sample(base), [sample(base), sample(base.map((x) => x * 1.01))], TOL);
    expect(c.ks.wait).toBeLessThan(0.05);
    expect(c.pass).toBe(true);
    expect(c.reasons).toEqual([]);
  });

  it('waits twice as long fail on the percentiles and the KS distance', () => {
    const c = compareWaits(sample(base.map((x) => x * 2)), [sample(base), sample(base)], TOL);
    expect(c.pass).toBe(false);
    expect(c.reasons).toContain('wait.p95');
    expect(c.reasons).toContain('ks');
  });
});
