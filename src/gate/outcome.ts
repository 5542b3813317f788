// The gate's verdict on a run, and as a process exit code, so every command maps outcomes the same way.
import { InputError } from '../input-error.js';
import { formatProblems, type GateSummary, type Threshold } from '../vocabulary/index.js';
import { evaluateThresholds } from './threshold.js';
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

/**
 * A run's thresholds judged on its summary (a replicated summary: on the replication means). They were
 * checked against the summary's shape before the run (`checkThresholdPaths`); a problem left now is
 * still bad input, thrown as InputError.
 */
export function judgeRun(summary: GateSummary, thresholds: readonly Threshold[]): GateReport {
  if (thresholds.length === 0) return {};
  const evaluation = evaluateThresholds(summary, thresholds);
  if (evaluation.problems.length > 0) throw new InputError(formatProblems(evaluation.problems));
  return { thresholds: evaluation };
}
