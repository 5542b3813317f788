// The worker-thread entry of the simulation pool (./pool.ts): one model in, its summary out.
// Only the summary travels back (no time series, no request records), to keep messages small.
import type { Model } from '../scenario/model.js';
import type { Summary } from '../stats/types.js';
import { simulate } from '../run/index.js';

export interface SimTask {
  model: Model;
}

export default function runTask({ model }: SimTask): Summary {
  return simulate(model).summary;
}
