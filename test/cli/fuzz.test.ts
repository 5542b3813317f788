// Property-based fuzzing of the command line (fast-check): mutations of the shipped scenarios (values,
// types, keys, sizes) given to `validate` and `run` end with 0, 2 or 99: never exit 1, a signal, a stack
// trace or a hang (each process has a time-out). test/scenario/fuzz.test.ts fuzzes the loader in process.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('dist/src/cli/main.js');
const SHIPPED = ['default', 'email-burst', 'ga-agency', 'mmc', 'monday-storm', 'public-embeds'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Every path in a parsed document, the root included. */
function paths(node: Json, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(node)) node.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) out.push(...paths(v, [...at, k]));
  return out;
}

/** Values a careless or hostile author might put anywhere. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, -1e308, 1e9, 0.5, '', ' ', 'manual', 'none', '__proto__', 'constructor'),
  fc.constantFrom<Json>('1ms', '0s', '-5m', '1e308d', '36500d', '5/0s', '1e9/s', '10/h', '1w', '15 min', '25:00', '08:00', '2026-02-30', '2026-13-45T00:00:00Z', '2026-01-05T00:00:00Z', 'Mars/Olympus', 'UTC'),
  fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
  fc.double({ noDefaultInfinity: false, noNaN: false }),
  fc.string({ maxLength: 20 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('id', 'max', 'kind', 'type', 'mean', 'count', '__proto__', 'x'), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
);

type Mutation = { op: 'set'; pick: number; value: Json } | { op: 'delete'; pick: number } | { op: 'addKey'; pick: number; key: string; value: Json } | { op: 'duplicate'; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('addKey' as const), pick: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'bogus', 'max', 'count', 'sources'), value: hostileValue }),
  fc.record({ op: fc.constant('duplicate' as const), pick: fc.nat() }),
);

function apply(doc: Json, muts: readonly Mutation[]): Json {
  let root = structuredClone(doc);
  for (const m of muts) {
    const all = paths(root);
    const path = all[m.pick % all.length]!;
    if (path.length === 0) {
      if (m.op === 'set') root = m.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((n, k) => (n as Record<string | number, Json>)[k]!, root) as Record<string | number, Json> | Json[];
    const key = path[path.length - 1]!;
    if (m.op === 'set') (parent as Record<string | number, Json>)[key] = m.value;
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (m.op === 'addKey') {
      const target = (parent as Record<string | number, Json>)[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    } else if (m.op === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[key as number]!));
  }
  return root;
}

const docs = new Map<string, Json>();
beforeAll(async () => {
  for (const name of SHIPPED) docs.set(name, parse(await readFile(`scenarios/${name}.yaml`, 'utf8')) as Json);
});

describe('fuzz: the command line', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'refresh-sim-fuzz-'));
    await cp('scenarios/traces', join(dir, 'traces'), { recursive: true });
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('validate and run of mutated scenarios end with 0, 2 or 99, never 1 or a signal, within a bounded time', async () => {
    const samples = fc.sample(fc.tuple(fc.constantFrom('default', 'mmc', 'public-embeds', 'email-burst'), fc.array(mutation, { minLength: 1, maxLength: 2 })), { numRuns: 24, seed: 7 });
    let i = 0;
    for (const [name, muts] of samples) {
      const file = join(dir, `m${i++}.yaml`);
      await writeFile(file, stringify(apply(docs.get(name)!, muts)));
      for (const args of [['validate', file], ['run', file, '--out', join(dir, `out${i}`), '--format', 'json', '--quiet']]) {
        const r = await new Promise<{ code: number | null; signal: string | null; stderr: string }>((done) =>
          execFile(process.execPath, [BIN, ...args], { cwd: dir, timeout: 60_000, env: { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '' } }, (err, _o, stderr) => {
            const e = err as (Error & { code?: number; signal?: string }) | null;
            done({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stderr });
          }),
        );
        const what = `${args[0]} ${name} with ${JSON.stringify(muts)}: exit ${r.code} ${r.signal ?? ''}\n${r.stderr.slice(0, 1500)}`;
        expect(r.signal, what).toBeNull();
        expect([0, 2, 99], what).toContain(r.code);
        expect(r.stderr, what).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m);
      }
    }
  }, 600_000);
});
