// `--set path=value` on a scenario: change numbers in the raw scenario (as written, before expansion), then
// validate and expand it the normal way, so an override can never produce a model a file could not.
//
// A path is dotted (`workers`, `connectors.ga.latencyScale`, `arrivals.0.rate`); ids containing dots are
// matched longest-first, like the gate's summary paths. Every part but the last must exist in the file;
// the last may be absent when the format has that key (its default is then replaced), e.g.
// `connectors.ga.latencyScale` on a connector that does not give one. The key must take a number
// (durations and rates also take their unit strings: `duration=2h`, `arrivals.0.rate=5/s`).
import { dirname } from 'node:path';
import { nearestFew } from '../vocabulary/index.js';
import type { z } from 'zod';
import { InputError } from '../input-error.js';
import { def, leaves } from './issues.js';
import type { Model } from './model.js';
import { ScenarioError, formatProblems, sortProblems } from './problems.js';
import { parseScenario, readScenarioText } from './load.js';
import { readYaml } from './yaml-read.js';
import { scenarioSchema } from './schema.js';

export type OverrideValue = number | string;

export interface Override {
  /** dotted path into the scenario as written, e.g. `connectors.ga.latencyScale` */
  path: string;
  value: OverrideValue;
}

/** A scenario as written: the file's text and its parsed (but not validated) object. */
export interface RawScenario {
  file: string;
  text: string;
  data: Record<string, unknown>;
}

/** `8` -> 8, `1.5` -> 1.5, `2h` -> "2h" (a duration or rate keeps its unit; validation reads it). */
export function parseOverrideValue(text: string): OverrideValue {
  const t = text.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** `workers=8` -> { path: 'workers', value: 8 }. */
export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new InputError(`--set "${text}": expected path=value, e.g. "workers=8" or "connectors.ga.latencyScale=1.5"`);
  return { path: text.slice(0, eq).trim(), value: parseOverrideValue(text.slice(eq + 1)) };
}

/** `workers=8, connectors.ga.latencyScale=1.5` for labels and messages. */
export function formatOverrides(overrides: readonly Override[]): string {
  return overrides.map((o) => `${o.path}=${o.value}`).join(', ');
}

/** Reads a scenario file without validating it (that happens after the overrides). */
export async function readRawScenario(file: string): Promise<RawScenario> {
  let text: string;
  try {
    text = readScenarioText(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(formatProblems(e.problems));
    throw e;
  }
  return rawScenarioFromText(text, file);
}

export function rawScenarioFromText(text: string, file: string): RawScenario {
  const yaml = readYaml(text, file);
  if ('fatal' in yaml) throw new InputError(formatProblems(sortProblems(yaml.fatal)));
  const data = yaml.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    // let the scenario loader word the problem, with line and column
    try {
      parseScenario(text, file);
    } catch (e) {
      if (e instanceof ScenarioError) throw new InputError(formatProblems(e.problems));
      throw e;
    }
    throw new InputError(`${file}: expected a mapping of scenario keys`);
  }
  return { file, text, data: data as Record<string, unknown> };
}

/**
 * Validates and expands the scenario with the overrides applied. Without overrides the file's own text
 * is parsed (messages keep its line numbers). Problems become one InputError.
 */
export function modelWithOverrides(raw: RawScenario, overrides: readonly Override[], opts: { baseDir?: string; allowLarge?: boolean } = {}): Model {
  const baseDir = opts.baseDir ?? dirname(raw.file);
  const allowLarge = opts.allowLarge;
  try {
    if (overrides.length === 0) return parseScenario(raw.text, raw.file, { baseDir, allowLarge });
    applyOverrides(raw.data, overrides); // bad paths fail here, with the nearby valid ones
    // the file's own text is parsed, so problems keep its lines; the overrides apply before validation
    return parseScenario(raw.text, raw.file, { baseDir, allowLarge, transform: (data) => applyOverrides(data, overrides) });
  } catch (e) {
    if (e instanceof ScenarioError) throw new InputError(`${formatProblems(e.problems)}\n(with --set ${formatOverrides(overrides)})`);
    throw e;
  }
}

/**
 * Reads, overrides, validates and expands a scenario file. The resource guard (budget.ts) applies to the
 * overridden scenario; `allowLarge` lifts it.
 */
export async function loadScenarioWithOverrides(file: string, overrides: readonly Override[] = [], opts: { allowLarge?: boolean } = {}): Promise<Model> {
  return modelWithOverrides(await readRawScenario(file), overrides, opts);
}

/**
 * A copy of the raw scenario object with each override applied in order. Throws InputError for a path
 * that does not exist or does not hold a number, naming the valid paths closest to it.
 */
export function applyOverrides(raw: Record<string, unknown>, overrides: readonly Override[]): Record<string, unknown> {
  const out = structuredClone(raw);
  for (const o of overrides) {
    const target = resolve(out, o.path);
    if ('error' in target) throw new InputError(`--set ${o.path}=${o.value}: ${target.error}${nearbyHint(out, o.path)}`);
    if (typeof o.value === 'string' && !target.acceptsString) {
      throw new InputError(`--set ${o.path}=${o.value}: "${o.path}" takes a plain number (got "${o.value}")`);
    }
    if (typeof o.value === 'number' && !Number.isFinite(o.value)) {
      throw new InputError(`--set ${o.path}=${o.value}: expected a finite number`);
    }
    (target.parent as Record<string, unknown>)[target.key] = o.value;
  }
  return out;
}

