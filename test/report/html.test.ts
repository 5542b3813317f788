// index.html without a browser: escaping, embedded data, offline fallback, determinism.
import { describe, expect, it } from 'vitest';
import { formatFraction, formatSeconds } from '../../src/report/charts.js';
import { escapeHtml, flattenParams, jsonForScript, renderHtml } from '../../src/report/html.js';
import { emptyRun, fixtureRun, HOSTILE_NAME } from './fixture.js';

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

describe('formatting for people', () => {
  it.each([
    [null, '—'],
    [0, '0 s'],
    [0.42, '0.42 s'],
    [4.24, '4.2 s'],
    [42.4, '42 s'],
    [190, '3 m 10 s'],
    [180, '3 m'],
    [7500, '2 h 5 m'],
    [7200, '2 h'],
    [97200, '1 d 3 h'],
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
