// V8's inlining budget for the event loop.
//
// TurboFan optimises the clock's loop (VirtualClock #run) as one function and inlines into it what it
// calls, most frequent first, until the inlined bytecode reaches a cumulative budget: 920 bytes by
// default. A model's whole hot path (the handler, the queue, a worker's take and start, a call's end, the
// statistics) is several thousand, so by default most of it stays as real calls, and every time passed to
// one is a number boxed on the heap. With a larger budget more of it is compiled into the loop: the M/M/c
// bench load took about 12% fewer instructions per refresh (README, Speed). Inlining never changes what
// the code computes, only how it is compiled: results are the same bytes with or without it.
import { setFlagsFromString } from 'node:v8';

/** The cumulative inlining budget, in bytecode bytes (V8's default is 920); measured, see the README's Speed section. */
export const INLINING_BUDGET = 4000;

const FLAG = '--max-inlined-bytecode-size-cumulative';
let done = false;

/**
 * Raises V8's cumulative inlining budget to INLINING_BUDGET, once per process (V8's flags are the
 * process's: worker threads share them), unless node was started with the flag, whose value then stands.
 * It only affects functions optimised afterwards: the clock calls it when made, before its loop is hot.
 */
export function raiseInliningBudget(): void {
  if (done) return;
  done = true;
  if (process.execArgv.some((a) => a.replace(/_/g, '-').startsWith(FLAG))) return;
  setFlagsFromString(`${FLAG}=${INLINING_BUDGET}`);
}
