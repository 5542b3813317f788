// The staging API of src/report/atomic.ts: outputs appear all at once or not at all, and only our files
// are ever removed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOutputDir, cleanupTemporariesSync, defaultOutDir, stageOutputDir } from '../../src/report/atomic.js';
import { InputError } from '../../src/input-error.js';
import { listAll, tmp } from './helpers.js';

describe('stageOutputDir', () => {
  it('writes into a hidden directory next to a new target and publishes it whole', async () => {
    const parent = await tmp();
    const stage = await stageOutputDir(join(parent, 'out'));
    await writeFile(join(stage.dir, 'summary.json'), '{}');
    await mkdir(join(stage.dir, 'charts'));
    await writeFile(join(stage.dir, 'charts', 'a.png'), 'png');
    expect((await listAll(parent)).some((f) => f === 'out')).toBe(false); // nothing visible before publish
    await stage.publish();
    expect(await listAll(parent)).toEqual(['out', 'out/charts', 'out/charts/a.png', 'out/summary.json']);
  });

  it('abort removes the staging directory and the directories it created for the target', async () => {
    const parent = await tmp();
    const stage = await stageOutputDir(join(parent, 'a', 'b', 'c'));
    await writeFile(join(stage.dir, 'summary.json'), '{}');
    await stage.abort();
    expect(await listAll(parent)).toEqual([]);
  });

  it('cleanupTemporariesSync (what SIGINT/SIGTERM and fatal errors run) removes staged work', async () => {
    const parent = await tmp();
    const stage = await stageOutputDir(join(parent, 'x', 'out'));
    await writeFile(join(stage.dir, 'timeseries.csv'), 't_s\n');
    cleanupTemporariesSync();
    expect(await listAll(parent)).toEqual([]);
  });

  it('replaces a previous report set whole: files the new run did not write are gone', async () => {
    const parent = await tmp();
    const out = join(parent, 'out');
    await mkdir(join(out, 'charts'), { recursive: true });
    await writeFile(join(out, 'refreshes.csv'), 'old');
    await writeFile(join(out, 'summary.json'), 'old');
    await writeFile(join(out, 'charts', 'wait.png'), 'old');
    const stage = await stageOutputDir(out);
    await writeFile(join(stage.dir, 'summary.json'), 'new');
    await stage.publish();
    expect(await listAll(parent)).toEqual(['out', 'out/summary.json']);
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe('new');
  });

  it('in a folder holding anything else, replaces only same-named files and never deletes theirs', async () => {
    const out = await tmp();
    await mkdir(join(out, 'charts'));
    await writeFile(join(out, 'notes.txt'), 'mine');
    await writeFile(join(out, 'charts', 'mine.svg'), 'mine');
    await writeFile(join(out, 'summary.json'), 'old');
    await writeFile(join(out, 'refreshes.csv'), 'old');
    const stage = await stageOutputDir(out);
    expect(stage.dir.startsWith(out + sep)).toBe(true); // staged inside: the parent is not ours to use
    await writeFile(join(stage.dir, 'summary.json'), 'new');
    await mkdir(join(stage.dir, 'charts'));
    await writeFile(join(stage.dir, 'charts', 'wait.png'), 'new');
    await stage.publish();
    expect(await listAll(out)).toEqual(['charts', 'charts/mine.svg', 'charts/wait.png', 'notes.txt', 'refreshes.csv', 'summary.json']);
    expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe('new');
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it("a hidden file of the user's that merely ends in .tmp is theirs: kept", async () => {
    const out = join(await tmp(), 'out');
    await mkdir(out);
    await writeFile(join(out, 'summary.json'), 'old');
    await writeFile(join(out, '.draft.tmp'), 'mine');
    const stage = await stageOutputDir(out);
    await writeFile(join(stage.dir, 'summary.json'), 'new');
    await stage.publish();
    expect(await listAll(out)).toEqual(['.draft.tmp', 'summary.json']);
  });

  it('refuses a target that cannot be a directory, naming the flag', async () => {
    const parent = await tmp();
    await writeFile(join(parent, 'f'), '');
    for (const [target, message] of [
      ['', /^--where: expected a directory path/],
      ['/dev/null', /^--where \/dev\/null: exists and is not a directory$/],
      [join(parent, 'f'), /exists and is not a directory$/],
      [join(parent, 'f', 'g'), /a part of the path is a file/],
      ['a\0b', /NUL/],
    ] as const) {
      const err = await checkOutputDir(target, '--where').catch((e) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
    }
    expect(await listAll(parent)).toEqual(['f']);
  });
});

describe('defaultOutDir', () => {
  it.each([
    ['default', 'reports/default'],
    ['../../../x', 'reports/x'],
    ['/etc/passwd', 'reports/etc-passwd'],
    ['..', 'reports/file'],
    ['', 'reports/file'],
    ['a b\tc', 'reports/a-b-c'],
  ])('%j -> %s', (name, expected) => {
    expect(defaultOutDir(name, 'file')).toBe(expected.split('/').join(sep));
  });

  it('falls back to a fixed slug when neither the name nor the file name gives one', () => {
    expect(defaultOutDir('///', '..')).toBe(join('reports', 'scenario'));
    expect(defaultOutDir(undefined, '')).toBe(join('reports', 'scenario'));
  });

  it('never leaves reports/ whatever the name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (name, file) => {
        const out = defaultOutDir(name, file, '-sweep');
        const parts = normalize(out).split(sep);
        return !isAbsolute(out) && parts.length === 2 && parts[0] === 'reports' && parts[1] !== '..' && !parts[1].startsWith('.') && parts[1].length > 0;
      }),
      { numRuns: 2000 },
    );
  });
});
