// The scenario's `policy:` and `policyOptions:` (issue 12) made into the refresh system's QueuePolicy:
// trigger names to classes, account ids and generator prefixes to per-account weights.
import type { QueuePolicy, WorkerPool } from '../refresh/policies/index.js';
import { parseDuration } from '../vocabulary/index.js';
import type { Checker } from './check.js';
import { TRIGGERS, type AccountSpec, type ConnectorSpec } from './model.js';
import type { ScenarioInput } from './schema.js';

/** manual, API and login before e-mail before due before warm-up (issue 12's example) */
const DEFAULT_PRIORITY: readonly (readonly string[])[] = [['manual', 'api', 'login'], ['email'], ['due'], ['warmup']];
const DEFAULT_QUANTUM = 60;

/** The policy for the model, or undefined for fifo (the product, and the default). */
export function expandPolicy(s: ScenarioInput, accounts: readonly AccountSpec[], checker: Checker): QueuePolicy | undefined {
  const name = s.policy ?? 'fifo';
  const o = s.policyOptions ?? {};
  switch (name) {
    case 'fifo': return undefined;
    case 'stalest-first': return { kind: 'stalest-first' };
    case 'priority': {
      const classes = (o.priority ?? DEFAULT_PRIORITY).map((c) => (typeof c === 'string' ? [c] : c));
      const classOfTrigger = TRIGGERS.map(() => classes.length); // unlisted: a last class
      classes.forEach((c, k) => c.forEach((t, j) => {
        const i = TRIGGERS.indexOf(t as (typeof TRIGGERS)[number]);
        if (classOfTrigger[i] !== classes.length) checker.at(['policyOptions', 'priority', k, ...(typeof o.priority?.[k] === 'string' ? [] : [j])], `trigger "${t}" is in two classes`);
        classOfTrigger[i] = k;
      }));
      return { kind: 'priority', classOfTrigger };
    }
    case 'fair-share': {
      const quantum = o.quantum === undefined ? DEFAULT_QUANTUM : parseDuration(o.quantum);
      return { kind: 'fair-share', weights: accountWeights(s, accounts, o.weights ?? {}, checker), quantum };
    }
  }
}

/** Weight of each account: its own id's, else its generator's (`prefix-NNN`), else 1. */
function accountWeights(s: ScenarioInput, accounts: readonly AccountSpec[], weights: Record<string, number>, checker: Checker): number[] {
  const prefixes = new Set((s.generate ?? []).map((g) => g.prefix));
  const used = new Set<string>();
  const out = accounts.map((a) => {
    if (Object.hasOwn(weights, a.id)) {
      used.add(a.id);
      return weights[a.id];
    }
    const m = /^(.*)-\d+$/.exec(a.id);
    if (m && prefixes.has(m[1]) && Object.hasOwn(weights, m[1])) {
      used.add(m[1]);
      return weights[m[1]];
    }
    return 1;
  });
  for (const k of Object.keys(weights)) {
    if (!used.has(k)) checker.missing(['policyOptions', 'weights', k], 'account or generator prefix', k, [...accounts.map((a) => a.id), ...prefixes], true);
  }
  return out;
}

/** The reserved pools with trigger and connector names made codes (undefined: none). */
export function expandPools(s: ScenarioInput, connectors: readonly ConnectorSpec[], checker: Checker): WorkerPool[] | undefined {
  if (s.pools === undefined) return undefined;
  const ids = connectors.map((c) => c.id);
  return s.pools.map((p, j) => ({
    workers: p.workers,
    triggers: p.triggers === undefined ? null : p.triggers.map((t) => TRIGGERS.indexOf(t)),
    connectors:
      p.connectors === undefined
        ? null
        : p.connectors.map((c, k) => {
            const i = ids.indexOf(c);
            if (i < 0) checker.missing(['pools', j, 'connectors', k], 'connector', c, ids);
            return i;
          }),
  }));
}
