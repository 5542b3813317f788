// The refresh model as one whole: the refresh system with the rules around it (sessions and their
// dashboard views, the worker schedule, e-mails and their lead, the initial data age), all on the
// injected clock. It owns the event kinds below FIRST_INPUT_KIND (ladder.ts) and handles them in onEvent.
import type { Clock, Timers } from '../engine/clock.js';
import type { Rng } from '../engine/random.js';
import * as ladder from './ladder.js';
import type { RefreshObserver } from './observer.js';
import { initData, scheduleEmails, scheduleWorkers, type LocalTime, type WorkerSchedule } from './schedules.js';
import { Sessions } from './sessions.js';
import type { CallSampler } from './sampler.js';
import type { RefreshParams } from './params.js';
import { RefreshSystem } from './system.js';
import type { Topology } from './topology.js';

const Kind = ladder.Kind; // a module-level copy: folded into onEvent's switch as constants (see run/inputs.ts)

export interface ModelRules extends RefreshParams {
  /** while a session is open, the user looks at the dashboard every this many seconds */
  dashboardViewEvery: number;
  /** seconds before an e-mail's send that its sources are enqueued */
  emailLead: number;
  /** the run's end: nothing is scheduled past it that would only matter after it */
  horizon: number;
}

/** What the model's set-up reads of the scenario. */
export interface ModelSetup {
  sources: readonly { dataAsOf?: number }[];
  workers: WorkerSchedule;
  emails: readonly { sendAt: readonly number[] }[];
}

export class RefreshModel {
  readonly system: RefreshSystem;
  readonly #sessions: Sessions;
  readonly #rules: ModelRules;
  readonly #timers: Timers;

  constructor(topo: Topology, rules: ModelRules, clock: Clock, timers: Timers, sampler: CallSampler, observer: RefreshObserver) {
    this.system = new RefreshSystem(topo, rules, clock, timers, sampler, observer);
    this.#sessions = new Sessions(this.system, clock, timers, rules.dashboardViewEvery, rules.horizon);
    this.#rules = rules;
    this.#timers = timers;
  }

  /**
   * Before the run: each source's initial data (`initial` draws the ages not given), the workers in
   * force at time 0 and their changes, and the e-mails with their pre-refreshes.
   */
  setUp(setup: ModelSetup, initial: Rng, calendar: LocalTime): void {
    initData(this.system, setup.sources, this.system.topo.sourceInterval, initial);
    scheduleWorkers(this.system, setup.workers, calendar, this.#rules.horizon, this.#timers);
    scheduleEmails(setup.emails, this.#rules.emailLead, this.#timers);
  }

  /** A user of the account logs in now, for a session that lasts until `endAt`. */
  openSession(account: number, endAt: number): void {
    this.#sessions.open(account, endAt);
  }

  /** An event of one of the model's own kinds has come due. */
  onEvent(kind: number, arg: number): void {
    switch (kind) {
      case Kind.sessionEnd: this.#sessions.end(arg); break;
      case Kind.dashboardView: this.#sessions.view(arg); break;
      case Kind.workers: this.system.setWorkers(arg); break;
      case Kind.emailPrefresh: this.system.emailPrefresh(arg); break;
      case Kind.emailSend: this.system.emailSend(arg); break;
      default: this.system.onTimer(kind, arg); // its own timers; it refuses a kind it does not know
    }
  }

  /** Workers act once per instant, on everything that happened at it (see RefreshSystem.dispatch). */
  dispatch(): void {
    this.system.dispatch();
  }
}
