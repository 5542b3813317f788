// Loads a scenario for a command; problems become one InputError listing them all.
import { loadScenario, loadScenarioWithOverrides, parseOverride, ScenarioError, formatProblems, type Model } from '../scenario/index.js';
import { InputError } from './errors.js';

interface LoadModelOptions {
  seed?: number;
  /** `--set path=value` overrides of numbers in the file, applied before validation */
  sets?: string[];
  /** `--allow-large`: run a scenario over the resource budget (src/scenario/budget.ts) */
  allowLarge?: boolean;
}

export async function loadModel(path: string, over: LoadModelOptions = {}): Promise<Model> {
  let model: Model;
  const allowLarge = over.allowLarge === true;
  try {
    model = over.sets && over.sets.length > 0 ? await loadScenarioWithOverrides(path, over.sets.map(parseOverride), { allowLarge }) : await loadScenario(path, { allowLarge });
  } catch (err) {
    if (err instanceof ScenarioError) throw new InputError(formatProblems(err.problems));
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${path}: no such file`);
    throw err;
  }
  if (over.seed !== undefined) {
    if (!Number.isInteger(over.seed)) throw new InputError(`--seed: expected an integer (got ${over.seed})`);
    model = { ...model, seed: over.seed, params: { ...model.params, seed: over.seed } };
  }
  return model;
}
