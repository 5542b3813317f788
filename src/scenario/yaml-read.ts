// Scenario text -> plain data with positions, with every way the YAML library can fail or be abused
// (syntax, alias bombs, deep nesting, huge expansions, reserved keys) turned into located problems.
import { type Document, LineCounter, type Node, isAlias, isCollection, isPair, parseDocument } from 'yaml';
import { Locator } from './locate.js';
import type { PathSegment, Problem } from './problems.js';

/** Nesting deeper than this is no scenario (the deepest real one is about 8 levels). */
const MAX_DEPTH = 64;
/** Values in the document once aliases are expanded (a 16 MiB file holds about 2 million). */
const MAX_VALUES = 4_000_000;
/** Alias expansions the YAML library allows (its own resource guard). */
const MAX_ALIAS_COUNT = 10_000;

export interface ParsedYaml {
  doc: Document;
  locator: Locator;
  data: unknown;
  /** problems that do not stop validation (reserved keys): reported with the rest */
  problems: Problem[];
}

/** Parses scenario text (YAML or JSON). Returns only `fatal` problems when the text cannot be validated. */
export function readYaml(text: string, file: string): ParsedYaml | { fatal: Problem[] } {
  const lineCounter = new LineCounter();
  const at = (offset: number | undefined, message: string, path = ''): Problem => {
    const p: Problem = { file, path, message };
    if (offset !== undefined) {
      const pos = lineCounter.linePos(offset);
      p.line = pos.line;
      p.column = pos.col;
    }
    return p;
  };
  let doc: Document;
  try {
    // JSON is YAML: the same parser gives positions for both
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    return { fatal: [{ file, line: 1, column: 1, path: '', message: `cannot read the YAML: ${libraryMessage(e)}` }] };
  }
  if (doc.errors.length > 0) return { fatal: doc.errors.map((e) => at(e.pos[0], `YAML syntax: ${libraryMessage(e)}`)) };

  const shape = documentShape(doc);
  if (shape.deep) return { fatal: [at(shape.deep.range?.[0], `nested more than ${MAX_DEPTH} levels deep: no scenario is; is this the right file?`)] };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const aliasBomb = e instanceof ReferenceError && /excessive alias count/i.test(e.message);
    const message = aliasBomb
      ? `too many aliases: expanding them would exceed ${MAX_ALIAS_COUNT} copies (an alias bomb?); write the values out or use fewer aliases`
      : `cannot read the YAML: ${libraryMessage(e)}`;
    return { fatal: [at(shape.firstAlias?.range?.[0] ?? 0, message)] };
  }
  const locator = new Locator(doc, lineCounter, file);
  const shapeOfData = dataProblems(data, locator);
  if (shapeOfData.fatal) return { fatal: shapeOfData.problems };
  return { doc, locator, data, problems: shapeOfData.problems };
}

function libraryMessage(e: unknown): string {
  if (e instanceof Error && /call stack/i.test(e.message)) return `nested too deeply (more than ${MAX_DEPTH} levels)`;
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** The first node nested deeper than MAX_DEPTH, and the first alias, without recursion. */
function documentShape(doc: Document): { deep?: Node; firstAlias?: Node } {
  const out: { deep?: Node; firstAlias?: Node } = {};
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isAlias(node)) {
      if (out.firstAlias === undefined || (node.range?.[0] ?? 0) < (out.firstAlias.range?.[0] ?? 0)) out.firstAlias = node;
      continue;
    }
    if (!isCollection(node)) continue;
    if (depth >= MAX_DEPTH) {
      out.deep = node;
      return out;
    }
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return out;
}

/**
 * Problems of the plain data: more than MAX_VALUES values once aliases are expanded (each shared value
 * counted every time it is reached, as validation will reach it), nesting through aliases deeper than
 * MAX_DEPTH (a cycle), and `__proto__` keys, which JavaScript objects cannot hold as data.
 */
interface Frame {
  key: PathSegment;
  parent: Frame | null;
  depth: number;
}

function pathOf(f: Frame | null): PathSegment[] {
  const out: PathSegment[] = [];
  for (let x = f; x !== null && x.parent !== null; x = x.parent) out.push(x.key);
  return out.reverse();
}

function dataProblems(data: unknown, locator: Locator): { fatal: boolean; problems: Problem[] } {
  const problems: Problem[] = [];
  const stack: [unknown, Frame][] = [[data, { key: '', parent: null, depth: 0 }]];
  let values = 0;
  while (stack.length > 0) {
    const [value, frame] = stack.pop()!;
    if (++values > MAX_VALUES) {
      return { fatal: true, problems: [locator.problem([], `the document expands to more than ${MAX_VALUES.toLocaleString('en-US')} values (through aliases?): no scenario is this large`)] };
    }
    if (value === null || typeof value !== 'object') continue;
    if (frame.depth > MAX_DEPTH) return { fatal: true, problems: [locator.problem(pathOf(frame).slice(0, 4), `nested more than ${MAX_DEPTH} levels deep through aliases (an alias that contains itself?)`)] };
    const child = (key: PathSegment): Frame => ({ key, parent: frame, depth: frame.depth + 1 });
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], child(i)]);
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) {
      problems.push(locator.problem([...pathOf(frame), '__proto__'], '`__proto__` cannot be used as a key or id (JavaScript reserves it); rename it', { key: true }));
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) stack.push([(value as Record<string, unknown>)[keys[i]], child(keys[i])]);
  }
  return { fatal: false, problems };
}
