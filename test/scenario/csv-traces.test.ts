import { describe, expect, it } from 'vitest';
import { load, problemsOf, scenario } from './hostile-helpers.js';

const withCsv = (kind: string, csv: string) => ({ text: scenario(`traces:\n  ${kind}: ${kind}.csv`), opts: { baseDir: '.', readFile: () => csv } });

describe('CSV traces are parsed by csv-parse', () => {
  it.each([
    ['LF', 'user,at,duration\nalice,1h,30m\n'],
    ['CRLF', 'user,at,duration\r\nalice,1h,30m\r\n'],
    ['a byte-order mark', '\uFEFFuser,at,duration\nalice,1h,30m\n'],
    ['quoted cells', '"user","at","duration"\n"alice","1h","30m"\n'],
    ['comments and blank lines', '# exported 2026-01-05\nuser,at,duration\n\nalice,1h,30m\n\n'],
    ['spaces around cells', 'user, at, duration\n alice , 1h , 30m \n'],
    ['columns in another order', 'duration,user,at\n30m,alice,1h\n'],
    ['no final newline', 'user,at,duration\nalice,1h,30m'],
  ])('%s', (_label, csv) => {
    const { text, opts } = withCsv('sessions', csv);
    expect(load(text, opts).sessions).toEqual([{ user: 'alice', at: 3600, duration: 1800 }]);
  });

  it('a quoted cell with a comma is one cell', () => {
    const { text, opts } = withCsv('refreshes', 'source,at,trigger\nsales,"1h",manual\n"sa,les",2h,api\n');
    expect(problemsOf(text, opts)).toEqual([expect.stringMatching(/^refreshes.csv:3:1: source: no source with id "sa,les"/)]);
  });
});

describe('bad CSV traces: every bad row located, named by its column', () => {
  it.each([
    ['a duplicated column', 'user,at,duration,at\nalice,1h,30m,2h\n', [/^sessions.csv:1:18: at: the column `at` appears twice in the header \(also column 2\)$/]],
    ['an unknown column', 'user,at,duration,colour\nalice,1h,30m,red\n', [/^sessions.csv:1:18: colour: unknown column `colour` \(expected `user`, `at`, `duration`\)$/]],
    ['a misspelt column', 'user,at,duraton\nalice,1h,30m\n', [/^sessions.csv:1:1: the header has no `duration` column/, /^sessions.csv:1:9: duraton: unknown column `duraton` \(did you mean `duration`\?\)$/]],
    ['a missing column', 'user,at\nalice,1h\n', [/^sessions.csv:1:1: the header has no `duration` column/]],
    ['an empty file', '', [/^sessions.csv:1:1: the CSV file is empty/]],
    ['only a BOM and comments', '\uFEFF# nothing\n', [/^sessions.csv:1:1: the CSV file is empty/]],
    ['too few values', 'user,at,duration\nalice,1h\n', [/^sessions.csv:2:1: expected 3 values like the header \(user,at,duration\), found 2$/]],
    ['too many values', 'user,at,duration\nalice,1h,30m,x\n', [/^sessions.csv:2:1: expected 3 values like the header \(user,at,duration\), found 4$/]],
    ['a stray quote', 'user,at,duration\nal"ice,1h,30m\nbob,1h,30m\n', [/^sessions.csv:2: not valid CSV: Invalid Opening Quote: a quote is found on field 0, value is "al"$/, /^sessions.csv:3:1: user: no user with id "bob"/]],
    ['an unclosed quote', 'user,at,duration\n"alice,1h,30m\n', [/^sessions.csv:\d+: not valid CSV: .*[Qq]uote/]],
    ['bad cells on several rows', 'user,at,duration\nalice,soon,30m\nalice,1h,-5m\nalice,1h,forever\n', [/^sessions.csv:2:7: at: expected a time after the start/, /^sessions.csv:3:10: duration: must be positive/, /^sessions.csv:4:10: duration: expected a duration like "30m"/]],
    ['an id with a quoted comma', 'user,at,duration\n"ali,ce",1h,30m\n', [/^sessions.csv:2:1: user: no user with id "ali,ce"/]],
  ])('%s', (_label, csv, messages) => {
    const { text, opts } = withCsv('sessions', csv);
    const lines = problemsOf(text, opts);
    expect(lines).toEqual(messages.map((m) => expect.stringMatching(m)));
  });

  it('a million bad rows give a bounded list', () => {
    const csv = `user,at,duration\n${'nobody,1h,30m\n'.repeat(20_000)}`;
    const { text, opts } = withCsv('sessions', csv);
    const lines = problemsOf(text, opts);
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe('sessions.csv: ... and 19900 more problems in this file');
  });
});
