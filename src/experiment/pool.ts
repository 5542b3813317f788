// Runs many simulations: in-process for one job, else on a piscina pool of worker threads.
//
// Results always come back in the order the models were given, never in completion order, so what is
// built from them does not depend on the number of jobs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Model } from '../scenario/index.js';
import type { Summary } from '../vocabulary/index.js';
import { simulate } from '../run/index.js';
import type { SimTask } from './worker.js';
import { defaultJobs, maxJobs } from './guards.js';

export interface SimRunner {
  readonly jobs: number;
  /** Simulates each model; `onDone` is called as each finishes (for progress). Results are in input order. */
  run(models: readonly Model[], onDone?: () => void): Promise<Summary[]>;
  /**
   * Simulates `count` models made on demand by `make(i)`, keeping only `use(summary, i)` of each: at most
   * `jobs` models and summaries exist at a time, so a long list of runs never holds every model in memory.
   * Results are in index order.
   */
  runEach<T>(count: number, make: (i: number) => Model, use: (s: Summary, i: number) => T, onDone?: () => void): Promise<T[]>;
  /** Stops the worker threads (a no-op in-process). */
  close(): Promise<void>;
}

export { defaultJobs } from './guards.js';

/**
 * The compiled worker. From dist/ it sits next to this module; when this module is TypeScript (vitest
 * runs the sources), the build's copy is used: dist/src/experiment/worker.js (see test/global-setup.ts).
 */
export function workerFile(): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/src/experiment/worker.js', here) : new URL('./worker.js', here);
  return fileURLToPath(url);
}

/**
 * A runner for `jobs` parallel simulations (1: in this thread, no pool), never more than `runs` (when
 * known) nor 4 x CPUs worker threads: a thread costs tens of MB before it does any work.
 */
export function createRunner(jobs: number = defaultJobs(), runs = Infinity): SimRunner {
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be a whole number >= 1 (got ${jobs})`);
  const n = Math.max(1, Math.min(jobs, maxJobs(), Math.floor(runs)));
  return n === 1 ? inProcess() : poolRunner(n);
}

function inProcess(): SimRunner {
  const runEach = async <T>(count: number, make: (i: number) => Model, use: (s: Summary, i: number) => T, onDone?: () => void): Promise<T[]> => {
    const out: T[] = [];
    for (let i = 0; i < count; i++) {
      out.push(use(simulate(make(i)).summary, i));
      onDone?.();
      // let a progress bar draw and signals arrive between runs
      await new Promise<void>((r) => setImmediate(r));
    }
    return out;
  };
  return {
    jobs: 1,
    run: (models, onDone) => runEach(models.length, (i) => models[i], (s) => s, onDone),
    runEach,
    async close() {},
  };
}

function poolRunner(jobs: number): SimRunner {
  const filename = workerFile();
  if (!existsSync(filename)) {
    throw new Error(`the simulation worker ${filename} is missing: run \`npm run build\` first (or use --jobs 1)`);
  }
  // threads are started as tasks arrive (minThreads 1), so a short list never starts idle threads
  const pool = new Piscina<SimTask, Summary>({ filename, minThreads: 1, maxThreads: jobs, idleTimeout: 1000 });
  const runEach = async <T>(count: number, make: (i: number) => Model, use: (s: Summary, i: number) => T, onDone?: () => void): Promise<T[]> => {
    const out: T[] = new Array<T>(count);
    let next = 0;
    // `jobs` lanes, each with one task in flight: bounded memory whatever `count` is
    const lane = async () => {
      while (next < count) {
        const i = next++;
        try {
          out[i] = use(await pool.run({ model: make(i) }), i);
        } catch (err) {
          next = count; // the other lanes stop taking work
          throw err;
        }
        onDone?.();
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, count) }, lane));
    return out;
  };
  return {
    jobs,
    run: (models, onDone) => runEach(models.length, (i) => models[i], (s) => s, onDone),
    runEach,
    close: () => pool.destroy(),
  };
}
