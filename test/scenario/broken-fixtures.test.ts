// The broken fixtures of the hostile-input classes: each refused with every problem located.
import { describe, expect, it } from 'vitest';
import { ScenarioError, formatProblems, loadScenario } from '../../src/scenario/index.js';
import { HOSTILE_FIXTURES } from './hostile-fixtures.js';

async function problemsOf(path: string): Promise<string[]> {
  try {
    await loadScenario(path);
  } catch (e) {
    if (e instanceof ScenarioError) return formatProblems(e.problems).split('\n');
    throw e;
  }
  throw new Error(`${path} loaded`);
}

const B = 'scenarios/broken';
describe('broken fixtures of the hostile classes', () => {
  it.each<[string, string[]]>(HOSTILE_FIXTURES)('%s', async (file, lines) => {
    expect(await problemsOf(`${B}/${file}`)).toEqual(lines);
  });

  it('the too-large fixtures load with allowLarge up to the expansion (the estimate is the only refusal)', async () => {
    await expect(loadScenario(`${B}/fine-bucket.yaml`, { allowLarge: true })).resolves.toMatchObject({ bucket: 0.001 });
  });
});
