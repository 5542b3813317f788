// The contract every report writer follows: one writer per format, registered in ./index.ts.
import type { RunResult, RequestRecord } from '../vocabulary/index.js';
import type { GateReport } from '../gate/index.js';

export interface WriteContext {
  result: RunResult;
  /** the output directory (exists) */
  outDir: string;
  /** thresholds evaluated and baselines compared, for the CI formats (junit, markdown) */
  gate?: GateReport;
  /** the IANA zone the reports show times in; default: the scenario's (`params.timezone`), else UTC */
  timeZone?: string;
}

/** Writes one format's files into ctx.outDir, each atomically (see ./atomic.ts). Returns the paths written. */
export type Writer = (ctx: WriteContext) => Promise<string[]>;

/** A per-request sink, opened before the run and fed while it runs (refreshes.csv). */
export interface RequestSink {
  write(r: RequestRecord): void;
  /** resolves when the writer can take more (backpressure); the runner awaits it between chunks */
  drain(): Promise<void>;
  close(): Promise<string[]>;
  abort(): Promise<void>;
}
