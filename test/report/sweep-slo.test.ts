// sweep --slo and the sweep console table: the answer, the SLO line on the charts, the sentence, the rows;
// without SLOs the charts and the page are as before.
import { describe, expect, test } from 'vitest';
import { parseSlos } from '../../src/experiment/plan.js';
import { buildSweepCharts, SWEEP_CHART_METRICS } from '../../src/report/sweep-charts.js';
import { renderSweepHtml } from '../../src/report/sweep-html.js';
import { sweepAnswer, sweepAnswerSentence, sweepSlos } from '../../src/report/sweep-slo.js';
import { formatSweepTable } from '../../src/report/sweep-table.js';
import type { SweepResult } from '../../src/vocabulary/index.js';

/** workers 2, 4, 8, 16; wait.p95 = 2000 s / workers ± 10 %, utilisation.mean = 1.6 / workers. */
function fixture(params: SweepResult['parameters'] = [{ path: 'workers', values: [2, 4, 8, 16] }]): SweepResult {
  const workers = params[0].values as number[];
  const other = params[1];
  const sets = other ? workers.flatMap((w) => other.values.map((v) => ({ workers: w, [other.path]: v }))) : workers.map((w) => ({ workers: w }));
  return {
    schemaVersion: 1, kind: 'sweep', scenario: 'storm <b>', scenarioHash: 'x'.repeat(64),
    parameters: params, replications: 3, confidence: 0.95, seeds: [1, 2, 3], metrics: [...SWEEP_CHART_METRICS],
    configurations: sets.map((set, index) => {
      const w = set.workers as number;
      const m = (mean: number) => ({ mean, halfWidth: mean / 10, ci: [mean * 0.9, mean * 1.1] as [number, number] });
      return { index, set, replications: { n: 3, confidence: 0.95, metrics: { 'wait.p95': m(2000 / w), 'utilisation.mean': m(1.6 / w) } } };
    }),
  };
}

const slo = (...t: string[]) => sweepSlos(parseSlos(t));

