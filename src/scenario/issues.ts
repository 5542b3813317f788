// Turns zod issues into problems a planner can read: what was expected, what was found, and where.
import { suggest } from '../vocabulary/index.js';
import type { z } from 'zod';
import type { Locator } from './locate.js';
import { type PathSegment, type Problem, show } from './problems.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

export function issuesToProblems(issues: readonly Issue[], root: AnySchema, data: unknown, locator: Locator): Problem[] {
  const out: Problem[] = [];
  for (const issue of dropImplicitBounds(issues)) convert(issue, [], root, data, locator, out);
  return out;
}

/** zod's own safe-integer bound of `.int()` is reported beside our lower `.max()`: keep only ours. */
function dropImplicitBounds(issues: readonly Issue[]): Issue[] {
  const key = (i: Issue) => JSON.stringify(i.path.map(String));
  const ours = new Set(issues.filter((i) => i.code === 'too_big' && Number(i.maximum) !== Number.MAX_SAFE_INTEGER).map(key));
  return issues.filter((i) => !(i.code === 'too_big' && Number(i.maximum) === Number.MAX_SAFE_INTEGER && ours.has(key(i))));
}

function convert(issue: Issue, prefix: PathSegment[], root: AnySchema, data: unknown, locator: Locator, out: Problem[]): void {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  const value = valueAt(data, path);
  const push = (message: string, key = false) => out.push(locator.problem(path, message, { key }));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = keysAt(root, path);
      for (const k of issue.keys) {
        const hint = suggest(k, known);
        out.push(locator.problem([...path, k], `unknown key \`${k}\`${hint ? ` (did you mean \`${hint}\`?)` : known.length ? ` (expected one of ${list(known.map((x) => `\`${x}\``))})` : ''}`, { key: true }));
      }
      return;
    }
    case 'invalid_type': {
      if (value === undefined) {
        const last = path[path.length - 1];
        push(typeof last === 'string' ? `missing required key \`${last}\`` : 'missing value');
      } else {
        push(`expected ${describeType(issue.expected)} (got ${show(value)})`);
      }
      return;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(value) ? value.length : 0;
        push(issue.exact ? `must have exactly ${min} item${min === 1 ? '' : 's'} (got ${n})` : `must have at least ${min} item${min === 1 ? '' : 's'} (got ${n === 0 ? 'none' : n})`);
      } else if (issue.origin === 'string') {
        push(min <= 1 ? 'must not be empty' : `must have at least ${min} characters`);
      } else {
        push(`${issue.inclusive ? `must be at least ${min}` : min === 0 ? 'must be positive' : `must be more than ${min}`} (got ${show(value)})`);
      }
      return;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Array.isArray(value) ? value.length : 0;
        push(issue.exact ? `must have exactly ${max} item${max === 1 ? '' : 's'} (got ${n})` : `must have at most ${max} items (got ${n})`);
      } else {
        push(`${issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`} (got ${show(value)})`);
      }
      return;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
      const hint = typeof value === 'string' ? suggest(value, issue.values.filter((v): v is string => typeof v === 'string')) : undefined;
      push(`expected ${options.length === 1 ? options[0] : `one of ${list(options)}`} (got ${show(value)})${hint ? `; did you mean "${hint}"?` : ''}`);
      return;
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      if (disc !== undefined && issue.errors.length === 0) {
        // zod may put the discriminator on the path; the object is its parent
        if (path[path.length - 1] === disc) path.pop();
        const options = discriminatorValues(root, path, disc);
        const objValue = valueAt(data, path);
        const found = objValue && typeof objValue === 'object' ? (objValue as Record<string, unknown>)[disc] : undefined;
        const hint = typeof found === 'string' ? suggest(found, options) : undefined;
        const where = [...path, disc];
        const message =
          found === undefined
            ? `missing required key \`${disc}\` (one of ${list(options.map((o) => `"${o}"`))})`
            : `expected one of ${list(options.map((o) => `"${o}"`))} (got ${show(found)})${hint ? `; did you mean "${hint}"?` : ''}`;
        out.push(locator.problem(found === undefined ? path : where, message));
        return;
      }
      // the branches whose shape fits the value explain the problem best; if none fits, list the shapes
      if (value === undefined) {
        const last = path[path.length - 1];
        push(typeof last === 'string' ? `missing required key \`${last}\`` : 'missing value');
        return;
      }
      const fitting = issue.errors.filter((branch) => !isTypeMismatch(branch));
      if (fitting.length > 0) {
        for (const sub of fitting[0]) convert(sub, path, root, data, locator, out);
        return;
      }
      const expected = [...new Set(issue.errors.flatMap((b) => b.flatMap(expectedOf)))];
      push(`expected ${list(expected, 'or')} (got ${show(value)})`);
      return;
    }
    case 'invalid_key':
    case 'invalid_element': {
      for (const sub of issue.issues) convert(sub, path, root, data, locator, out);
      return;
    }
    default:
      // invalid_format and custom carry our own messages (schema.ts); the rest keep zod's
      push(issue.message);
  }
}

