// Verdicts first: thresholds with observed value against the limit at the top of index.html and summary.md.
import { describe, expect, it } from 'vitest';
import { evaluateThresholds, type GateReport } from '../../src/gate/index.js';
import { parseThresholdArgs } from '../../src/vocabulary/index.js';
import { renderHtml } from '../../src/report/html.js';
import { overallVerdict, verdictsHtml } from '../../src/report/html-verdicts.js';
import { summaryMarkdown } from '../../src/report/markdown.js';
import { fixtureRun } from './fixture.js';

const run = fixtureRun();
const s = run.result.summary;

function gateOf(...args: string[]): GateReport {
  const parsed = parseThresholdArgs(args);
  expect(parsed.problems).toEqual([]);
  return { thresholds: evaluateThresholds(s, parsed.thresholds) };
}

describe('verdicts', () => {
  it('fails the run when an error-level threshold fails, and says so first on the page', () => {
    const gate = gateOf(`wait.p95<${Math.floor(s.wait.p95! / 2)}s`, 'requests.failed<1000000');
    expect(overallVerdict(gate)).toBe('fail');
    const html = renderHtml(run.result, { gate, chartJs: null });
    const main = html.slice(html.indexOf('<main>'));
    // the verdict block is the first thing inside <main>, before the headline cards
    expect(main.indexOf('id="verdicts"')).toBeGreaterThan(0);
    expect(main.indexOf('id="verdicts"')).toBeLessThan(main.indexOf('class="cards"'));
    expect(main).toContain('<span class="verdict-badge fail">FAIL</span>');
    expect(main).toContain('1 of 2 thresholds passed, 1 failed');
    const failRow = /<li class="verdict-row fail"[^]*?<\/li>/.exec(main)![0];
    expect(failRow).toContain('data-path="wait.p95"');
    expect(failRow).toContain(`data-observed="${s.wait.p95}"`);
    expect(failRow).toMatch(/observed <strong>[^<]+<\/strong>, not &#60; /);
    expect(main).toMatch(/<li class="verdict-row pass"[^>]*data-path="requests.failed"/);
    // the diagnosis follows right after the verdicts, still before the cards
    expect(main.indexOf('id="diagnosis"')).toBeGreaterThan(main.indexOf('id="verdicts"'));
    expect(main.indexOf('id="diagnosis"')).toBeLessThan(main.indexOf('class="cards"'));
    expect(main).toMatch(/<section id="diagnosis"[^]*?<p>Waits \(mean [^]*?queueing for a free worker/);
  });

  it('warns when only a warn-level threshold fails, passes when all pass', () => {
    const parsed = parseThresholdArgs(['wait.p95<1s']);
    const warnOnly = { thresholds: evaluateThresholds(s, parsed.thresholds.map((t) => ({ ...t, level: 'warn' as const }))) };
    expect(overallVerdict(warnOnly)).toBe('warn');
    expect(verdictsHtml(s, warnOnly)).toContain('PASS with warnings');
    const pass = gateOf('wait.p95<1d');
    expect(overallVerdict(pass)).toBe('pass');
    expect(verdictsHtml(s, pass)).toContain('<span class="verdict-badge pass">PASS</span>');
  });

  it('says plainly that nothing was judged when there are no thresholds', () => {
    expect(overallVerdict({})).toBe('none');
    expect(verdictsHtml(s, {})).toContain('Nothing was judged');
  });

  it('lists the checks at the top of summary.md with observed value and limit', () => {
    const md = summaryMarkdown(s, gateOf('wait.p95<1s', 'requests.failed<1000000'));
    const lines = md.split('\n');
    expect(lines[0]).toContain('❌ failed');
    const first = lines.findIndex((l) => l.startsWith('- '));
    expect(first).toBeLessThan(lines.findIndex((l) => l.startsWith('|')));
    expect(lines[first]).toMatch(/^- ❌ \*\*FAIL\*\* `wait\.p95 < 1s`: observed .+, limit 1s$/);
    expect(lines[first + 1]).toMatch(/^- ✅ \*\*pass\*\* `requests\.failed < 1000000`/);
    const diag = lines.findIndex((l) => l.startsWith('**Where the wait comes from:** Waits (mean '));
    expect(diag).toBe(first + 3);
    // the busiest hour comes from summary.json, after the diagnosis
    expect(lines.findIndex((l) => l.startsWith('**Busiest hour:**'))).toBeGreaterThan(diag);
  });

  it('names the busiest hour in summary.md with its own p95 wait', () => {
    const md = summaryMarkdown(s, {}, { timeseries: run.result.timeseries, timeZone: 'America/New_York' });
    const line = md.split('\n').find((l) => l.startsWith('**Busiest hour:**'))!;
    expect(line).toMatch(/^\*\*Busiest hour:\*\* \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d–\d\d:\d\d \(America\/New\\_York\): \d+ requests, p95 wait .+ \(of \d+ started\), utilisation [\d.]+%, queue \d+ mean \/ \d+ max, \d+ deferrals$/);
  });
});
