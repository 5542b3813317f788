// The schema of a partial result (partial-<i>-of-<n>.json, written by --shard i/n): merge validates every
// partial with it before using a single field, so a tampered or truncated file is exit 2 naming the file
// and the field, and no count in a file is used to allocate anything before it is bounded.
import { z } from 'zod';
import { summarySchema } from '../vocabulary/index.js';
import { HARD_MAX_RUNS, productOf } from './guards.js';

const int = z.number().int();
const count = int.min(1).max(HARD_MAX_RUNS);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 hex digest');
const metrics = z.array(z.string().min(1)).min(1).max(10_000);
const seeds = z.array(int).max(HARD_MAX_RUNS);

const shard = z
  .strictObject({ index: count, count })
  .refine((s) => s.index <= s.count, { message: 'the shard index is larger than the shard count', path: ['index'] });

const parameter = z.strictObject({
  path: z.string().min(1),
  values: z.array(z.union([z.number(), z.string()])).min(1).max(HARD_MAX_RUNS),
});

const designBase = {
  scenario: z.string(),
  scenarioHash: sha256,
  replications: count,
  confidence: z.number().gt(0).lt(1),
  seeds,
  metrics,
};

const seedsMatch = (d: { seeds: number[]; replications: number }) => d.seeds.length === d.replications;
const seedsIssue = { message: 'one seed per replication is expected', path: ['seeds'] };

const sweepDesign = z
  .strictObject({ ...designBase, parameters: z.array(parameter).min(1).max(1000) })
  .refine(seedsMatch, seedsIssue)
  .refine((d) => productOf([...d.parameters.map((p) => p.values.length), d.replications]) <= HARD_MAX_RUNS, {
    message: `the grid times the replications is more than ${HARD_MAX_RUNS} runs`,
    path: ['parameters'],
  });

const replicationsDesign = z.strictObject(designBase).refine(seedsMatch, seedsIssue);

const result = z.strictObject({
  pair: int.min(0).max(HARD_MAX_RUNS),
  values: z.record(z.string(), z.number().nullable()),
});
const results = z.array(result).max(HARD_MAX_RUNS);

const head = { kind: z.literal('refresh-sim-partial'), version: z.literal(1), shard };

export const partialSchema = z.discriminatedUnion('mode', [
  z.strictObject({ ...head, mode: z.literal('sweep'), design: sweepDesign, results }),
  z.strictObject({ ...head, mode: z.literal('replications'), design: replicationsDesign, results, first: summarySchema.optional() }),
]);
