// Scenario files: read, validate (every problem at once, with line and field path) and expand to a Model.
export { loadScenario, parseScenario, type ParseOptions } from './load.js';
export { modelParameters } from './expand/parameters.js';
export { ScenarioError, formatProblems, formatProblem, type Problem } from './problems.js';
export { parseDuration, parseRate, parseTimeOfDay, parseInstant, formatDuration } from '../vocabulary/index.js';
export { scenarioSchema, type ScenarioInput } from './schema.js';
export { CONNECTOR_PRESETS, LOGIN_PROFILES, DEFAULTS } from './presets.js';
export { zonedToEpochMs, localTime } from './timezone.js';
export { mainTimeZone } from './expand/peaks.js';
export type * from './model.js';
export { TRIGGERS } from './model.js';
export {
  applyOverrides, formatOverrides, loadScenarioWithOverrides, modelWithOverrides, parseOverride, parseOverrideValue, rawScenarioFromText, readRawScenario,
  type Override, type OverrideValue, type RawScenario,
} from './overrides.js';
export { readTextFile, FileProblem, MAX_TRACE_BYTES } from './files.js';
