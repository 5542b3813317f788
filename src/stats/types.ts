// The shapes of what a run produces now live at the bottom, in src/vocabulary/summary.ts; re-exported here
// so that older imports keep working.
export type * from '../vocabulary/index.js';
