// Bad input over every command, as a user or a hostile script would give it: each case must end with
// exit 2 (or 99 where a gate judges a run it cannot pass), one located message, no stack trace, and
// nothing written next to it. The table is grouped by class; each class is what the CLI must hold, the
// rows are examples of it.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('dist/src/cli/main.js');

/** A small valid scenario: every mutation below starts from it. */
const BASE = `name: tiny
seed: 1
start: 2026-01-05T00:00:00Z
duration: 1d
warmup: 1h
workers: 2
bucket: 5m
limits:
  conc: { kind: concurrent, scope: token, max: 2 }
  win: { kind: window, scope: account, max: 100, window: 1h, type: sliding }
connectors:
  rest: { latency: { type: exponential, mean: 2s }, limits: [conc, win], timeout: 1m, failureRate: 0.01 }
accounts:
  - id: acme
    timezone: America/Toronto
    users: [alice, bob]
    sources:
      - { id: s1, connector: rest, interval: 15m, token: t1 }
      - { id: s2, connector: rest, interval: 1h, token: t1 }
    klips: [ { id: k1, sources: [s1, s2] } ]
    emails: [ { id: m1, klips: [k1], at: "08:00", days: weekdays } ]
    logins: { perUserPerDay: 3, profile: office }
traces:
  sessions: sessions.csv
arrivals:
  - { type: refresh, trigger: api, rate: 10/h, sources: { connector: rest } }
`;
const SESSIONS = 'user,at,duration\nalice,8h30m,45m\nbob,2026-01-05T14:00:00Z,20m\n';

/** BASE with `from` replaced by `to` (the text must be there: a typo in this table fails loudly). */
function mut(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`mutation source not in BASE: ${from}`);
  return BASE.replace(from, to);
}
const GENERATE = (count: string, sources: string) =>
  BASE + `generate:\n  - { count: ${count}, prefix: g, users: 2, sources: ${sources}, intervals: { 15m: 1 }, connectors: { rest: 1 }, logins: { perUserPerDay: 1 } }\n`;

interface Case {
  name: string;
  /** command line after the binary; `s.yaml` is the (possibly mutated) scenario in the case's folder */
  args: string[];
  /** the scenario text (default BASE) */
  scenario?: string;
  /** more files in the case's folder (null makes a directory; a function is read when the case runs) */
  files?: Record<string, string | Buffer | null | (() => string)>;
  env?: Record<string, string>;
  /** expected exit code (default 2) */
  code?: number;
  /** what the message must contain: the file:line, the flag or the field it is about */
  where: RegExp;
}

/** Every scenario problem is checked by both `validate` and `run`: neither may simulate or write. */
function scenarioCases(name: string, scenario: string, where: RegExp, files?: Case['files']): Case[] {
  return [
    { name: `validate: ${name}`, args: ['validate', 's.yaml'], scenario, files, where },
    { name: `run: ${name}`, args: ['run', 's.yaml', '--out', 'out', '--quiet'], scenario, files, where },
  ];
}

const AT = (line: number) => new RegExp(`s\\.yaml:${line}(:\\d+)?:`);
const LOCATED = /s\.yaml:\d+:\d+:/;

