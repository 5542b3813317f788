// Micro-bench of the future-event set alone: the hold model (pop one event, schedule one later), ns per hold.
//   node dist/bench/queue.js [pending ...]   default 10 10000 100000 1000000
// Two loads per size: due timers (each next due uniformly up to a day ahead, as the week's sources) and
// M/M/c-like (exponential, a second ahead on average). CPU ns, not wall. Not part of `npm run bench`: it picks W and K.
import seedrandom from 'seedrandom';
import { EventQueue } from '../src/engine/events.js';

const loads: [string, (u: number) => number][] = [
  ['day-ahead', (u) => u * 86_400],
  ['seconds-ahead', (u) => -Math.log(1 - u)],
];

function hold(pending: number, ahead: (u: number) => number, holds: number): number {
  const rng = seedrandom.alea(`queue-${pending}`);
  const draws = Float64Array.from({ length: 1 << 16 }, () => ahead(rng())); // no RNG cost in the loop
  const q = new EventQueue();
  for (let i = 0; i < pending; i++) q.push(draws[i & 0xffff], i & 3, 1, i);
  let sum = 0;
  const t0 = process.cpuUsage(); // CPU time: the machine is shared, wall time would count the others
  for (let i = 0; i < holds; i++) {
    q.pop();
    sum += q.lastArg;
    q.push(q.lastTime + draws[i & 0xffff], i & 3, 1, i);
  }
  const used = process.cpuUsage(t0);
  const ns = ((used.user + used.system) * 1e3) / holds;
  if (sum === -1) console.log(sum); // keep the loop's result alive
  return ns;
}

const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [10, 10_000, 100_000, 1_000_000];
for (const pending of sizes) {
  for (const [name, ahead] of loads) {
    const holds = Math.max(2_000_000, 3 * pending);
    hold(pending, ahead, holds / 4); // warm-up
    const runs = [0, 1, 2].map(() => hold(pending, ahead, holds)).sort((a, b) => a - b);
    console.log(`${name.padEnd(14)} ${String(pending).padStart(9)} pending: ${runs[1].toFixed(1)} ns/hold (${runs[0].toFixed(1)} to ${runs[2].toFixed(1)})`);
  }
}
