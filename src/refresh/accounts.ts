// The rules that act on a whole account or e-mail at once: a login enqueues every idle, due source of its
// account (rules 1 and 4), a published-link view does the same without a session, the daily warm-up and an
// e-mail's pre-refresh enqueue all of their sources (rule 5). They reach the system only through
// its public reads and its one enqueue (rule 6's `request`), so the source records stay private to system.ts.
import type { Clock } from '../engine/clock.js';
import type { RefreshObserver } from './observer.js';
import { State } from './params.js';
import { KeyedBatch } from './sort.js';
import { TriggerCode, type Topology } from './topology.js';

/** What the account rules read of a source, and how they enqueue one. */
export interface AccountSource {
  state(s: number): number;
  nextDueAt(s: number): number;
  request(s: number, trigger: number): void;
  /** the account's sessions now last until `until`: the source's next due timer is set if it was left out (system.ts) */
  armDue(s: number, until: number): void;
}

export class Accounts {
  /** per account, open sessions */
  readonly activeSessions: Int32Array;
  /** per account, the latest end of its open sessions (-Infinity when none is open): the one to end last */
  readonly sessionsUntil: Float64Array;
  activeAccounts = 0;
  readonly #batch = new KeyedBatch();
  readonly #topo: Topology;
  readonly #src: AccountSource;
  readonly #clock: Clock;
  readonly #observer: RefreshObserver;

  constructor(topo: Topology, src: AccountSource, clock: Clock, observer: RefreshObserver) {
    this.#topo = topo;
    this.#src = src;
    this.#clock = clock;
    this.#observer = observer;
    this.activeSessions = new Int32Array(topo.accountIds.length);
    this.sessionsUntil = new Float64Array(topo.accountIds.length).fill(-Infinity);
  }

  /** Rule 1 (login) and rule 4 (only the account's own sessions count), for a session that lasts until `endAt`. */
  login(account: number, endAt: number): void {
    const now = this.#clock.now();
    if (this.activeSessions[account]++ === 0) this.#observer.activeAccounts(++this.activeAccounts, now);
    if (endAt > this.sessionsUntil[account]) this.sessionsUntil[account] = endAt;
    this.#observer.login(account, now);
    this.enqueueOverdue(account, this.sessionsUntil[account]);
  }

  logout(account: number): void {
    if (this.activeSessions[account] <= 0) throw new Error(`logout with no open session in account ${account}`);
    if (--this.activeSessions[account] === 0) {
      this.sessionsUntil[account] = -Infinity;
      this.#observer.activeAccounts(--this.activeAccounts, this.#clock.now());
    }
  }

  /**
   * Every idle, due source of the account, in order of nextDueAt (ties by declaration order); also a
   * published-link view (no session: `until` -Infinity). A login also sets the due timers its sessions
   * now cover (armDue).
   */
  enqueueOverdue(account: number, until = -Infinity): void {
    const now = this.#clock.now();
    const src = this.#src;
    const { start, list } = this.#topo.accountSources;
    const batch = this.#batch;
    batch.clear();
    for (let i = start[account]; i < start[account + 1]; i++) {
      const s = list[i];
      if (until > now) src.armDue(s, until);
      if (src.state(s) !== State.idle) continue;
      const due = src.nextDueAt(s);
      if (due <= now) batch.push(s, due);
    }
    batch.sort();
    // request() never re-enters here (it only enqueues), so the batch stays as it is through the loop
    for (let i = 0; i < batch.length; i++) src.request(batch.ids[i], TriggerCode.login);
  }

  /** Extension: the account's daily warm-up time enqueues all of its sources, active or not. */
  warmUp(account: number): void {
    const { start, list } = this.#topo.accountSources;
    for (let i = start[account]; i < start[account + 1]; i++) this.#src.request(list[i], TriggerCode.warmup);
  }

  /** Rule 5: ahead of an e-mail report, every source of its Klips, active or not. */
  emailPrefresh(email: number): void {
    const { start, list } = this.#topo.emailSources;
    for (let i = start[email]; i < start[email + 1]; i++) this.#src.request(list[i], TriggerCode.email);
  }
}
