// Reading a scenario file: YAML/JSON text -> every problem at once, or the expanded Model.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { Checker, checkScenario } from './check.js';
import { expandScenario } from './expand.js';
import { issuesToProblems } from './issues.js';
import { Locator } from './locate.js';
import type { Model } from './model.js';
import { thresholdProblems } from './model-checks.js';
import { type Problem, ScenarioError, sortProblems } from './problems.js';
import { scenarioSchema } from './schema.js';
import { collectTraces } from './traces.js';

export interface ParseOptions {
  /** directory of CSV traces named in the scenario (default: the scenario file's directory) */
  baseDir?: string;
  /** how to read a CSV trace (default: the file system) */
  readFile?: (path: string) => string;
  /** changes the parsed data before validation (sweep overrides); problems still point into the file */
  transform?: (data: Record<string, unknown>) => Record<string, unknown>;
}

/** Read, validate and expand a `.yaml`, `.yml` or `.json` scenario file. Throws `ScenarioError`. */
export async function loadScenario(path: string): Promise<Model> {
  const ext = extname(path).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    throw new ScenarioError([{ file: path, path: '', message: `expected a .yaml, .yml or .json scenario file (got "${ext || 'no extension'}")` }]);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ScenarioError([{ file: path, path: '', message: `cannot read the file: ${(e as Error).message}` }]);
  }
  return parseScenario(text, path);
}

/** Validate and expand scenario text; `file` names it in messages (and gives the default name). */
export function parseScenario(text: string, file: string, opts: ParseOptions = {}): Model {
  const lineCounter = new LineCounter();
  // JSON is YAML: the same parser gives positions for both
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({ file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${e.message.split('\n')[0]}` });
  }
  if (problems.length > 0) throw new ScenarioError(problems);

  let data: unknown = doc.toJS({ maxAliasCount: 10_000 });
  if (opts.transform && data !== null && typeof data === 'object' && !Array.isArray(data)) data = opts.transform(data as Record<string, unknown>);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `expected a mapping of scenario keys (name, duration, accounts, ...) (got ${data === null || data === undefined ? 'an empty file' : Array.isArray(data) ? 'a list' : JSON.stringify(data)})` }]);
  }
  const locator = new Locator(doc, lineCounter, file);
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) problems.push(...issuesToProblems(parsed.error.issues, scenarioSchema, data, locator));

  const baseDir = opts.baseDir ?? dirname(file);
  const read = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const checker = new Checker(locator);
  const traces = collectTraces((data as Record<string, unknown>).traces, locator, { label: (n) => join(dirname(file), n), read: (n) => read(join(baseDir, n)) }, checker.problems);
  const ids = checkScenario(data, traces, checker);
  problems.push(...checker.problems);
  if (problems.length > 0 || !parsed.success) throw new ScenarioError(sortProblems(dedupe(problems)));

  const expandChecker = new Checker(locator);
  let model: Model;
  try {
    model = expandScenario(parsed.data, { file, defaultName: basename(file, extname(file)), traces, checker: expandChecker, ids });
  } catch (e) {
    if (e instanceof ScenarioError) throw new ScenarioError(sortProblems(dedupe(e.problems)));
    throw e;
  }
  const late = thresholdProblems(model, parsed.data.thresholds, locator);
  if (late.length > 0) throw new ScenarioError(sortProblems(dedupe(late)));
  return model;
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
