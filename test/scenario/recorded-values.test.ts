// Recorded response times: `latency: { type: empirical, file: x.csv }` reads one value a row, each bad row located.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { simulate } from '../../src/run/index.js';
import { loadScenario, parseScenario } from '../../src/scenario/index.js';
import { problemsOf } from './hostile-helpers.js';

const scenario = (latency: string, more = '') => `seed: 3
duration: 1d
workers: 2
connectors:
  ga: { latency: ${latency} }${more}
generate:
  - { count: 20, prefix: a, sources: 10, intervals: { 15m: 1, 1h: 1 }, connectors: { ga: 1 } }
arrivals: [ { type: refresh, rate: 120/h } ]
`;

/** Reads the files given in memory (as the loader asks for them: relative to the scenario's folder). */
const reader = (files: Record<string, string>) => ({
  readFile: (p: string) => {
    const name = p.replace(/^dir\//, '');
    if (!(name in files)) throw new Error('no such file');
    return files[name];
  },
});

const parse = (latency: string, files: Record<string, string>, more = '') => parseScenario(scenario(latency, more), 'dir/s.yaml', reader(files));
const problems = (latency: string, files: Record<string, string>, more = '') => problemsOf(scenario(latency, more), reader(files), 'dir/s.yaml');

describe('a file of recorded values', () => {
  test('one column of seconds, with or without a header, units allowed: the same model as the values written inline', () => {
    const inline = parse('{ type: empirical, values: [1.5, 2, 0.25, 90] }', {});
    const plain = parse('{ type: empirical, file: lat.csv }', { 'lat.csv': '1.5\n2\n250ms\n1m30s\n' });
    const headed = parse('{ type: empirical, file: lat.csv }', { 'lat.csv': 'seconds\n1.5\n\n2\n0.25\n90\n' });
    expect(inline.connectors[0].latency).toEqual({ type: 'empirical', values: [1.5, 2, 0.25, 90] });
    expect(plain.connectors).toEqual(inline.connectors);
    expect(headed.connectors).toEqual(inline.connectors);
  });

  test('a named column of a wider file', () => {
    const m = parse('{ type: empirical, file: log.csv, column: response }', { 'log.csv': 'source,response\ns1,4\ns2,"2.5"\n' });
    expect(m.connectors[0].latency).toEqual({ type: 'empirical', values: [4, 2.5] });
  });

  test('sampling uses the connector’s own stream: file and inline values give the same run (common random numbers)', () => {
    const a = simulate(parse('{ type: empirical, values: [1, 3, 8, 20] }', {})).summary;
    const b = simulate(parse('{ type: empirical, file: lat.csv }', { 'lat.csv': '1\n3\n8\n20\n' })).summary;
    const slower = simulate(parse('{ type: empirical, file: lat.csv }', { 'lat.csv': '10\n30\n80\n200\n' })).summary;
    expect(b.requests.completed).toBeGreaterThan(0);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(slower.response.mean).toBeGreaterThan(a.response.mean! * 5);
  });

  test('every bad row at its line and column in the file, with the scenario’s own problems, at once', () => {
    const msgs = problems('{ type: empirical, file: lat.csv }', { 'lat.csv': 'seconds\n1\nfast\n-2\n\n3\n""\n' }, '\n  rest: { latency: 2x }');
    expect(msgs).toEqual([
      'dir/lat.csv:3:1: seconds: expected a number of seconds or a duration like "1.5s" or "250ms" (got "fast")',
      'dir/lat.csv:4:1: seconds: must not be negative (got "-2")',
      'dir/lat.csv:7:1: seconds: expected a value (the cell is empty)',
      'dir/s.yaml:6:20: connectors.rest.latency: expected a duration like "90s", "15m", "4h", "7d", "1h30m" or a number of seconds (got "2x")',
    ]);
  });

  test('problems with the file as a whole are at `file:` in the scenario', () => {
    const at = 'dir/s.yaml:5:43: connectors.ga.latency.file: ';
    expect(problems('{ type: empirical, file: none.csv }', {})).toEqual([`${at}cannot read the CSV file "none.csv": no such file`]);
    expect(problems('{ type: empirical, file: e.csv }', { 'e.csv': '# nothing yet\n' })).toEqual([`dir/s.yaml:5:43: connectors.ga.latency.file: the CSV file has no values (expected one value a row)`]);
    expect(problems('{ type: empirical, file: w.csv }', { 'w.csv': 'source,response\ns1,4\n' })).toEqual([`dir/s.yaml:5:43: connectors.ga.latency.file: the file has 2 columns (\`source\`, \`response\`): name the one to read with \`column:\``]);
    expect(problems('{ type: empirical, file: w.csv, column: respons }', { 'w.csv': 'source,response\ns1,4\n' })).toEqual([`dir/s.yaml:5:43: connectors.ga.latency.file: the header has no column \`respons\` (did you mean \`response\`?)`]);
  });

  test('values or a file, not both; column only with a file', () => {
    expect(problems('{ type: empirical, values: [1], file: a.csv }', { 'a.csv': '1\n' })).toEqual(['dir/s.yaml:5:56: connectors.ga.latency.file: give either `values:` (a list of durations) or `file:` (a CSV file of recorded values), not both']);
    expect(problems('{ type: empirical, values: [1], column: x }', {})).toEqual(['dir/s.yaml:5:58: connectors.ga.latency.column: applies only with `file:`']);
  });
});

describe('from the command line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recorded-'));
    await writeFile(join(dir, 's.yaml'), scenario('{ type: empirical, file: ga-latencies.csv }'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('a file next to the scenario is read relative to it; a bad row is exit 2 with its file:line:column', async () => {
    await writeFile(join(dir, 'ga-latencies.csv'), '1.2\n3.4\n');
    expect((await loadScenario(join(dir, 's.yaml'))).connectors[0].latency).toEqual({ type: 'empirical', values: [1.2, 3.4] });
    await writeFile(join(dir, 'ga-latencies.csv'), '1.2\nslow\n');
    const run = promisify(execFile)(process.execPath, [resolve('dist/src/cli/main.js'), 'validate', join(dir, 's.yaml')]);
    const err = (await run.then(() => undefined, (e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(2);
    expect(err.stderr).toContain(`${join(dir, 'ga-latencies.csv')}:2:1: expected a number of seconds or a duration like "1.5s" or "250ms" (got "slow")`);
    expect(err.stderr).not.toMatch(/\n\s+at /);
  });
});