const SCENARIO_CASES: Case[] = [
  // numbers out of range, non-finite, of the wrong type
  ...scenarioCases('duration 1e308', mut('duration: 1d', 'duration: 1e308'), AT(4)),
  ...scenarioCases('duration negative', mut('duration: 1d', 'duration: -1d'), AT(4)),
  ...scenarioCases('duration not a duration', mut('duration: 1d', 'duration: soon'), AT(4)),
  ...scenarioCases('duration zero', mut('duration: 1d', 'duration: 0'), AT(4)),
  ...scenarioCases('duration of a century (size guard)', mut('duration: 1d', 'duration: 36500d'), /duration|36500|allow-large/),
  ...scenarioCases('warm-up past the end', mut('warmup: 1h', 'warmup: 2d'), AT(5)),
  ...scenarioCases('workers negative', mut('workers: 2', 'workers: -1'), AT(6)),
  ...scenarioCases('workers fractional', mut('workers: 2', 'workers: 1.5'), AT(6)),
  ...scenarioCases('workers a trillion', mut('workers: 2', 'workers: 1000000000000'), AT(6)),
  ...scenarioCases('bucket of a millisecond (size guard)', mut('bucket: 5m', 'bucket: 1ms'), /bucket/),
  ...scenarioCases('seed a string', mut('seed: 1', 'seed: abc'), AT(2)),
  ...scenarioCases('seed 1e400', mut('seed: 1', 'seed: 1e400'), AT(2)),
  ...scenarioCases('rate divided by zero', mut('rate: 10/h', 'rate: 5/0s'), /s\.yaml:\d+:\d+: arrivals\[0\]\.rate/),
  ...scenarioCases('rate of a billion per second (size guard)', mut('rate: 10/h', 'rate: 1e9/s'), /arrivals|rate|allow-large/),
  ...scenarioCases('rate negative', mut('rate: 10/h', 'rate: -10/h'), /arrivals\[0\]\.rate/),
  ...scenarioCases('failure rate above 1', mut('failureRate: 0.01', 'failureRate: 1.5'), /failureRate/),
  ...scenarioCases('latency mean negative', mut('mean: 2s', 'mean: -2s'), /latency/),
  ...scenarioCases('interval below the minimum', mut('interval: 15m', 'interval: 30s'), /sources\[0\]\.interval/),
  ...scenarioCases('logins per user NaN', mut('perUserPerDay: 3', 'perUserPerDay: .nan'), /perUserPerDay/),
  ...scenarioCases('logins per user infinite', mut('perUserPerDay: 3', 'perUserPerDay: .inf'), /perUserPerDay/),
  ...scenarioCases('generate ten million accounts (size guard)', GENERATE('10000000', '5'), /count|generate|allow-large/),
  ...scenarioCases('generate a billion sources (size guard)', GENERATE('2', '1e9'), /sources|generate|allow-large/),
  ...scenarioCases('generate a negative count', GENERATE('-3', '5'), /generate\[0\]\.count/),
  // impossible dates and times
  ...scenarioCases('start on February 30', mut('start: 2026-01-05T00:00:00Z', 'start: 2026-02-30T00:00:00Z'), AT(3)),
  ...scenarioCases('start in month 13', mut('start: 2026-01-05T00:00:00Z', 'start: 2026-13-45'), AT(3)),
  ...scenarioCases('start at hour 25', mut('start: 2026-01-05T00:00:00Z', 'start: 2026-01-05T25:00:00Z'), AT(3)),
  ...scenarioCases('start year 275760+', mut('start: 2026-01-05T00:00:00Z', 'start: 999999-01-01T00:00:00Z'), AT(3)),
  ...scenarioCases('e-mail at 25:00', mut('at: "08:00"', 'at: "25:00"'), /emails\[0\]\.at/),
  ...scenarioCases('unknown time zone', mut('timezone: America/Toronto', 'timezone: Mars/Olympus'), /timezone/),
  // limits that can never admit a call
  ...scenarioCases('window limit of 0 calls', mut('max: 100', 'max: 0'), /limits\.win|max/),
  ...scenarioCases('concurrent limit of 0', mut('max: 2 }', 'max: 0 }'), /limits\.conc|max/),
  ...scenarioCases('cost above the window cap', mut('failureRate: 0.01 }', 'failureRate: 0.01, cost: 500 }'), /cost|max|limits/),
  ...scenarioCases('window of zero seconds', mut('window: 1h', 'window: 0s'), /window/),
  // references, ids and keys
  ...scenarioCases('unknown connector', mut('connector: rest, interval: 15m', 'connector: resst, interval: 15m'), /connector/),
  ...scenarioCases('klip names an unknown source', mut('sources: [s1, s2]', 'sources: [s1, s9]'), /klips\[0\]\.sources/),
  ...scenarioCases('duplicated source id', mut('id: s2,', 'id: s1,'), /s1/),
  ...scenarioCases('unknown top-level key', mut('bucket: 5m', 'buckett: 5m'), /buckett/),
  ...scenarioCases('unknown limit id on a connector', mut('limits: [conc, win]', 'limits: [conc, wind]'), /wind/),
  ...scenarioCases('retry ladder going down', BASE + 'retryLadder: [ { from: 3, every: 5m }, { from: 1, every: 1h } ]\n', /retryLadder/),
  ...scenarioCases('session length uniform with min above max', mut('profile: office }', 'profile: office, sessionLength: { type: uniform, min: 5m, max: 1m } }'), /sessionLength/),
  // thresholds in the file are checked at load, with their place
  ...scenarioCases('threshold on an unknown path', BASE + 'thresholds:\n  wait.p95x: "< 5m"\n', /s\.yaml:\d+:\d+:.*wait\.p95x/),
  ...scenarioCases('threshold with a unit that does not exist', BASE + 'thresholds:\n  wait.p95: "< 5 parsecs"\n', /s\.yaml:\d+:\d+:.*wait\.p95/),
  ...scenarioCases('duration threshold on a count', BASE + 'thresholds:\n  requests.completed: "< 5m"\n', /s\.yaml:\d+:\d+:.*requests\.completed/),
  ...scenarioCases('threshold with no operator', BASE + 'thresholds:\n  wait.p95: "5m"\n', /s\.yaml:\d+:\d+:.*wait\.p95/),
  // YAML and file shape
  ...scenarioCases('YAML syntax error', mut('workers: 2', 'workers: [2'), LOCATED),
  ...scenarioCases('YAML alias bomb', 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n', /s\.yaml/),
  ...scenarioCases('deeply nested YAML', 'name: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n', /s\.yaml/),
  ...scenarioCases('an empty file', '', /s\.yaml/),
  ...scenarioCases('a list, not a mapping', '- 1\n- 2\n', /s\.yaml/),
  ...scenarioCases('a binary file', '\u0000\u0001\u0002\uFFFD\u0000', /s\.yaml/),
  ...scenarioCases('a Latin-1 file', '', /s\.yaml: is not UTF-8 text \(byte 10 /, { 's.yaml': Buffer.from('name: caf\xe9\nduration: 1h\n', 'latin1') }),
  ...scenarioCases('a UTF-16 file', '', /s\.yaml: is UTF-16 text/, { 's.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE, 'utf16le')]) }),
  ...scenarioCases('a Latin-1 trace', BASE, /sessions\.csv.*not UTF-8 text/, { 'sessions.csv': Buffer.from('user,at,duration\nalic\xe9,1h,30m\n', 'latin1') }),
  // traces
  ...scenarioCases('trace file missing', BASE.replace('sessions: sessions.csv', 'sessions: nowhere.csv'), /nowhere\.csv/),
  ...scenarioCases('trace file is a directory', BASE.replace('sessions: sessions.csv', 'sessions: adir'), /adir/, { adir: null }),
  ...scenarioCases('trace file is a device', BASE.replace('sessions: sessions.csv', 'sessions: /dev/urandom'), /urandom/),
  ...scenarioCases('trace row in month 13', BASE, /sessions\.csv:3/, { 'sessions.csv': 'user,at,duration\nalice,8h30m,45m\nbob,2026-13-01T00:00:00Z,20m\n' }),
  ...scenarioCases('trace with a duplicated column', BASE, /sessions\.csv:1/, { 'sessions.csv': 'user,at,duration,at\nalice,8h30m,45m,1h\n' }),
  ...scenarioCases('trace row naming an unknown user', BASE, /sessions\.csv:2/, { 'sessions.csv': 'user,at,duration\nmallory,8h30m,45m\n' }),
  ...scenarioCases('trace row with a bad duration', BASE, /sessions\.csv:2/, { 'sessions.csv': 'user,at,duration\nalice,8h30m,forever\n' }),
  ...scenarioCases('trace with an unclosed quote', BASE, /sessions\.csv:2/, { 'sessions.csv': 'user,at,duration\n"alice,8h30m,45m\n' }),
];

const RUN_FLAG_CASES: Case[] = [
  { name: '--seed not a number', args: ['run', 's.yaml', '--seed', 'abc'], where: /--seed/ },
  { name: '--seed fractional', args: ['run', 's.yaml', '--seed', '1.5'], where: /--seed/ },
  { name: '--seed beyond a safe integer', args: ['run', 's.yaml', '--seed', '1e300'], where: /--seed/ },
  { name: '--format unknown', args: ['run', 's.yaml', '--format', 'pdf'], where: /--format/ },
  { name: '--requests-csv-max negative', args: ['run', 's.yaml', '--requests-csv', '--requests-csv-max', '-1'], where: /--requests-csv-max/ },
  { name: '--requests-csv-max zero', args: ['run', 's.yaml', '--requests-csv', '--requests-csv-max', '0'], where: /--requests-csv-max/ },
  { name: '--requests-csv-max fractional', args: ['run', 's.yaml', '--requests-csv', '--requests-csv-max', '2.5'], where: /--requests-csv-max/ },
  { name: '--replications zero', args: ['run', 's.yaml', '--replications', '0'], where: /--replications/ },
  { name: '--replications negative', args: ['run', 's.yaml', '--replications', '-3'], where: /--replications/ },
  { name: '--replications a billion', args: ['run', 's.yaml', '--replications', '1e9'], where: /--replications/ },
  { name: '--replications not a number', args: ['run', 's.yaml', '--replications', 'many'], where: /--replications/ },
  { name: '--precision over 100%', args: ['run', 's.yaml', '--precision', '200%'], where: /--precision/ },
  { name: '--precision not a number', args: ['run', 's.yaml', '--precision', 'tight'], where: /--precision/ },
  { name: '--jobs zero', args: ['run', 's.yaml', '--replications', '2', '--jobs', '0'], where: /--jobs/ },
  { name: '--jobs not a number', args: ['run', 's.yaml', '--replications', '2', '--jobs', 'all'], where: /--jobs/ },
  { name: '--shard beyond its count', args: ['run', 's.yaml', '--replications', '2', '--shard', '3/2'], where: /--shard/ },
  { name: '--shard zero', args: ['run', 's.yaml', '--replications', '2', '--shard', '0/2'], where: /--shard/ },
  { name: '--shard of a billion', args: ['run', 's.yaml', '--replications', '2', '--shard', '1/1000000000'], where: /--shard/ },
  { name: '--shard not i/n', args: ['run', 's.yaml', '--replications', '2', '--shard', 'half'], where: /--shard/ },
  { name: '--threshold unknown path', args: ['run', 's.yaml', '--threshold', 'wait.p95x<5m'], where: /wait\.p95x/ },
  { name: '--threshold unknown path with --requests-csv', args: ['run', 's.yaml', '--requests-csv', '--threshold', 'wait.p95x<5m'], where: /wait\.p95x/ },
  { name: '--threshold bad operator', args: ['run', 's.yaml', '--threshold', 'wait.p95<<5m'], where: /--threshold/ },
  { name: '--threshold duration on a count', args: ['run', 's.yaml', '--threshold', 'requests.completed<5m'], where: /requests\.completed/ },
  { name: '--out is a file', args: ['run', 's.yaml', '--out', 'afile'], files: { afile: 'x' }, where: /--out|afile/ },
  { name: '--out under a file', args: ['run', 's.yaml', '--out', 'afile/sub'], files: { afile: 'x' }, where: /--out|afile/ },
  { name: '--out empty', args: ['run', 's.yaml', '--out', ''], where: /--out/ },
  { name: '--out /dev/null', args: ['run', 's.yaml', '--out', '/dev/null'], where: /--out|\/dev\/null/ },
  { name: '--out in a read-only place', args: ['run', 's.yaml', '--out', '/proc/refresh-sim-out'], where: /--out|\/proc/ },
  { name: '--set unknown path', args: ['run', 's.yaml', '--set', 'wrokers=3'], where: /wrokers/ },
  { name: '--set not a number', args: ['run', 's.yaml', '--set', 'workers=many'], where: /workers/ },
  { name: '--set without a value', args: ['run', 's.yaml', '--set', 'workers'], where: /--set|workers/ },
  { name: '--set negative workers', args: ['run', 's.yaml', '--set', 'workers=-2'], where: /workers/ },
  { name: 'unknown flag', args: ['run', 's.yaml', '--frobnicate'], where: /frobnicate/ },
  { name: 'no such scenario', args: ['run', 'nope.yaml'], where: /nope\.yaml/ },
  { name: 'scenario with a wrong extension', args: ['run', 'afile'], files: { afile: 'x' }, where: /afile/ },
  { name: 'scenario is a directory', args: ['run', 'd.yaml'], files: { 'd.yaml': null }, where: /d\.yaml/ },
  { name: 'scenario is a FIFO-like device', args: ['validate', '/dev/zero'], where: /\/dev\/zero/ },
  { name: '--requests-csv with --replications', args: ['run', 's.yaml', '--requests-csv', '--replications', '2'], where: /--requests-csv/ },
  { name: 'GITHUB_STEP_SUMMARY is a directory', args: ['run', 's.yaml', '--out', 'out'], files: { sumdir: null }, env: { GITHUB_STEP_SUMMARY: 'sumdir' }, where: /GITHUB_STEP_SUMMARY|sumdir/ },
  { name: 'no command', args: [], where: /command/ },
  { name: 'unknown command', args: ['runn', 's.yaml'], where: /runn/ },
];

/** Real outputs of the CLI, made once in beforeAll: a summary of the base scenario and a partial. */
let SUMMARY = '';
let PARTIAL = '';
const summaryWith = (change: Record<string, unknown>) => () => JSON.stringify({ ...JSON.parse(SUMMARY), ...change });
const partialWith = (change: Record<string, unknown>) => () => JSON.stringify({ ...JSON.parse(PARTIAL), ...change });
const S = () => SUMMARY;
const P = () => PARTIAL;

const COMPARE_CASES: Case[] = [
  { name: 'compare: baseline missing', args: ['compare', 'nope.json', 'b.json'], files: { 'b.json': S }, where: /nope\.json/ },
  { name: 'compare: not JSON', args: ['compare', 'a.json', 'b.json'], files: { 'a.json': S, 'b.json': '{not json' }, where: /b\.json/ },
  { name: 'compare: a JSON list', args: ['compare', 'a.json', 'b.json'], files: { 'a.json': S, 'b.json': '[1,2]' }, where: /b\.json/ },
  { name: 'compare: an empty object', args: ['compare', 'a.json', 'b.json'], files: { 'a.json': S, 'b.json': '{}' }, where: /b\.json/ },
  { name: 'compare: a directory', args: ['compare', 'a.json', 'b.json'], files: { 'a.json': S, 'b.json': null }, where: /b\.json/ },
  { name: 'compare: current lacks the wait metrics', args: ['compare', 'a.json', 'b.json'], files: { 'a.json': S, 'b.json': summaryWith({ wait: undefined }) }, where: /b\.json|wait/ },
  { name: 'compare: different scenarios', args: ['compare', 'a.json', 'b.json'], files: { 'a.json': S, 'b.json': summaryWith({ scenario: 'another' }) }, where: /scenario/ },
  { name: 'compare: bad --max-increase', args: ['compare', 'a.json', 'a.json', '--max-increase', 'wait.p95=lots'], files: { 'a.json': S }, where: /--max-increase/ },
  { name: 'compare: --max-increase on an unknown path', args: ['compare', 'a.json', 'a.json', '--max-increase', 'wait.p955=10%'], files: { 'a.json': S }, where: /wait\.p955/ },
  { name: 'compare: a partial instead of a summary', args: ['compare', 'a.json', 'p.json'], files: { 'a.json': S, 'p.json': P }, where: /p\.json/ },
  { name: 'compare: --out is a file', args: ['compare', 'a.json', 'a.json', '--out', 'a.json'], files: { 'a.json': S }, where: /--out|a\.json/ },
  { name: 'gate: baselines folder missing', args: ['gate', '--baselines', 'nope', '--out', 'g'], where: /nope/ },
  { name: 'gate: a damaged baseline', args: ['gate', '--baselines', 'bl', '--scenarios', '.', '--out', 'g'], files: { bl: null, 'bl/s.summary.json': '{"scenario": "s"' }, where: /s\.summary\.json/ },
  { name: 'gate: a baseline naming no scenario file', args: ['gate', '--baselines', 'bl', '--scenarios', '.', '--out', 'g'], files: { bl: null, 'bl/ghost.summary.json': summaryWith({ scenario: 'ghost' }) }, where: /ghost/ },
  { name: 'merge: no partials', args: ['merge', '--out', 'm'], where: /partial/ },
  { name: 'merge: missing partial', args: ['merge', 'nope.json', '--out', 'm'], where: /nope\.json/ },
  { name: 'merge: not JSON', args: ['merge', 'p.json', '--out', 'm'], files: { 'p.json': '{' }, where: /p\.json/ },
  { name: 'merge: a summary instead of a partial', args: ['merge', 'p.json', '--out', 'm'], files: { 'p.json': S }, where: /p\.json/ },
  { name: 'merge: a tampered partial (first: {})', args: ['merge', 'p.json', '--out', 'm'], files: { 'p.json': partialWith({ first: {} }) }, where: /p\.json/ },
  { name: 'merge: a partial claiming a billion shards', args: ['merge', 'p.json', '--out', 'm'], files: { 'p.json': () => PARTIAL.replace(/"count": ?2/, '"count":1000000000') }, where: /p\.json/ },
  { name: 'merge: the same shard twice', args: ['merge', 'p.json', 'p.json', '--out', 'm'], files: { 'p.json': P }, where: /p\.json|shard/ },
  { name: 'merge: a shard missing', args: ['merge', 'p.json', '--out', 'm'], files: { 'p.json': P }, where: /shard 2\/2/ },
];

const EXPERIMENT_CASES: Case[] = [
  { name: 'sweep: a 5000 x 5000 grid', args: ['sweep', 's.yaml', '--set', 'workers=1..5000', '--set', 'seed=1..5000', '--out', 'sw'], where: /grid|configurations|25,?000,?000|allow-large/ },
  { name: 'sweep: a range of a trillion values', args: ['sweep', 's.yaml', '--set', 'workers=1..1e12', '--out', 'sw'], where: /workers|--set|allow-large/ },
  { name: 'sweep: unknown path', args: ['sweep', 's.yaml', '--set', 'wrokers=1..3', '--out', 'sw'], where: /wrokers/ },
  { name: 'sweep: a range that is not one', args: ['sweep', 's.yaml', '--set', 'workers=a..b', '--out', 'sw'], where: /workers|--set/ },
  { name: 'sweep: --replications zero', args: ['sweep', 's.yaml', '--set', 'workers=1..2', '--replications', '0', '--out', 'sw'], where: /--replications/ },
  { name: 'sweep: --replications a billion', args: ['sweep', 's.yaml', '--set', 'workers=1..2', '--replications', '1e9', '--out', 'sw'], where: /--replications|runs|allow-large/ },
  { name: 'sweep: --jobs negative', args: ['sweep', 's.yaml', '--set', 'workers=1..2', '--jobs', '-4', '--out', 'sw'], where: /--jobs/ },
  { name: 'sweep: --shard out of range', args: ['sweep', 's.yaml', '--set', 'workers=1..2', '--shard', '5/4', '--out', 'sw'], where: /--shard/ },
  { name: 'sweep: --out is a file', args: ['sweep', 's.yaml', '--set', 'workers=1..2', '--out', 'afile'], files: { afile: 'x' }, where: /--out|afile/ },
  { name: 'sweep: a broken scenario', args: ['sweep', 's.yaml', '--set', 'workers=1..2', '--out', 'sw'], scenario: mut('duration: 1d', 'duration: -1d'), where: AT(4) },
  { name: 'sweep: a value that breaks the scenario', args: ['sweep', 's.yaml', '--set', 'workers=-1,2', '--out', 'sw'], where: /workers/ },
  { name: 'plan: --slo on an unknown path', args: ['plan', 's.yaml', '--vary', 'workers=1..4', '--slo', 'wait.p95x <= 5m'], where: /wait\.p95x/ },
  { name: 'plan: --slo not an SLO', args: ['plan', 's.yaml', '--vary', 'workers=1..4', '--slo', 'fast please'], where: /--slo/ },
  { name: 'plan: --vary unknown path', args: ['plan', 's.yaml', '--vary', 'wrokers=1..4', '--slo', 'wait.p95 <= 5m'], where: /wrokers/ },
  { name: 'plan: --vary of a trillion values', args: ['plan', 's.yaml', '--vary', 'workers=1..1e12', '--slo', 'wait.p95 <= 5m'], where: /workers|--vary|allow-large/ },
  { name: 'plan: --replications zero', args: ['plan', 's.yaml', '--vary', 'workers=1..4', '--slo', 'wait.p95 <= 5m', '--replications', '0'], where: /--replications/ },
  { name: 'plan: --out is a file', args: ['plan', 's.yaml', '--vary', 'workers=1..4', '--slo', 'wait.p95 <= 5m', '--out', 'afile'], files: { afile: 'x' }, where: /--out|afile/ },
  { name: 'validate: every problem of two files at once', args: ['validate', 's.yaml', 't.yaml'], scenario: mut('duration: 1d', 'duration: -1d'), files: { 't.yaml': mut('workers: 2', 'workers: -1') }, where: /s\.yaml:4[\s\S]*t\.yaml:6/ },
];

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix + e.name;
    out.push(rel);
    if (e.isDirectory()) out.push(...(await listFiles(join(dir, e.name), rel + '/')));
  }
  return out.sort();
}

interface Outcome {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 30_000): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, timeout: timeoutMs, maxBuffer: 16 << 20, env: { ...process.env, CI: 'true', GITHUB_STEP_SUMMARY: '', REFRESH_SIM_DEBUG: '', ...env } },
      (err, stdout, stderr) => {
        const e = err as (Error & { code?: number | string; signal?: string }) | null;
        done({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr });
      },
    );
  });
}