describe('sweep --slo', () => {
  test('the smallest value whose pessimistic CI end meets the SLO, per SLO and for all', () => {
    // wait.p95 upper ends: 1100, 550, 275, 137.5 s -> 8 meets <= 5m; utilisation 0.8, 0.4 ... (upper 0.88, 0.44) -> 4 meets < 50%
    expect(sweepAnswer(fixture(), slo('wait.p95 <= 5m', 'utilisation.mean < 50%'))).toEqual({ parameter: 'workers', value: 8, perSlo: [8, 4], largest: 16 });
    expect(sweepAnswer(fixture(), slo('wait.p95 <= 1s'))?.value).toBeNull();
    // the mean (250 s at 8) would pass <= 4m 20s, but the upper end (275 s) does not
    expect(sweepAnswer(fixture(), slo('wait.p95 <= 260s'))?.value).toBe(16);
  });

  test('a sentence at the top of sweep.html, escaped, and the answer row highlighted', () => {
    const r = fixture();
    expect(sweepAnswerSentence(r, slo('wait.p95 <= 5m'))).toBe(
      'The smallest workers meeting every SLO is 8: at 8, wait.p95 = 4m 10s [3m 45s, 4m 35s] (SLO <= 5m), judged by the pessimistic end of the 95% confidence interval over 3 replications.',
    );
    expect(sweepAnswerSentence(r, slo('wait.p95 <= 1s'))).toBe('No workers swept (up to 16) meets every SLO (wait.p95 <= 1s), judged by the pessimistic end of the 95% confidence interval over 3 replications.');
    const html = renderSweepHtml(r, { chartJs: null, slos: slo('wait.p95 <= 5m') });
    expect(html).toContain('<p class="answer" id="answer">The smallest workers meeting every SLO is 8:');
    expect(html).toContain('<tr class="chosen"><td>8</td>');
    expect(html).not.toContain('storm <b>');
  });

  test('the SLO line on its metric chart (all x), the answer marked there only', () => {
    const charts = buildSweepCharts(fixture(), slo('wait.p95 <= 5m'));
    const wait = charts.find((c) => c.id === 'sweep-wait-p95')!;
    const sets = wait.config.data.datasets as unknown as { label: string; data: { x: number; y: number | null }[] }[];
    expect(sets.find((d) => d.label === 'SLO wait.p95 <= 5m')!.data).toEqual([2, 4, 8, 16].map((x) => ({ x, y: 5 })));
    expect(sets.find((d) => d.label === 'answer: workers = 8')!.data.filter((p) => p.y !== null)).toEqual([{ x: 8, y: 4.167 }]);
    const util = charts.find((c) => c.id === 'sweep-utilisation-mean')!;
    expect((util.config.data.datasets as unknown as { label: string }[]).some((d) => d.label.startsWith('SLO') || d.label.startsWith('answer'))).toBe(false);
  });

  test('a two-parameter sweep gets the line but no single answer, and says so', () => {
    const r = fixture([{ path: 'workers', values: [2, 4, 8, 16] }, { path: 'connectors.ga.latencyScale', values: [1, 2] }]);
    expect(sweepAnswer(r, slo('wait.p95 <= 5m'))).toBeNull();
    expect(sweepAnswerSentence(r, slo('wait.p95 <= 5m'))).toContain('a smallest value is given only for a sweep of one numeric parameter');
    const sets = buildSweepCharts(r, slo('wait.p95 <= 5m')).find((c) => c.id === 'sweep-wait-p95')!.config.data.datasets as unknown as { label: string }[];
    expect(sets.some((d) => d.label === 'SLO wait.p95 <= 5m')).toBe(true);
    expect(sets.some((d) => d.label.startsWith('answer'))).toBe(false);
  });

  test('without --slo the charts and the page are unchanged', () => {
    const r = fixture();
    expect(buildSweepCharts(r, [])).toEqual(buildSweepCharts(r));
    expect(renderSweepHtml(r, { chartJs: null, slos: [] })).toBe(renderSweepHtml(r, { chartJs: null }));
    expect(renderSweepHtml(r, { chartJs: null })).not.toContain('id="answer"');
  });
});

describe('sweep console table', () => {
  test('one row per configuration: swept values, p95 wait ± half-width, utilisation', () => {
    const lines = formatSweepTable(fixture()).trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('workers  wait.p95 (± 95% CI)  utilisation');
    expect(lines[2]).toBe('      2     16m 40s ± 1m 40s        80.0%');
    expect(lines[5]).toBe('     16       2m 05s ± 12.5s        10.0%');
  });

  test('with SLOs a verdict column', () => {
    const lines = formatSweepTable(fixture(), slo('wait.p95 <= 5m')).trimEnd().split('\n');
    expect(lines[0].endsWith('SLOs')).toBe(true);
    expect(lines.slice(2).map((l) => (l.endsWith('meets all') ? 'meets all' : l.endsWith('fails') ? 'fails' : l))).toEqual(['fails', 'fails', 'meets all', 'meets all']);
  });
});

describe('sweep --slo axis', () => {
  test('the y axis of an SLO chart stops near the limit when the worst value dwarfs it, with a note; others are not cut', () => {
    // wait.p95 upper ends up to 1100 s against 2 m: cut at 4 x 2 m = 8 min
    const charts = buildSweepCharts(fixture(), slo('wait.p95 <= 2m'));
    const wait = charts.find((c) => c.id === 'sweep-wait-p95')!;
    expect((wait.config.options as { scales: { y: { max?: number } } }).scales.y.max).toBe(10);
    expect(wait.note).toBe('The y axis stops at 10 min, near the SLO; larger values run off the top (see the table).');
    expect(renderSweepHtml(fixture(), { chartJs: null, slos: slo('wait.p95 <= 2m') })).toContain('<figcaption class="muted">The y axis stops at 10 min');
    expect(charts.find((c) => c.id === 'sweep-utilisation-mean')!.note).toBeUndefined();
  });
});
