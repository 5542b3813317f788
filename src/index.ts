// The library API of refresh-sim: load a scenario, simulate it, replicate, sweep, plan, gate and report.
export { loadScenario, parseScenario, ScenarioError, formatProblems } from './scenario/index.js';
export type { Model, Trigger } from './scenario/model.js';
export { loadScenarioWithOverrides, applyOverrides, parseOverride } from './scenario/overrides.js';

export { simulate, Simulation, type SimulateOptions } from './run/index.js';
export { runModel, type RunOptions } from './experiment/run.js';
export { runReplications, deriveSeed, type ReplicationOptions, type ReplicatedRun } from './experiment/replicate.js';
export { Sweep, parseSweepSpec } from './experiment/sweep.js';
export { runPlan, parseSlos, formatPlanTable } from './experiment/plan.js';
export { mergePartialFiles, parseShard } from './experiment/shard.js';

export { evaluateThresholds, parseThresholdArgs, compareSummaries, formatCompareTable } from './gate/index.js';

export { writers, FORMATS, type Format, openRefreshesCsv, pngAvailable } from './report/index.js';
export { summaryJson } from './report/json.js';

export type { Summary, Dist, TimeParts, TimeseriesRow, RequestRecord, RunResult } from './stats/types.js';
export { summarySchema } from './stats/summary-schema.js';
export { InputError } from './input-error.js';