/** A union branch fails only because the value has another type altogether. */
function isTypeMismatch(branch: readonly Issue[]): boolean {
  return branch.every(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' ||
        i.code === 'invalid_value' ||
        (i.code === 'invalid_union' && ((i as { discriminator?: string }).discriminator === undefined ? i.errors.every(isTypeMismatch) : false))),
  );
}

function expectedOf(issue: Issue): string[] {
  if (issue.code === 'invalid_type') return [describeType(issue.expected)];
  if (issue.code === 'invalid_value') return issue.values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  if (issue.code === 'invalid_union') return issue.errors.flatMap((b) => b.flatMap(expectedOf));
  return [];
}

function describeType(t: string): string {
  switch (t) {
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'a string';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping (key: value)';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    default:
      return t;
  }
}

function list(items: readonly string[], last = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

// "did you mean" lives in the vocabulary layer; re-exported for the scenario modules that import it from here
export { suggest };

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

// --- walking the schema (zod v4 definitions) to know which keys an object at a path accepts ---

/** The parts of a zod v4 schema definition this module and ./overrides.ts walk. */
export interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
  values?: unknown[];
}

export function def(s: AnySchema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Object schemas that may sit at `path`. */
function schemasAt(root: AnySchema, path: readonly PathSegment[]): AnySchema[] {
  let current = objectsIn(root);
  for (const seg of path) {
    const next: AnySchema[] = [];
    for (const s of current) {
      const d = def(s);
      if (d.type === 'object' && typeof seg === 'string' && d.shape && Object.hasOwn(d.shape, seg)) next.push(...objectsIn(d.shape[seg]));
      else if (d.type === 'array' && typeof seg === 'number' && d.element) next.push(...objectsIn(d.element));
      else if (d.type === 'record' && d.valueType) next.push(...objectsIn(d.valueType));
    }
    current = next;
  }
  return current;
}

/** The non-wrapper schemas a value at this schema may match (optional, default, pipe, union... unwrapped). */
export function leaves(s: AnySchema): AnySchema[] {
  const d = def(s);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return leaves(d.innerType as AnySchema);
    case 'pipe':
      return leaves(d.in as AnySchema);
    case 'union':
      return (d.options ?? []).flatMap(leaves);
    default:
      return [s];
  }
}

/** The object, array and record schemas a value at this schema may match. */
function objectsIn(s: AnySchema): AnySchema[] {
  return leaves(s).filter((x) => ['object', 'array', 'record'].includes(def(x).type));
}

function keysAt(root: AnySchema, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(root, path)) {
    const d = def(s);
    if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) keys.add(k);
  }
  return [...keys];
}

function discriminatorValues(root: AnySchema, path: readonly PathSegment[], disc: string): string[] {
  const out: string[] = [];
  for (const s of schemasAt(root, path)) {
    const d = def(s);
    const field = d.type === 'object' && d.shape ? d.shape[disc] : undefined;
    if (field) for (const v of def(field).values ?? []) if (typeof v === 'string' && !out.includes(v)) out.push(v);
  }
  return out;
}
