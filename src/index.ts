// The library API of refresh-sim: load a scenario, simulate it, replicate, sweep, plan, gate and report.
export { loadScenario, parseScenario, ScenarioError, formatProblems, loadScenarioWithOverrides, applyOverrides, parseOverride } from './scenario/index.js';
export type { Model, Trigger } from './scenario/index.js';

export { simulate, Simulation, type SimulateOptions } from './run/index.js';
export {
  runModel, runReplications, deriveSeed, Sweep, parseSweepSpec, runPlan, parseSlos, formatPlanTable, mergePartialFiles, parseShard,
  type RunOptions, type ReplicationOptions, type ReplicatedRun,
} from './experiment/index.js';

export { evaluateThresholds, compareSummaries, formatCompareTable } from './gate/index.js';
export { parseThresholdArgs } from './vocabulary/index.js';

export { writers, FORMATS, type Format, openRefreshesCsv, pngAvailable, summaryJson } from './report/index.js';

export type { Summary, Dist, TimeParts, TimeseriesRow, RequestRecord, RunResult } from './vocabulary/index.js';
export { summarySchema } from './vocabulary/index.js';
export { InputError } from './input-error.js';
