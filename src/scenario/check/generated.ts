// Checks that need the generated entities: references to generated ids, clashes with explicit ids, empty selections.
import type { Model } from '../model.js';
import { clip } from '../problems.js';
import type { ScenarioInput } from '../schema.js';
import { checkPeakBuckets } from './peaks.js';
import { type Checker, type PendingRef, type Suspect, didYouMean } from './checker.js';

type Entities = Pick<Model, 'accounts' | 'users' | 'sources' | 'klips' | 'embeds'>;

/** References left for after generation: each must name an entity that now exists. */
function resolvePending(c: Checker, pending: readonly PendingRef[], m: Entities): void {
  for (const kind of ['accounts', 'users', 'sources', 'embeds'] as const) {
    const wanted = pending.filter((p) => p.kind === kind);
    if (wanted.length === 0) continue;
    // only the wanted ids are put in a set; the (maybe millions of) entities are scanned once
    const found = new Set<string>();
    const ids = new Set(wanted.map((p) => p.id));
    for (const e of m[kind]) if (ids.has(e.id)) found.add(e.id);
    for (const p of wanted) {
      if (found.has(p.id)) continue;
      const hint = didYouMean(p.id, () => m[kind].map((e) => e.id), m[kind].length);
      c.problems.push(p.place(`no ${p.what} with id "${clip(p.id)}"${hint}`));
    }
  }
}

/** An explicit id that a generator also created (explicit ids are unique, so a second sighting is the generated one). */
function findClashes(c: Checker, suspects: readonly Suspect[], m: Entities): void {
  for (const kind of ['users', 'sources', 'klips', 'embeds'] as const) {
    const mine = new Map(suspects.filter((s) => s.kind === kind).map((s) => [s.id, s]));
    if (mine.size === 0) continue;
    const seen = new Set<string>();
    for (const e of m[kind]) {
      const s = mine.get(e.id);
      if (s === undefined) continue;
      if (!seen.has(e.id)) seen.add(e.id);
      else c.at(['generate', s.generator, 'prefix'], `a generated ${kind.slice(0, -1)} id "${e.id}" clashes with an explicit one; pick another prefix`);
    }
  }
}

/** Arrivals whose selection came out empty once everything was generated. */
function emptySelections(c: Checker, arrivals: ScenarioInput['arrivals'], m: Model): void {
  const next = { refresh: 0, embedView: 0, linkView: 0 };
  (arrivals ?? []).forEach((a, i) => {
    const k = next[a.type]++;
    if (a.type === 'refresh' && m.refreshProcesses[k].sources.length === 0) c.at(['arrivals', i, 'sources'], 'selects no sources');
    else if (a.type === 'embedView' && m.embedViewProcesses[k].embeds.length === 0) c.at(['arrivals', i, 'embeds'], 'selects no embeds');
    else if (a.type === 'linkView' && (a.accounts ?? 'all') === 'all' && m.linkViewProcesses[k].accounts.length === 0) c.at(['arrivals', i, 'accounts'], 'selects no accounts');
  });
}

/** The checks of the expanded model that the checks before expansion left for it (`c.pending`, `c.suspects`). */
export function checkGenerated(c: Checker, input: ScenarioInput, m: Model): void {
  resolvePending(c, c.pending, m);
  findClashes(c, c.suspects, m);
  emptySelections(c, input.arrivals, m);
  checkPeakBuckets(c, input, m);
}
