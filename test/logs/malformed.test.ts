// Malformed logs: every bad row and bad file reported at once, each at file:line with the column named;
// bad rows are counted and skipped, a file with no usable row is fatal (exit 2 at the CLI).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLogs } from '../../src/logs/index.js';
import { formatProblems, ScenarioError } from '../../src/scenario/index.js';

const H = 'source,account,connector,trigger,enqueued,started,finished,outcome,deferred,limit';
const GOOD = 'a.s1,a,rest,due,2026-01-05T00:00:00Z,2026-01-05T00:00:01Z,2026-01-05T00:00:03Z,success,0,';

/** A refresh log with one good row and one bad row, and the line the bad row must produce. */
const BAD_ROWS: [string, string, string][] = [
  ['unknown trigger', 'a.s1,a,rest,dew,1767571200,1767571201,1767571203,success,,', 'x.csv:3: trigger: "dew" is not one of login, due, email, manual, api, warmup (did you mean "due"?)'],
  ['impossible date', 'a.s2,a,rest,due,2026-02-30T00:00:00Z,,,pending,,', 'x.csv:3: enqueued: "2026-02-30T00:00:00Z" is not a date: February 2026 has days 01 to 28'],
  ['instant without zone', 'a.s2,a,rest,due,2026-01-05T08:00:00,,,pending,,', 'x.csv:3: enqueued: expected an ISO instant with a zone like 2026-01-05T08:00:00Z, or epoch seconds (got "2026-01-05T08:00:00")'],
  ['started before enqueued', 'a.s2,a,rest,api,1767571300,1767571240,1767571400,success,,', 'x.csv:3: started: is before enqueued (by 1m)'],
  ['finished before started', 'a.s3,a,rest,api,1767571200,1767571210,1767571205,error,,', 'x.csv:3: finished: is before started (by 5s)'],
  ['ended without finish', 'a.s3,a,rest,api,1767571200,1767571210,,success,,', 'x.csv:3: outcome: is success but finished is empty'],
  ['pending with finish', 'a.s3,a,rest,api,1767571200,1767571210,1767571211,pending,,', 'x.csv:3: outcome: is pending but finished is given'],
  ['unknown outcome', 'a.s5,a,rest,manual,1767571200,1767571300,1767571400,succes,0,', 'x.csv:3: outcome: "succes" is not one of success, error, timeout, auth, pending (did you mean "success"?)'],
  ['short row', 'a.s4,a,rest,api,1767571200', 'x.csv:3: expected 10 values like the header (source,account,connector,trigger,enqueued,started,finished,outcome,deferred,limit), found 5'],
  ['id with a space', 'a s4,a,rest,api,1767571200,1767571201,1767571202,success,,', 'x.csv:3: source: "a s4" is not an id (no spaces, commas or quotes)'],
  ['bad deferred', 'a.s6,a,rest,api,1767571200,1767571201,1767571202,success,soon,', 'x.csv:3: deferred: expected a duration like "90s", "15m", "4h", "7d" or "1h30m", got "soon"'],
  ['deferred longer than the wait', 'a.s6,a,rest,api,1767571200,1767571201,1767571202,success,30s,lim', 'x.csv:3: deferred: is longer than the wait from enqueued to started'],
  ['empty account', 'a.s6,,rest,api,1767571200,1767571201,1767571202,success,,', 'x.csv:3: account: is empty'],
];

