// Human formatting of seconds and numbers for the console.
import { formatDuration } from '../vocabulary/index.js';

/** Seconds for the console in the one style (`formatDuration`); "-" when there is no value. */
export function human(seconds: number | null | undefined): string {
  return formatDuration(seconds, '-');
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
