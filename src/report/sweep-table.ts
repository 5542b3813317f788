// The console table of a sweep: one row per configuration, its parameter values, the p95 wait
// (mean ± half-width of the confidence interval) and the utilisation; with SLOs, whether it meets them.
import { formatMetric, type SweepResult } from '../vocabulary/index.js';
import { policySentences, policyTable } from './sweep-policies.js';
import { meets, type SweepSlo } from './sweep-slo.js';

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function formatSweepTable(result: SweepResult, slos: readonly SweepSlo[] = []): string {
  // parameters held at one value are the same on every row (the header line of sweep.html names them)
  const varied = result.parameters.filter((p) => p.values.length > 1);
  const params = (varied.length > 0 ? varied : result.parameters).map((p) => p.path);
  const conf = Math.round(result.confidence * 100);
  const head = [...params, result.replications >= 2 ? `wait.p95 (± ${conf}% CI)` : 'wait.p95', 'utilisation', ...(slos.length > 0 ? ['SLOs'] : [])];
  const body = result.configurations.map((c) => {
    const w = c.replications.metrics['wait.p95'];
    const u = c.replications.metrics['utilisation.mean'];
    const wait = w ? `${formatMetric(w.mean, 'seconds')}${result.replications >= 2 ? ` ± ${formatMetric(w.halfWidth, 'seconds')}` : ''}` : 'no data';
    const ok = slos.every((s) => meets(s, c.replications.metrics[s.path], result.replications));
    return [...params.map((p) => String(c.set[p])), wait, u ? percent(u.mean) : 'no data', ...(slos.length > 0 ? [ok ? 'meets all' : 'fails'] : [])];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  // numbers right-aligned under their headings, the verdict left-aligned
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 && slos.length > 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n' + formatPolicyNote(result, slos);
}

/** A sweep over `policy` closes with the best policy per headline metric and the policies table ('' otherwise). */
function formatPolicyNote(result: SweepResult, slos: readonly SweepSlo[] = []): string {
  const t = policyTable(result, slos);
  if (!t) return '';
  const widths = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return ['', 'Policies (same traffic, common random numbers):', ...policySentences(result).map((x) => `- ${x}`), '', line(t.head), line(widths.map((w) => '-'.repeat(w))), ...t.rows.map(line)].join('\n') + '\n';
}
