// The README's commands stay true: every command line it shows exists with the flags it shows, every
// file it names exists, and every transcript (`$ refresh-sim ...` followed by output) is what the
// command prints today.
import { existsSync, readFileSync } from 'node:fs';
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

/** `$ command` lines and the output printed under them, up to the next `$` line or the block's end. */
const transcripts = blocks.flatMap((b) => {
  const out: { command: string; line: number; expected: string[] }[] = [];
  b.lines.forEach((text, k) => {
    if (text.startsWith('$ ')) out.push({ command: text.slice(2), line: b.line + 1 + k, expected: [] });
    else if (out.length) out[out.length - 1].expected.push(text);
  });
  return out;
});

describe('README', () => {
  it('shows commands and transcripts to check', () => {
    expect(commandLines.length).toBeGreaterThanOrEqual(8);
    expect(transcripts.length).toBeGreaterThanOrEqual(2);
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

  it.each(transcripts)('README.md:$line: `$command` prints what the README shows', async ({ command, expected }) => {
    const words = shellWords(command);
    expect(words[0]).toBe('refresh-sim');
    const got = await cli(words.slice(1));
    const printed = (got.stdout + got.stderr).replace(/\s+$/gm, '').trimEnd();
    expect(printed).toBe(expected.join('\n').replace(/\s+$/gm, '').trimEnd());
  }, 120_000);

  it('names only files the repository has', () => {
    const paths = new Set(README.match(/\b(?:scenarios|docs|reports|bench|schemas|src)\/[\w./-]+\.(?:yaml|md|json|csv|ts|txt)\b/g) ?? []);
    expect(paths.size).toBeGreaterThan(3);
    const missing = [...paths].filter((p) => !existsSync(p));
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
