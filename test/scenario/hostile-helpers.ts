// Helpers for the hostile-input tables: a small valid scenario to mutate, and its problems as lines.
import { ScenarioError, formatProblems, parseScenario, type ParseOptions } from '../../src/scenario/index.js';
import type { Model } from '../../src/scenario/model.js';

/** A small valid scenario; `extra` lines are appended at the top level. */
export function scenario(extra = '', body = BODY): string {
  return `${body}${extra}\n`;
}

export const BODY = `name: t
duration: 1d
limits:
  hourly: { kind: window, scope: token, max: 100, window: 1h }
connectors:
  rest: { latency: 2s, limits: [hourly] }
accounts:
  - id: acme
    users: [alice]
    sources:
      - { id: sales, connector: rest, interval: 15m, token: t1 }
    logins: { perUserPerDay: 2 }
`;

/** The problems of a scenario text as `file:line:col: path: message` lines; fails if it loads. */
export function problemsOf(text: string, opts?: ParseOptions, file = 'hostile.yaml'): string[] {
  try {
    parseScenario(text, file, opts);
  } catch (e) {
    if (e instanceof ScenarioError) return formatProblems(e.problems).split('\n');
    throw e;
  }
  throw new Error(`loaded without problems:\n${text}`);
}

export function load(text: string, opts?: ParseOptions, file = 'hostile.yaml'): Model {
  return parseScenario(text, file, opts);
}
