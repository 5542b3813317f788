// Checks that need the expanded model: threshold paths against the summary this model will produce.
import { thresholdsFromConfig, type ThresholdsConfig } from '../gate/threshold.js';
import { checkThresholdPaths } from '../gate/threshold-paths.js';
import type { Locator } from './locate.js';
import type { Model } from './model.js';
import type { PathSegment, Problem } from './problems.js';

/**
 * Problems of the `thresholds:` block (already syntax-checked by the schema) whose path or unit cannot
 * fit this model's summary, each at its threshold in the file. `replications.*` paths are accepted here:
 * whether the run is replicated is a command-line choice, checked again by the command.
 */
export function thresholdProblems(model: Model, thresholds: ThresholdsConfig | undefined, locator: Locator): Problem[] {
  if (thresholds === undefined) return [];
  const parsed = thresholdsFromConfig(thresholds);
  return checkThresholdPaths(parsed, { model, replicated: true }).map((p) => locator.problem(p.path as PathSegment[], p.message));
}
