// The CI regression gate's public API: thresholds evaluated on summary.json, comparison with a baseline,
// and reading summaries. The words it shares with other layers (paths, units, the threshold grammar,
// Problem) are in src/vocabulary.
export type { CompareOptions, CompareResult, CompareRow, Direction, GateReport, ThresholdEvaluation, ThresholdResult, Tolerance, Verdict } from './types.js';
export { evaluateThresholds } from './threshold.js';
export { DEFAULT_COMPARE_PATHS, DEFAULT_TOLERANCE, compareSummaries, formatCompareTable, formatTolerance, parseTolerance, parseToleranceArgs } from './compare.js';
export { EXIT_BAD_INPUT, EXIT_GATE_FAILED, gateExitCode, judgeRun } from './outcome.js';