async function prepare(root: string, c: Case): Promise<string> {
  const dir = await mkdtemp(join(root, 'case-'));
  await writeFile(join(dir, 's.yaml'), c.scenario ?? BASE);
  await writeFile(join(dir, 'sessions.csv'), SESSIONS);
  for (const [name, content] of Object.entries(c.files ?? {})) {
    if (content === null) await mkdir(join(dir, name), { recursive: true });
    else await writeFile(join(dir, name), typeof content === 'function' ? content() : content);
  }
  return dir;
}

/** The checks every bad-input case must pass. */
async function expectRefused(root: string, c: Case): Promise<void> {
  const dir = await prepare(root, c);
  const before = await listFiles(dir);
  const r = await runCli(c.args, dir, c.env);
  const what = `${c.name}\n$ refresh-sim ${c.args.join(' ')}\nexit ${r.code} ${r.signal ?? ''}\nstderr: ${r.stderr.slice(0, 2000)}\nstdout: ${r.stdout.slice(0, 500)}`;
  expect(r.signal, what).toBeNull();
  expect(r.code, what).toBe(c.code ?? 2);
  expect(r.stderr, what).toMatch(c.where);
  expect(r.stderr, what).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m); // no stack frames
  expect(r.stderr, what).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
  expect(await listFiles(dir), `${what}\n(files written)`).toEqual(before);
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'refresh-sim-bad-'));
  const dir = join(root, 'good');
  await mkdir(dir);
  await writeFile(join(dir, 's.yaml'), BASE);
  await writeFile(join(dir, 'sessions.csv'), SESSIONS);
  const r = await runCli(['run', 's.yaml', '--out', 'out', '--format', 'json', '--quiet'], dir);
  if (r.code !== 0) throw new Error(`the base scenario must run: ${r.stderr}`);
  SUMMARY = await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'out', 'summary.json'), 'utf8'));
  const s = await runCli(['run', 's.yaml', '--replications', '2', '--shard', '1/2', '--jobs', '1', '--out', 'sh', '--quiet'], dir);
  if (s.code !== 0) throw new Error(`a shard of the base scenario must run: ${s.stderr}`);
  const partial = (await readdir(join(dir, 'sh'))).find((f) => f.startsWith('partial-'));
  PARTIAL = await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'sh', partial!), 'utf8'));
}, 120_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe.concurrent('bad input is refused with exit 2, a located message, no stack and nothing written', () => {
  describe.concurrent('scenario files (validate and run)', () => {
    for (const c of SCENARIO_CASES) it(c.name, () => expectRefused(root, c));
  });
  describe.concurrent('run flags, paths and environment', () => {
    for (const c of RUN_FLAG_CASES) it(c.name, () => expectRefused(root, c));
  });
  describe.concurrent('sweep, plan and validate', () => {
    for (const c of EXPERIMENT_CASES) it(c.name, () => expectRefused(root, c));
  });
  describe.concurrent('summaries and partials: compare, gate, merge', () => {
    for (const c of COMPARE_CASES) it(c.name, () => expectRefused(root, c));
  });
});

