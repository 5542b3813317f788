// The gate's verdict as a process exit code, so every command maps outcomes the same way.
import type { GateReport } from './types.js';

/** Bad input: an unknown or non-numeric path, a unit that does not fit the metric, an unreadable baseline. */
export const EXIT_BAD_INPUT = 2;
/** An error-level threshold failed, or the comparison found a regression (after every output is written). */
export const EXIT_GATE_FAILED = 99;

/** 2 if the gate had bad input, else 99 if an error-level threshold failed or a metric regressed, else 0. */
export function gateExitCode(gate: GateReport): 0 | typeof EXIT_BAD_INPUT | typeof EXIT_GATE_FAILED {
  const problems = (gate.thresholds?.problems.length ?? 0) + (gate.compare?.problems.length ?? 0);
  if (problems > 0) return EXIT_BAD_INPUT;
  if (gate.thresholds?.failed || gate.compare?.regressed) return EXIT_GATE_FAILED;
  return 0;
}
