// The README's commands stay true: every command line it shows exists with the flags it shows, every
// file it names exists, and every transcript (`$ refresh-sim ...` followed by output) is what the
// command prints today.
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli/helpers.js';

const README = readFileSync('README.md', 'utf8');
const PKG = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

/** The fenced code blocks of a Markdown text, with the line each starts on. */
function codeBlocks(md: string): { lang: string; line: number; lines: string[] }[] {
  const out: { lang: string; line: number; lines: string[] }[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('```')) body.push(lines[j++]);
    out.push({ lang: open[1], line: i + 1, lines: body });
    i = j;
  }
  return out;
}

/** Splits a command line as a POSIX shell would for the simple quoting the README uses. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unbalanced ${c} in: ${line}`);
      cur += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break; // a comment
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

const blocks = codeBlocks(README).filter((b) => b.lang !== 'yaml' && b.lang !== 'json');

/** Every `refresh-sim ...` line shown in a code block (synopses and transcripts), with its README line. */
const commandLines = blocks.flatMap((b) =>
  b.lines
    .map((text, k) => ({ text: text.replace(/^\$ /, ''), line: b.line + 1 + k }))
    .filter((c) => c.text.startsWith('refresh-sim ')),
);

/** `$ command` lines and the output printed under them, up to the next `$` line, block by block. */
const transcripts = blocks
  .map((b) => {
    const steps: { command: string; line: number; expected: string[] }[] = [];
    b.lines.forEach((text, k) => {
      if (text.startsWith('$ ')) steps.push({ command: text.slice(2), line: b.line + 1 + k, expected: [] });
      else if (steps.length) steps[steps.length - 1].expected.push(text);
    });
    return { line: b.line, steps };
  })
  .filter((t) => t.steps.length > 0);

const tidy = (text: string) => text.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');

/**
 * Whether `actual` is what the README shows: the same lines, where a line `...` stands for any number
 * of lines (the README's elision).
 */
function matchesShown(actual: string, shown: string[]): boolean {
  const got = tidy(actual).split('\n');
  const parts = tidy(shown.join('\n')).split('\n');
  // segments between the `...` lines must appear in order; the first anchored at the start, the last at the end
  const segments: string[][] = [[]];
  for (const l of parts) (l === '...' ? segments.push([]) : segments[segments.length - 1].push(l));
  if (segments.length === 1) return got.join('\n') === parts.join('\n');
  let at = 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg.length === 0) continue;
    const fits = (k: number) => seg.every((l, j) => got[k + j] === l);
    if (i === 0) {
      if (!fits(0)) return false;
      at = seg.length;
    } else if (i === segments.length - 1) {
      const k = got.length - seg.length;
      if (k < at || !fits(k)) return false;
    } else {
      let k = at;
      while (k + seg.length <= got.length && !fits(k)) k++;
      if (k + seg.length > got.length) return false;
      at = k + seg.length;
    }
  }
  return true;
}

/** The reader's shell across the README's transcripts (they run in document order). */
let shell = { cwd: process.cwd(), last: 0 };

describe('README', () => {
  it('shows commands and transcripts to check', () => {
    expect(commandLines.length).toBeGreaterThanOrEqual(8);
    expect(transcripts.flatMap((t) => t.steps).length).toBeGreaterThanOrEqual(6);
  });

  it.each(commandLines)('README.md:$line: `$text` names a command that takes those flags', async ({ text }) => {
    const words = shellWords(text.replace(/[[\]]/g, ' '));
    const command = words[1];
    const help = await cli([command, '--help']);
    expect(help.code, `${command} --help: ${help.stderr}`).toBe(0);
    const flags = words.filter((w) => /^--[a-z]/.test(w)).map((w) => w.replace(/=.*/, ''));
    for (const flag of flags) {
      const bare = flag.replace(/^--no-/, '--');
      expect(help.stdout.includes(flag) || help.stdout.includes(bare), `${command} has no ${flag}`).toBe(true);
    }
  });

  it.each(transcripts)('README.md:$line: the transcript is what its commands print today', async ({ steps }) => {
    // one shell for the whole README, as a reader types it: a `cd` carries over to the blocks after it,
    // and works on a copy, so that commands writing files never touch the repository
    let { cwd, last } = shell;
    for (const { command, line, expected } of steps) {
      const words = shellWords(command);
      let printed: string;
      if (words[0] === 'cd') {
        const copy = await mkdtemp(join(tmpdir(), 'readme-'));
        await cp(join(cwd, words[1]), copy, { recursive: true });
        cwd = copy;
        printed = '';
      } else if (command === 'echo $?') {
        printed = String(last);
      } else {
        expect(words[0], `README.md:${line}`).toBe('refresh-sim');
        const got = await cli(words.slice(1), { cwd });
        last = got.code;
        printed = got.stdout + got.stderr;
      }
      shell = { cwd, last };
      expect(matchesShown(printed, expected), `README.md:${line}: \`${command}\` printed:\n${printed}`).toBe(true);
    }
  }, 300_000);

  it('reads elisions in transcripts as any lines, and nothing else', () => {
    expect(matchesShown('a\nb\nc\nd', ['a', '...', 'd'])).toBe(true);
    expect(matchesShown('a\nb\nc\nd', ['a', '...', 'c', '...'])).toBe(true);
    expect(matchesShown('a\nb\nc\nd', ['a', '...', 'x', '...'])).toBe(false);
    expect(matchesShown('a\nb', ['a', 'c'])).toBe(false);
    expect(matchesShown('a\nb  \n', ['a', 'b'])).toBe(true);
  });

  it('names only files the repository has', () => {
    const paths = new Set(README.match(/\b(?:scenarios|docs|reports|bench|schemas|src)\/[\w./-]+\.(?:yaml|md|json|csv|ts|txt)\b/g) ?? []);
    expect(paths.size).toBeGreaterThan(3);
    // what commands write (reports/<name>/, reports/gate/) is not in the repository; baselines and screenshots are
    const missing = [...paths].filter((p) => !existsSync(p) && !/^reports\/(?!baselines\/|screenshots\/)/.test(p));
    expect(missing).toEqual([]);
  });

  it('runs only npm scripts package.json defines', () => {
    const used = [...README.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    const missing = used.filter((s) => !(s in PKG.scripts));
    expect(missing).toEqual([]);
    for (const s of ['start', 'test']) expect(typeof PKG.scripts[s]).toBe('string');
  });
});
