// Every report writer runs through the same table (as BullMQ's implementations do): it writes into a
// fresh directory, returns exactly the files it wrote, leaves no temporary file, its output parses,
// and the numbers in it agree with the run's summary and time series.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRIGGERS } from '../../src/scenario/model.js';
import { buildCharts } from '../../src/report/charts.js';
import { openRefreshesCsv, writeTimeseriesCsv } from '../../src/report/csv.js';
import { writeHtml } from '../../src/report/html.js';
import { PNG_HEIGHT, PNG_WIDTH, pngAvailable, writePng } from '../../src/report/png.js';
import type { RequestRecord, Summary, ReplicationMetric, Replications } from '../../src/vocabulary/index.js';
import { aggregate, HEADLINE_METRICS, metricValues } from '../../src/experiment/replicate.js';
import { parseCsvObjects } from './csv-reader.js';
import { type TestRun } from './fixture.js';
import { simulate } from '../../src/run/simulation.js';
import { loadScenario } from '../../src/scenario/index.js';

/** The run every writer is checked against: a real simulation of the shipped default scenario. */
const makeRun = async (): Promise<TestRun> => realRun('scenarios/default.yaml');

async function realRun(file: string): Promise<TestRun> {
  const requests: RequestRecord[] = [];
  const result = simulate(await loadScenario(file), { onRequest: (r) => requests.push(r) });
  return { result, requests };
}

interface WriterCase {
  name: string;
  /** a reason to skip, or null */
  skip?: () => Promise<string | null>;
  write(run: TestRun, dir: string): Promise<string[]>;
  /** the files the writer must produce, relative to the output directory */
  expected(run: TestRun): string[];
  check(paths: string[], run: TestRun): Promise<void>;
}

const close = (a: number, b: number, rel = 1e-6) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
const cell = (v: string) => (v === '' ? null : Number(v));

/** The refreshes.csv sink, driven as the runner will drive it: write, and await drain() between chunks. */
async function writeRequests(requests: RequestRecord[], dir: string): Promise<string[]> {
  const sink = await openRefreshesCsv(dir);
  for (let i = 0; i < requests.length; i++) {
    sink.write(requests[i]!);
    if (i % 500 === 499) await sink.drain();
  }
  return sink.close();
}

