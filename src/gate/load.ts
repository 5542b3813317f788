// Read a summary.json (a baseline, or a past run) for the gate, reporting problems instead of throwing.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { GateSummary, Problem } from './types.js';

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

/**
 * Reads and checks the parts of summary.json the gate relies on (an object with `schemaVersion: 1`,
 * and a well-formed `replications` block if any); the rest is taken as written.
 */
export async function readSummaryFile(file: string): Promise<{ summary: GateSummary | null; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { summary: null, problems: [{ path: [file], message: code === 'ENOENT' ? 'file not found' : String(err) }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { summary: null, problems: [{ path: [file], message: `not JSON: ${(err as Error).message}` }] };
  }
  return checkSummary(data, file);
}

/** The same checks on an already parsed value. */
export function checkSummary(data: unknown, file = 'summary.json'): { summary: GateSummary | null; problems: Problem[] } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { summary: null, problems: [{ path: [file], message: 'not a summary.json (expected an object)' }] };
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1) {
    return {
      summary: null,
      problems: [{ path: [file, 'schemaVersion'], message: `expected schemaVersion 1, found ${JSON.stringify(version)}` }],
    };
  }
  const reps = (data as { replications?: unknown }).replications;
  if (reps !== undefined) {
    const r = replicationsSchema.safeParse(reps);
    if (!r.success) {
      const problems = r.error.issues.map((i) => ({
        path: [file, 'replications', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: i.message,
      }));
      return { summary: null, problems };
    }
  }
  return { summary: data as GateSummary, problems: [] };
}
