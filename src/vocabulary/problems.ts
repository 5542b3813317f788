// The one problem type (a bad input, as data) and its one formatter, for scenario files, flags and summaries alike.

export type PathSegment = string | number;

/**
 * A bad input, as data (like a zod issue): where it is and what is wrong. Formatting is separate
 * (`formatProblem`). A problem in a file carries the file and, when known, its line and column; a
 * problem with a flag or a summary path has no file.
 */
export interface Problem {
  /** the file the problem is in (a scenario, a CSV trace, a summary.json); absent for a command-line flag */
  file?: string;
  /** 1-based */
  line?: number;
  /** 1-based */
  column?: number;
  /**
   * Where in the input: as segments (`['thresholds', 'wait.p95', 0]`, `['--threshold', 2]`) or already
   * formatted (`accounts[2].sources[0].interval`; "" for the whole file).
   */
  path: string | PathSegment[];
  message: string;
}

/**
 * `accounts[2].sources[0].interval`, `thresholds["wait.p95"][0]`, `--threshold[2]`: keys that are not
 * plain words are quoted; a leading command-line flag stands as written; a path already formatted is kept.
 */
export function formatPath(path: string | readonly PathSegment[]): string {
  if (typeof path === 'string') return path;
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (i === 0 && seg.startsWith('--')) out += seg;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  });
  return out;
}

/** One line: `file:line:column: path: message`, leaving out what the problem does not carry. */
export function formatProblem(p: Problem): string {
  let where = p.file ?? '';
  if (p.file !== undefined && p.line !== undefined) where += `:${p.line}`;
  if (p.file !== undefined && p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  return [where, formatPath(p.path), p.message].filter((part, i) => part !== '' || i === 2).join(': ');
}

/** One line per problem (see `formatProblem`). */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map(formatProblem).join('\n');
}
