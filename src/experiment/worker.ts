// The worker-thread entry of the simulation pool (./pool.ts): one model in, its summary out.
// Only the summary travels back (no time series, no request records), to keep messages small.
import type { Model } from '../scenario/index.js';
import type { Summary } from '../vocabulary/index.js';
import { simulate } from '../run/index.js';

export interface SimTask {
  model: Model;
}

export default function runTask({ model }: SimTask): Summary {
  return simulate(model).summary;
}
