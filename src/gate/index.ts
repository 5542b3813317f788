// The CI regression gate's public API: thresholds on summary.json, comparison with a baseline, and their types.
export type {
  CompareOptions,
  CompareResult,
  CompareRow,
  Direction,
  GateReport,
  GateSummary,
  LimitUnit,
  MetricKind,
  Problem,
  ReplicationMetric,
  Replications,
  Threshold,
  ThresholdEvaluation,
  ThresholdLevel,
  ThresholdOp,
  ThresholdResult,
  Tolerance,
  Verdict,
} from './types.js';
export {
  THRESHOLD_LEVELS,
  THRESHOLD_OPS,
  evaluateThresholds,
  formatProblemPath,
  formatProblems,
  formatThreshold,
  parseThresholdArgs,
  parseThresholdExpression,
  parseThresholds,
  percentLimit,
  thresholdsFromConfig,
  thresholdsSchema,
  type ThresholdsConfig,
  type ThresholdsConfigInput,
} from './threshold.js';
export {
  DEFAULT_COMPARE_PATHS,
  DEFAULT_TOLERANCE,
  compareSummaries,
  formatCompareTable,
  formatTolerance,
  parseTolerance,
  parseToleranceArgs,
} from './compare.js';
export { MAX_JSON_FILE_BYTES, checkSummary, fieldProblem, ioMessage, readJsonFile, readSummaryFile, replicationsSchema } from './load.js';
export { formatMetric, lookupPath, metricKind, numericPaths, schemaMetricKind, summaryPathKind, summaryPathProblem } from './path.js';
export { formatDuration, parseQuantity, type Quantity } from '../vocabulary/index.js';
export { EXIT_BAD_INPUT, EXIT_GATE_FAILED, gateExitCode } from './outcome.js';
export { replicatedView } from './replicated.js';
