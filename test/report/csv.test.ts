// refreshes.csv and timeseries.csv details: formula neutralisation, the row cap, abort, backpressure.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { neutralise, openRefreshesCsv, writeTimeseriesCsv } from '../../src/report/csv.js';
import type { RequestRecord } from '../../src/vocabulary/index.js';
import { parseCsv, parseCsvObjects } from './csv-reader.js';
import { fixtureRun } from './fixture.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'refresh-sim-csv-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  source: 'src-1',
  account: 'acme',
  connector: 'rest-json',
  trigger: 'due',
  enqueueAt: 10,
  startAt: 12.5,
  endAt: 14,
  queue: 2.5,
  deferred: 0,
  response: 1.5,
  deferrals: 0,
  deferLimit: '',
  outcome: 'success',
  ...over,
});

describe('formula neutralisation', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['acme', 'acme'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it('refreshes.csv neutralises every text cell but writes numbers as numbers', async () => {
    const dir = await tempDir();
    const sink = await openRefreshesCsv(dir);
    sink.write(record({ source: '=HYPERLINK("http://x.example","click")', account: '+acme', connector: '-rest', deferLimit: '@limit', deferrals: 1, deferred: 3 }));
    sink.write(record({ source: '\tsrc', account: '\racct', enqueueAt: 0.1 + 0.2 }));
    const [path] = await sink.close();
    const rows = parseCsvObjects(await readFile(path!, 'utf8'));
    expect(rows[0]).toMatchObject({ source: `'=HYPERLINK("http://x.example","click")`, account: "'+acme", connector: "'-rest", defer_limit: "'@limit", deferred_s: '3' });
    expect(rows[1]).toMatchObject({ source: "'\tsrc", account: "'\racct", enqueue_s: '0.3', total_s: '13.7' });
    // no numeric cell is prefixed
    for (const r of rows) for (const k of ['enqueue_s', 'start_s', 'end_s', 'queue_s', 'deferred_s', 'response_s', 'total_s', 'deferrals']) expect(r[k]).toMatch(/^-?[\d.]*$/);
  });

  it('every hostile id of a whole run comes out neutralised', async () => {
    const dir = await tempDir();
    const run = fixtureRun({ hostileIds: true });
    const sink = await openRefreshesCsv(dir);
    for (const r of run.requests) sink.write(r);
    const [path] = await sink.close();
    const rows = parseCsvObjects(await readFile(path!, 'utf8'));
    expect(rows).toHaveLength(run.requests.length);
    for (const r of rows) for (const k of ['source', 'account', 'connector', 'trigger', 'defer_limit', 'outcome']) expect(r[k]).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.some((r) => r.account === "'-initech")).toBe(true);
  });
});

describe('refreshes.csv sink', () => {
  it('writes a header and nothing else for no requests', async () => {
    const dir = await tempDir();
    const sink = await openRefreshesCsv(dir);
    const [path] = await sink.close();
    expect(parseCsv(await readFile(path!, 'utf8'))).toEqual([
      ['source', 'account', 'connector', 'trigger', 'enqueue_s', 'start_s', 'end_s', 'queue_s', 'deferred_s', 'response_s', 'total_s', 'deferrals', 'defer_limit', 'outcome'],
    ]);
  });

  it('pending requests have empty start/end/total cells', async () => {
    const dir = await tempDir();
    const sink = await openRefreshesCsv(dir);
    sink.write(record({ startAt: null, endAt: null, response: 0, outcome: 'pending' }));
    const [path] = await sink.close();
    expect(parseCsvObjects(await readFile(path!, 'utf8'))[0]).toMatchObject({ start_s: '', end_s: '', total_s: '', outcome: 'pending' });
  });

  it('stops at maxRows, counts the rest and says so once', async () => {
    const dir = await tempDir();
    const onCap = vi.fn();
    const sink = await openRefreshesCsv(dir, { maxRows: 3, onCap });
    for (let i = 0; i < 10; i++) sink.write(record({ source: `s${i}` }));
    const [path] = await sink.close();
    const rows = parseCsvObjects(await readFile(path!, 'utf8'));
    expect(rows.map((r) => r.source)).toEqual(['s0', 's1', 's2']);
    expect(sink.rowsWritten).toBe(3);
    expect(sink.rowsOverCap).toBe(7);
    expect(onCap).toHaveBeenCalledOnce();
    expect(onCap).toHaveBeenCalledWith(3);
  });

  it('rejects a bad maxRows', async () => {
    const dir = await tempDir();
    await expect(openRefreshesCsv(dir, { maxRows: -1 })).rejects.toThrow(/maxRows/);
    await expect(openRefreshesCsv(dir, { maxRows: 2.5 })).rejects.toThrow(/maxRows/);
  });

  it('abort leaves no file behind, and the sink refuses further use', async () => {
    const dir = await tempDir();
    const sink = await openRefreshesCsv(dir);
    sink.write(record());
    await sink.abort();
    expect(await readdir(dir)).toEqual([]);
    expect(() => sink.write(record())).toThrow(/after close/);
  });

  it('abort with rows still buffered (no drain) leaves no file and no unhandled stream error', async () => {
    const dir = await tempDir();
    const sink = await openRefreshesCsv(dir);
    for (let i = 0; i < 20_000; i++) sink.write(record({ source: `src-${i}` })); // well past the buffers
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on('unhandledRejection', onRejection);
    try {
      await sink.abort();
      await new Promise((r) => setTimeout(r, 50)); // let destroyed streams report what they would
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    expect(rejections).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('the file appears only on close (atomic rename)', async () => {
    const dir = await tempDir();
    const sink = await openRefreshesCsv(dir);
    sink.write(record());
    await sink.drain();
    expect(await readdir(dir)).not.toContain('refreshes.csv');
    await sink.close();
    expect(await readdir(dir)).toEqual(['refreshes.csv']);
  });

  it('streams a large run with backpressure (drain between chunks)', async () => {
    const dir = await tempDir();
    const sink = await openRefreshesCsv(dir);
    const n = 60_000;
    let drains = 0;
    for (let i = 0; i < n; i++) {
      sink.write(record({ source: `src-${i}`, enqueueAt: i }));
      if (i % 1000 === 999) {
        await sink.drain();
        drains++;
      }
    }
    const [path] = await sink.close();
    const text = await readFile(path!, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(n + 1);
    expect(lines[n]!.startsWith(`src-${n - 1},`)).toBe(true);
    expect(drains).toBe(60);
  });
});

describe('timeseries.csv', () => {
  it('writes empty cells for buckets without a p95 wait', async () => {
    const dir = await tempDir();
    const { result } = fixtureRun();
    const ts = [{ ...result.timeseries[0]!, waitP95: null, waitCumMean: null }];
    const [path] = await writeTimeseriesCsv({ result: { ...result, timeseries: ts }, outDir: dir });
    const [row] = parseCsvObjects(await readFile(path!, 'utf8'));
    expect(row).toMatchObject({ wait_p95_s: '', wait_cum_mean_s: '' });
  });
});
