// Loaded with `node --import` in a test: a bug that strikes mid-run, outside any command's promise chain
// (an uncaught exception or an unhandled rejection, per THROW_LATER), once the run has started writing
// (a staging directory appears in THROW_WHEN_STAGED_IN), to prove every error funnels through the CLI's
// one handler: temporaries removed, "internal error", exit 1.
import { readdirSync } from 'node:fs';

const kind = process.env.THROW_LATER;
const dir = process.env.THROW_WHEN_STAGED_IN;
const timer = setInterval(() => {
  if (!readdirSync(dir).some((f) => f.includes('.refresh-sim-'))) return;
  clearInterval(timer);
  if (kind === 'rejection') Promise.reject(new TypeError('boom from a stray promise'));
  else throw new TypeError('boom from a timer');
}, 10);
timer.unref();
