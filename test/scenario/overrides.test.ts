import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/cli/errors.js';
import { applyOverrides, modelWithOverrides, parseOverride, rawScenarioFromText, settablePaths } from '../../src/scenario/overrides.js';
import { parseSweepSpec, sweepGrid } from '../../src/experiment/sweep.js';
import { mmcRaw } from '../experiment/fixtures.js';

const TEXT = `
name: t
duration: 1h
connectors:
  ga: { latency: 2s }
  acme.io: { latency: 1s, cost: 2 }
accounts:
  - id: a
    sources: [ { id: s1, connector: ga, interval: 15m } ]
arrivals:
  - { type: refresh, rate: 10/h, sources: all }
`;

describe('overrides on the raw scenario', () => {
  const raw = rawScenarioFromText(TEXT, 'test.yaml');

  test('set existing and defaulted numbers, durations and rates; the original is untouched', () => {
    const out = applyOverrides(raw.data, [
      { path: 'workers', value: 8 },
      { path: 'connectors.ga.latencyScale', value: 1.5 },
      { path: 'connectors.acme.io.cost', value: 3 },
      { path: 'duration', value: '2h' },
      { path: 'arrivals.0.rate', value: '20/h' },
    ]);
    expect(out.workers).toBe(8);
    expect((out.connectors as any).ga.latencyScale).toBe(1.5);
    expect((out.connectors as any)['acme.io'].cost).toBe(3);
    expect(out.duration).toBe('2h');
    expect((out.arrivals as any)[0].rate).toBe('20/h');
    expect(raw.data.workers).toBeUndefined();
    const model = modelWithOverrides(raw, [{ path: 'workers', value: 8 }, { path: 'connectors.ga.latencyScale', value: 1.5 }]);
    expect(model.workers).toEqual({ kind: 'fixed', workers: 8 });
    expect(model.connectors.find((c) => c.id === 'ga')!.latencyScale).toBe(1.5);
  });

  test('a path that does not exist: a clear error with valid paths nearby', () => {
    const err = (() => {
      try {
        applyOverrides(raw.data, [{ path: 'connectors.ga.latencySacle', value: 1 }]);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toMatch(/connectors\.ga.*has no "latencySacle"/);
    expect(err!.message).toMatch(/valid paths nearby: connectors\.ga\.latencyScale/);
    expect(() => applyOverrides(raw.data, [{ path: 'connectors.gaa.cost', value: 1 }])).toThrow(/"connectors" has no "gaa"/);
    expect(() => applyOverrides(raw.data, [{ path: 'wrokers', value: 1 }])).toThrow(/the scenario has no "wrokers"[\s\S]*nearby: workers/);
    expect(() => applyOverrides(raw.data, [{ path: 'accounts.3.id', value: 1 }])).toThrow(InputError);
  });

  test('a path that is not numeric: a clear error', () => {
    expect(() => applyOverrides(raw.data, [{ path: 'name', value: 3 }])).toThrow(/"name" is not a number/);
    expect(() => applyOverrides(raw.data, [{ path: 'connectors.ga', value: 3 }])).toThrow(/"connectors.ga" is not a number \(it is a mapping\)/);
    expect(() => applyOverrides(raw.data, [{ path: 'workers', value: 'lots' }])).toThrow(/takes a plain number/);
  });

  test('a value the format refuses is reported by the normal validation at its line in the file, naming the override', () => {
    expect(() => modelWithOverrides(raw, [{ path: 'workers', value: 0 }])).toThrow(/^test\.yaml:\d+:\d+: workers: .*\n\(with --set workers=0\)$/);
  });

  test('settable paths list numbers of the file and defaulted keys', () => {
    const paths = settablePaths(raw.data);
    expect(paths).toContain('workers');
    expect(paths).toContain('connectors.ga.latencyScale');
    expect(paths).toContain('accounts.0.sources.0.cost');
    expect(paths).not.toContain('name');
  });

  test('mmc.yaml with overrides', async () => {
    const m = modelWithOverrides(await mmcRaw(), [{ path: 'duration', value: '1h' }, { path: 'warmup', value: 0 }, { path: 'generate.0.sources', value: 100 }]);
    expect(m.duration).toBe(3600);
    expect(m.sources).toHaveLength(100);
  });

  test('parseOverride', () => {
    expect(parseOverride('workers=8')).toEqual({ path: 'workers', value: 8 });
    expect(parseOverride('duration=2h')).toEqual({ path: 'duration', value: '2h' });
    expect(() => parseOverride('workers')).toThrow(InputError);
  });
});

describe('sweep specs', () => {
  test('ranges, steps and lists', () => {
    expect(parseSweepSpec('workers=2..5')).toEqual({ path: 'workers', values: [2, 3, 4, 5] });
    expect(parseSweepSpec('workers=2..16:4')).toEqual({ path: 'workers', values: [2, 6, 10, 14] });
    expect(parseSweepSpec('x=0.1..0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseSweepSpec('connectors.ga.latencyScale=1,1.5,2')).toEqual({ path: 'connectors.ga.latencyScale', values: [1, 1.5, 2] });
    expect(parseSweepSpec('duration=1h,2h').values).toEqual(['1h', '2h']);
    expect(parseSweepSpec('workers=8').values).toEqual([8]);
    expect(() => parseSweepSpec('workers=5..2')).toThrow(/ends/);
    expect(() => parseSweepSpec('workers=1..4:0')).toThrow(/step/);
    expect(() => parseSweepSpec('workers')).toThrow(/path=values/);
    expect(() => parseSweepSpec('workers=1,1')).toThrow(/twice/);
  });

  test('the grid: every combination, first parameter slowest', () => {
    const g = sweepGrid([{ path: 'a', values: [1, 2] }, { path: 'b', values: [10, 20, 30] }]);
    expect(g).toHaveLength(6);
    expect(g.map((c) => c.map((o) => o.value))).toEqual([[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]]);
  });
});
