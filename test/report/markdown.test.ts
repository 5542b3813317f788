import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareSummaries, evaluateThresholds, type GateReport } from '../../src/gate/index.js';
import { parseThresholdArgs } from '../../src/vocabulary/index.js';
import { markdownWriter, mdCode, mdEscape, summaryMarkdown, writeMarkdown } from '../../src/report/markdown.js';
import { makeSummary, dist } from '../gate/summary-fixture.js';

const HOSTILE = 'Peak | *Monday* _x_ <b>bold</b> `code` [link](http://x) ~~s~~ # & \\ end\nsecond line';

/** The cells of a GFM table row: split on `|` not escaped with a backslash. */
function cells(line: string): string[] {
  const parts = line.split(/(?<!\\)\|/);
  expect(parts[0]).toBe('');
  expect(parts[parts.length - 1]).toBe('');
  return parts.slice(1, -1).map((c) => c.trim());
}

/** Every table in the document: consecutive lines starting with `|`. */
function tables(md: string): string[][][] {
  const out: string[][][] = [];
  let cur: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) {
      if (!cur) out.push((cur = []));
      cur.push(cells(line));
    } else cur = null;
  }
  return out;
}

function gate(): GateReport {
  const summary = makeSummary();
  const { thresholds } = parseThresholdArgs(['wait.p95<5m', 'wait.p95<1m', 'warn:utilisation.mean<0.5', 'emails.pendingAtSendPct<=1%']);
  const current = makeSummary((s) => {
    s.wait.p95 = 140;
  });
  return { thresholds: evaluateThresholds(current, thresholds), compare: compareSummaries(summary, current) };
}

