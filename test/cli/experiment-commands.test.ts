// sweep --shard, merge and plan through their command modules and the yargs adapter main.ts uses (jobs 1: no worker threads).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import yargs from 'yargs';
import { yargsCommand } from '../../src/cli/command.js';
import { mergeCommand } from '../../src/cli/commands/merge.js';
import { planCommand } from '../../src/cli/commands/plan.js';
import { sweepCommand } from '../../src/cli/commands/sweep.js';
import { InputError } from '../../src/cli/errors.js';

/** The command's own exit code, as main.ts gets it (2 for what the user can fix). */
async function cli(args: string[]): Promise<number> {
  let code = -1;
  let y = yargs(args).strict().fail((msg, err) => {
    if (err) throw err;
    throw new InputError(msg);
  });
  for (const c of [sweepCommand, planCommand, mergeCommand]) y = y.command(yargsCommand(c, (returned) => (code = returned)));
  try {
    await y.parseAsync();
    return code;
  } catch (e) {
    if (e instanceof InputError) return 2;
    throw e;
  }
}

const SMALL = ['--set', 'duration=3000', '--set', 'warmup=300', '--set', 'generate.0.sources=4000'];

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = 0;
});

describe('experiment commands', () => {
  test('sweep shards merged by `merge` equal the unsharded sweep', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    try {
      const base = ['sweep', 'scenarios/mmc.yaml', '--set', 'workers=4..5', ...SMALL, '--replications', '2', '--jobs', '1', '--no-png'];
      expect(await cli([...base, '--out', join(dir, 'whole')])).toBe(0);
      for (const i of [1, 2]) expect(await cli([...base, '--shard', `${i}/2`, '--out', join(dir, 'parts')])).toBe(0);
      expect(await cli(['merge', join(dir, 'parts', 'partial-1-of-2.json'), join(dir, 'parts', 'partial-2-of-2.json'), '--out', join(dir, 'merged'), '--no-png'])).toBe(0);
      for (const f of ['sweep.json', 'sweep.csv']) expect(await readFile(join(dir, 'merged', f), 'utf8')).toBe(await readFile(join(dir, 'whole', f), 'utf8'));
      expect(await cli(['merge', join(dir, 'parts', 'partial-1-of-2.json'), '--out', join(dir, 'merged')])).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('plan: exit 0 when found, 99 when not even the largest value meets the SLOs, 2 on bad input', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await cli(['plan', 'scenarios/mmc.yaml', '--vary', 'workers=1..16', '--slo', 'wait.mean <= 0.4', ...SMALL, '--replications', '3', '--jobs', '1'])).toBe(0);
    expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('smallest workers meeting every SLO: 5');
    expect(await cli(['plan', 'scenarios/mmc.yaml', '--vary', 'workers=1..3', '--slo', 'wait.p95 <= 1s', ...SMALL, '--replications', '2', '--jobs', '1'])).toBe(99);
    expect(process.exitCode ?? 0).toBe(0); // the command returns its exit code; only main.ts sets the process's
    expect(await cli(['plan', 'scenarios/mmc.yaml', '--vary', 'wrkers=1..3', '--slo', 'wait.p95 <= 1s', '--jobs', '1'])).toBe(2);
  });

  test('plan --compare: one plan per value on the same seeds, the answers side by side, one sub-directory each', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    try {
      const args = ['plan', 'scenarios/mmc.yaml', '--vary', 'workers=1..16', '--slo', 'wait.mean <= 0.4', ...SMALL, '--replications', '3', '--jobs', '1'];
      expect(await cli([...args, '--compare', 'policy=fifo,priority', '--out', join(dir, 'cmp')])).toBe(0);
      const printed = out.mock.calls.map((c) => String(c[0])).join('');
      // one trigger only (api): priority orders nothing, so the answer is fifo's, on the same seeds
      expect(printed).toMatch(/policy {4}smallest workers meeting every SLO\n-+ {2}-+\nfifo {6}5\npriority {2}5\n$/);
      for (const v of ['fifo', 'priority']) expect(JSON.parse(await readFile(join(dir, 'cmp', `policy=${v}`, 'plan.json'), 'utf8')).answer).toBe(5);
      // the plain plan's answer is the fifo row's
      out.mockClear();
      expect(await cli([...args])).toBe(0);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('smallest workers meeting every SLO: 5');
      // bad input: two --compare, the varied path compared, an unknown policy
      expect(await cli([...args, '--compare', 'policy=fifo', '--compare', 'policy=priority'])).toBe(2);
      expect(await cli([...args, '--compare', 'workers=1,2'])).toBe(2);
      expect(await cli([...args, '--compare', 'policy=fifo,fastest'])).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('plan --out writes plan.json and plan.html with the answer; sweep --slo marks it and prints the table', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const dir = await mkdtemp(join(tmpdir(), 'cli-'));
    try {
      expect(await cli(['plan', 'scenarios/mmc.yaml', '--vary', 'workers=1..16', '--slo', 'wait.mean <= 0.4', ...SMALL, '--replications', '3', '--jobs', '1', '--out', join(dir, 'plan')])).toBe(0);
      const plan = await readFile(join(dir, 'plan', 'plan.html'), 'utf8');
      expect(plan).toContain('id="answer">The smallest workers meeting every SLO is 5:');
      expect(plan).toContain('<tr class="chosen"><th scope="row">5</th>');
      expect(JSON.parse(await readFile(join(dir, 'plan', 'plan.json'), 'utf8')).answer).toBe(5);

      out.mockClear();
      const sweep = ['sweep', 'scenarios/mmc.yaml', '--set', 'workers=4..6', ...SMALL, '--replications', '3', '--jobs', '1', '--no-png'];
      expect(await cli([...sweep, '--slo', 'wait.mean <= 0.4', '--out', join(dir, 'sweep')])).toBe(0);
      const printed = out.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toMatch(/^workers {2}wait\.p95 \(± 95% CI\) {2}utilisation {2}SLOs\n/);
      expect(printed.split('\n').filter((l) => /^ +[456] /.test(l))).toHaveLength(3);
      expect(printed).toContain('The smallest workers meeting every SLO is 5:');
      const html = await readFile(join(dir, 'sweep', 'sweep.html'), 'utf8');
      expect(html).toContain('id="answer">The smallest workers meeting every SLO is 5:');
      expect(html).toContain('"label":"answer: workers = 5"');

      out.mockClear();
      expect(await cli([...sweep, '--out', join(dir, 'quiet'), '--quiet'])).toBe(0);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toBe('');
      expect(await readFile(join(dir, 'quiet', 'sweep.html'), 'utf8')).not.toContain('id="answer"');
      expect(await cli([...sweep, '--slo', 'wait.p95 == 1s', '--out', join(dir, 'bad')])).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
