import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ScenarioError, formatProblems, loadScenario, parseScenario, scenarioSchema } from '../../src/scenario/index.js';
import { HOSTILE_FIXTURE_DATA, HOSTILE_FIXTURES } from './hostile-fixtures.js';

const shipped = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f));

async function problemsOf(path: string): Promise<string[]> {
  try {
    await loadScenario(path);
  } catch (e) {
    if (e instanceof ScenarioError) return formatProblems(e.problems).split('\n');
    throw e;
  }
  throw new Error(`${path} loaded without problems`);
}

function problemsOfText(text: string, file = 'inline.yaml', opts?: Parameters<typeof parseScenario>[2]): string[] {
  try {
    parseScenario(text, file, opts);
  } catch (e) {
    if (e instanceof ScenarioError) return formatProblems(e.problems).split('\n');
    throw e;
  }
  throw new Error('loaded without problems');
}

describe('shipped scenarios', () => {
  test('there are the six scenarios of the brief', () => {
    expect(shipped).toEqual(expect.arrayContaining(['default.yaml', 'ga-agency.yaml', 'monday-storm.yaml', 'public-embeds.yaml', 'email-burst.yaml', 'mmc.yaml']));
  });

  test.each(shipped)('%s loads without problems', async (file) => {
    const model = await loadScenario(join('scenarios', file));
    expect(model.sources.length).toBeGreaterThan(0);
    expect(model.duration).toBeGreaterThan(model.warmup);
    expect(model.name).toBe(file.replace(/\.ya?ml$/, ''));
  });

  test('the M/M/c scenario is what its comment says', async () => {
    const m = await loadScenario('scenarios/mmc.yaml');
    expect(m.workers).toEqual({ kind: 'fixed', workers: 4 });
    expect(m.sources).toHaveLength(100_000);
    expect(m.sources.every((s) => s.interval === null)).toBe(true);
    expect(m.limits).toEqual([]);
    expect(m.connectors).toEqual([{ id: 'exp', latency: { type: 'exponential', mean: 1 }, latencyScale: 1, failureRate: 0, timeout: Infinity, limits: [], cost: 1 }]);
    expect(m.refreshProcesses).toHaveLength(1);
    expect(m.refreshProcesses[0].rate).toBeCloseTo(3.2);
    expect(m.loginProcesses).toEqual([]);
    expect(m.warmup).toBeCloseTo(m.duration / 10);
    expect(m.refreshProcesses[0].rate * m.duration).toBeCloseTo(200_000, -3);
  });

  test('the default scenario reads its CSV session trace', async () => {
    const m = await loadScenario('scenarios/default.yaml');
    expect(m.sessions).toEqual([
      { user: 'alice', at: 8.5 * 3600, duration: 45 * 60 },
      { user: 'bob', at: 14 * 3600, duration: 20 * 60 },
      { user: 'co-01.u1', at: 33 * 3600, duration: 3600 },
    ]);
  });
});