describe('the table is as large as the issue asks', () => {
  it('has at least 120 cases', () => {
    expect(SCENARIO_CASES.length + RUN_FLAG_CASES.length + EXPERIMENT_CASES.length + COMPARE_CASES.length).toBeGreaterThanOrEqual(120);
  });
});

describe('ids and names that are also JavaScript words', () => {
  it('an account and a source called __proto__ and constructor run like any other, or are refused by name', async () => {
    const scenario = BASE.replace('- id: acme', '- id: __proto__').replace('id: s1,', 'id: constructor,').replace('[s1, s2]', '[constructor, s2]');
    const dir = await prepare(root, { name: 'proto', args: [], scenario, where: /./ });
    const r = await runCli(['run', 's.yaml', '--out', 'out', '--format', 'json', '--quiet'], dir);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    if (r.code === 2) {
      expect(r.stderr).toMatch(/__proto__|constructor/);
    } else {
      expect(r.code).toBe(0);
      const summary = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'out', 'summary.json'), 'utf8')));
      expect(summary.requests.enqueued.total).toBeGreaterThan(0);
    }
  });

  it('a scenario named ../../../x writes inside reports/, never outside', async () => {
    const dir = await prepare(root, { name: 'traversal', args: [], scenario: mut('name: tiny', 'name: "../../../x"'), where: /./ });
    const inner = join(dir, 'a', 'b');
    await mkdir(inner, { recursive: true });
    await rm(join(dir, 's.yaml'));
    await writeFile(join(inner, 's.yaml'), mut('name: tiny', 'name: "../../../x"').replace('sessions: sessions.csv', 'sessions: ../../sessions.csv'));
    const r = await runCli(['run', 's.yaml', '--format', 'json', '--quiet'], inner);
    expect([0, 2]).toContain(r.code);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    // nothing above inner/reports
    expect((await listFiles(dir)).filter((f) => !f.startsWith('a/b/') && !['a', 'a/b', 'sessions.csv'].includes(f))).toEqual([]);
    if (r.code === 0) expect((await stat(join(inner, 'reports'))).isDirectory()).toBe(true);
  });
});
