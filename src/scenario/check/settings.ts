// Checks of the top-level settings: warm-up against duration, the start instant, the worker schedule, the retry ladder.
import { show } from '../problems.js';
import { isInstantText, parseInstant, parseTimeOfDay } from '../../vocabulary/index.js';
import { type Checker, type Obj, isObj, list, obj, seconds, str } from './checker.js';

function checkWorkerSchedule(c: Checker, workers: Obj): void {
  c.timezone(['workers', 'timezone'], workers.timezone);
  let prev = -1;
  let any = false;
  list(workers.schedule).forEach((step, i) => {
    const at = str(obj(step).at);
    if (typeof obj(step).workers === 'number' && (obj(step).workers as number) > 0) any = true;
    if (!at) return;
    let t: number;
    try {
      t = parseTimeOfDay(at);
    } catch {
      return;
    }
    if (t <= prev) c.at(['workers', 'schedule', i, 'at'], `steps must be in increasing time of day (${show(at)} comes after an equal or later step)`);
    prev = t;
  });
  if (!any && list(workers.schedule).length > 0) c.at(['workers', 'schedule'], 'every step has 0 workers: nothing would ever be refreshed');
}

function checkRetryLadder(c: Checker, d: Obj): void {
  let prevFrom = 0;
  list(d.retryLadder).forEach((step, i) => {
    const from = obj(step).from;
    if (typeof from !== 'number') return;
    if (i === 0 && from !== 1) c.at(['retryLadder', 0, 'from'], `the first step must start at failure 1 (got ${from})`);
    else if (i > 0 && from <= prevFrom) c.at(['retryLadder', i, 'from'], `steps must start at increasing failure counts (${from} after ${prevFrom})`);
    prevFrom = from;
  });
  if (typeof d.disableAt === 'number' && prevFrom >= d.disableAt) {
    c.at(['disableAt'], `a source is disabled at failure ${d.disableAt}, before the retry ladder's last step (from ${prevFrom})`);
  }
}

export function checkSettings(c: Checker, d: Obj): void {
  const duration = seconds(d.duration);
  const warmup = seconds(d.warmup);
  if (duration !== undefined && warmup !== undefined && duration > 0 && warmup >= duration) {
    c.at(['warmup'], `must be shorter than the duration (${show(d.warmup)} >= duration ${show(d.duration)})`);
  }
  if (typeof d.start === 'string' && isInstantText(d.start)) {
    try {
      parseInstant(d.start);
    } catch (e) {
      c.at(['start'], (e as Error).message);
    }
  }
  if (isObj(d.workers)) checkWorkerSchedule(c, d.workers);
  checkRetryLadder(c, d);
}
