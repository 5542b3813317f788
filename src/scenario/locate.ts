// Where a field path sits in the YAML text: line and column of its node (or of its nearest parent).
import { type Document, type LineCounter, isMap, isScalar, isPair, isSeq, type Node } from 'yaml';
import { type PathSegment, type Problem, formatPath } from './problems.js';

export class Locator {
  readonly #doc: Document;
  readonly #lines: LineCounter;
  readonly #file: string;

  constructor(doc: Document, lines: LineCounter, file: string) {
    this.#doc = doc;
    this.#lines = lines;
    this.#file = file;
  }

  /** A problem at `path`; with `key`, at the key of its last segment (for unknown or misplaced keys). */
  problem(path: readonly PathSegment[], message: string, opts: { key?: boolean } = {}): Problem {
    const offset = this.offset(path, opts.key ?? false);
    const p: Problem = { file: this.#file, path: formatPath(path), message };
    if (offset !== undefined) {
      const pos = this.#lines.linePos(offset);
      p.line = pos.line;
      p.column = pos.col;
    }
    return p;
  }

  /** Character offset of the node at `path`, falling back to the nearest existing parent. */
  offset(path: readonly PathSegment[], key: boolean): number | undefined {
    let node: unknown = this.#doc.contents;
    let best: number | undefined = rangeStart(node);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) === String(seg) : p.key === seg));
        if (!pair) return best;
        if (last && key) return rangeStart(pair.key) ?? best;
        node = pair.value;
        // `key:` with nothing after it: point at the key
        best = rangeStart(pair.value) ?? rangeStart(pair.key) ?? best;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) return best;
        node = item;
        best = rangeStart(item) ?? best;
      } else {
        return best;
      }
    }
    return best;
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? range[0] : undefined;
}
