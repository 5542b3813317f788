// "Did you mean": the known word closest to a mistyped one, written once for scenario keys, ids, zones, columns and summary paths.
import { distance } from 'fastest-levenshtein';

/**
 * The closest known word, if it is close enough to be a likely typo (at most max(2, length/3) edits,
 * letter case ignored); the first of equally close words wins.
 */
export function suggest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const w = word.toLowerCase();
  const allowed = Math.max(2, Math.floor(word.length / 3));
  for (const k of known) {
    // the distance is at least the difference in length: skipping those keeps a huge word cheap
    if (Math.abs(k.length - w.length) > allowed) continue;
    const d = k.toLowerCase() === w ? 0 : distance(w, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= allowed ? best : undefined;
}

/** The known word closest to `word`, however far (the first of equally close words), or undefined when none is known. */
export function nearest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

/** The `count` known words closest to `word`, nearest first, ties in code-unit order. */
export function nearestFew(word: string, known: readonly string[], count: number): string[] {
  return known
    .map((c) => ({ c, d: distance(word, c) }))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .slice(0, count)
    .map((x) => x.c);
}
