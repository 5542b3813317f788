// The model's rules that are set up before the run: each source's initial data age, the worker schedule
// of a time zone and the e-mail reports with their pre-refresh lead (MODEL.md rule 5).
import type { Rng } from '../engine/random.js';
import type { Timers } from '../engine/clock.js';
import { Kind, Priority } from './ladder.js';
import type { RefreshSystem } from './system.js';

/** Local wall-clock time of time zones (src/run/calendar.ts), injected like the clock. */
export interface LocalTime {
  /** wall-clock seconds since the epoch (as if the zone were UTC) at sim time t */
  wall(zone: string, t: number): number;
  /** sim times in [from, to) at which the zone's wall clock reads `secondsOfDay`, ascending */
  daily(zone: string, secondsOfDay: number, from: number, to: number): number[];
}

/** A number of workers, or a daily schedule: `at` seconds after local midnight. */
export type WorkerSchedule =
  | { kind: 'fixed'; workers: number }
  | { kind: 'schedule'; timezone: string; steps: readonly { at: number; workers: number }[] };

/**
 * Each source's cached data before the run: as given, or a uniformly random phase within one interval
 * (one draw per source from `rng`, given or not, so giving one source's age shifts no other's).
 */
export function initData(system: RefreshSystem, sources: readonly { dataAsOf?: number }[], interval: Float64Array, rng: Rng): void {
  for (let s = 0; s < sources.length; s++) {
    const u = rng.next();
    const asOf = sources[s].dataAsOf ?? (interval[s] === Infinity ? 0 : -u * interval[s]);
    system.initSource(s, asOf);
  }
}

/** Sets the workers in force at time 0 and schedules every change (Kind.workers) before `horizon`. */
export function scheduleWorkers(system: RefreshSystem, w: WorkerSchedule, calendar: LocalTime, horizon: number, timers: Timers): void {
  if (w.kind === 'fixed') {
    system.setWorkers(w.workers);
    return;
  }
  const steps = [...w.steps].sort((a, b) => a.at - b.at);
  // the step in force at time 0 is the last one of the (local) day before
  const h0 = (calendar.wall(w.timezone, 0) % 86400 + 86400) % 86400;
  let initial = steps[steps.length - 1].workers;
  for (const st of steps) if (st.at <= h0) initial = st.workers;
  system.setWorkers(initial);
  for (const st of steps) for (const t of calendar.daily(w.timezone, st.at, 0, horizon)) if (t > 0) timers.at(t, Priority.workers, Kind.workers, st.workers);
}

/** Rule 5: each e-mail's sources are enqueued `lead` seconds before each send (not before time 0). */
export function scheduleEmails(emails: readonly { sendAt: readonly number[] }[], lead: number, timers: Timers): void {
  emails.forEach((e, i) => {
    for (const at of e.sendAt) {
      timers.at(Math.max(0, at - lead), Priority.emailPrefresh, Kind.emailPrefresh, i);
      timers.at(at, Priority.emailSend, Kind.emailSend, i);
    }
  });
}
