// `npm run bench`: speed and memory of the simulator (issue 13's targets), printed as medians with ranges.
//   mmc    one million Poisson API refreshes, exponential response, 4 workers (rho 0.8), no limits, against
//          a bare typed-array M/M/c loop (bench/bare-mmc.ts) on the same load, pair by pair: the ratio
//          of the two rates is what counts on a shared machine. Target: ratio >= 0.33.
//   week   bench-week (100,000 sources, 7 days) as a whole process, 3 runs.
//   1m     bench-week-1m (1,000,000 sources, 7 days) as a whole process, generation included, 3 runs.
//          Targets: under 60 s and 1.5 GB peak RSS; per-event cost within 25% of the 100,000-source
//          week's; generation and topology (start-up) under 5 s.
//   scale  10k, 100k and 1M sources over 1, 7 and 28 days, one run each (the 7-day rows of 100k and 1M are
//          the median runs of week and 1m when those ran): events/s and bytes per source.
// `npm run bench -- mmc` (or week, 1m, scale) runs one. Week-sized workloads run in child processes
// (bench/cell.ts) so each peak RSS is one whole process's. Wall-clock figures are printed here only.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulation } from '../src/run/simulation.js';
import { bareMmc } from './bare-mmc.js';
import type { CellResult } from './cell.js';
import { MMC, mmcModel } from './workloads.js';

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MB`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
/** "median (min to max)" */
const spread = (xs: number[], f: (x: number) => string) => `${f(median(xs))} (${f(sorted(xs)[0])} to ${f(sorted(xs)[xs.length - 1])})`;

function mmcSection(runs: number): void {
  const model = mmcModel(1_000_000);
  const sim: number[] = [], bare: number[] = [], ratio: number[] = [];
  let refreshes = 0, events = 0;
  for (let i = 0; i < runs + 1; i++) {
    global.gc?.();
    const t0 = performance.now();
    const s = new Simulation(model);
    const t1 = performance.now();
    const { summary } = s.finish();
    const t2 = performance.now();
    refreshes = summary.requests.started;
    events = s.clock.processed;
    global.gc?.();
    const t3 = performance.now();
    const b = bareMmc(refreshes, MMC.lambda, MMC.mu, MMC.workers);
    const t4 = performance.now();
    if (i === 0) continue; // warm-up pair
    const simRate = refreshes / ((t2 - t1) / 1000), bareRate = b.customers / ((t4 - t3) / 1000);
    sim.push(simRate); bare.push(bareRate); ratio.push(simRate / bareRate);
    console.log(`  mmc pair ${i}/${runs}: simulator ${fmt(simRate)} refreshes/s, bare loop ${fmt(bareRate)} customers/s, ratio ${(simRate / bareRate).toFixed(3)} (set-up ${((t1 - t0) / 1000).toFixed(2)} s)`);
  }
  console.log(
    `mmc    ${fmt(refreshes)} refreshes, ${fmt(events)} events | simulator ${spread(sim, fmt)} refreshes/s | ` +
      `bare loop ${spread(bare, fmt)} customers/s | ratio ${spread(ratio, (x) => x.toFixed(3))} over ${runs} pairs (target >= 0.33)`,
  );
}

const CELL = fileURLToPath(new URL('./cell.js', import.meta.url));

interface Timed extends CellResult {
  wallSeconds: number;
}

/** Runs bench/cell.js in a fresh Node process; wall time is the whole process's, start to exit. */
function cell(...args: string[]): Timed {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CELL, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`bench cell ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return { ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as CellResult), wallSeconds };
}

let floor: number | null = null;
/** Peak RSS of a process that loaded the simulator and ran nothing (subtracted for bytes per source). */
function rssFloor(): number {
  return (floor ??= median([cell('empty'), cell('empty'), cell('empty')].map((c) => c.peakRss)));
}

const nsPerEvent = (c: CellResult) => (c.runSeconds / c.events) * 1e9;
/** CPU time per event: on a machine shared with other work, steadier than wall time */
const cpuNsPerEvent = (c: CellResult) => (c.runCpuSeconds / c.events) * 1e9;

