// Runs many simulations: in-process for one job, else on a piscina pool of worker threads.
//
// Results always come back in the order the models were given, never in completion order, so what is
// built from them does not depend on the number of jobs.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Model } from '../scenario/model.js';
import type { Summary } from '../stats/types.js';
import { simulate } from './simulate.js';
import type { SimTask } from './worker.js';

export interface SimRunner {
  readonly jobs: number;
  /** Simulates each model; `onDone` is called as each finishes (for progress). Results are in input order. */
  run(models: readonly Model[], onDone?: () => void): Promise<Summary[]>;
  /** Stops the worker threads (a no-op in-process). */
  close(): Promise<void>;
}

/** The default number of jobs: one per CPU. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The compiled worker. From dist/ it sits next to this module; when this module is TypeScript (vitest
 * runs the sources), the build's copy is used: dist/src/experiment/worker.js (see test/global-setup.ts).
 */
export function workerFile(): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts') ? new URL('../../dist/src/experiment/worker.js', here) : new URL('./worker.js', here);
  return fileURLToPath(url);
}

/** A runner for `jobs` parallel simulations (1: in this thread, no pool). */
export function createRunner(jobs: number = defaultJobs()): SimRunner {
  if (!Number.isInteger(jobs) || jobs < 1) throw new RangeError(`jobs must be a whole number >= 1 (got ${jobs})`);
  return jobs === 1 ? inProcess() : poolRunner(jobs);
}

function inProcess(): SimRunner {
  return {
    jobs: 1,
    async run(models, onDone) {
      const out: Summary[] = [];
      for (const m of models) {
        out.push(simulate(m).summary);
        onDone?.();
        // let a progress bar draw and signals arrive between runs
        await new Promise<void>((r) => setImmediate(r));
      }
      return out;
    },
    async close() {},
  };
}

function poolRunner(jobs: number): SimRunner {
  const filename = workerFile();
  if (!existsSync(filename)) {
    throw new Error(`the simulation worker ${filename} is missing: run \`npm run build\` first (or use --jobs 1)`);
  }
  const pool = new Piscina<SimTask, Summary>({ filename, minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
  return {
    jobs,
    run(models, onDone) {
      return Promise.all(
        models.map(async (model) => {
          const s = await pool.run({ model });
          onDone?.();
          return s;
        }),
      );
    },
    close: () => pool.destroy(),
  };
}
