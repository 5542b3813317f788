// The published JSON Schemas (schemas/*.schema.json, what editors use to autocomplete) accept what the
// code accepts and refuse what it refuses.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/run/simulation.js';
import { loadScenario } from '../../src/scenario/index.js';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const scenarioValidate = ajv.compile(JSON.parse(readFileSync('schemas/scenario.schema.json', 'utf8')));
const summaryValidate = ajv.compile(JSON.parse(readFileSync('schemas/summary.schema.json', 'utf8')));

describe('scenario.schema.json', () => {
  const shipped = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

  it.each(shipped)('accepts the shipped scenario %s', (f) => {
    const ok = scenarioValidate(parse(readFileSync(join('scenarios', f), 'utf8')));
    expect(ok, JSON.stringify(scenarioValidate.errors?.slice(0, 3))).toBe(true);
  });

  // the broken fixtures whose fault is in the shape (references and YAML syntax are beyond a schema)
  it.each(['unknown-key.yaml', 'wrong-type.yaml', 'negative-duration.yaml'])('refuses the broken scenario %s', (f) => {
    expect(scenarioValidate(parse(readFileSync(join('scenarios/broken', f), 'utf8')))).toBe(false);
  });
});

describe('summary.schema.json', () => {
  it('accepts the summary of a real run and refuses a mangled one', async () => {
    const { summary } = simulate(await loadScenario('scenarios/default.yaml'));
    const plain = JSON.parse(JSON.stringify(summary));
    expect(summaryValidate(plain), JSON.stringify(summaryValidate.errors?.slice(0, 3))).toBe(true);
    expect(summaryValidate({ ...plain, wait: { ...plain.wait, p95: 'soon' } })).toBe(false);
    expect(summaryValidate({ ...plain, extra: 1 })).toBe(false);
  });
});
