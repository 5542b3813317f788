// Checks that need the expanded model: threshold paths against the summary this model will produce, and
// limits that could never admit a call.
import { thresholdsFromConfig, type ThresholdsConfig, checkThresholdPaths } from '../vocabulary/index.js';
import type { Locator } from './locate.js';
import type { Model } from './model.js';
import type { PathSegment, Problem } from './problems.js';
import type { ScenarioInput } from './schema.js';

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

/**
 * A window limit counts cost units; a call whose cost is above the limit's `max` can never start, and its
 * source would wait forever (rule: a call starts only when every limit has room for its cost). Such a
 * limit is refused: at the source's `cost` when the source sets one, else at the limit's `max` (or the
 * connector's `cost` when the limit comes from a preset). Concurrent limits count calls, not cost, and
 * their `max` is at least 1, so they always admit one.
 */
export function limitProblems(model: Model, input: ScenarioInput, locator: Locator): Problem[] {
  const out: Problem[] = [];
  const limitById = new Map(model.limits.map((l) => [l.id, l]));
  const explicitLimit = (id: string) => input.limits !== undefined && Object.hasOwn(input.limits, id);
  for (const c of model.connectors) {
    for (const lid of c.limits) {
      const lim = limitById.get(lid);
      if (lim === undefined || lim.kind !== 'window' || c.cost <= lim.max) continue;
      const where: PathSegment[] = explicitLimit(lid) ? ['limits', lid, 'max'] : ['connectors', c.id, 'cost'];
      out.push(locator.problem(where, `limit "${lid}" admits at most ${lim.max} cost units per window, but one call of connector "${c.id}" costs ${c.cost}: no call could ever start (raise max or lower cost)`));
    }
  }
  const connectorById = new Map(model.connectors.map((c) => [c.id, c]));
  (input.accounts ?? []).forEach((a, i) =>
    (a.sources ?? []).forEach((s, j) => {
      if (s.cost === undefined) return;
      const conn = connectorById.get(s.connector);
      for (const lid of conn?.limits ?? []) {
        const lim = limitById.get(lid);
        if (lim === undefined || lim.kind !== 'window' || s.cost <= lim.max) continue;
        out.push(locator.problem(['accounts', i, 'sources', j, 'cost'], `one call of this source costs ${s.cost}, more than the ${lim.max} that limit "${lid}" admits per window: it could never start`));
      }
    }),
  );
  return out;
}
