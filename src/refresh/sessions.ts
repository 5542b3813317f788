// Open sessions: a session logs its account in, the user looks at the dashboard on opening and every
// dashboardViewEvery while it lasts, and its end logs the account out (MODEL.md rules 1 and 4, freshness).
import type { Clock, Timers } from '../engine/clock.js';
import { Kind, Priority } from './ladder.js';
import type { RefreshSystem } from './system.js';

export class Sessions {
  // a session's slot is reused once it ends, so these stay as long as the most sessions open at once
  readonly #account: number[] = [];
  readonly #end: number[] = [];
  readonly #free: number[] = [];
  readonly #system: RefreshSystem;
  readonly #clock: Clock;
  readonly #timers: Timers;
  readonly #viewEvery: number;
  readonly #horizon: number;

  /** `horizon`: the run's end; a session ending after it is still open at the end. */
  constructor(system: RefreshSystem, clock: Clock, timers: Timers, viewEvery: number, horizon: number) {
    this.#system = system;
    this.#clock = clock;
    this.#timers = timers;
    this.#viewEvery = viewEvery;
    this.#horizon = horizon;
  }

  /** A user of the account logs in now; the session lasts until `endAt`. */
  open(account: number, endAt: number): void {
    const slot = this.#free.length > 0 ? this.#free.pop()! : this.#account.length;
    this.#account[slot] = account;
    this.#end[slot] = endAt;
    this.#system.login(account, endAt);
    const now = this.#clock.now();
    this.#system.dashboardView(account);
    if (now + this.#viewEvery < endAt) this.#timers.at(now + this.#viewEvery, Priority.dashboardView, Kind.dashboardView, slot);
    if (endAt <= this.#horizon) this.#timers.at(endAt, Priority.logout, Kind.sessionEnd, slot);
  }

  /** Kind.sessionEnd */
  end(slot: number): void {
    this.#system.logout(this.#account[slot]);
    this.#free.push(slot);
  }

  /** Kind.dashboardView: the user looks again; the next look if the session is still open then. */
  view(slot: number): void {
    this.#system.dashboardView(this.#account[slot]);
    const next = this.#clock.now() + this.#viewEvery;
    if (next < this.#end[slot]) {
      this.#timers.timeIn[0] = next; // never boxed (see Timers.atTimeIn)
      this.#timers.atTimeIn(Priority.dashboardView, Kind.dashboardView, slot);
    }
  }
}
