// The per-account distributions: each value added at once, or (many accounts) held in arrival order and
// added account by account.
//
// At a million sources (40,000 accounts) an account's distributions are cold: adding one request's
// values to them touched a dozen cache lines spread over tens of megabytes, 1.5 microseconds a request,
// four tenths of the run. Here a start's [wait, queue, deferred] or an end's [response, total] is
// appended to one sequential buffer with its account; when the buffer fills (and before anyone reads the
// distributions) its entries are ordered by account with a counting sort, which is stable, and added in
// that order. Each account's values reach it together and in the order they came, so every sum, maximum
// and count is the one the direct adds would have made: the same bytes in summary.json.
import { FIRST, bucketOf, type ByteArena } from './histogram.js';
import { Parts, addEnd, addStart, addStartEach } from './parts.js';

/** What an entry is: the values of a start (3) or of an end (2). */
export const START = 0, END = 1;

/** Adds an entry's values (`vals[at ..]`) of kind `kind` to account `account`'s distributions. */
export type ApplyEntry = (account: number, kind: number, vals: Float64Array, at: number) => void;

export class AccountBatch {
  readonly #account: Int32Array;
  readonly #kind: Uint8Array;
  /** three values per entry (an end uses two) */
  readonly vals: Float64Array;
  // the entries again, ordered by account: written scattered, then read front to back (see flush)
  readonly #sortedKind: Uint8Array;
  readonly #sortedVals: Float64Array;
  readonly #start: Int32Array; // per account + 1: counting sort's positions
  readonly #apply: ApplyEntry;
  #n = 0;

  /** `capacity`: entries held before they are added (more accounts want more, so each gets several at once) */
  constructor(accounts: number, capacity: number, apply: ApplyEntry) {
    this.#account = new Int32Array(capacity);
    this.#kind = new Uint8Array(capacity);
    this.vals = new Float64Array(3 * capacity);
    this.#sortedKind = new Uint8Array(capacity);
    this.#sortedVals = new Float64Array(3 * capacity);
    this.#start = new Int32Array(accounts + 1);
    this.#apply = apply;
  }

  /** Appends an entry and returns where its values go (`vals[at], vals[at + 1], ...`), adding the batch first when full. */
  push(account: number, kind: number): number {
    if (this.#n === this.#account.length) this.flush();
    const i = this.#n++;
    this.#account[i] = account;
    this.#kind[i] = kind;
    return 3 * i;
  }

  /**
   * Adds every entry held, account by account, each account's in the order they came. The entries are
   * moved into account order first, read front to back and written to their places: a store that misses
   * the cache does not hold up the loads after it, so the misses overlap. (Reading each entry from its
   * arrival place in account order was three loads missing one after another per entry: at a million
   * sources the buffer is long out of cache when it fills.)
   */
  flush(): void {
    const n = this.#n;
    if (n === 0) return;
    const acc = this.#account, start = this.#start, accounts = start.length - 1;
    start.fill(0);
    for (let i = 0; i < n; i++) start[acc[i] + 1]++;
    for (let a = 1; a <= accounts; a++) start[a] += start[a - 1];
    const kind = this.#kind, vals = this.vals, sKind = this.#sortedKind, sVals = this.#sortedVals;
    for (let i = 0; i < n; i++) {
      const j = start[acc[i]]++; // start[a] ends at account a's end
      sKind[j] = kind[i];
      sVals[3 * j] = vals[3 * i]; sVals[3 * j + 1] = vals[3 * i + 1]; sVals[3 * j + 2] = vals[3 * i + 2];
    }
    const apply = this.#apply;
    for (let a = 0, j = 0; a < accounts; a++) for (const end = start[a]; j < end; j++) apply(a, sKind[j], sVals, 3 * j);
    this.#n = 0;
  }
}

/** Below this many accounts their distributions stay in cache and take each value at once. */
export const BATCH_FROM = 2048;

/** Each account's five distributions (Parts), filled at once or, from `batchFrom` accounts on, in batches. */
export class AccountParts {
  readonly #parts: (Parts | null)[];
  readonly #batch: AccountBatch | null;
  readonly #arena: ByteArena;

  constructor(accounts: number, arena: ByteArena, batchFrom = BATCH_FROM) {
    this.#parts = new Array<Parts | null>(accounts).fill(null);
    this.#arena = arena;
    // every account's five histograms, at their first size and once grown to twice it, in one slab
    arena.reserve(accounts * 5 * 3 * FIRST);
    // about sixteen entries per account before they are added, within 4,096 and a million (24 MB)
    this.#batch = accounts >= batchFrom ? new AccountBatch(accounts, Math.min(2 ** 20, Math.max(4096, 16 * accounts)), this.#apply) : null;
  }

  /** A start's [wait, queue, deferred] (v[0..2]) for account a, given the wait's bucket. */
  start(a: number, v: Float64Array, wb: number): void {
    if (this.#batch === null) addStart(this.#parts[a] ?? this.#new(a), v, wb);
    else this.#hold(this.#batch, a, START, v, 3);
  }

  /** An end's [response, total] (v[0..1]) for account a, given their buckets. */
  end(a: number, v: Float64Array, rb: number, tb: number): void {
    if (this.#batch === null) addEnd(this.#parts[a] ?? this.#new(a), v, rb, tb);
    else this.#hold(this.#batch, a, END, v, 2);
  }

  /** Every account's distributions (null: no request counted), all values held added. */
  all(): (Parts | null)[] {
    this.#batch?.flush();
    return this.#parts;
  }

  #hold(batch: AccountBatch, a: number, kind: number, v: Float64Array, n: number): void {
    const at = batch.push(a, kind);
    const vals = batch.vals;
    for (let k = 0; k < n; k++) vals[at + k] = v[k];
  }

  readonly #apply = (a: number, kind: number, vals: Float64Array, at: number): void => {
    const g = this.#parts[a] ?? this.#new(a);
    if (kind === START) addStartEach(g, vals, bucketOf(vals[at]), at);
    else addEnd(g, vals, bucketOf(vals[at]), bucketOf(vals[at + 1]), at);
  };

  // an account's first request: off the hot path
  #new(a: number): Parts {
    return (this.#parts[a] = new Parts(this.#arena));
  }
}
