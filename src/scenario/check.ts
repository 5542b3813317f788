// Checks across fields: references between entities, duplicate ids, and rules one field cannot express.
//
// Runs on the raw data even when the schema found problems, so every problem is reported at once; each
// check therefore looks at the shape of what it reads before trusting it. What can only be judged once
// generators have run (references to generated ids, clashes, empty selections) is recorded on the
// Checker and settled by `checkGenerated` (check/generated.ts) on the expanded model.
import type { TraceRows } from './traces.js';
import { Checker, type IdSets, obj } from './check/checker.js';
import { checkAccounts } from './check/accounts.js';
import { checkConnectors } from './check/connectors.js';
import { checkGenerators } from './check/generators.js';
import { checkReferences } from './check/references.js';
import { checkPeaks } from './check/peaks.js';
import { checkSettings } from './check/settings.js';

export { Checker, type IdSets } from './check/checker.js';
export { checkGenerated } from './check/generated.js';

/** Everything that can be checked before generated entities exist. Returns the explicit ids. */
export function checkScenario(data: unknown, traces: TraceRows, c: Checker): IdSets {
  const d = obj(data);
  const ids: IdSets = { accounts: new Map(), users: new Set(), sources: new Set(), klips: new Set(), embeds: new Set(), connectors: new Set() };
  checkSettings(c, d);
  const scopesOf = checkConnectors(c, d, ids);
  checkAccounts(c, d, ids, scopesOf);
  const prefixes = checkGenerators(c, d, ids);
  checkReferences(d, traces, c, ids, prefixes);
  checkPeaks(c, d);
  return ids;
}