/** Every path `--set` can change in this scenario (numbers, durations, rates), for hints and docs. */
export function settablePaths(raw: Record<string, unknown>, limit = 5000): string[] {
  const out: string[] = [];
  collect(raw, [scenarioSchema as unknown as AnySchema], '', out, limit);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Walking the raw object and the schema (zod v4 definitions) side by side.

type AnySchema = z.core.$ZodType;

function childSchemas(schemas: AnySchema[], key: string): AnySchema[] {
  const out: AnySchema[] = [];
  for (const s of schemas.flatMap(leaves)) {
    const d = def(s);
    if (d.type === 'object' && d.shape && Object.hasOwn(d.shape, key)) out.push(d.shape[key]);
    else if (d.type === 'record' && d.valueType) out.push(d.valueType);
    else if (d.type === 'array' && d.element && /^\d+$/.test(key)) out.push(d.element);
  }
  return out;
}

// a named choice (`policy=fair-share`) is set like a number: one scalar, checked by the schema after
function acceptsNumber(schemas: AnySchema[]): boolean {
  return schemas.flatMap(leaves).some((s) => def(s).type === 'number' || def(s).type === 'enum');
}
function acceptsString(schemas: AnySchema[]): boolean {
  return schemas.flatMap(leaves).some((s) => def(s).type === 'string' || def(s).type === 'enum');
}

type Target = { parent: object; key: string; acceptsString: boolean } | { error: string };

function resolve(root: Record<string, unknown>, path: string): Target {
  const parts = path.split('.');
  if (path === '' || parts.some((p) => p === '')) return { error: `"${path}" is not a path (expected e.g. "workers" or "connectors.ga.latencyScale")` };
  let node: unknown = root;
  let schemas: AnySchema[] = [scenarioSchema as unknown as AnySchema];
  let at = '';
  let i = 0;
  while (i < parts.length) {
    if (node === null || typeof node !== 'object') return { error: `"${at}" is ${describe(node)}, it has no "${parts[i]}"` };
    // longest key first, so ids with dots (`acme.io`) are found
    let matched = false;
    for (let j = parts.length; j > i; j--) {
      const key = parts.slice(i, j).join('.');
      const here = at === '' ? key : `${at}.${key}`;
      const last = j === parts.length;
      const kids = childSchemas(schemas, key);
      const exists = Array.isArray(node) ? /^\d+$/.test(key) && Number(key) < node.length : Object.hasOwn(node, key);
      if (exists) {
        const child = (node as Record<string, unknown>)[key];
        if (last) {
          if (kids.length > 0 && !acceptsNumber(kids)) return { error: `"${here}" is not a number (it is ${describe(child)})` };
          if (kids.length === 0) return { error: `"${here}" is not a key of the scenario format` };
          return { parent: node, key, acceptsString: acceptsString(kids) };
        }
        node = child;
        schemas = kids;
        at = here;
        i = j;
        matched = true;
        break;
      }
      // absent in the file: only the last part, and only a key the format defines (its default is replaced)
      if (last && !Array.isArray(node) && kids.length > 0 && schemas.flatMap(leaves).some((s) => def(s).type === 'object' && def(s).shape && Object.hasOwn(def(s).shape!, key))) {
        if (!acceptsNumber(kids)) return { error: `"${here}" does not take a number` };
        return { parent: node, key, acceptsString: acceptsString(kids) };
      }
    }
    if (!matched) {
      const where = at === '' ? 'the scenario' : `"${at}"`;
      return { error: `${where} has no "${parts[i]}"` };
    }
  }
  return { error: `"${path}" is not a number` };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text ${JSON.stringify(v)}`;
  return `a ${typeof v}`;
}

function collect(node: unknown, schemas: AnySchema[], prefix: string, out: string[], limit: number): void {
  if (out.length >= limit || node === null || typeof node !== 'object') return;
  const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : Object.keys(node);
  // keys the format defines but the file leaves out (defaults) can be set too
  if (!Array.isArray(node)) {
    for (const s of schemas.flatMap(leaves)) {
      const d = def(s);
      if (d.type === 'object' && d.shape) for (const k of Object.keys(d.shape)) if (!keys.includes(k)) keys.push(k);
    }
  }
  for (const k of keys) {
    const kids = childSchemas(schemas, k);
    if (kids.length === 0) continue;
    const p = prefix === '' ? k : `${prefix}.${k}`;
    const child = (node as Record<string, unknown>)[k];
    if (child !== null && typeof child === 'object') collect(child, kids, p, out, limit);
    else if (acceptsNumber(kids)) out.push(p);
    if (out.length >= limit) return;
  }
}

function nearbyHint(raw: Record<string, unknown>, path: string): string {
  const candidates = settablePaths(raw);
  if (candidates.length === 0) return '';
  const ranked = nearestFew(path, candidates, 6);
  return `\n  valid paths nearby: ${ranked.join(', ')}`;
}
