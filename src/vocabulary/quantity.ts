// A limit or tolerance as the gate reads it (thresholds, --max-increase, SLOs): a plain number, a percentage, or a duration in the one grammar.
import { parseDuration } from './units.js';

export type Quantity =
  | { unit: 'plain'; value: number }
  /** value in seconds */
  | { unit: 'duration'; value: number }
  /** value as written: 1 for `1%` */
  | { unit: 'percent'; value: number };

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const PLAIN_RE = new RegExp(`^${NUMBER}$`);
const PERCENT_RE = new RegExp(`^(${NUMBER})%$`);
// a unit must be written: a bare number is a plain number here, not seconds
const HAS_UNIT_RE = /[a-z]\s*$/i;

/**
 * Reads a limit or tolerance: a plain number (`0.85`, `-1`, `1e3`), a percentage (`1%`, `2.5%`), or a
 * non-negative duration in the scenario's grammar (`250ms`, `90s`, `5 min`, `2h`, `1d`, `1w`, `1h30m`).
 * Returns a message instead when the text is none of these.
 */
export function parseQuantity(text: string): Quantity | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'a value is missing' };
  if (PLAIN_RE.test(t)) return finite({ unit: 'plain', value: Number(t) }, t);
  const pct = PERCENT_RE.exec(t);
  if (pct) return finite({ unit: 'percent', value: Number(pct[1]) }, t);
  if (!t.startsWith('-') && HAS_UNIT_RE.test(t)) {
    try {
      return finite({ unit: 'duration', value: parseDuration(t) }, t);
    } catch {
      // not a duration either: the message below names all three forms
    }
  }
  return {
    error: `"${t}" is not a number, a percentage (1%) or a duration (250ms, 90s, 5m, 2h, 1d, 1w)`,
  };
}

function finite(q: Quantity, text: string): Quantity | { error: string } {
  return Number.isFinite(q.value) ? q : { error: `"${text}" is out of range` };
}
