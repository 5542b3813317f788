// The statistics of one run, as the floors above use them: the collector the run wires to the refresh
// model, the summary built from it, and the policy metrics a sweep reports.
export { Collector } from './collector.js';
export { buildSummary } from './summary.js';
export { POLICY_METRICS } from './fairness.js';
