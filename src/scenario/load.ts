// Reading a scenario file: YAML/JSON text -> every problem at once, or the expanded Model.
import { basename, dirname, extname, join } from 'node:path';
import { budgetProblems } from './budget.js';
import { Checker, checkGenerated, checkScenario } from './check.js';
import { expandPolicy, expandPools } from './policy.js';
import { expandScenario } from './expand.js';
import { FileProblem, MAX_SCENARIO_BYTES, MAX_TRACE_BYTES, readTextFile } from './files.js';
import { issuesToProblems } from './issues.js';
import type { Model } from './model.js';
import { limitProblems, thresholdProblems } from './model-checks.js';
import { type Problem, ScenarioError, sortProblems } from './problems.js';
import { scenarioSchema } from './schema.js';
import { collectTraces } from './traces.js';
import { readYaml } from './yaml-read.js';
import { readRecordedValues } from './recorded.js';

export interface ParseOptions {
  /** directory of CSV traces named in the scenario (default: the scenario file's directory) */
  baseDir?: string;
  /** how to read a CSV trace or a file of recorded values (default: the file system, regular files up to MAX_TRACE_BYTES) */
  readFile?: (path: string) => string;
  /** changes the parsed data before validation (sweep overrides); problems still point into the file */
  transform?: (data: Record<string, unknown>) => Record<string, unknown>;
  /** run scenarios larger than the resource budget (budget.ts) allows: the `--allow-large` flag */
  allowLarge?: boolean;
}

/** The text of a scenario file (a regular .yaml, .yml or .json file of at most MAX_SCENARIO_BYTES). Throws `ScenarioError`. */
export function readScenarioText(path: string): string {
  const ext = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new ScenarioError([{ file: path, path: '', message: `expected a .yaml, .yml or .json scenario file (got "${ext || 'no extension'}")` }]);
  }
  try {
    return readTextFile(path, MAX_SCENARIO_BYTES, 'scenario file');
  } catch (e) {
    if (e instanceof FileProblem) throw new ScenarioError([{ file: path, path: '', message: e.message }]);
    throw e;
  }
}

/** Read, validate and expand a `.yaml`, `.yml` or `.json` scenario file. Throws `ScenarioError`. */
export async function loadScenario(path: string, opts: Pick<ParseOptions, 'allowLarge'> = {}): Promise<Model> {
  return parseScenario(readScenarioText(path), path, opts);
}

/** Validate and expand scenario text; `file` names it in messages (and gives the default name). */
export function parseScenario(text: string, file: string, opts: ParseOptions = {}): Model {
  const yaml = readYaml(text, file);
  if ('fatal' in yaml) fail(yaml.fatal);
  const { locator } = yaml;
  let data = yaml.data;
  if (opts.transform && data !== null && typeof data === 'object' && !Array.isArray(data)) data = opts.transform(data as Record<string, unknown>);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `expected a mapping of scenario keys (name, duration, accounts, ...) (got ${data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : JSON.stringify(data)})` }]);
  }
  const problems: Problem[] = [...yaml.problems];
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) problems.push(...issuesToProblems(parsed.error.issues, scenarioSchema, data, locator));

  const baseDir = opts.baseDir ?? dirname(file);
  const reader = (what: string) => opts.readFile ?? ((p: string) => readTextFile(p, MAX_TRACE_BYTES, what));
  const io = (what: string) => ({ label: (n: string) => join(dirname(file), n), read: (n: string) => reader(what)(join(baseDir, n)) });
  const checker = new Checker(locator);
  const traces = collectTraces((data as Record<string, unknown>).traces, locator, io('CSV trace'), checker.problems);
  const recorded = readRecordedValues(data, locator, io('CSV file of recorded values'), checker.problems);
  checkScenario(data, traces, checker);
  problems.push(...checker.problems);
  if (problems.length > 0 || !parsed.success) fail(problems);
  // before anything is generated: refuse what would not fit (unless allowLarge)
  const tooLarge = budgetProblems(parsed.data, traces, locator, { allowLarge: opts.allowLarge });
  if (tooLarge.length > 0) fail(tooLarge);

  const model = expandScenario(parsed.data, { file, defaultName: basename(file, extname(file)), traces, files: recorded });
  // the rest of the one checking pass: what needed the generated entities, all at once
  checkGenerated(checker, parsed.data, model);
  // the queue discipline and reserved pools name accounts, generators and connectors: checked on the model
  const policy = expandPolicy(parsed.data, model.accounts, checker);
  const pools = expandPools(parsed.data, model.connectors, checker);
  if (policy !== undefined) model.policy = policy;
  if (pools !== undefined) model.pools = pools;
  const late = [...checker.problems, ...limitProblems(model, parsed.data, locator), ...thresholdProblems(model, parsed.data.thresholds, locator)];
  if (late.length > 0) fail(late);
  return model;
}

/** Past this many problems in one file the rest are counted, not listed (a million bad trace rows). */
const MAX_PROBLEMS_PER_FILE = 100;

function fail(problems: Problem[]): never {
  const sorted = sortProblems(dedupe(problems));
  const perFile = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of sorted) {
    const n = (perFile.get(p.file) ?? 0) + 1;
    perFile.set(p.file, n);
    if (n <= MAX_PROBLEMS_PER_FILE) out.push(p);
  }
  for (const [file, n] of perFile) {
    if (n > MAX_PROBLEMS_PER_FILE) out.push({ file, path: '', message: `... and ${n - MAX_PROBLEMS_PER_FILE} more problems in this file` });
  }
  throw new ScenarioError(out);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}|${p.line}|${p.column}|${p.path}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
