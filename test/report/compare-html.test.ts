// compare.html: the verdict first, the context check, and each metric's change against its tolerance.
import { describe, expect, it } from 'vitest';
import { compareSummaries } from '../../src/gate/index.js';
import { compareVerdictSentence, renderCompareHtml } from '../../src/report/compare-html.js';
import { makeSummary } from '../gate/summary-fixture.js';

function page(edit: Parameters<typeof makeSummary>[0], warnings: string[] = []) {
  const baseline = makeSummary();
  const current = makeSummary(edit);
  const result = compareSummaries(baseline, current);
  return { result, html: renderCompareHtml({ result, baseline, current, files: { baseline: 'base/<b>.json', current: 'cur.json' }, warnings }) };
}

describe('compare.html', () => {
  it('says PASS and names nothing when nothing regressed', () => {
    const { html, result } = page(undefined);
    expect(html).toContain('<p class="verdict" id="verdict">PASS: No regression: 20 metrics compared.</p>');
    expect(compareVerdictSentence(result)).toBe('No regression: 20 metrics compared.');
    // file names are escaped
    expect(html).toContain('<code>base/&#60;b&#62;.json</code>');
    expect(html).not.toContain('<b>.json');
  });

  it('puts the failure first, with the regressed metric named, its change and its tolerance band', () => {
    const { html } = page((s) => {
      s.wait.p95 = 180; // +60 s on 120 s: allowed 12 s
    });
    expect(html).toMatch(/<p class="verdict fail" id="verdict">FAIL: 1 regression \(wait\.p95\)\.<\/p>/);
    expect(html.indexOf('id="verdict"')).toBeLessThan(html.indexOf('id="context"'));
    const row = html.split('\n').find((l) => l.includes('<code>wait.p95</code>'))!;
    expect(row).toContain('<td class="regression">REGRESSION</td>');
    expect(row).toContain('+1m');
    expect(row).toContain('+50.0 %');
    // the bar: a tolerance band of 12 s and a change of 60 s, to one scale (60 s * 1.1 fills the half-width)
    expect(row).toMatch(/aria-label="change \+1m, allowed 12s"/);
    expect(row).toContain('class="chg regression" style="left:50.00%;width:45.45%"');
    expect(row).toContain('class="tol" style="left:40.91%;width:18.18%"');
  });

  it('marks what differs between the two runs, and lists the warnings', () => {
    const { html } = page((s) => {
      s.seed = 7;
      s.workers.max = 9;
    }, ['the seed differs: 42 in base, 7 in cur']);
    expect(html).toMatch(/<tr class="differs"><th scope="row">seed<\/th><td>42<\/td><td>7<\/td><td><strong>differs<\/strong><\/td><\/tr>/);
    expect(html).toMatch(/<tr><th scope="row">scenario<\/th><td>default<\/td><td>default<\/td><td>same<\/td><\/tr>/);
    expect(html).toMatch(/<tr class="differs"><th scope="row">workers<\/th>/);
    expect(html).toContain('<li>the seed differs: 42 in base, 7 in cur</li>');
  });

  it('shows the parts of the wait as reported, not judged', () => {
    const { html, result } = page((s) => {
      s.deferred.p99 = 1000;
    });
    expect(result.regressed).toBe(false);
    const row = html.split('\n').find((l) => l.includes('<code>deferred.p99</code>'))!;
    expect(row).toContain('<td class="reported">reported</td>');
  });
});