describe('summary.md', () => {
  it('headline tables: wait and total percentiles, utilisation, deferrals, stale e-mails', () => {
    const md = summaryMarkdown(makeSummary());
    expect(md.split('\n')[0]).toBe('## refresh-sim: default');
    const [times, headline] = tables(md);
    expect(times[0]).toEqual(['time', 'requests', 'p50', 'p95', 'p99', 'max']);
    expect(times[1]).toEqual(['---', '---:', '---:', '---:', '---:', '---:']);
    expect(times.slice(2).map((r) => r[0])).toEqual(['wait (queue + deferred)', 'total (wait + response)']);
    expect(times[2]).toEqual(['wait (queue + deferred)', '100', '36s', '2m', '3m', '4m']);
    expect(Object.fromEntries(headline.slice(2).map(([k, v]) => [k, v]))).toEqual({
      'utilisation (mean)': '72%',
      deferrals: '55 on 40 requests, 1h in all',
      'stale e-mails': '2 of 40 sent with a refresh pending (5%)',
      'failed requests': '0',
    });
    expect(md).not.toMatch(/Thresholds|baseline/);
  });

  it('a distribution without data shows dashes', () => {
    const md = summaryMarkdown(makeSummary((s) => void (s.wait = dist(null))));
    expect(tables(md)[0][2]).toEqual(['wait (queue + deferred)', '0', '–', '–', '–', '–']);
  });

  it('every table row has as many cells as its header', () => {
    const all = tables(summaryMarkdown(makeSummary(), gate()));
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const t of all) for (const row of t) expect(row).toHaveLength(t[0].length);
  });

  it('thresholds with ✅ ❌ ⚠️', () => {
    const md = summaryMarkdown(makeSummary(), gate());
    expect(md).toContain('### Thresholds: 1 of 4 passed, 2 failed, 1 warned');
    const t = tables(md)[2];
    expect(t[0]).toEqual(['', 'threshold', 'observed', 'level']);
    expect(t.slice(2)).toEqual([
      ['✅', '`wait.p95 < 5m`', '2m 20s', 'error'],
      ['❌', '`wait.p95 < 1m`', '2m 20s', 'error'],
      ['⚠️', '`utilisation.mean < 0.5`', '0.72', 'warn'],
      ['❌', '`emails.pendingAtSendPct <= 1%`', '5%', 'error'],
    ]);
    expect(md.split('\n')[0]).toBe('## refresh-sim: default — ❌ failed');
  });

  it('compare: regressions first, rows within tolerance folded', () => {
    const md = summaryMarkdown(makeSummary(), gate());
    expect(md).toContain('### Compared with the baseline: 1 regression');
    const [notable, ok] = tables(md).slice(3);
    expect(notable.slice(2)).toEqual([
      ['❌ regression', '`wait.p95`', '2m', '2m 20s', '+20s (+16.7%)', '+10% / 1s', '+20s beyond allowed +12s'],
    ]);
    expect(ok).toHaveLength(2 + 19);
    expect(md).toContain('<details>\n<summary>19 metrics within tolerance</summary>\n\n|');
  });

  it('status line: passed, or passed with warnings', () => {
    const summary = makeSummary();
    const pass = evaluateThresholds(summary, parseThresholdArgs(['wait.p95<5m']).thresholds);
    expect(summaryMarkdown(summary, { thresholds: pass }).split('\n')[0]).toBe('## refresh-sim: default — ✅ passed');
    const warn = evaluateThresholds(summary, parseThresholdArgs(['warn:wait.p95<1m']).thresholds);
    expect(summaryMarkdown(summary, { thresholds: warn }).split('\n')[0]).toBe('## refresh-sim: default — ⚠️ passed with warnings');
    const bad = evaluateThresholds(summary, parseThresholdArgs(['wait.p59<1m']).thresholds);
    const md = summaryMarkdown(summary, { thresholds: bad });
    expect(md.split('\n')[0]).toBe('## refresh-sim: default — ❌ bad gate input');
    expect(md).toContain('- ❌ `--threshold[0]`: unknown path "wait.p59" in summary.json (did you mean "wait.p50"?)');
  });

  it('escapes Markdown, HTML and pipes in scenario text', () => {
    const s = makeSummary((x) => {
      x.scenario = HOSTILE;
      x.byAccount = { 'a|b`c': x.byAccount['acme.io'] };
    });
    const thresholds = evaluateThresholds(s, parseThresholdArgs(['byAccount.a|b`c.wait.p95 < 5m']).thresholds);
    const md = summaryMarkdown(s, { thresholds });
    const heading = md.split('\n')[0];
    expect(heading).toBe(
      '## refresh-sim: Peak \\| \\*Monday\\* \\_x\\_ &lt;b&gt;bold&lt;/b&gt; \\`code\\` \\[link\\](http://x) \\~\\~s\\~\\~ \\# &amp; \\\\ end second line — ✅ passed',
    );
    expect(md).not.toContain('<b>');
    // the pipe inside the code span is escaped, so the row keeps 4 cells
    const t = tables(md)[2];
    expect(t[2]).toEqual(['✅', '``byAccount.a\\|b`c.wait.p95 < 5m``', '1m 30s', 'error']);
  });

  it('mdEscape and mdCode', () => {
    expect(mdEscape('a|b*c_d')).toBe('a\\|b\\*c\\_d');
    expect(mdEscape('x\r\ny')).toBe('x y');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('p|q')).toBe('`p\\|q`');
  });

  it('writeMarkdown writes summary.md atomically; markdownWriter is a Writer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refresh-sim-md-'));
    try {
      const summary = makeSummary();
      expect(await writeMarkdown(dir, summary, gate())).toEqual([join(dir, 'summary.md')]);
      expect(await readFile(join(dir, 'summary.md'), 'utf8')).toBe(summaryMarkdown(summary, gate()));
      const paths = await markdownWriter()({ result: { summary, timeseries: [], params: {} }, outDir: dir });
      expect(paths).toEqual([join(dir, 'summary.md')]);
      expect(await readdir(dir)).toEqual(['summary.md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
