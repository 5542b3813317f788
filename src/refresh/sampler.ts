// What the refresh system asks of the outside world for each call: how long it takes and whether it fails.

/** Draws the source system's behaviour for one call; the simulator backs it with seeded streams. */
export interface CallSampler {
  /** response time in seconds for a call of this connector */
  latency(connector: number): number;
  /** whether the call fails with an error */
  fails(connector: number): boolean;
}
