// The chart specs shared by the PNG and HTML writers: the warm-up check, and every config plain JSON.
import { describe, expect, it } from 'vitest';
import { buildCharts, formatSeconds, niceCeil } from '../../src/report/charts.js';
import { warmupVerdict } from '../../src/report/warmup.js';
import { emptyRun, fixtureRun } from './fixture.js';

type XY = { x: number; y: number | null };
const warmupSpec = (run = fixtureRun()) => buildCharts(run.result).find((c) => c.id === 'warmup')!;

describe('charts', () => {
  it('are the seven charts, in display order', () => {
    expect(buildCharts(fixtureRun().result).map((c) => c.id)).toEqual(['wait-distribution', 'time-split', 'wait-p95-over-time', 'queue-over-time', 'warmup', 'deferrals-by-limit', 'freshness']);
  });

  it('are plain JSON with no plugins, so the PNG and the HTML draw the same thing', () => {
    for (const run of [fixtureRun(), emptyRun()]) {
      for (const spec of buildCharts(run.result)) {
        expect(JSON.parse(JSON.stringify(spec.config)), spec.id).toEqual(spec.config);
        expect((spec.config as { plugins?: unknown }).plugins, spec.id).toBeUndefined();
      }
    }
  });

  it('niceCeil rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, -1, NaN, 0.7, 1, 1.01, 2.2, 3, 7, 12, 260, 0.031].map(niceCeil)).toEqual([1, 1, 1, 1, 1, 2, 2.5, 5, 10, 20, 500, 0.05]);
  });
});

describe('the warm-up chart', () => {
  const run = fixtureRun();
  const spec = warmupSpec(run);
  const datasets = spec.config.data.datasets as unknown as { label: string; data: XY[]; fill?: unknown; borderDash?: number[] }[];
  const scales = spec.config.options!.scales as Record<string, { min: number; max: number }>;

  it('plots the cumulative mean wait of every bucket, warm-up included', () => {
    expect(spec.title).toBe('Is the warm-up long enough?');
    const ts = run.result.timeseries;
    const line = datasets[0]!;
    expect(line.label).toBe('cumulative mean wait');
    expect(line.data).toHaveLength(ts.length);
    // each value at the end of its bucket; hours on the x axis (a one-day run), seconds on the y axis (waits under two minutes)
    expect(line.data[0]!.x).toBe(0.25);
    expect(line.data[4]!.x).toBe((ts[5]!.t) / 3600);
    expect(line.data.at(-1)!.x).toBe(24);
    ts.forEach((r, i) => {
      const y = line.data[i]!.y;
      if (r.waitCumMean === null) expect(y).toBeNull();
      else expect(y! / r.waitCumMean).toBeCloseTo(1, 3);
    });
  });

  it('marks the end of the warm-up and shades the warm-up, up to the top of the y axis', () => {
    const w = run.result.summary.span.warmup / 3600;
    const [, shade, mark] = datasets;
    expect(mark!.data.map((p) => p.x)).toEqual([w, w]);
    expect(mark!.borderDash).toBeDefined();
    expect(shade!.fill).toBe('origin');
    expect(shade!.data.map((p) => p.x)).toEqual([scales.x!.min, w]);
    const top = scales.y!.max;
    expect(mark!.data.map((p) => p.y)).toEqual([0, top]);
    expect(shade!.data.every((p) => p.y === top)).toBe(true);
    const drawn = [datasets[0]!, ...datasets.slice(3)];
    const highest = Math.max(...drawn.flatMap((d) => d.data.map((p) => p.y ?? 0)));
    expect(top).toBeGreaterThan(highest);
    expect(top).toBeLessThanOrEqual(2.5 * highest);
  });

  it('says what to do, in the chart and in its description', () => {
    const verdict = warmupVerdict(run.result.timeseries, run.result.summary.span.warmup, run.result.summary.span.duration);
    expect(verdict.text.length).toBeGreaterThan(20);
    expect(spec.description).toContain(verdict.text);
    expect((spec.config.options!.plugins as { subtitle: { text: string } }).subtitle.text).toBe(verdict.headline);
    expect(spec.description).toContain('first 1h');
    const atMark = run.result.timeseries.find((r) => r.t === 2700)!.waitCumMean;
    expect(spec.description).toContain(`${formatSeconds(atMark)} at the end of the warm-up`);
  });

  it('still draws for a run with no buckets', () => {
    const empty = warmupSpec(emptyRun());
    const ds = empty.config.data.datasets as unknown as { data: XY[] }[];
    expect(ds[0]!.data).toEqual([]);
    // no buckets: minutes, and the axis reaches the end of the warm-up
    expect(ds[2]!.data.map((p) => p.x)).toEqual([60, 60]);
    expect((empty.config.options!.scales as Record<string, { max: number }>).x!.max).toBe(60);
    expect(empty.description).toContain('— at the end of the run');
  });
});

describe('the warm-up chart without a warm-up', () => {
  it('draws only the lines, no shade or mark, and says every request counts', () => {
    const run = fixtureRun();
    run.result.summary.span.warmup = 0;
    const spec = warmupSpec(run);
    expect(spec.config.data.datasets.map((d) => d.label)).toEqual(['cumulative mean wait', 'mean wait per 5 buckets (MSER-5 batches)']);
    expect(spec.description).toContain('The scenario has no warm-up, so every request counts.');
  });
});