function wholeRuns(name: string, runs: number, args: string[]): Timed[] {
  const all: Timed[] = [];
  for (let i = 0; i < runs; i++) {
    const c = cell(...args);
    all.push(c);
    console.log(
      `  ${name} run ${i + 1}/${runs}: ${c.wallSeconds.toFixed(1)} s whole process (generate ${c.generateSeconds.toFixed(2)} s, set-up ${c.setupSeconds.toFixed(2)} s, ` +
        `run ${c.runSeconds.toFixed(1)} s), ${c.cpuSeconds.toFixed(1)} CPU s, ${fmt(c.events / c.runSeconds)} events/s, peak RSS ${mb(c.peakRss)}`,
    );
  }
  const c = all[0];
  console.log(
    `${name.padEnd(6)} ${fmt(c.sources)} sources, ${fmt(c.refreshes)} refreshes, ${fmt(c.events)} events | whole process ${spread(all.map((x) => x.wallSeconds), (x) => `${x.toFixed(1)} s`)}, ` +
      `${spread(all.map((x) => x.cpuSeconds), (x) => `${x.toFixed(1)} CPU s`)} | ${spread(all.map(cpuNsPerEvent), (x) => `${x.toFixed(0)} CPU ns`)} per event | ` +
      `${spread(all.map((x) => x.refreshes / x.runSeconds), fmt)} refreshes/s, ${spread(all.map((x) => x.events / x.runSeconds), fmt)} events/s, ` +
      `${spread(all.map(nsPerEvent), (x) => `${x.toFixed(0)} ns`)} per event | start-up (generate + topology) ${spread(all.map((x) => x.generateSeconds + x.setupSeconds), (x) => `${x.toFixed(2)} s`)} | ` +
      `peak RSS ${spread(all.map((x) => x.peakRss), mb)}, ${fmt((median(all.map((x) => x.peakRss)) - rssFloor()) / c.sources)} bytes per source above an empty process (${mb(rssFloor())})`,
  );
  return all;
}

/** The (sources factor, days) cells already measured by the week and 1m sections: their median run. */
const measured = new Map<string, Timed>();
const medianRun = (runs: Timed[]) => sorted(runs.map((r) => r.runSeconds)).map((t) => runs.find((r) => r.runSeconds === t)!)[Math.floor(runs.length / 2)];

function scaleSection(): void {
  console.log(`scale  bench-week scaled in sources and days, one run each (empty process ${mb(rssFloor())}):`);
  console.log('  | sources | days | events | run s | events / s | ns / event | CPU ns / event | peak RSS | bytes / source | bytes / event |');
  console.log('  | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const factor of [0.1, 1, 10]) {
    for (const days of [1, 7, 28]) {
      const c = measured.get(`${factor}/${days}`) ?? cell('week', String(factor), String(days));
      const above = c.peakRss - rssFloor();
      console.log(
        `  | ${fmt(c.sources)} | ${days} | ${fmt(c.events)} | ${c.runSeconds.toFixed(1)} | ${fmt(c.events / c.runSeconds)} | ${nsPerEvent(c).toFixed(0)} | ${cpuNsPerEvent(c).toFixed(0)} | ` +
          `${mb(c.peakRss)} | ${fmt(above / c.sources)} | ${(above / c.events).toFixed(1)} |`,
      );
    }
  }
}

const only = process.argv[2];
if (only !== undefined && !['mmc', 'week', '1m', 'scale'].includes(only)) throw new Error(`unknown workload "${only}": mmc, week, 1m or scale`);
let week: Timed[] | null = null, big: Timed[] | null = null;
if (!only || only === 'mmc') mmcSection(5);
if (!only || only === 'week') week = wholeRuns('week', 3, ['file', fileURLToPath(new URL('../../scenarios/bench-week.yaml', import.meta.url))]);
if (!only || only === '1m') big = wholeRuns('1m', 3, ['file', fileURLToPath(new URL('../../scenarios/bench-week-1m.yaml', import.meta.url))]);
if (week) measured.set('1/7', medianRun(week));
if (big) measured.set('10/7', medianRun(big));
if (week && big) {
  const r = median(big.map(nsPerEvent)) / median(week.map(nsPerEvent));
  const rc = median(big.map(cpuNsPerEvent)) / median(week.map(cpuNsPerEvent));
  console.log(`1m/week per-event cost ratio ${r.toFixed(2)} wall, ${rc.toFixed(2)} CPU (target <= 1.25)`);
}
if (!only || only === 'scale') scaleSection();
