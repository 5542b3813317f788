// `refresh-sim schema scenario|summary`: the JSON Schemas, generated from the zod definitions the code validates with.
import type { Argv } from 'yargs';
import { z } from 'zod';
import { scenarioSchema } from '../../scenario/index.js';
import { summarySchema } from '../../vocabulary/index.js';
import type { Command } from '../command.js';
import { ExitCode } from '../errors.js';

const SCHEMAS = { scenario: scenarioSchema, summary: summarySchema } as const;
type SchemaName = keyof typeof SCHEMAS;

function jsonSchema(name: SchemaName): string {
  // io: 'input' describes what a user writes (defaults are optional there)
  const schema = z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any', reused: 'ref' }) as Record<string, unknown>;
  return JSON.stringify(schema, null, 2) + '\n';
}

export const schemaCommand: Command<{ which: SchemaName }> = {
  usage: 'schema <which>',
  describe: 'print the JSON Schema of scenario files or of summary.json',
  flags: (y: Argv) => y.positional('which', { choices: Object.keys(SCHEMAS), demandOption: true }),
  run: async ({ which }) => {
    process.stdout.write(jsonSchema(which));
    return ExitCode.ok;
  },
};
