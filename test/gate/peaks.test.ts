// Thresholds on peak windows: the busiest hour and the scenario's named windows, checked before the run and judged after.
import { describe, expect, it } from 'vitest';
import { parseThresholdArgs, checkThresholdPaths, metricKind, schemaMetricKind, type PeakFigures } from '../../src/vocabulary/index.js';
import { evaluateThresholds, gateExitCode } from '../../src/gate/index.js';
import { makeSummary } from './summary-fixture.js';

const model = { connectors: [{ id: 'rest' }], accounts: [{ id: 'acme' }], limits: [], peakWindows: [{ name: 'monday-morning' }, { name: 'close' }] };

function problems(exprs: string[], m: typeof model | Omit<typeof model, 'peakWindows'> = model) {
  const parsed = parseThresholdArgs(exprs);
  expect(parsed.problems).toEqual([]);
  return checkThresholdPaths(parsed.thresholds, { model: m }).map((p) => p.message);
}

const figures = (p95: number | null, utilisation: number | null = 0.5): PeakFigures => ({
  start: 46800, end: 54000, buckets: 24, arrivals: 900,
  wait: { count: p95 === null ? 0 : 800, mean: p95, p50: p95, p95, p99: p95 },
  utilisation, queueMean: 40, queueMax: 120, deferrals: 3,
});

describe('peak thresholds before the run', () => {
  it.each([
    'peaks.busiestHour.wait.p95<10m',
    'peaks.busiestHour.utilisation<0.9',
    'peaks.busiestHour.utilisation<90%',
    'peaks.busiestHour.queueMax<500',
    'peaks.windows.monday-morning.wait.p95<5m',
    'peaks.windows.close.deferrals==0',
  ])('%s fits a model with windows monday-morning and close', (expr) => {
    expect(problems([expr])).toEqual([]);
  });

  it('refuses an unknown window name with "did you mean"', () => {
    expect(problems(['peaks.windows.monday-mornin.wait.p95<5m'])).toEqual([expect.stringMatching(/unknown path "peaks.windows.monday-mornin.wait.p95" in summary.json \(did you mean "peaks.windows.monday-morning.wait.p95"\?\)/)]);
    // a model without `peaks:` has no windows at all
    expect(problems(['peaks.windows.monday-morning.wait.p95<5m'], { connectors: [], accounts: [], limits: [] })).toEqual([expect.stringMatching(/^unknown path "peaks.windows.monday-morning.wait.p95"/)]);
  });

  it('units follow the metric: waits are seconds, utilisation a ratio, the queue a count', () => {
    expect(problems(['peaks.busiestHour.wait.p95<5%', 'peaks.busiestHour.utilisation<5m', 'peaks.windows.close.queueMax<1h'])).toEqual([
      expect.stringMatching(/"5%" is a percentage but "peaks.busiestHour.wait.p95" is a time in seconds/),
      expect.stringMatching(/"5m" is a duration but "peaks.busiestHour.utilisation" is not a time \(a plain number\)/),
      expect.stringMatching(/"1h" is a duration but "peaks.windows.close.queueMax" is not a time \(a count\)/),
    ]);
    // the kind is known from the path even when the window is null in a summary
    const s = makeSummary((x) => void (x.peaks = { busiestHour: null, windows: { close: null } }));
    expect(metricKind(s, 'peaks.windows.close.wait.p95')).toBe('seconds');
    expect(metricKind(s, 'peaks.busiestHour.wait.count')).toBe('count');
    expect(schemaMetricKind('peaks.windows.close.wait.p99')).toBe('seconds');
    expect(schemaMetricKind('peaks.busiestHour.utilisation')).toBe('number');
  });
});

describe('peak thresholds after the run', () => {
  const summary = makeSummary((s) => void (s.peaks = { busiestHour: figures(420, 0.95), windows: { 'monday-morning': figures(240), close: null } }));
  const judge = (exprs: string[]) => evaluateThresholds(summary, parseThresholdArgs(exprs).thresholds);

  it('judges a window in seconds and the busiest hour utilisation as a ratio', () => {
    const ev = judge(['peaks.windows.monday-morning.wait.p95<5m', 'peaks.busiestHour.wait.p95<5m', 'peaks.busiestHour.utilisation<0.9']);
    expect(ev.problems).toEqual([]);
    expect(ev.results.map((r) => [r.pass, r.message])).toEqual([
      [true, 'peaks.windows.monday-morning.wait.p95 = 4m (240 s), < 5m (300 s)'],
      [false, 'peaks.busiestHour.wait.p95 = 7m (420 s), not < 5m (300 s)'],
      [false, expect.stringMatching(/^peaks.busiestHour.utilisation = 0.95, not < 0.9/)],
    ]);
    expect(gateExitCode({ thresholds: ev })).toBe(99);
  });

  it('a window with no data (null) cannot be judged: the gate fails (99)', () => {
    const ev = judge(['peaks.windows.close.wait.p95<5m']);
    expect(ev.problems).toEqual([]);
    expect(ev.results[0]).toMatchObject({ pass: false, observed: null });
    expect(ev.results[0].message).toMatch(/no data.*cannot hold/);
    expect(gateExitCode({ thresholds: ev })).toBe(99);
    const noWaits = evaluateThresholds(makeSummary((s) => void (s.peaks = { busiestHour: figures(null), windows: {} })), parseThresholdArgs(['peaks.busiestHour.wait.p95<5m']).thresholds);
    expect(noWaits.results[0]).toMatchObject({ pass: false, observed: null });
    expect(gateExitCode({ thresholds: noWaits })).toBe(99);
  });
});