describe('broken scenarios', () => {
  const table: [string, string[]][] = [
    ['syntax.yaml', ['scenarios/broken/syntax.yaml:6:1: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }']],
    [
      'unknown-key.yaml',
      [
        'scenarios/broken/unknown-key.yaml:4:1: workerz: unknown key `workerz` (did you mean `workers`?)',
        'scenarios/broken/unknown-key.yaml:11:9: accounts[0].sources[0].interval: missing required key `interval`',
        'scenarios/broken/unknown-key.yaml:11:39: accounts[0].sources[0].intervl: unknown key `intervl` (did you mean `interval`?)',
      ],
    ],
    [
      'wrong-type.yaml',
      [
        'scenarios/broken/wrong-type.yaml:3:7: seed: expected a number (got "one")',
        'scenarios/broken/wrong-type.yaml:5:10: workers: expected a number or a mapping (key: value) (got "four")',
        'scenarios/broken/wrong-type.yaml:7:28: connectors.rest.latency.type: expected one of "constant", "exponential", "lognormal", "uniform" or "empirical" (got "gaussian")',
        'scenarios/broken/wrong-type.yaml:7:63: connectors.rest.failureRate: must be at most 1 (got 1.5)',
        'scenarios/broken/wrong-type.yaml:10:11: accounts[0].kind: expected one of "standard", "partner" or "client" (got "enterprise")',
        'scenarios/broken/wrong-type.yaml:11:12: accounts[0].users: expected a list (got "alice")',
      ],
    ],
    [
      'negative-duration.yaml',
      [
        'scenarios/broken/negative-duration.yaml:4:9: warmup: must be shorter than the duration ("2d" >= duration "1d")',
        'scenarios/broken/negative-duration.yaml:5:11: embedTtl: must not be negative (got "-5m")',
        'scenarios/broken/negative-duration.yaml:7:33: connectors.rest.timeout: must be a positive duration (got "0s")',
        'scenarios/broken/negative-duration.yaml:11:49: accounts[0].sources[0].interval: must be at least 1m (the shortest refresh interval the product allows) (got "30s")',
        'scenarios/broken/negative-duration.yaml:12:49: accounts[0].sources[1].interval: expected a duration like "90s", "15m", "4h", "7d", "1h30m" or a number of seconds (got "soon")',
      ],
    ],
    [
      'missing-ref.yaml',
      [
        'scenarios/broken/missing-ref.yaml:7:44: connectors.rest.limits[1]: no limit with id "rest-hour" (did you mean "rest-conc"?)',
        'scenarios/broken/missing-ref.yaml:12:33: accounts[0].sources[0].connector: no connector with id "rets" (did you mean "rest"?)',
        'scenarios/broken/missing-ref.yaml:14:36: accounts[0].klips[0].sources[1]: no source with id "visits"',
        'scenarios/broken/missing-ref.yaml:15:31: accounts[0].embeds[0].klip: no Klip with id "k2" (did you mean "k1"?)',
        'scenarios/broken/missing-ref.yaml:16:42: accounts[0].emails[0].klips[1]: no Klip with id "k9" (did you mean "k1"?)',
        'scenarios/broken/missing-ref.yaml:19:14: accounts[1].partner: account "acme" is of kind "standard", expected kind "partner"',
        'scenarios/broken/missing-ref.yaml:22:14: accounts[2].partner: no account with id "agency"',
        'scenarios/broken/missing-ref.yaml:23:9: accounts[3].id: duplicate account id "acme" (ids must be unique across the scenario)',
        'scenarios/broken/missing-ref.yaml:25:23: traces.sessions[0].user: no user with id "alicia" (did you mean "alice"?)',
      ],
    ],
  ];

  test.each(table)('%s reports every problem with line, column and path', async (file, expected) => {
    expect(await problemsOf(join('scenarios/broken', file))).toEqual(expected);
  });

  test('every broken fixture is in the table', () => {
    expect(readdirSync('scenarios/broken').sort()).toEqual([...table.map(([f]) => f), ...HOSTILE_FIXTURES.map(([f]) => f), ...HOSTILE_FIXTURE_DATA].sort());
  });

  test('the error carries the problems as data', () => {
    try {
      parseScenario('duration: 0s\nworkers: 0\n', 'x.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).problems).toEqual([
        { file: 'x.yaml', line: 1, column: 11, path: 'duration', message: 'must be a positive duration (got "0s")' },
        { file: 'x.yaml', line: 2, column: 10, path: 'workers', message: 'must be at least 1 (got 0)' },
      ]);
    }
  });
});

