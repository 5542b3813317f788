import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError, formatProblems, loadScenario } from '../../src/scenario/index.js';
import { FileProblem, MAX_SCENARIO_BYTES, readTextFile } from '../../src/scenario/files.js';
import { readRawScenario } from '../../src/scenario/overrides.js';
import { BODY, load, problemsOf } from './hostile-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'refresh-sim-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadProblems(path: string): Promise<string[]> {
  try {
    await loadScenario(path);
  } catch (e) {
    if (e instanceof ScenarioError) return formatProblems(e.problems).split('\n');
    throw e;
  }
  throw new Error('loaded');
}

const billion = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
].join('\n');

describe('YAML: every failure of the parser is a located problem', () => {
  it.each([
    ['an alias bomb (billion laughs)', billion, /^hostile.yaml:2:\d+: too many aliases: expanding them would exceed 10000 copies \(an alias bomb\?\)/],
    ['nesting 100000 deep (flow)', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /^hostile.yaml:\d+:\d+: (nested more than 64 levels deep|cannot read the YAML: nested too deeply|YAML syntax: nested too deeply)/],
    ['nesting 200 deep (block)', Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1', /^hostile.yaml:\d+:\d+: nested more than 64 levels deep/],
    ['an alias that contains itself', 'a: &x\n  b: *x\n', /^hostile.yaml:\d+:\d+: /],
    ['an undefined alias', 'a: *nothing\n', /^hostile.yaml:1:4: (YAML syntax|cannot read the YAML): .*nothing/],
    ['two documents', 'name: a\n---\nname: b\n', /^hostile.yaml:2:1: YAML syntax: /],
    ['a duplicated key', 'name: a\nname: b\n', /^hostile.yaml:2:1: YAML syntax: Map keys must be unique/],
    ['a tab indentation', 'name: a\n\tduration: 1d\n', /^hostile.yaml:2:1: YAML syntax: /],
    ['binary junk', '\u0000\u0001\u0002\uFFFF', /^hostile.yaml:\d+:\d+: /],
    ['a list', '- 1\n- 2\n', /^hostile.yaml:1:1: expected a mapping of scenario keys .*\(got a list\)$/],
    ['an empty file', '', /^hostile.yaml:1:1: expected a mapping of scenario keys .*\(got an empty file\)$/],
    ['a scalar', '42', /^hostile.yaml:1:1: expected a mapping of scenario keys .*\(got 42\)$/],
    ['a JSON number overflow', '{"name": "x", "duration": 1e999}', /^hostile.yaml:1:27: duration: /],
    ['a __proto__ key', `${BODY}__proto__: { duration: 2d }\n`, /^hostile.yaml:13:1: __proto__: `__proto__` cannot be used as a key or id/],
    ['a __proto__ connector (JSON key)', BODY.replace('  rest: { latency', '  __proto__: { latency: 1s }\n  rest: { latency'), /^hostile.yaml:6:3: connectors.__proto__: `__proto__` cannot be used/],
  ])('%s', (_label, text, message) => {
    const lines = problemsOf(text);
    expect(lines.filter((l) => message.test(l)), lines.join('\n')).toHaveLength(1);
  });

  it('many aliases below the limit still load', () => {
    const text = BODY.replace('interval: 15m', 'interval: &iv 15m').replace('    logins', '      - { id: costs, connector: rest, interval: *iv, token: t1 }\n    logins');
    expect(load(text).sources.map((s) => s.interval)).toEqual([900, 900]);
  });

  it('a wide expansion under the alias limit is still bounded', () => {
    const big = `base: &b [${Array.from({ length: 5000 }, () => '1').join(',')}]\nxs: [${Array.from({ length: 1000 }, () => '*b').join(',')}]\n`;
    expect(problemsOf(big)).toEqual([expect.stringMatching(/^hostile.yaml:1:1: (the document expands to more than 4,000,000 values|too many aliases)/)]);
  });
});

describe('only regular files are read, with a size cap', () => {
  const fifo = join(dir, 'pipe.yaml');
  execFileSync('mkfifo', [fifo]);
  const sub = join(dir, 'sub.yaml');
  mkdirSync(sub);
  const big = join(dir, 'big.yaml');
  writeFileSync(big, `# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`);
  const link = join(dir, 'urandom.yaml');
  symlinkSync('/dev/urandom', link);

  it.each([
    [fifo, /pipe.yaml: is a named pipe \(FIFO\), not a regular file$/],
    [sub, /sub.yaml: is a directory, not a regular file$/],
    [big, /big.yaml: is 16.0 MiB, more than the 16 MiB a scenario file may have$/],
    [link, /urandom.yaml: is a device, not a regular file$/],
    [join(dir, 'missing.yaml'), /missing.yaml: no such file$/],
    [join(dir, 'x.txt'), /x.txt: expected a .yaml, .yml or .json scenario file \(got ".txt"\)$/],
  ])('%s', async (path, message) => {
    expect(await loadProblems(path)).toEqual([expect.stringMatching(message)]);
    await expect(readRawScenario(path)).rejects.toThrow(message);
  });

  it('readTextFile drops a byte-order mark and refuses /dev/zero', () => {
    const bom = join(dir, 'bom.yaml');
    writeFileSync(bom, `\uFEFF${BODY}`);
    expect(readTextFile(bom, 1000).startsWith('name: t')).toBe(true);
    expect(() => readTextFile('/dev/zero', 1000)).toThrow(FileProblem);
  });

  it('CSV traces: a FIFO, a directory and a device are located problems', () => {
    const traces = join(dir, 't');
    mkdirSync(traces);
    execFileSync('mkfifo', [join(traces, 'sessions.csv')]);
    mkdirSync(join(traces, 'refreshes.csv'));
    symlinkSync('/dev/urandom', join(traces, 'embeds.csv'));
    const file = join(traces, 's.yaml');
    writeFileSync(file, `${BODY}traces:\n  sessions: sessions.csv\n  refreshes: refreshes.csv\n  embedViews: embeds.csv\n`);
    return loadProblems(file).then((lines) => {
      expect(lines).toEqual([
        expect.stringMatching(/s.yaml:14:13: traces.sessions: cannot read the CSV trace "sessions.csv": is a named pipe \(FIFO\), not a regular file$/),
        expect.stringMatching(/s.yaml:15:14: traces.refreshes: cannot read the CSV trace "refreshes.csv": is a directory, not a regular file$/),
        expect.stringMatching(/s.yaml:16:15: traces.embedViews: cannot read the CSV trace "embeds.csv": is a device, not a regular file$/),
      ]);
    });
  });
});
