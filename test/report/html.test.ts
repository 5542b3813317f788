// index.html without a browser: escaping, embedded data, offline fallback, determinism.
import { describe, expect, it } from 'vitest';
import { formatFraction, formatSeconds } from '../../src/report/charts.js';
import { escapeHtml, flattenParams, formatMetricValue, jsonForScript, renderHtml } from '../../src/report/html.js';
import { emptyRun, fixtureRun, HOSTILE_NAME, withReplications } from './fixture.js';

const dataOf = (html: string) => JSON.parse(/<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html)![1]!);

describe('html escaping', () => {
  const run = fixtureRun({ scenario: HOSTILE_NAME, hostileIds: true });
  run.result.params.note = '<img src=x onerror=alert(2)>';
  const html = renderHtml(run.result);

  it('never lets scenario text become markup', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('<img');
    expect(html).toContain(`<h1 id="scenario-name">${escapeHtml(HOSTILE_NAME)}</h1>`);
    expect(html).toContain(`<title>${escapeHtml(HOSTILE_NAME)} — refresh-sim report</title>`);
    // the only script elements are the data, Chart.js and the drawing code
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
  });

  it('embeds the data as JSON with every "<" escaped, and it reads back unchanged', () => {
    const json = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html)![1]!;
    expect(json).not.toContain('<');
    const data = dataOf(html);
    expect(data.summary.scenario).toBe(HOSTILE_NAME);
    expect(data.params.note).toBe('<img src=x onerror=alert(2)>');
    expect(jsonForScript({ a: '</script>\u2028' })).toBe('{"a":"\\u003c/script>\\u2028"}');
  });

  it('escapes attribute quotes', () => {
    expect(escapeHtml(`"'&<>`)).toBe('&#34;&#39;&#38;&#60;&#62;');
  });
});

describe('html report', () => {
  it('is the same bytes for the same input and has no date in it', () => {
    const a = renderHtml(fixtureRun().result);
    const b = renderHtml(fixtureRun().result);
    expect(a).toBe(b);
  });

  it('inlines Chart.js and makes no network reference', () => {
    const html = renderHtml(fixtureRun().result);
    expect(html.length).toBeGreaterThan(150_000);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
  });

  it('falls back to tables with a notice when Chart.js is unavailable', () => {
    const html = renderHtml(fixtureRun().result, { chartJs: null });
    expect(html).toContain('Interactive charts are unavailable');
    expect(html.match(/<script\b/gi)).toHaveLength(2);
    expect(html).toContain('id="by-trigger"');
  });

  it('shows every limit, the freshness panels and the parameters', () => {
    const { result } = fixtureRun();
    const html = renderHtml(result);
    for (const l of result.summary.deferrals.byLimit) expect(html).toContain(`<th scope="row">${l.id}</th>`);
    for (const k of ['freshness.dashboard.p95', 'freshness.embed.p95', 'freshness.email.p95']) expect(html).toContain(`data-metric="${k}"`);
    expect(html).toContain('<th scope="row">connectors.google-analytics.latency.mean</th>');
  });

  it('renders a run in which nothing happened', () => {
    const html = renderHtml(emptyRun().result);
    expect(html).toContain('data-metric="wait.p95" data-value=""');
    expect(html).toContain('No requests.');
    expect(html).toContain('The scenario has no limits.');
  });

  it('shows the no-limits case', () => {
    const { result } = fixtureRun();
    result.summary.deferrals.byLimit = [];
    expect(renderHtml(result)).toContain('The scenario has no limits.');
  });
});