describe('validation details', () => {
  test('JSON scenarios work and problems have positions', () => {
    const text = '{\n  "duration": "1d",\n  "workers": 2,\n  "bukcet": "5m"\n}\n';
    expect(problemsOfText(text, 'x.json')).toEqual(['x.json:4:3: bukcet: unknown key `bukcet` (did you mean `bucket`?)']);
    const m = parseScenario('{ "duration": "1d", "accounts": [] }', 'x.json');
    expect(m.duration).toBe(86400);
    expect(m.name).toBe('x');
  });

  test('an empty file or a list is not a scenario', () => {
    expect(problemsOfText('')).toEqual(['inline.yaml:1:1: expected a mapping of scenario keys (name, duration, accounts, ...) (got an empty file)']);
    expect(problemsOfText('- a\n')[0]).toMatch(/got a list/);
  });

  test('missing required keys point at the parent', () => {
    expect(problemsOfText('name: x\n')).toEqual(['inline.yaml:1:1: duration: missing required key `duration`']);
  });

  test('duplicate YAML keys are syntax errors with their line', () => {
    expect(problemsOfText('duration: 1d\nseed: 1\nseed: 2\n')[0]).toMatch(/^inline\.yaml:3:1: YAML syntax: Map keys must be unique/);
  });

  test('time zones, client partners, GA fields and generator weights are checked', () => {
    const text = [
      'duration: 1d', //                                                      1
      'connectors:', //                                                       2
      '  ga: { preset: google-analytics }', //                                3
      'accounts:', //                                                         4
      '  - id: a', //                                                         5
      '    timezone: America/Toronot', //                                     6
      '    sources:', //                                                      7
      '      - { id: s1, connector: ga, interval: 1h }', //                   8
      '  - { id: c, kind: client }', //                                       9
      'generate:', //                                                         10
      '  - { count: 2, prefix: g, connectors: { gaa: 1 }, users: { min: 3, max: 1 } }', // 11
    ].join('\n');
    expect(problemsOfText(text)).toEqual([
      'inline.yaml:6:15: accounts[0].timezone: unknown time zone "America/Toronot" (did you mean "America/Toronto"?)',
      'inline.yaml:8:9: accounts[0].sources[0]: connector `ga` has a limit counted per gaProfile, so this source needs `gaProfile`',
      'inline.yaml:8:9: accounts[0].sources[0]: connector `ga` has a limit counted per googleUser, so this source needs `googleUser`',
      'inline.yaml:9:20: accounts[1].kind: a client account needs `partner: <id of a partner account>`',
      'inline.yaml:11:42: generate[0].connectors.gaa: no connector with id "gaa" (did you mean "ga"?)',
      'inline.yaml:11:74: generate[0].users.max: must not be below min (1 < 3)',
    ]);
  });

  test('CSV trace problems name the CSV file, line and column', () => {
    const files: Record<string, string> = {
      'dir/s.csv': 'user,at,duraton\n',
      'dir/v.csv': '# views\nembed,at\ne1,1h\nnope,-5m\ne1,later\n',
    };
    const text = 'duration: 1d\naccounts:\n  - id: a\n    users: [u]\n    sources: [ { id: s, connector: c, interval: 1h } ]\n    klips: [ { id: k, sources: [s] } ]\n    embeds: [ { id: e1, klip: k } ]\nconnectors: { c: {} }\ntraces:\n  sessions: s.csv\n  embedViews: v.csv\n';
    const read = (p: string) => {
      if (!(p in files)) throw new Error(`no file ${p}`);
      return files[p];
    };
    expect(problemsOfText(text, 'sc/x.yaml', { baseDir: 'dir', readFile: read })).toEqual([
      'sc/s.csv:1:1: the header has no `duration` column (expected columns `user`, `at`, `duration`)',
      'sc/s.csv:1:9: duraton: unknown column `duraton` (did you mean `duration`?)',
      'sc/v.csv:4:1: embed: no embed with id "nope"',
      'sc/v.csv:4:6: at: must be at or after the start (not negative) (got "-5m")',
      'sc/v.csv:5:4: at: expected a time after the start like "90m", or an ISO time (got "later")',
    ]);
  });

  test('traces and arrivals may name generated entities, checked after generation', () => {
    const base = 'duration: 1d\nconnectors: { c: {} }\ngenerate:\n  - { count: 2, prefix: g, users: 1, sources: 2 }\n';
    expect(() => parseScenario(`${base}traces:\n  sessions: [ { user: g-1.u1, at: 1h, duration: 1h } ]\n`, 'x.yaml')).not.toThrow();
    expect(problemsOfText(`${base}traces:\n  sessions: [ { user: g-1.u7, at: 1h, duration: 1h } ]\n`)).toEqual([
      'inline.yaml:6:23: traces.sessions[0].user: no user with id "g-1.u7" (did you mean "g-1.u1"?)',
    ]);
  });

  test('the schema converts to JSON Schema', () => {
    const js = z.toJSONSchema(scenarioSchema) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(js.properties)).toEqual(expect.arrayContaining(['duration', 'workers', 'accounts', 'generate', 'traces', 'arrivals']));
    expect(js.required).toEqual(['duration']);
  });
});
