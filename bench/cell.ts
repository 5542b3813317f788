// One bench measurement in its own process, so its peak RSS is the whole process's and nothing else's.
//   node dist/bench/cell.js week <factor> <days>   bench-week scaled (bench/workloads.ts)
//   node dist/bench/cell.js file <scenario.yaml>   a scenario file
//   node dist/bench/cell.js empty                  modules loaded, nothing run (the RSS floor)
// Prints one JSON line: generation, set-up (topology and initial events) and run seconds, events,
// refreshes, sources and peak RSS in bytes.
import { Simulation } from '../src/run/simulation.js';
import { loadScenario } from '../src/scenario/index.js';
import type { Model } from '../src/scenario/model.js';
import { scaledWeek } from './workloads.js';

export interface CellResult {
  generateSeconds: number;
  setupSeconds: number;
  runSeconds: number;
  /** CPU seconds (user + system, all threads) of the run: on a loaded machine, closer to a quiet machine's wall time */
  runCpuSeconds: number;
  /** CPU seconds of the whole process at its end */
  cpuSeconds: number;
  events: number;
  refreshes: number;
  sources: number;
  peakRss: number;
}

const [mode, a, b] = process.argv.slice(2);
const t0 = performance.now();
let model: Model | null = null;
if (mode === 'week') model = scaledWeek(Number(a), Number(b));
else if (mode === 'file') model = await loadScenario(a);
else if (mode !== 'empty') throw new Error(`usage: cell.js week <factor> <days> | file <scenario> | empty`);
const t1 = performance.now();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
let out: CellResult = { generateSeconds: 0, setupSeconds: 0, runSeconds: 0, runCpuSeconds: 0, cpuSeconds: 0, events: 0, refreshes: 0, sources: 0, peakRss: 0 };
if (model !== null) {
  const sim = new Simulation(model);
  const t2 = performance.now(), c2 = cpu();
  const { summary } = sim.finish();
  const t3 = performance.now(), c3 = cpu();
  out = {
    generateSeconds: (t1 - t0) / 1000, setupSeconds: (t2 - t1) / 1000, runSeconds: (t3 - t2) / 1000, runCpuSeconds: c3 - c2, cpuSeconds: 0,
    events: sim.clock.processed, refreshes: summary.requests.started, sources: model.sources.length, peakRss: 0,
  };
}
out.peakRss = process.resourceUsage().maxRSS * 1024;
out.cpuSeconds = cpu();
console.log(JSON.stringify(out));
