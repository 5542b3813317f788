// Checks of `peaks:` (named windows): zones, from before to, unique names, and edges on bucket boundaries.
import type { Model } from '../model.js';
import { show } from '../problems.js';
import type { ScenarioInput } from '../schema.js';
import { isValidTimeZone } from '../timezone.js';
import { edgeSeconds, occurrences, windowZone } from '../expand/peaks.js';
import { formatDuration } from '../../vocabulary/index.js';
import { type Checker, list, obj, str } from './checker.js';

function edge(x: unknown): number | undefined {
  const text = str(x);
  if (text === undefined) return undefined;
  try {
    return edgeSeconds(text);
  } catch {
    return undefined; // the schema reports it
  }
}

/** What can be judged from the file alone (before expansion). */
export function checkPeaks(c: Checker, d: Record<string, unknown>): void {
  const firstAt = new Map<string, number>();
  list(d.peaks).forEach((w, i) => {
    const p = obj(w);
    c.timezone(['peaks', i, 'timezone'], p.timezone);
    const from = edge(p.from);
    const to = edge(p.to);
    if (from !== undefined && to !== undefined && from >= to) {
      c.at(['peaks', i, 'to'], `must be after \`from\` (${show(p.from)} to ${show(p.to)}); a window that crosses midnight is two windows, or use "24:00"`);
    }
    const name = str(p.name);
    if (name === undefined) return;
    const seen = firstAt.get(name);
    if (seen !== undefined) c.at(['peaks', i, 'name'], `duplicate window name ${show(name)} (also peaks[${seen}])`);
    else firstAt.set(name, i);
  });
}

/**
 * Window edges must fall on bucket boundaries (the figures are sums of whole buckets, counted from the
 * start): each occurrence's edges are checked, since a DST change or a zone's half-hour offset can move
 * them. One problem per edge (from, to) at its first bad occurrence.
 */
export function checkPeakBuckets(c: Checker, input: ScenarioInput, m: Model): void {
  const span = { startEpochMs: m.startEpochMs, duration: m.duration, endEpochMs: m.startEpochMs + m.duration * 1000 };
  (input.peaks ?? []).forEach((p, i) => {
    const zone = windowZone(p, m.accounts);
    if (!isValidTimeZone(zone)) return; // reported before expansion
    const occ = occurrences(p, zone, span);
    (['from', 'to'] as const).forEach((key, k) => {
      // edges outside the run are clipped to it, so they do not count
      const bad = occ.map((o) => o[k]).find((t) => t > 0 && t < m.duration && t % m.bucket !== 0);
      if (bad === undefined) return;
      const into = bad % m.bucket;
      c.at(['peaks', i, key], `${show(p[key])} (${zone}) falls ${formatDuration(into)} into a bucket of ${formatDuration(m.bucket)} (buckets start at the run's start, ${new Date(m.startEpochMs).toISOString()}): window edges must fall on bucket boundaries`);
    });
  });
}
