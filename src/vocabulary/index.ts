// The bottom layer's words, shared by every layer above: units (parse and print), "did you mean", the one
// problem type, the shapes of summary.json and sweep.json, paths into them, and the threshold grammar.
// It imports nothing of the project.
export {
  DURATION_PATTERN, RATE_PATTERN, TIME_OF_DAY_PATTERN, ISO_INSTANT_PATTERN, ISO_DATE_PATTERN, MIN_YEAR, MAX_YEAR,
  parseDuration, parseRate, parseTimeOfDay, parseInstant, instantProblem, isInstantText,
} from './units.js';
export { parseQuantity, type Quantity } from './quantity.js';
export { formatDuration, formatNumber, round, shownInterval } from './format.js';
export { suggest, nearest, nearestFew } from './suggest.js';
export { formatPath, formatProblem, formatProblems, type PathSegment, type Problem } from './problems.js';
export type * from './summary.js';
export { TRIGGERS } from './summary.js';
export { summarySchema } from './summary-schema.js';
export type * from './sweep.js';
export {
  formatMetric, isEmptyDistStat, lookupPath, metricKind, notANumberMessage, numericPaths, schemaMetricKind, summaryPathKind,
  summaryPathProblem, unknownPathMessage, type Lookup,
} from './metric-path.js';
export { HEADLINE_METRICS, metricPaths, replicatedView } from './replicated.js';
export {
  THRESHOLD_LEVELS, THRESHOLD_OPS, formatThreshold, limitUnitProblem, parseThresholdArgs, parseThresholdExpression, parseThresholds,
  percentLimit, runThresholds, thresholdsFromConfig, thresholdsSchema,
  type LimitUnit, type Threshold, type ThresholdLevel, type ThresholdOp, type ThresholdsConfig, type ThresholdsConfigInput,
} from './threshold.js';
export { checkMetricPaths, checkThresholdPaths, summarySkeleton, type ThresholdModel, type ThresholdPathOptions } from './threshold-paths.js';
export {
  MAX_JSON_FILE_BYTES, checkSummary, fieldProblem, inputFileProblem, ioMessage, readJsonFile, readSummaryFile, replicationsSchema,
} from './summary-file.js';
