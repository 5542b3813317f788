// vitest globalSetup: compile the project once (dist/) so the worker-thread pool has plain JS to load
// (src/experiment/pool.ts points at dist/src/experiment/worker.js when it runs from TypeScript sources).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKER = join(ROOT, 'dist', 'src', 'experiment', 'worker.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ when the worker is missing or older than any source file. */
export function ensureBuilt(): void {
  if (existsSync(WORKER) && statSync(WORKER).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (err) {
    // tsc still emits when some other file has a type error; only a missing worker is fatal here
    if (!existsSync(WORKER)) throw new Error(`build failed, ${WORKER} missing:\n${(err as { stdout?: Buffer }).stdout?.toString() ?? err}`);
    process.stderr.write(`global-setup: tsc reported errors, continuing with the emitted dist/\n`);
  }
}

export default function setup(): void {
  ensureBuilt();
}
