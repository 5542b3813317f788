// The shape of sweep.json: a grid of configurations of one scenario, each with its replications block.
import type { Replications } from './summary.js';

export type SweepValue = number | string;

/** One swept parameter: a dotted path into the scenario as written, and its values in grid order. */
export interface SweepParameter {
  path: string;
  values: SweepValue[];
}

export interface SweepConfiguration {
  /** position in the grid (the first parameter varies slowest) */
  index: number;
  /** the value of each parameter, keyed by path, in parameter order */
  set: Record<string, SweepValue>;
  replications: Replications;
}

/** Everything that defines a sweep's output; shards of one sweep must agree on all of it. */
export interface SweepDesign {
  /** the scenario's name */
  scenario: string;
  /** sha256 of the scenario file's text */
  scenarioHash: string;
  parameters: SweepParameter[];
  /** replications per configuration */
  replications: number;
  confidence: number;
  /** seed of replication k (the same in every configuration: common random numbers) */
  seeds: number[];
  /** the metric paths each configuration was measured on (a metric without data in some replication is left out of that configuration) */
  metrics: string[];
}

export interface SweepResult extends SweepDesign {
  schemaVersion: 1;
  kind: 'sweep';
  configurations: SweepConfiguration[];
}
