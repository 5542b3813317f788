// Problems found in a scenario are data (the Problem type and its formatter live in src/vocabulary); this is
// the error that carries them, and the helpers that word them.
import { formatProblems, type Problem as AnyProblem } from '../vocabulary/index.js';

export { formatPath, formatProblem, formatProblems, type PathSegment } from '../vocabulary/index.js';

/** The vocabulary's Problem as the scenario pipeline makes it: it always names its file, its path already formatted. */
export type Problem = AnyProblem & { file: string; path: string };

export class ScenarioError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(`${problems.length === 1 ? 'a problem' : `${problems.length} problems`} in the scenario:\n${formatProblems(problems)}`);
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/** Order problems as a reader meets them: by file, line, column. */
export function sortProblems<P extends Problem>(problems: P[]): P[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) =>
      a.p.file === b.p.file
        ? (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i
        : a.p.file < b.p.file ? -1 : 1,
    )
    .map(({ p }) => p);
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
