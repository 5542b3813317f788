// The priority ladder (which of several events at the same instant runs first) and the registry of
// event kinds (which module owns each), written down once.
//
// Lower runs first; equal priorities run in the order they were scheduled. The order follows simmer and
// OMNeT++: what frees capacity (call completions, limit releases) runs before what asks for it, so a
// request arriving at the instant a worker frees up sees the freed worker; capacity changes come
// next; then activity changes (logout before login, so a session that hands over to another at the
// same instant never leaves the account inactive-then-active twice), then the requests themselves,
// then observations (e-mail sends, embed views, dashboard views), which see the state after it all.

export const Priority = {
  callEnd: 0,
  limitWake: 1,
  deferWake: 2,
  workers: 3,
  logout: 4,
  login: 5,
  linkView: 6,
  due: 7,
  warmUp: 8,
  emailPrefresh: 9,
  refresh: 10,
  emailSend: 11,
  embedView: 12,
  dashboardView: 13,
} as const;

/**
 * Every event kind on the clock, with the one module that schedules and handles it: the registry of
 * kinds. (The engine does not know what a kind means; whoever owns a kind dispatches it.) Which of two
 * events at one instant runs first is not a kind's number but its Priority, written beside it here.
 *
 * The refresh model's kinds come first, below FIRST_INPUT_KIND, so the run passes an event to the model
 * with one comparison; the kinds from FIRST_INPUT_KIND on are the scenario's inputs replayed by the run.
 */
export const Kind = {
  // refresh/system.ts (RefreshSystem.onTimer)
  callEnd: 0, // arg: source. Priority.callEnd
  due: 1, // arg: source. Priority.due
  limitWake: 2, // arg: limit key, handled by refresh/limits.ts. Priority.limitWake
  deferWake: 3, // arg: source. Priority.deferWake
  // refresh/sessions.ts
  sessionEnd: 4, // arg: session slot. Priority.logout
  dashboardView: 5, // arg: session slot. Priority.dashboardView
  // refresh/schedules.ts
  workers: 6, // arg: worker count. Priority.workers
  emailPrefresh: 7, // arg: e-mail. Priority.emailPrefresh
  emailSend: 8, // arg: e-mail. Priority.emailSend
  // run/inputs.ts: the scenario's traces and arrival processes
  sessionStart: 9, // arg: session trace. Priority.login
  loginProcess: 10, // arg: login process. Priority.login
  refreshTrace: 11, // arg: refresh trace. Priority.refresh
  refreshProcess: 12, // arg: refresh process. Priority.refresh
  embedTrace: 13, // arg: embed. Priority.embedView
  embedProcess: 14, // arg: embed-view process. Priority.embedView
  warmUp: 15, // arg: account. Priority.warmUp
  linkTrace: 16, // arg: account. Priority.linkView
  linkProcess: 17, // arg: link-view process. Priority.linkView
} as const;

/** Kinds below this belong to the refresh model (src/refresh); the rest to the run's inputs (src/run). */
export const FIRST_INPUT_KIND = Kind.sessionStart;
