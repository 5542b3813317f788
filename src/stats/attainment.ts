// SLO attainment (summary.json `attainment`): the share of refreshes whose wait was at most the target,
// from the exact per-trigger counts the collector keeps.
import { TRIGGERS, round, type Attainment } from '../vocabulary/index.js';

export function attainment(target: number, count: Float64Array, met: Float64Array): Attainment {
  const byTrigger: Attainment['byTrigger'] = {};
  let n = 0, m = 0;
  TRIGGERS.forEach((t, i) => {
    if (count[i] === 0) return;
    byTrigger[t] = { metPct: round((100 * met[i]) / count[i]), count: count[i] };
    n += count[i];
    m += met[i];
  });
  return { target, metPct: n > 0 ? round((100 * m) / n) : null, byTrigger };
}
