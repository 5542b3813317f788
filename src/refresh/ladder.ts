// The priority ladder: which of several events at the same instant runs first, written down once.
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

/** Timer kinds owned by the refresh system (the driver's own kinds start at 100). */
export const Timer = {
  callEnd: 1,
  due: 2,
  limitWake: 3,
  deferWake: 4,
} as const;
