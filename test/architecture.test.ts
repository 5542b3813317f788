// The floors of docs/architecture.md, checked on the imports of src/: none runs back up a floor, no two
// folders import each other (directly or round a circle), and a folder is reached only through its index.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
/** Bottom first; `input-error.ts` stands on the bottom floor with the vocabulary. */
const FLOORS = ['vocabulary', 'engine', 'refresh', 'scenario', 'logs', 'calibrate', 'stats', 'run', 'experiment', 'backtest', 'gate', 'report', 'cli', 'index.ts'];
const floorOf = (folder: string) => (folder === 'input-error.ts' ? 0 : FLOORS.indexOf(folder));

/** Known exceptions; never to be added to. */
const UP_ALLOWED = new Set<string>();
const PAST_INDEX_ALLOWED = (from: string, to: string) =>
  // run/ reads scenario/model.ts alone so that worker threads don't load the YAML and zod code behind
  // scenario/index.ts; scenario reads engine's distributions and random streams
  (/^src\/(run|stats)\//.test(from) && to === 'scenario/model.ts') ||
  (/^src\/(refresh|scenario)\//.test(from) && /^(engine|scenario)\/(clock|random|distributions|model)\.ts$/.test(to));

interface Edge {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function imports(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts');
      out.push({ from: `src/${relative(SRC, file).split(sep).join('/')}`, to: relative(SRC, target).split(sep).join('/') });
    }
  }
  return out;
}

const folder = (path: string) => path.replace(/^src\//, '').split('/')[0]!;
const crossing = imports().filter((e) => folder(e.from) !== folder(e.to));

describe('the floors of docs/architecture.md', () => {
  it('reads the imports of every folder', () => {
    expect(new Set(crossing.map((e) => folder(e.from)))).toEqual(new Set(['backtest', 'calibrate', 'cli', 'experiment', 'gate', 'index.ts', 'logs', 'refresh', 'report', 'run', 'scenario', 'stats']));
  });

  it('no import runs back up a floor', () => {
    const up = crossing.filter((e) => floorOf(folder(e.to)) > floorOf(folder(e.from))).map((e) => `${e.from} -> ${e.to}`);
    expect(up.filter((e) => !UP_ALLOWED.has(e))).toEqual([]);
  });

  it('no two folders import each other, directly or round a circle', () => {
    const next = new Map<string, Set<string>>();
    for (const e of crossing) next.set(folder(e.from), (next.get(folder(e.from)) ?? new Set()).add(folder(e.to)));
    const circles: string[] = [];
    const walk = (start: string, at: string, trail: string[]) => {
      for (const n of next.get(at) ?? []) {
        if (n === start) circles.push([...trail, n].join(' -> '));
        else if (!trail.includes(n)) walk(start, n, [...trail, n]);
      }
    };
    for (const f of next.keys()) walk(f, f, [f]);
    expect(circles).toEqual([]);
  });

  it("another folder is reached only through its index.ts", () => {
    const past = crossing.filter((e) => !e.to.endsWith('/index.ts') && e.to.includes('/') && !PAST_INDEX_ALLOWED(e.from, e.to)).map((e) => `${e.from} -> ${e.to}`);
    expect(past).toEqual([]);
  });
});
