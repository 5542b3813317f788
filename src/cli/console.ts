// What a run prints on the console: the short summary and the threshold verdicts, durations in the one style.
import type { GateReport } from '../gate/index.js';
import { formatDuration, type GateSummary } from '../vocabulary/index.js';
import { peakClock, peakFiguresText, peakWhen, windowWhen } from '../report/index.js';

/** Seconds for the console in the one style (`formatDuration`); "-" when there is no value. */
export function human(seconds: number | null | undefined): string {
  return formatDuration(seconds, '-');
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** The busiest hour and each named window (`peaks:`), one line each, times named in `timeZone`. */
export function peakConsoleLines(s: GateSummary, timeZone?: string): string[] {
  const peaks = s.peaks;
  if (!peaks) return [];
  const clock = peakClock(s, timeZone);
  const out = peaks.busiestHour ? [`  busiest hour  ${peakWhen(peaks.busiestHour, clock, human)}: ${peakFiguresText(peaks.busiestHour, human)}`] : [];
  for (const [name, w] of Object.entries(peaks.windows)) {
    out.push(`  window ${name}  ${w ? `${windowWhen(w, clock, human)}: ${peakFiguresText(w, human)}` : 'no data (it falls in the warm-up or outside the run)'}`);
  }
  return out;
}

/** The summary `run` prints on stdout; peak windows are named in `timeZone` (default UTC). */
export function consoleSummary(s: GateSummary, timeZone?: string): string {
  const r = s.requests;
  const lines = [
    `${s.scenario}: ${human(s.span.duration)} simulated (warm-up ${human(s.span.warmup)}), seed ${s.seed}`,
    `  requests   ${r.enqueued.total} enqueued (login ${r.enqueued.login}, due ${r.enqueued.due}, email ${r.enqueued.email}, manual ${r.enqueued.manual}, api ${r.enqueued.api}), ${r.coalesced} coalesced`,
    `             ${r.completed} completed, ${r.failed} failed, ${r.pendingAtEnd.total} pending at end`,
    `  wait       p50 ${human(s.wait.p50)}  p95 ${human(s.wait.p95)}  p99 ${human(s.wait.p99)}  max ${human(s.wait.max)}`,
    `  total      p50 ${human(s.total.p50)}  p95 ${human(s.total.p95)}  (queue ${human(s.queue.mean)} + deferred ${human(s.deferred.mean)} + response ${human(s.response.mean)} on average)`,
    `  workers    ${s.workers.mean.toFixed(2)} on average, utilisation ${pct(s.utilisation.mean)}, queue length ${s.queueLength.mean.toFixed(2)} mean / ${s.queueLength.max} max`,
    `  deferrals  ${s.deferrals.count} (${r.deferred} requests, ${human(s.deferrals.seconds)} in all)`,
    `  freshness  dashboard p95 ${human(s.freshness.dashboard.p95)}, embeds p95 ${human(s.freshness.embed.p95)}, e-mails p95 ${human(s.freshness.email.p95)}; ${s.emails.pendingAtSend}/${s.emails.sent} e-mails sent with a refresh pending`,
    `  failures   ${s.failures.count} (${s.failures.byReason.error} errors, ${s.failures.byReason.timeout} timeouts, ${s.failures.byReason.auth} auth), ${s.failures.disabledSources} sources disabled`,
    ...peakConsoleLines(s, timeZone),
  ];
  const reps = s.replications;
  if (reps) {
    lines.push(`  over ${reps.n} replications (mean and ${Math.round((reps.confidence ?? 0.95) * 100)}% confidence interval):`);
    for (const path of ['wait.mean', 'wait.p95', 'total.p95', 'utilisation.mean', 'queueLength.mean', 'emails.pendingAtSendPct']) {
      const m = reps.metrics[path];
      if (!m) continue;
      const f = path.startsWith('wait.') || path.startsWith('total.') ? human : (x: number) => x.toFixed(3);
      lines.push(`    ${path.padEnd(24)} ${f(m.mean)} ± ${f(m.halfWidth)}  [${f(m.ci[0])}, ${f(m.ci[1])}]`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The threshold verdicts under the summary, one line each. */
export function thresholdLines(gate: GateReport, replicated: boolean): string {
  const rows = (gate.thresholds?.results ?? []).map((r) => `  ${r.pass ? 'pass' : r.level === 'warn' ? 'WARN' : 'FAIL'}  ${r.message}`);
  return `\nThresholds${replicated ? ' (replicated metrics: their mean over the replications)' : ''}\n${rows.join('\n')}\n`;
}

/** With --quiet, only the failed and warned thresholds, one line each on stderr (issue 10). */
export function quietVerdicts(gate: GateReport): string {
  return (gate.thresholds?.results ?? []).filter((r) => !r.pass).map((r) => `${r.level === 'warn' ? 'WARN' : 'FAIL'}  ${r.message}\n`).join('');
}
