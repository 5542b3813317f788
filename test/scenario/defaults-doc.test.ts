// The defaults FORMAT.md states are the ones the code uses (DEFAULTS in presets.ts is where they are written).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULTS, formatDuration } from '../../src/scenario/index.js';

/** The "default" column of FORMAT.md's top-level table, by key. */
function documented(): Map<string, string> {
  const text = readFileSync('src/scenario/FORMAT.md', 'utf8');
  const table = text.slice(text.indexOf('## Top level'), text.indexOf('## `limits`'));
  const out = new Map<string, string>();
  for (const m of table.matchAll(/^\| `(\w+)` \|.*\| `([^`]*)`[^|]*\|$/gm)) out.set(m[1], m[2]);
  return out;
}

describe('FORMAT.md top-level defaults', () => {
  const doc = documented();
  test.each([
    ['seed', String(DEFAULTS.seed)],
    ['start', DEFAULTS.start],
    ['warmup', formatDuration(DEFAULTS.warmup)],
    ['workers', String(DEFAULTS.workers)],
    ['embedTtl', formatDuration(DEFAULTS.embedTtl)],
    ['emailLead', formatDuration(DEFAULTS.emailLead)],
    ['disableAt', String(DEFAULTS.disableAt)],
    ['dashboardViewEvery', formatDuration(DEFAULTS.dashboardViewEvery)],
    ['tokensPerGoogleUser', String(DEFAULTS.tokensPerGoogleUser)],
    ['bucket', formatDuration(DEFAULTS.bucket)],
  ])('%s is documented as %s', (key, value) => {
    expect(doc.get(key)).toBe(value);
  });

  test('the retry ladder is documented step by step', () => {
    const text = readFileSync('src/scenario/FORMAT.md', 'utf8');
    const steps = DEFAULTS.retryLadder.map((r) => `{from: ${r.from}, every: ${formatDuration(r.delay)}}`).join(', ');
    expect(text).toContain(`\`[${steps}]\``);
  });
});
