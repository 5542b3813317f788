// Many runs of one scenario: one run's wiring, replications, sweeps, plans, shards and their guards. The
// commands reach src/experiment through this file.
export { runModel, type RunOptions } from './run.js';
export { checkReplicationCount, runReplications, parsePrecision, deriveSeed, replicationModel, type ReplicationOptions, type ReplicatedRun } from './replicate.js';
export { confidenceInterval } from './confidence.js';
export { DEFAULT_SWEEP_REPLICATIONS, Sweep, parseSweepSpec } from './sweep.js';
export { DEFAULT_PLAN_REPLICATIONS, formatPlanTable, parseSlos, runPlan, type PlanOptions, type PlanResult, type PlanRow, type SloCheck } from './plan.js';
export {
  checkShard, mergePartialFiles, parseShard, partialJson, partialPath, replicationsDesign, runReplicationShard, runSweepShard, shardPairs,
  type Shard,
} from './shard.js';
export { ALLOW_LARGE_FLAG, HARD_MAX_RUNS, MAX_RUNS, allowLargeFlag, jobsFor, parseIntegerFlag, parseJobs, singleText } from './guards.js';
