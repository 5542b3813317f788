// Problems found in a scenario are data; formatting them for a person is separate.

export interface Problem {
  /** the file the problem is in (the scenario, or a CSV trace next to it) */
  file: string;
  /** 1-based */
  line?: number;
  /** 1-based */
  column?: number;
  /** field path in the scenario, e.g. `accounts[2].sources[0].interval` ("" for the whole file) */
  path: string;
  message: string;
}

export class ScenarioError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(`${problems.length === 1 ? 'a problem' : `${problems.length} problems`} in the scenario:\n${formatProblems(problems)}`);
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/** One line per problem: `file:line:column: path: message`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** Order problems as a reader meets them: by file, line, column. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) =>
      a.p.file === b.p.file
        ? (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i
        : a.p.file < b.p.file ? -1 : 1,
    )
    .map(({ p }) => p);
}

export type PathSegment = string | number;

/** `accounts[2].sources[0].interval`; keys that are not plain words are quoted: `intervals["15m"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A value as a person would write it in the file, for "(got ...)" in messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** At most `max` characters of a value quoted in a message (a 10 MB id stays one readable line). */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} characters)`;
}
