// junit.xml: the gate's thresholds and baseline comparisons as test cases, for CI test-report views.
//
// One <testcase> per threshold (classname `<suite>.thresholds`) and per compared metric
// (`<suite>.compare`), with the observed value and the limit in the message. A failed error-level
// threshold or a regression is a <failure>. A failed warn-level threshold passes, with the warning in
// <system-out> (CI views show it without failing the build; <skipped> would hide that it was checked).
// Bad input (an unknown path) is an <error>: the check could not run. Output is deterministic (no
// timestamps, time="0"), so the file can be diffed and tested.
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import type { Writer } from './types.js';
import type { CompareRow, GateReport, ThresholdResult } from '../gate/index.js';
import { type Problem, formatPath as formatProblemPath, formatThreshold, formatMetric } from '../vocabulary/index.js';

interface JunitCase {
  name: string;
  classname: string;
  /** seconds; 0 when not measured */
  time?: number;
  failure?: { message: string; type?: string; body?: string };
  error?: { message: string; type?: string; body?: string };
  skipped?: { message?: string };
  systemOut?: string;
}

/** A complete junit.xml document: one <testsuites> holding one <testsuite> named `suiteName`. */
export function junitXml(suiteName: string, cases: readonly JunitCase[]): string {
  const tests = cases.length;
  const failures = cases.filter((c) => c.failure).length;
  const errors = cases.filter((c) => !c.failure && c.error).length;
  const skipped = cases.filter((c) => !c.failure && !c.error && c.skipped).length;
  const time = cases.reduce((s, c) => s + (c.time ?? 0), 0);
  const counts = `tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}"`;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(suiteName)}" ${counts}>`,
    `  <testsuite name="${xmlEscape(suiteName)}" ${counts}>`,
  ];
  for (const c of cases) {
    const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(c.classname)}" time="${c.time ?? 0}"`;
    const body: string[] = [];
    if (c.failure) body.push(`      ${element('failure', c.failure)}`);
    else if (c.error) body.push(`      ${element('error', c.error)}`);
    else if (c.skipped) {
      body.push(
        c.skipped.message === undefined
          ? '      <skipped/>'
          : `      <skipped message="${xmlEscape(c.skipped.message)}"/>`,
      );
    }
    if (c.systemOut) body.push(`      <system-out>${xmlEscape(c.systemOut)}</system-out>`);
    if (body.length === 0) out.push(`${open}/>`);
    else out.push(`${open}>`, ...body, '    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

function element(tag: string, f: { message: string; type?: string; body?: string }): string {
  const type = f.type === undefined ? '' : ` type="${xmlEscape(f.type)}"`;
  const attrs = `message="${xmlEscape(f.message)}"${type}`;
  return f.body === undefined ? `<${tag} ${attrs}/>` : `<${tag} ${attrs}>${xmlEscape(f.body)}</${tag}>`;
}

// Characters XML 1.0 cannot carry at all (even escaped): C0 controls other than tab, LF, CR; U+FFFE/U+FFFF; lone surrogates.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML attributes and content, replacing characters XML cannot hold with U+FFFD. */
function xmlEscape(s: string): string {
  return s
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

// ---------------------------------------------------------------------------------------------
// The gate as test cases

function thresholdCase(r: ThresholdResult, suiteName: string): JunitCase {
  const name = formatThreshold(r);
  const classname = `${suiteName}.thresholds`;
  if (r.pass) return { name, classname, systemOut: r.message };
  if (r.level === 'warn') return { name, classname, systemOut: `WARNING (warn-level threshold failed): ${r.message}` };
  return { name, classname, failure: { message: r.message, type: 'threshold' } };
}

export function compareCase(r: CompareRow, suiteName: string): JunitCase {
  const name = `${r.path} (${r.toleranceText})`;
  const classname = `${suiteName}.compare`;
  const values = `baseline ${formatMetric(r.baseline, r.kind)}, current ${formatMetric(r.current, r.kind)}`;
  const ci = r.ci
    ? `; CI baseline [${formatMetric(r.ci.baseline[0], r.kind)}, ${formatMetric(r.ci.baseline[1], r.kind)}], current [${formatMetric(r.ci.current[0], r.kind)}, ${formatMetric(r.ci.current[1], r.kind)}]`
    : '';
  const message = `${r.path}: ${values}: ${r.note}${ci}`;
  switch (r.verdict) {
    case 'regression':
      return { name, classname, failure: { message, type: 'regression' } };
    case 'missing':
      return { name, classname, systemOut: `NOT COMPARED: ${message}` };
    case 'improvement':
      return { name, classname, systemOut: `IMPROVEMENT: ${message}` };
    case 'reported':
      return { name, classname, systemOut: `REPORTED (not judged): ${message}` };
    case 'ok':
      return { name, classname, systemOut: message };
  }
}

function problemCase(p: Problem, suiteName: string): JunitCase {
  const where = formatProblemPath(p.path);
  return { name: where || 'input', classname: `${suiteName}.input`, error: { message: p.message, type: 'bad-input' } };
}

/** Every threshold result, compared metric and input problem of the gate, as test cases. */
export function gateJunitCases(gate: GateReport, suiteName: string): JunitCase[] {
  return [
    ...(gate.thresholds?.problems ?? []).map((p) => problemCase(p, suiteName)),
    ...(gate.thresholds?.results ?? []).map((r) => thresholdCase(r, suiteName)),
    ...(gate.compare?.problems ?? []).map((p) => problemCase(p, suiteName)),
    ...(gate.compare?.rows ?? []).map((r) => compareCase(r, suiteName)),
  ];
}

/** Writes `<outDir>/junit.xml` atomically; returns the path written. */
export async function writeJunit(outDir: string, gate: GateReport, suiteName = 'refresh-sim'): Promise<string[]> {
  const path = join(outDir, 'junit.xml');
  await writeFileAtomic(path, junitXml(suiteName, gateJunitCases(gate, suiteName)));
  return [path];
}

/** A report `Writer` for the registry, bound to the gate's outcome; the suite is named after the scenario. */
export function junitWriter(gate: GateReport): Writer {
  return (ctx) => writeJunit(ctx.outDir, gate, `refresh-sim.${ctx.result.summary.scenario}`);
}
