// plan.html and the SLO overlay: the answer sentence, the decision table rows, escaping, the chart datasets.
import { describe, expect, test } from 'vitest';
import type { PlanResult, SloCheck } from '../../src/experiment/plan.js';
import { buildPlanCharts, yCut } from '../../src/report/plan-charts.js';
import { planAnswerSentence, planTableRows, renderPlanHtml } from '../../src/report/plan-html.js';

function check(mean: number, half: number, limit: number, path = 'wait.p95'): SloCheck {
  const ci: [number, number] = [mean - half, mean + half];
  return { path, op: '<=', limitText: '5m', limit, kind: 'seconds', mean, ci, bound: ci[1], pass: ci[1] <= limit };
}

/** workers 1, 2, 4, 5 run; wait.p95 <= 5m first holds at 5. */
export function planFixture(over: Partial<PlanResult> = {}): PlanResult {
  const waits: [number, number][] = [[3600, 120], [1500, 60], [330, 40], [200, 30]];
  const rows = [1, 2, 4, 5].map((value, i) => {
    const checks = [check(waits[i][0], waits[i][1], 300)];
    return { value, checks, pass: checks.every((c) => c.pass) };
  });
  return { parameter: 'workers', candidates: [1, 2, 3, 4, 5, 6, 7, 8], replications: 5, confidence: 0.95, rows, found: true, answer: 5, ...over };
}

describe('plan.html', () => {
  test('the answer sentence names the value, each SLO metric with its interval and the limit', () => {
    expect(planAnswerSentence(planFixture())).toBe(
      'The smallest workers meeting every SLO is 5: at 5, wait.p95 = 3m 20s [2m 50s, 3m 50s] (SLO <= 5m) (mean [95% confidence interval] over 5 replications).',
    );
  });

  test('without an answer the sentence says none up to the largest candidate, and why', () => {
    const r = planFixture({ found: false, answer: null });
    r.rows = r.rows.slice(0, 3);
    expect(planAnswerSentence(r)).toBe(
      'No workers up to 8 meets every SLO: at 4, wait.p95 = 5m 30s [4m 50s, 6m 10s] (SLO <= 5m) (mean [95% confidence interval] over 5 replications).',
    );
    expect(renderPlanHtml(r, { scenario: 's', chartJs: null })).toContain('class="answer none"');
  });

  test('one table row per value run, pass/FAIL per SLO, the answer row highlighted', () => {
    const rows = planTableRows(planFixture());
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe('<tr><th scope="row">1</th><td>1h [58m, 1h 02m] <span class="fail">FAIL</span></td><td><span class="fail">fails</span></td></tr>');
    expect(rows[3]).toContain('<tr class="chosen"><th scope="row">5</th>');
    expect(rows[3]).toContain('<span class="pass">pass</span>');
    expect(rows[3]).toContain('meets all');
  });

  test('names are escaped: scenario, parameter and SLO text cannot inject markup or end the data script', () => {
    const r = planFixture({ parameter: 'a<b>' });
    const html = renderPlanHtml(r, { scenario: '</script><img src=x onerror=alert(1)>', chartJs: null });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#60;/script&#62;&#60;img');
    const data = html.slice(html.indexOf('id="plan-data">'), html.indexOf('</script>', html.indexOf('id="plan-data">')));
    expect(data).not.toContain('<b>');
    expect(html).toContain('<th scope="col">a&#60;b&#62;</th>');
  });

  test('the chart: the mean, the SLO line at the limit at every x, the answer marked, the axis cut near the limit', () => {
    const [chart] = buildPlanCharts(planFixture());
    const sets = chart.config.data.datasets as unknown as { label: string; data: { x: number; y: number | null }[] }[];
    const slo = sets.find((d) => d.label === 'SLO wait.p95 <= 5m')!;
    // minutes: the axis is cut at 4 x 5 min = 20 min, so the unit is minutes
    expect(slo.data).toEqual([1, 2, 4, 5].map((x) => ({ x, y: 5 })));
    const answer = sets.find((d) => d.label === 'answer: workers = 5')!;
    expect(answer.data.filter((p) => p.y !== null)).toEqual([{ x: 5, y: 3.333 }]);
    expect((chart.config.options as { scales: { y: { max?: number } } }).scales.y.max).toBe(20);
    expect(chart.description).toContain('answer workers = 5 marked');
  });

  test('the y axis is cut only for an upper-bound SLO whose worst value dwarfs the limit', () => {
    expect(yCut([{ op: '<=', limit: 300 }], 3600)).toBe(1200);
    expect(yCut([{ op: '<=', limit: 300 }], 1000)).toBeNull();
    expect(yCut([{ op: '>=', limit: 0.9 }], 100)).toBeNull();
  });

  test('no answer, no marker', () => {
    const [chart] = buildPlanCharts(planFixture({ found: false, answer: null }));
    expect((chart.config.data.datasets as unknown as { label: string }[]).some((d) => d.label.startsWith('answer'))).toBe(false);
  });
});
