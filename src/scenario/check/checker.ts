// The problem collector the checks share, the ids they gather, and small readers of not-yet-validated data.
import type { Locator } from '../locate.js';
import { type PathSegment, type Problem, clip, show } from '../problems.js';
import { suggest } from '../issues.js';
import { isValidTimeZone, knownTimeZones } from '../timezone.js';
import { parseDuration } from '../../vocabulary/index.js';

export type Obj = Record<string, unknown>;
export const isObj = (x: unknown): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x);
export const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
export const obj = (x: unknown): Obj => (isObj(x) ? x : {});
export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** Seconds of a duration, or undefined when it is not one (the schema reports that). */
export function seconds(x: unknown): number | undefined {
  if (typeof x !== 'number' && typeof x !== 'string') return undefined;
  try {
    return parseDuration(x);
  } catch {
    return undefined;
  }
}

/** Explicit ids by kind. */
export interface IdSets {
  accounts: Map<string, { kind: string }>;
  users: Set<string>;
  sources: Set<string>;
  klips: Set<string>;
  embeds: Set<string>;
  connectors: Set<string>;
}

export type RefKind = 'accounts' | 'users' | 'sources' | 'embeds';

/** A reference to an id a generator may create: resolved once the entities are generated (check/generated.ts). */
export interface PendingRef {
  kind: RefKind;
  id: string;
  /** "user", "source"...: for the message */
  what: string;
  place(message: string): Problem;
}

/** An explicit id that a generator's ids could take: a clash if the generator does create it. */
export interface Suspect {
  kind: 'users' | 'sources' | 'klips' | 'embeds';
  id: string;
  generator: number;
}

/** "did you mean" from a pool of ids, when the pool is small enough to search. */
export function didYouMean(id: string, pool: () => string[], size: number): string {
  const hint = size < 5000 ? suggest(id, pool()) : undefined;
  return hint ? ` (did you mean "${hint}"?)` : '';
}

export class Checker {
  readonly problems: Problem[] = [];
  /** references left for after generation */
  readonly pending: PendingRef[] = [];
  readonly suspects: Suspect[] = [];
  readonly #loc: Locator;

  constructor(locator: Locator) {
    this.#loc = locator;
  }

  problemAt(path: readonly PathSegment[], message: string, key = false): Problem {
    return this.#loc.problem(path, message, { key });
  }

  at(path: readonly PathSegment[], message: string, key = false): void {
    this.problems.push(this.problemAt(path, message, key));
  }

  /** "no source `x`" with a did-you-mean from the known ids. */
  missing(path: readonly PathSegment[], what: string, id: string, known: Iterable<string>, key = false): void {
    const pool = [...known];
    this.at(path, `no ${what} with id "${clip(id)}"${didYouMean(id, () => pool, pool.length)}`, key);
  }

  timezone(path: readonly PathSegment[], tz: unknown): void {
    if (typeof tz !== 'string' || tz === '' || isValidTimeZone(tz)) return;
    const hint = suggest(tz, knownTimeZones());
    this.at(path, `unknown time zone ${show(tz)}${hint ? ` (did you mean "${hint}"?)` : ' (expected an IANA name like "America/Toronto" or "UTC")'}`);
  }
}