const cases: WriterCase[] = [
  {
    name: 'timeseries.csv',
    write: (run, outDir) => writeTimeseriesCsv({ result: run.result, outDir }),
    expected: () => ['timeseries.csv'],
    async check([path], run) {
      const rows = parseCsvObjects(await readFile(path!, 'utf8'));
      const ts = run.result.timeseries;
      expect(rows).toHaveLength(ts.length);
      rows.forEach((row, i) => {
        const r = ts[i]!;
        expect(Number(row.t_s)).toBe(r.t);
        let total = 0;
        for (const t of TRIGGERS) {
          expect(Number(row[`arrivals_${t}`])).toBe(r.arrivals[t]);
          total += r.arrivals[t];
        }
        expect(Number(row.arrivals_total)).toBe(total);
        expect(Number(row.completions)).toBe(r.completions);
        expect(Number(row.failures)).toBe(r.failures);
        expect(Number(row.deferrals)).toBe(r.deferrals);
        expect(close(Number(row.queue_mean), r.queueMean)).toBe(true);
        expect(Number(row.queue_max)).toBe(r.queueMax);
        expect(close(Number(row.busy_mean), r.busyMean)).toBe(true);
        expect(Number(row.workers)).toBe(r.workers);
        const p95 = cell(row.wait_p95_s!);
        expect(p95 === null ? r.waitP95 === null : close(p95, r.waitP95!)).toBe(true);
        const cum = cell(row.wait_cum_mean_s!);
        expect(cum === null ? r.waitCumMean === null : close(cum, r.waitCumMean!)).toBe(true);
        expect(Number(row.active_accounts)).toBe(r.activeAccounts);
      });
      // The series and the summary describe the same run.
      const s = run.result.summary;
      const after = ts.filter((r) => r.t >= s.span.warmup);
      expect(after.reduce((n, r) => n + TRIGGERS.reduce((m, t) => m + r.arrivals[t], 0), 0)).toBe(s.requests.enqueued.total);
      expect(Math.max(...after.map((r) => r.queueMax))).toBe(s.queueLength.max);
    },
  },
  {
    name: 'refreshes.csv (request sink)',
    write: (run, dir) => writeRequests(run.requests, dir),
    expected: () => ['refreshes.csv'],
    async check([path], run) {
      const rows = parseCsvObjects(await readFile(path!, 'utf8'));
      expect(rows).toHaveLength(run.requests.length);
      rows.forEach((row, i) => {
        const r = run.requests[i]!;
        expect(row.source).toBe(r.source);
        expect(row.trigger).toBe(r.trigger);
        expect(Number(row.enqueue_s)).toBe(r.enqueueAt);
        expect(cell(row.start_s!)).toBe(r.startAt);
        expect(row.outcome).toBe(r.outcome);
        expect(close(Number(row.queue_s) + Number(row.deferred_s) + Number(row.response_s), r.queue + r.deferred + r.response, 1e-5)).toBe(true);
      });
      // Recompute the summary's counts and exact statistics from the rows.
      const s = run.result.summary;
      const after = rows.filter((r) => Number(r.enqueue_s) >= s.span.warmup);
      for (const t of TRIGGERS) expect(after.filter((r) => r.trigger === t).length, t).toBe(s.requests.enqueued[t]);
      const started = after.filter((r) => r.start_s !== '');
      expect(started.length).toBe(s.requests.started);
      expect(after.filter((r) => r.outcome === 'success').length).toBe(s.requests.completed);
      expect(after.filter((r) => Number(r.deferrals) > 0).length).toBe(s.requests.deferred);
      const waits = started.map((r) => Number(r.queue_s) + Number(r.deferred_s));
      expect(close(waits.reduce((a, b) => a + b, 0) / waits.length, s.wait.mean!, 1e-5)).toBe(true);
      expect(close(Math.max(...waits), s.wait.max!, 1e-5)).toBe(true);
      const totals = after.filter((r) => r.total_s !== '').map((r) => Number(r.total_s));
      expect(close(Math.max(...totals), s.total.max!, 1e-5)).toBe(true);
      for (const l of s.deferrals.byLimit) {
        const n = after.filter((r) => r.defer_limit === l.id).reduce((m, r) => m + Number(r.deferrals), 0);
        expect(n, l.id).toBe(l.deferrals);
      }
    },
  },
  {
    name: 'charts/*.png',
    skip: async () => ((await pngAvailable()) ? null : 'chartjs-node-canvas/canvas not installed'),
    write: (run, outDir) => writePng({ result: run.result, outDir }),
    expected: (run) => buildCharts(run.result).filter((c) => c.empty === undefined).map((c) => join('charts', `${c.id}.png`)),
    async check(paths) {
      expect(paths.map((p) => p.slice(p.lastIndexOf('charts')))).toEqual(
        ['wait-distribution', 'time-split', 'wait-p95-over-time', 'queue-over-time', 'warmup', 'deferrals-by-limit', 'freshness'].map((id) => join('charts', `${id}.png`)),
      );
      for (const path of paths) {
        const png = PNG.sync.read(await readFile(path));
        expect([png.width, png.height]).toEqual([PNG_WIDTH, PNG_HEIGHT]);
        const colours = new Set<number>();
        for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
        expect(colours.size, path).toBeGreaterThan(6);
        // white background, not transparent
        expect(png.data.readUInt32BE(0)).toBe(0xffffffff);
      }
    },
  },
  {
    name: 'index.html',
    write: (run, outDir) => writeHtml({ result: run.result, outDir }),
    expected: () => ['index.html'],
    async check([path], run) {
      const html = await readFile(path!, 'utf8');
      const s = run.result.summary;
      const json = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html)?.[1];
      expect(json).toBeDefined();
      const data = JSON.parse(json!) as { summary: unknown; params: unknown; charts: { id: string }[] };
      expect(data.summary).toEqual(JSON.parse(JSON.stringify(s)));
      expect(data.params).toEqual(JSON.parse(JSON.stringify(run.result.params)));
      expect(data.charts.map((c) => c.id)).toEqual(buildCharts(run.result).filter((c) => c.empty === undefined).map((c) => c.id));
      const cards = new Map([...html.matchAll(/data-metric="([^"]+)" data-value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      expect(Number(cards.get('wait.p95'))).toBe(s.wait.p95);
      expect(Number(cards.get('total.p95'))).toBe(s.total.p95);
      expect(Number(cards.get('utilisation.mean'))).toBe(s.utilisation.mean);
      expect(Number(cards.get('emails.pendingAtSendPct'))).toBe(s.emails.pendingAtSendPct);
      expect(Number(cards.get('requests.deferred/requests.started'))).toBe(s.requests.deferred / s.requests.started);
      for (const c of buildCharts(run.result).filter((c) => c.empty === undefined)) expect(html).toContain(`data-chart="${c.id}"`);
      expect(data.charts).toHaveLength(7);
      // the warm-up check plots the run's cumulative mean wait, bucket by bucket
      const warmup = (data.charts as unknown as { id: string; config: { data: { datasets: { data: { x: number; y: number | null }[] }[] } } }[]).find((c) => c.id === 'warmup')!;
      const line = warmup.config.data.datasets[0]!.data;
      expect(line).toHaveLength(run.result.timeseries.length);
      const yScale = run.result.timeseries.reduce((m, r, i) => (r.waitCumMean && line[i]!.y ? r.waitCumMean / line[i]!.y! : m), 1);
      run.result.timeseries.forEach((r, i) => expect(r.waitCumMean === null ? line[i]!.y === null : close(line[i]!.y! * yScale, r.waitCumMean, 1e-3)).toBe(true));
      expect(html).toContain('Is the warm-up long enough?');
      // a plain run: no replications on the page
      expect(html).not.toContain('data-mean=');
      expect(html).not.toContain('id="replications"');
      for (const l of s.deferrals.byLimit) expect(html).toContain(`<th scope="row">${l.id}</th>`);
      expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    },
  },
  {
    name: 'index.html (with replications)',
    write: (run, outDir) => writeHtml({ result: replicated(run).result, outDir }),
    expected: () => ['index.html'],
    async check([path], run) {
      const html = await readFile(path!, 'utf8');
      const { result, replications } = replicated(run);
      const s = result.summary;
      const json = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(html)?.[1];
      expect(JSON.parse(json!).summary.replications).toEqual(replications);
      // cards keep this run's value and carry the interval
      const cards = new Map([...html.matchAll(/data-metric="([^"]+)" data-value="([^"]*)" data-mean="([^"]*)" data-ci-low="([^"]*)" data-ci-high="([^"]*)"/g)].map((m) => [m[1]!, m.slice(2).map(Number)]));
      expect(cards.get('wait.p95')).toEqual([s.wait.p95, ...meanCi(replications.metrics['wait.p95']!)]);
      expect(cards.get('total.p95')).toEqual([s.total.p95, ...meanCi(replications.metrics['total.p95']!)]);
      expect(cards.get('utilisation.mean')).toEqual([s.utilisation.mean, ...meanCi(replications.metrics['utilisation.mean']!)]);
      expect(cards.get('emails.pendingAtSendPct')).toEqual([s.emails.pendingAtSendPct, ...meanCi(replications.metrics['emails.pendingAtSendPct']!)]);
      expect(html).toContain(`95% CI over ${replications.n} replications`);
      // one table row per metric, mean / low / high as data
      const rows = [...html.matchAll(/<tr data-metric="([^"]+)"><th scope="row">[^<]*<\/th><td class="num" data-value="([^"]*)">[^<]*<\/td><td class="num" data-value="([^"]*)">[^<]*<\/td><td class="num" data-value="([^"]*)">/g)];
      expect(rows.map((r) => r[1])).toEqual(Object.keys(replications.metrics));
      for (const r of rows) expect(r.slice(2, 5).map(Number), r[1]).toEqual(meanCi(replications.metrics[r[1]!]!));
    },
  },
];

const meanCi = (m: ReplicationMetric) => [m.mean, m.ci[0], m.ci[1]];

/** The run as `run --replications 3` would write it, with the other two replications made up (±10 %). */
function replicated(run: TestRun): TestRun & { replications: Replications } {
  const base = metricValues(run.result.summary, HEADLINE_METRICS);
  const scaled = (f: number) => Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v === null ? null : v * f]));
  const replications = aggregate([base, scaled(0.9), scaled(1.1)], HEADLINE_METRICS);
  return { result: { ...run.result, summary: { ...run.result.summary, replications } as Summary }, requests: run.requests, replications };
}

describe('report writers conformance', () => {
  let run: TestRun;
  const dirs: string[] = [];
  beforeAll(async () => {
    run = await makeRun();
  });
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  for (const c of cases) {
    it(`${c.name}: writes its files atomically and they agree with the run`, async (ctx) => {
      const reason = c.skip ? await c.skip() : null;
      if (reason && process.env.CI) throw new Error(`CI must render every format: ${reason}`);
      if (reason) ctx.skip(reason);
      const dir = await mkdtemp(join(tmpdir(), 'refresh-sim-report-'));
      dirs.push(dir);
      const paths = await c.write(run, dir);
      expect(paths.map((p) => relative(dir, p)).sort()).toEqual(c.expected(run).sort());
      for (const p of paths) expect((await stat(p)).size).toBeGreaterThan(0);
      const all = await readdir(dir, { recursive: true });
      expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      await c.check(paths, run);
    }, 30_000);
  }
});