/** Whole files that are refused, and every line they must produce. */
const BAD_FILES: [string, string, string, string[]][] = [
  ['empty file', 'e.csv', '', ['e.csv:1: cannot tell which log this is: a refresh log has an `enqueued` column, a session log `login`, an inventory `interval` (see docs/logs.md)']],
  ['misspelt column', 'h.csv', 'source,account,conector,trigger,enqueued,started,finished,outcome\n', ['h.csv:1: conector: unknown column (did you mean `connector`?)', 'h.csv:1: the header has no `connector` column (expected source,account,connector,trigger,enqueued,started,finished,outcome,deferred,limit)', 'h.csv: no usable rows']],
  ['header only', 'o.csv', `${H}\n`, ['o.csv: no usable rows']],
  ['only bad sessions', 's.csv', 'user,account,login,logout,duration\nu1,a,2026-01-05T08:00:00Z,2026-01-05T07:00:00Z,\nu1,a,2026-01-05T08:00:00Z,,\nu1,a,2026-01-05T09:00Z,,-5m\nu1,a,2026-01-05T09:00Z,2026-01-05T09:30Z,30m\n', [
    's.csv:2: logout: is before login',
    's.csv:3: duration: give logout or duration',
    's.csv:4: duration: must not be negative (got "-5m")',
    's.csv:5: logout: give logout or duration, not both',
    's.csv: no usable rows (4 bad)',
  ]],
  ['only bad inventory', 'i.csv', 'source,account,connector,interval\na.s1,a,rest,30s\na.s2,a,rest,soon\n', [
    'i.csv:2: interval: must be at least 1m, the shortest interval the product allows (got "30s")',
    'i.csv:3: interval: expected a duration like "90s", "15m", "4h", "7d" or "1h30m", got "soon"; or "manual"',
    'i.csv: no usable rows (2 bad)',
  ]],
  ['vendor JSON not an array', 'v.json', '{"id": 1}', ['v.json:1: expected an array of data-source records', 'v.json: no usable rows']],
  ['vendor JSON syntax', 'w.json', '[{"id": 1,}]', ['w.json:1: not valid JSON: ', 'w.json: no usable rows']],
  ['vendor JSON bad records', 'b.json', '[\n  {"id": "a b", "name": "n", "refresh_interval": 10},\n  {"id": 3, "connector": "rest", "refresh_interval": "hourly"}\n]\n', [
    'b.json:2: [0].id: "a b" is not an id (no spaces, commas or quotes)',
    'b.json:2: [0].type: neither connector nor type is given',
    'b.json:2: [0].refresh_interval: expected seconds >= 60, 0 or null for manual (got 10)',
    'b.json:3: [1].refresh_interval: expected seconds >= 60, 0 or null for manual (got "hourly")',
    'b.json: no usable rows (2 bad)',
  ]],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'refresh-sim-logs-'));
});

const inDir = (text: string) => text.split(dir + '/').join('');

describe('malformed refresh-log rows: located, counted, skipped', () => {
  it.each(BAD_ROWS)('%s', async (_name, row, message) => {
    const file = join(dir, 'x.csv');
    await writeFile(file, `${H}\n${GOOD}\n${row}\n`);
    const { logs, rowProblems } = readLogs([file]);
    expect(inDir(formatProblems(rowProblems))).toBe(message);
    expect(logs.refresh[0].rows).toHaveLength(1);
    expect(logs.refresh[0].badRows).toBe(1);
  });
});

describe('bad files: every problem of every file at once', () => {
  it.each(BAD_FILES)('%s', async (_name, name, text, lines) => {
    const file = join(dir, name);
    await writeFile(file, text);
    let err: unknown;
    try {
      readLogs([file]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const got = inDir(formatProblems((err as ScenarioError).problems)).split('\n');
    expect(got).toHaveLength(lines.length);
    lines.forEach((l, i) => expect(got[i].startsWith(l)).toBe(true));
  });

  it('reports the problems of several files together, and a missing file', async () => {
    await writeFile(join(dir, 'e2.csv'), '');
    await writeFile(join(dir, 'ok.csv'), `${H}\n${GOOD}\n`);
    let err: ScenarioError | undefined;
    try {
      readLogs([join(dir, 'e2.csv'), join(dir, 'ok.csv'), join(dir, 'missing.csv')]);
    } catch (e) {
      err = e as ScenarioError;
    }
    expect(inDir(formatProblems(err!.problems)).split('\n').map((l) => l.split(':')[0])).toEqual(['e2.csv', 'missing.csv']);
    expect(formatProblems(err!.problems)).toMatch(/missing\.csv: no such file/);
  });

  it('a session log alone is refused when a refresh log is needed', async () => {
    await writeFile(join(dir, 'only-sessions.csv'), 'user,account,login,duration\nu1,a,2026-01-05T08:00:00Z,30m\n');
    expect(() => readLogs([join(dir, 'only-sessions.csv')], { refresh: true })).toThrow(/no refresh log among the files/);
  });
});

describe('vendor data-source records', () => {
  it('maps id, connector or type, refresh_interval and account, and says what it could not map', async () => {
    const file = join(dir, 'vendor.json');
    await writeFile(file, JSON.stringify([
      { id: 101, name: 'Sales', type: 'rest', refresh_interval: 900, owner: 'x', account_id: 'acme' },
      { id: 'ga-1', name: 'Visits', connector: 'ga', refresh_interval: null },
    ], null, 2));
    const { logs, notes } = readLogs([file]);
    expect(logs.inventory[0].rows.map((r) => [r.source, r.account, r.connector, r.interval])).toEqual([
      ['101', 'acme', 'rest', 900],
      ['ga-1', 'unassigned', 'ga', null],
    ]);
    expect(inDir(notes.join('\n'))).toBe([
      'vendor.json: fields not mapped (the simulator has no use for them): owner',
      'vendor.json: 1 record without account, account_id or client_id: put in account "unassigned" unless the refresh log names their account',
      'vendor.json: the vendor records carry no OAuth token, GA profile or Google user: limits on those scopes cannot be derived from them',
    ].join('\n'));
  });
});
