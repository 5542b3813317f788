// `refresh-sim schema scenario|summary`: the JSON Schemas, generated from the zod definitions the code validates with.
import { z } from 'zod';
import { scenarioSchema } from '../scenario/index.js';
import { summarySchema } from '../vocabulary/index.js';

export const SCHEMAS = { scenario: scenarioSchema, summary: summarySchema } as const;
export type SchemaName = keyof typeof SCHEMAS;

export function jsonSchema(name: SchemaName): string {
  // io: 'input' describes what a user writes (defaults are optional there)
  const schema = z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any', reused: 'ref' }) as Record<string, unknown>;
  return JSON.stringify(schema, null, 2) + '\n';
}
