// Property: whatever a hostile edit does to a shipped scenario, loading it either gives a model or a
// ScenarioError with located problems; never another exception (exit 1) and never a hang.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ScenarioError, parseScenario } from '../../src/scenario/index.js';

const SMALL = ['default.yaml', 'email-burst.yaml', 'ga-agency.yaml', 'monday-storm.yaml', 'public-embeds.yaml'];

const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(
    0, -1, 1e308, -1e308, 1e-300, 0.5, 2 ** 53, 1e9, 1e10, NaN, Infinity, null, true, [], {}, '', ' ',
    '__proto__', 'constructor', 'toString', 'hasOwnProperty', '2026-02-30', '2026-13-45', '2026-01-05T25:00:00Z',
    '5/0s', '1e9/s', '1000000/s', '1ms', '36500d', '99999999999d', '-5m', '0s', 'manual', 'all', 'x'.repeat(5000),
    [1, 2, 3], { min: 5, max: 1 }, { type: 'uniform', min: 5, max: 1 }, { '__proto__': 1 }, 'sessions.csv',
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
);

type Json = unknown;

/** Every path to a value in the data. */
function paths(node: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) paths(v, [...prefix, Array.isArray(node) ? Number(k) : k], out);
  }
  return out;
}

function setAt(root: Json, path: (string | number)[], value: unknown, mode: 'set' | 'delete' | 'add'): Json {
  if (path.length === 0) return mode === 'set' ? value : root;
  let node = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (mode === 'delete') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else if (mode === 'add' && node[last] !== null && typeof node[last] === 'object' && !Array.isArray(node[last])) {
    Object.defineProperty(node[last], 'extra', { value, enumerable: true, writable: true, configurable: true });
  } else {
    Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return root;
}

describe('fuzzing: hostile edits of the shipped scenarios never throw anything but ScenarioError', () => {
  it.each(SMALL)('%s', (file) => {
    const text = readFileSync(`scenarios/${file}`, 'utf8');
    const base = parse(text);
    const all = paths(base);
    const csv = 'user,at,duration\nalice,1h,30m\n';
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(all.length - 1), hostileValue, fc.constantFrom<'set' | 'delete' | 'add'>('set', 'set', 'delete', 'add')), { minLength: 1, maxLength: 4 }), (edits) => {
        let data = structuredClone(base);
        for (const [i, value, mode] of edits) {
          try {
            data = setAt(data, all[i], value, mode);
          } catch {
            // an earlier edit removed the path: nothing to do
          }
        }
        const mutated = stringify(data);
        try {
          parseScenario(mutated, file, { readFile: () => csv });
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw new Error(`${(e as Error).stack}\n--- scenario:\n${mutated.slice(0, 3000)}`);
          for (const p of e.problems) expect(p.file).toBeTruthy();
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 150), seed: Number(process.env.FUZZ_SEED ?? 20261128) },
    );
  }, 120_000);
});
