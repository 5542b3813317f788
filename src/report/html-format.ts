// Formatting shared by the HTML pages: escaping, and numbers of summary.json metrics for people.
import { metricKind, type Summary } from '../vocabulary/index.js';
import { formatFraction, formatSeconds } from './charts.js';

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A plain number for people, thousands separated, with as many decimals as `reference` (the mean of its
 * row, so a mean and its interval line up) needs: none from 100, one from 10, else two.
 */
export function formatPlain(x: number, reference = x): string {
  if (!Number.isFinite(x)) return '—';
  const r = Math.abs(reference);
  const digits = Number.isInteger(reference) && Number.isInteger(x) ? 0 : r >= 100 ? 0 : r >= 10 ? 1 : 2;
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * How a metric of a replications block reads: seconds for times, percentages for fractions and `…Pct`,
 * else a plain number with the decimals `reference` (default: the value itself) needs.
 */
export function formatMetricValue(s: Summary, path: string, v: number | null | undefined, reference?: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (path === 'utilisation.mean') return formatFraction(v);
  switch (metricKind(s, path)) {
    case 'seconds':
      return formatSeconds(v);
    case 'percent':
      return formatFraction(v / 100);
    default:
      return formatPlain(v, reference !== undefined && Number.isFinite(reference) ? reference : v);
  }
}

