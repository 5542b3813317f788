// Reading summary.json (a baseline, a past run, a shard) and checking it against its schema, reporting problems instead of throwing.
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { summarySchema } from './summary-schema.js';
import type { GateSummary } from './summary.js';
import type { Problem } from './problems.js';

const replicationMetricSchema = z
  .object({
    mean: z.number(),
    halfWidth: z.number().nonnegative(),
    ci: z.tuple([z.number(), z.number()]),
  })
  .refine((m) => m.ci[0] <= m.ci[1], { message: 'ci must be [low, high]' });

/** The optional `replications` block of a summary (see `Replications` in ./types.ts). */
export const replicationsSchema = z.object({
  n: z.number().int().positive(),
  confidence: z.number().gt(0).lt(1).optional(),
  metrics: z.record(z.string().min(1), replicationMetricSchema),
});

/** A summary.json is at most a few MB even with thousands of accounts; anything far larger is not one (and would not parse in memory). */
export const MAX_JSON_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a JSON file the user named, refusing what is not a regular file (a directory, a FIFO that would
 * block forever, /dev/urandom that never ends) or is larger than `maxBytes`, before reading it all.
 * Returns the parsed value or a one-line message (without the file name: the caller puts it in front).
 */
export async function readJsonFile(file: string, maxBytes = MAX_JSON_FILE_BYTES): Promise<{ data: unknown } | { error: string }> {
  let text: string;
  try {
    // stat before open: opening a FIFO with no writer would block forever
    const st = await stat(file);
    if (st.isDirectory()) return { error: 'is a directory, not a file' };
    if (!st.isFile()) return { error: 'is not a regular file' };
    if (st.size > maxBytes) return { error: `is ${st.size} bytes, more than the ${maxBytes} a JSON file here may have` };
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { error: ioMessage(err) };
  }
  if (text.trim() === '') return { error: 'is empty' };
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `not JSON: ${(err as Error).message}` };
  }
}

/**
 * Why `file` cannot be read as an input file (missing, a directory, a FIFO that would block the reader
 * forever, a device such as /dev/urandom that never ends), or null when it is a regular file.
 */
export async function inputFileProblem(file: string): Promise<string | null> {
  try {
    const st = await stat(file);
    if (st.isDirectory()) return 'is a directory, not a file';
    if (!st.isFile()) return 'is not a regular file';
    return null;
  } catch (err) {
    return ioMessage(err);
  }
}

/** `file not found`, `permission denied`, ... for an fs error. */
export function ioMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return `cannot read it (${code ?? (err as Error).message})`;
  }
}

/**
 * Reads and checks a summary.json against the summary schema (the one `refresh-sim schema summary`
 * prints): anything else, a partial result, a sweep.json, a random object, is a problem naming the file
 * and the first field that is wrong.
 */
export async function readSummaryFile(file: string): Promise<{ summary: GateSummary | null; problems: Problem[] }> {
  const r = await readJsonFile(file);
  if ('error' in r) return { summary: null, problems: [{ file, path: [], message: r.error }] };
  return checkSummary(r.data, file);
}

/** The same checks on an already parsed value. */
export function checkSummary(data: unknown, file = 'summary.json'): { summary: GateSummary | null; problems: Problem[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { summary: null, problems: [{ file, path: [], message: `not a refresh-sim summary.json (expected an object, found ${kindOf(data)})` }] };
  }
  const o = data as Record<string, unknown>;
  if (o.kind === 'refresh-sim-partial') {
    return { summary: null, problems: [{ file, path: [], message: 'is a partial result of --shard, not a summary.json: combine the partials with `refresh-sim merge` first' }] };
  }
  if (o.kind === 'sweep') return { summary: null, problems: [{ file, path: [], message: 'is a sweep.json, not a summary.json' }] };
  if (o.schemaVersion !== 1) {
    return {
      summary: null,
      problems: [fieldProblem(file, ['schemaVersion'], `not a refresh-sim summary.json: expected schemaVersion 1, found ${o.schemaVersion === undefined ? 'none' : clip(JSON.stringify(o.schemaVersion))}`)],
    };
  }
  const r = summarySchema.safeParse(data);
  if (!r.success) {
    const [first] = r.error.issues;
    const more = r.error.issues.length - 1;
    const message = `not a valid summary.json: ${first.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`;
    return { summary: null, problems: [fieldProblem(file, first.path, message)] };
  }
  const reps = o.replications;
  if (reps !== undefined) {
    const rr = replicationsSchema.safeParse(reps);
    if (!rr.success) {
      const problems = rr.error.issues.map((i) => fieldProblem(file, ['replications', ...i.path], i.message));
      return { summary: null, problems };
    }
  }
  return { summary: data as GateSummary, problems: [] };
}

/** `{ file, path: 'requests.enqueued.total', message: 'expected number' }`: printed `file: field: message`. */
export function fieldProblem(file: string, field: readonly PropertyKey[], message: string): Problem {
  const where = field.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
  return { file, path: where, message };
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? 'a string' : `a ${typeof v}`;
}

function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