/** The attributes of the headline card of a metric, or undefined when there is none. */
function cardAttrs(html: string, metric: string): Record<string, string> | undefined {
  const tag = new RegExp(`<div class="card[^"]*" data-metric="${metric.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"[^>]*>`).exec(html)?.[0];
  if (!tag) return undefined;
  return Object.fromEntries([...tag.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** The text of the headline card of a metric, tags stripped. */
function cardText(html: string, metric: string): string {
  const start = html.indexOf(`data-metric="${metric}"`);
  const end = html.indexOf('</div>\n</div>', start);
  return html.slice(start, end).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('html report with replications', () => {
  const plain = fixtureRun();
  const run = withReplications(fixtureRun(), 5);
  const s = run.result.summary;
  const reps = run.replications;
  const html = renderHtml(run.result);

  it('the fixture block is a real one: n, 95 %, headline paths with intervals', () => {
    expect(reps.n).toBe(5);
    for (const k of ['wait.p95', 'total.p95', 'utilisation.mean', 'emails.pendingAtSendPct', 'wait.mean', 'freshness.email.p95']) expect(reps.metrics[k], k).toBeDefined();
    for (const k of ['wait.p95', 'total.p95', 'utilisation.mean', 'wait.mean']) expect(reps.metrics[k]!.halfWidth, k).toBeGreaterThan(0);
  });

  it('shows every headline card whose metric is in the block as mean ± half-width, keeping this run’s data-value', () => {
    let withCi = 0;
    for (const metric of ['wait.p95', 'total.p95', 'utilisation.mean', 'requests.deferred/requests.started', 'emails.pendingAtSendPct', 'requests.enqueued.total', 'failures.count', 'queueLength.mean']) {
      const attrs = cardAttrs(html, metric)!;
      expect(attrs, metric).toBeDefined();
      const m = reps.metrics[metric];
      if (!m) {
        expect(attrs['data-mean'], metric).toBeUndefined();
        expect(cardText(html, metric)).not.toContain('±');
        continue;
      }
      withCi++;
      expect(Number(attrs['data-mean']), metric).toBe(m.mean);
      expect(Number(attrs['data-ci-low']), metric).toBe(m.ci[0]);
      expect(Number(attrs['data-ci-high']), metric).toBe(m.ci[1]);
      expect(cardText(html, metric), metric).toContain('95% CI over 5 replications');
    }
    // wait.p95, total.p95, utilisation.mean, emails.pendingAtSendPct, queueLength.mean
    expect(withCi).toBe(5);
    expect(Number(cardAttrs(html, 'wait.p95')!['data-value'])).toBe(s.wait.p95);
    expect(Number(cardAttrs(html, 'utilisation.mean')!['data-value'])).toBe(s.utilisation.mean);
    expect(Number(cardAttrs(html, 'emails.pendingAtSendPct')!['data-value'])).toBe(s.emails.pendingAtSendPct);
    // formatted in the metric's unit
    expect(cardText(html, 'wait.p95')).toContain(`${formatSeconds(reps.metrics['wait.p95']!.mean)} ± ${formatSeconds(reps.metrics['wait.p95']!.halfWidth)}`);
    expect(cardText(html, 'utilisation.mean')).toContain(`${formatFraction(reps.metrics['utilisation.mean']!.mean)} ± ${formatFraction(reps.metrics['utilisation.mean']!.halfWidth)}`);
    expect(cardText(html, 'emails.pendingAtSendPct')).toContain(`${formatFraction(reps.metrics['emails.pendingAtSendPct']!.mean / 100)} ± `);
    // the run's own value is still on the card
    expect(cardText(html, 'wait.p95')).toContain(`this run: ${formatSeconds(s.wait.p95)}`);
  });

  it('has a Replications section with a row for every metric of the block', () => {
    expect(html).toContain('<h2 id="h-replications">Replications</h2>');
    const table = /<table id="replications">([^]*?)<\/table>/.exec(html)?.[1];
    expect(table).toBeDefined();
    const rows = [...table!.matchAll(/<tr data-metric="([^"]+)"><th scope="row">([^<]+)<\/th>(.*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual(Object.keys(reps.metrics));
    for (const [, path, , cells] of rows) {
      const m = reps.metrics[path!]!;
      const values = [...cells!.matchAll(/<td class="num" data-value="([^"]*)">([^<]*)<\/td>/g)].map((c) => [c[1]!, c[2]!] as const);
      expect(values).toHaveLength(4);
      expect(values.slice(0, 3).map(([v]) => Number(v))).toEqual([m.mean, m.ci[0], m.ci[1]]);
      expect(values[0]![1]).toBe(escapeHtml(formatMetricValue(s, path!, m.mean)));
      expect(values[1]![1]).toBe(escapeHtml(formatMetricValue(s, path!, m.ci[0])));
      if (m.mean === 0) expect(values[3]).toEqual(['', '—']);
      else expect(Number(values[3]![0])).toBeCloseTo((100 * m.halfWidth) / Math.abs(m.mean), 9);
    }
    // times in seconds, percentages as percentages
    const row = (p: string) => rows.find((r) => r[1] === p)![3]!;
    expect(row('wait.p95')).toContain(`>${formatSeconds(reps.metrics['wait.p95']!.mean)}<`);
    expect(row('freshness.email.p95')).toContain(`>${formatSeconds(reps.metrics['freshness.email.p95']!.ci[1])}<`);
    expect(row('utilisation.mean')).toContain(`>${formatFraction(reps.metrics['utilisation.mean']!.mean)}<`);
    expect(row('emails.pendingAtSendPct')).toContain(`>${formatFraction(reps.metrics['emails.pendingAtSendPct']!.mean / 100)}<`);
  });

  it('formats metric paths by what they measure', () => {
    expect(formatMetricValue(s, 'wait.p95', 190)).toBe('3m 10s');
    expect(formatMetricValue(s, 'byTrigger.login.total.mean', 42.4)).toBe('42.4s');
    expect(formatMetricValue(s, 'utilisation.mean', 0.734)).toBe('73.4 %');
    expect(formatMetricValue(s, 'emails.pendingAtSendPct', 12.5)).toBe('12.5 %');
    expect(formatMetricValue(s, 'requests.deferred', 1234.4)).toBe('1,234');
    expect(formatMetricValue(s, 'queueLength.mean', 3.14159)).toBe('3.14');
    // decimals follow the reference (a row's mean), so a mean and its interval line up
    expect(formatMetricValue(s, 'requests.deferred', 700.1, 650.4)).toBe('700');
    expect(formatMetricValue(s, 'queueLength.mean', 1.02, 0.9)).toBe('1.02');
    expect(formatMetricValue(s, 'deferrals.count', 12, 12)).toBe('12');
    expect(formatMetricValue(s, 'wait.p95', null)).toBe('—');
  });

  it('without the block the page has no replications in it', () => {
    const without = renderHtml(plain.result);
    expect(without).not.toContain('data-mean=');
    expect(without).not.toContain('id="h-replications"');
    expect(without).not.toContain(' ± ');
    // and the run's own cards are the same as with the block where the block has no metric
    expect(cardAttrs(without, 'failures.count')).toEqual(cardAttrs(html, 'failures.count'));
  });

  it('escapes metric paths of the block and tolerates an empty one', () => {
    const hostile = { ...run.result, summary: { ...s, replications: { n: 3, metrics: { '<b>x</b>': { mean: 1, halfWidth: 0.1, ci: [0.9, 1.1] } } } } as typeof s };
    const out = renderHtml(hostile);
    expect(out).not.toContain('<b>x</b>');
    expect(out).toContain('&#60;b&#62;x&#60;/b&#62;');
    const empty = renderHtml({ ...run.result, summary: { ...s, replications: { n: 3, metrics: {} } } as typeof s });
    expect(empty).toContain('The replications block holds no metrics.');
    expect(empty).not.toContain('data-mean=');
  });
});

describe('formatting for people', () => {
  it.each([
    [null, '—'],
    [0, '0s'],
    [0.42, '420ms'],
    [4.24, '4.24s'],
    [42.4, '42.4s'],
    [190, '3m 10s'],
    [180, '3m'],
    [7500, '2h 05m'],
    [7200, '2h'],
    [97200, '1d 03h'],
  ])('formatSeconds(%j) = %j', (s, text) => {
    expect(formatSeconds(s)).toBe(text);
  });

  it('formats fractions as percentages', () => {
    expect(formatFraction(0.323)).toBe('32.3 %');
    expect(formatFraction(0.0123)).toBe('1.2 %');
    expect(formatFraction(null)).toBe('—');
  });

  it('flattens parameters to paths and caps their number', () => {
    expect(flattenParams({ a: { b: 1, c: [1, 2] }, d: [{ e: 'x' }] })).toEqual([
      ['a.b', '1'],
      ['a.c', '1, 2'],
      ['d[0].e', 'x'],
    ]);
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    expect(flattenParams(many, 4).at(-1)).toEqual(['…', '6 more not shown']);
  });
});
