// The run report's fairness line (issue 12): the queue policy, the worst account's p95 wait, Jain's
// index over the accounts' mean waits and the longest wait of each trigger (starvation shows there).
import type { Summary } from '../vocabulary/index.js';
import { formatSeconds } from './charts.js';
import { escapeHtml } from './html-format.js';

export function fairnessHtml(s: Summary): string {
  const f = s.fairness;
  if (!f) return '';
  const longest = Object.entries(f.maxWaitByTrigger)
    .filter(([, v]) => v !== null)
    .map(([t, v]) => `${t} ${formatSeconds(v)}`)
    .join(', ');
  const worst = f.worstAccount === null ? 'no account waited' : `worst account p95 wait ${formatSeconds(f.worstAccountP95Wait)} (${f.worstAccount})`;
  const jain = f.jainIndex === null ? '' : `; Jain's index over ${f.accounts} accounts' mean waits ${f.jainIndex.toFixed(3)} (1 = every account waits the same)`;
  return `<p class="muted" id="fairness">Queue policy: ${escapeHtml(s.policy ?? 'fifo')}. Fairness: ${escapeHtml(worst + jain)}.${longest ? ` Longest wait by trigger: ${escapeHtml(longest)}.` : ''}</p>`;
}
