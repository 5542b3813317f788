import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE_PATHS, compareSummaries, formatCompareTable, parseTolerance, parseToleranceArgs, type CompareRow } from '../../src/gate/index.js';
import { makeSummary, reps } from './summary-fixture.js';

// fixture: wait.p95 = 120 s (mean 48, p50 36, p90 96, p99 180); queue = 0.75 x wait; deferred = 0.25 x wait
const row = (rows: CompareRow[], path: string): CompareRow => {
  const r = rows.find((x) => x.path === path);
  if (!r) throw new Error(`no row ${path}`);
  return r;
};

function tolerances(...args: string[]) {
  const r = parseToleranceArgs(args);
  expect(r.problems).toEqual([]);
  return r.tolerances;
}

describe('compare: defaults', () => {
  it('compares the 20 default latency metrics; identical runs are ok', () => {
    expect(DEFAULT_COMPARE_PATHS).toHaveLength(20);
    const r = compareSummaries(makeSummary(), makeSummary());
    expect(r.rows.map((x) => x.path)).toEqual(DEFAULT_COMPARE_PATHS);
    // the parts of the wait are shown, not judged
    expect(r.rows.map((x) => x.verdict)).toEqual(DEFAULT_COMPARE_PATHS.map((p) => (/^(queue|deferred)\./.test(p) ? 'reported' : 'ok')));
    expect(r.regressed).toBe(false);
    expect(r.problems).toEqual([]);
  });

  it('reports a rise in a part of the wait without judging it, unless the part is named', () => {
    // deferral turned into queueing: deferred.p99 rises tenfold while the wait itself falls by 86 %
    const base = makeSummary((s) => {
      s.deferred.p99 = 30;
      s.wait.p95 = 120;
    });
    const cur = makeSummary((s) => {
      s.deferred.p99 = 300;
      s.wait.p95 = 17;
    });
    const r = compareSummaries(base, cur);
    expect(row(r.rows, 'deferred.p99')).toMatchObject({ verdict: 'reported', change: 270 });
    expect(row(r.rows, 'deferred.p99').note).toContain('judged only when named with --max-increase');
    expect(row(r.rows, 'wait.p95').verdict).toBe('improvement');
    expect(r.regressed).toBe(false);
    const named = compareSummaries(base, cur, { maxIncrease: tolerances('deferred.p99=10%') });
    expect(row(named.rows, 'deferred.p99').verdict).toBe('regression');
    expect(named.regressed).toBe(true);
  });

  it('catches a regression beyond 10% and 1 s', () => {
    const cur = makeSummary((s) => {
      s.wait.p95 = 140; // +20 s, +16.7%: allowed max(12 s, 1 s)
    });
    const r = compareSummaries(makeSummary(), cur);
    const w = row(r.rows, 'wait.p95');
    expect(w).toMatchObject({ baseline: 120, current: 140, change: 20, allowed: 12, verdict: 'regression' });
    expect(w.changePct).toBeCloseTo(16.667, 2);
    expect(w.toleranceText).toBe('+10% / 1s');
    expect(r.rows.filter((x) => x.verdict === 'regression')).toHaveLength(1);
    expect(r.regressed).toBe(true);
  });

  it('lets a change within tolerance through', () => {
    const cur = makeSummary((s) => {
      s.wait.p95 = 131; // +9.2%
    });
    const r = compareSummaries(makeSummary(), cur);
    expect(row(r.rows, 'wait.p95').verdict).toBe('ok');
    expect(r.regressed).toBe(false);
  });

  it('gives tiny waits 1 s of slack', () => {
    const base = makeSummary((s) => {
      s.wait.p50 = 0.2;
    });
    const cur = makeSummary((s) => {
      s.wait.p50 = 0.9; // +350%, but only 0.7 s
    });
    expect(row(compareSummaries(base, cur).rows, 'wait.p50').verdict).toBe('ok');
    const worse = makeSummary((s) => {
      s.wait.p50 = 1.3; // +1.1 s
    });
    expect(row(compareSummaries(base, worse).rows, 'wait.p50').verdict).toBe('regression');
  });

  it('marks a large drop as an improvement, not a failure', () => {
    const cur = makeSummary((s) => {
      s.wait.p95 = 90;
    });
    const r = compareSummaries(makeSummary(), cur);
    expect(row(r.rows, 'wait.p95').verdict).toBe('improvement');
    expect(r.regressed).toBe(false);
  });

  it.each([
    ['baseline', 'baseline has no data'],
    ['current', 'current has no data'],
  ] as const)('a metric without data in the %s cannot be judged: it fails', (side, note) => {
    const empty = makeSummary((s) => {
      s.total = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
    });
    const r = side === 'baseline' ? compareSummaries(empty, makeSummary()) : compareSummaries(makeSummary(), empty);
    const d = row(r.rows, 'total.p95');
    expect(d.verdict).toBe('regression');
    expect(d.note).toMatch(new RegExp(`^${note}.*cannot be judged$`));
    expect(r.regressed).toBe(true);
  });

  it('defaults can be switched off', () => {
    const r = compareSummaries(makeSummary(), makeSummary(), { defaults: false, maxIncrease: tolerances('utilisation.mean=0.05') });
    expect(r.rows.map((x) => x.path)).toEqual(['utilisation.mean']);
  });
});

describe('compare: tolerances', () => {
  const cur = makeSummary((s) => {
    s.wait.p95 = 130; // +10 s, +8.3%
  });

  it('a tighter relative tolerance catches what the default lets through', () => {
    const r = compareSummaries(makeSummary(), cur, { maxIncrease: tolerances('wait.p95=5%') });
    expect(row(r.rows, 'wait.p95')).toMatchObject({ verdict: 'regression', allowed: 6, toleranceText: '+5%' });
  });

  it('an absolute tolerance', () => {
    expect(row(compareSummaries(makeSummary(), cur, { maxIncrease: tolerances('wait.p95=5s') }).rows, 'wait.p95').verdict).toBe('regression');
    expect(row(compareSummaries(makeSummary(), cur, { maxIncrease: tolerances('wait.p95=30s') }).rows, 'wait.p95').verdict).toBe('ok');
  });

  it('both: whichever allows more', () => {
    expect(parseTolerance('5%,30s')).toEqual({ pct: 5, abs: 30, absIsDuration: true });
    expect(row(compareSummaries(makeSummary(), cur, { maxIncrease: tolerances('wait.p95=5%,30s') }).rows, 'wait.p95').verdict).toBe('ok');
  });

  it('max-decrease for a metric where lower is worse', () => {
    const fewerHits = makeSummary((s) => {
      s.embeds.cacheHits = 400; // -11%
    });
    const r = compareSummaries(makeSummary(), fewerHits, { maxDecrease: tolerances('embeds.cacheHits=5%') });
    expect(row(r.rows, 'embeds.cacheHits')).toMatchObject({ direction: 'decrease', verdict: 'regression', toleranceText: '-5%' });
    const moreHits = makeSummary((s) => {
      s.embeds.cacheHits = 500;
    });
    expect(row(compareSummaries(makeSummary(), moreHits, { maxDecrease: tolerances('embeds.cacheHits=5%') }).rows, 'embeds.cacheHits').verdict).toBe('improvement');
  });

  it('a path in both lists is checked both ways', () => {
    const t = tolerances('utilisation.mean=0.05');
    const down = makeSummary((s) => {
      s.utilisation.mean = 0.6;
    });
    const r = compareSummaries(makeSummary(), down, { defaults: false, maxIncrease: t, maxDecrease: t });
    expect(r.rows[0]).toMatchObject({ direction: 'both', verdict: 'regression' });
  });

  it('an unknown path or a duration on a non-time metric is a problem', () => {
    const r = compareSummaries(makeSummary(), makeSummary(), {
      maxIncrease: tolerances('wait.p59=10%', 'utilisation.mean=30s'),
    });
    expect(r.problems.map((p) => p.path)).toEqual([
      ['--max-increase', 'wait.p59'],
      ['--max-increase', 'utilisation.mean'],
    ]);
    expect(r.problems[0].message).toMatch(/did you mean/);
  });

  it('a user path to an object is a problem', () => {
    const r = compareSummaries(makeSummary(), makeSummary(), { defaults: false, maxIncrease: tolerances('wait=10%') });
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ path: ['--max-increase', 'wait'], message: '"wait" in summary.json is an object, not a number' }]);
  });

  it.each(['wait.p95', 'wait.p95=', '=10%', 'wait.p95=-5%', 'wait.p95=10%,20%', 'wait.p95=1s,2s', 'wait.p95=fast'])(
    'rejects %s',
    (arg) => {
      const r = parseToleranceArgs([arg], '--max-increase');
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0].path).toEqual(['--max-increase', 0]);
    },
  );
});

describe('compare: replications', () => {
  it('overlapping confidence intervals do not count as a regression', () => {
    const base = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [120, 15] }); // [105, 135]
    });
    const cur = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [140, 15] }); // [125, 155]: +20 s > 12 s allowed, but overlapping
    });
    const w = row(compareSummaries(base, cur).rows, 'wait.p95');
    expect(w.verdict).toBe('ok');
    expect(w.ci).toEqual({ baseline: [105, 135], current: [125, 155], overlap: true });
    expect(w.note).toMatch(/within the confidence intervals/);
  });

  it('separate intervals beyond tolerance are a regression', () => {
    const base = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [120, 5] });
    });
    const cur = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [140, 5] });
    });
    const r = compareSummaries(base, cur);
    expect(row(r.rows, 'wait.p95')).toMatchObject({ verdict: 'regression', ci: { overlap: false } });
    expect(r.regressed).toBe(true);
  });

  it('separate intervals within tolerance are ok', () => {
    const base = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [120, 1] });
    });
    const cur = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [125, 1] });
    });
    expect(row(compareSummaries(base, cur).rows, 'wait.p95').verdict).toBe('ok');
  });

  it('compares the replication means, not the single values', () => {
    const base = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [100, 2] });
    });
    const cur = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [101, 2] });
      s.wait.p95 = 500;
    });
    expect(row(compareSummaries(base, cur).rows, 'wait.p95')).toMatchObject({ baseline: 100, current: 101, verdict: 'ok' });
  });

  it('with replications on one side only, the single values are compared', () => {
    const base = makeSummary((s) => {
      s.replications = reps({ 'wait.p95': [120, 50] });
    });
    const cur = makeSummary((s) => {
      s.wait.p95 = 140;
    });
    const w = row(compareSummaries(base, cur).rows, 'wait.p95');
    expect(w.verdict).toBe('regression');
    expect(w.ci).toBeUndefined();
  });
});

describe('formatCompareTable', () => {
  it('aligns columns and marks regressions', () => {
    const cur = makeSummary((s) => {
      s.wait.p95 = 140;
      s.total.p99 = 0; // a huge improvement, to get a wide change
    });
    const text = formatCompareTable(compareSummaries(makeSummary(), cur).rows);
    const lines = text.split('\n');
    expect(lines).toHaveLength(2 + 20);
    expect(lines[0]).toMatch(/^metric\s+baseline\s+current\s+change\s+change %\s+tolerance\s+verdict\s+note$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    // every column starts where the rule line's dashes start
    const starts = [...lines[1].matchAll(/-+/g)].map((m) => m.index);
    for (const line of lines.slice(2)) {
      for (const st of starts.slice(1)) expect(line[st - 1]).toBe(' ');
    }
    const reg = lines.find((l) => l.startsWith('wait.p95 '));
    expect(reg).toMatch(/REGRESSION/);
    expect(reg).toMatch(/2m\s+2m 20s\s+\+20s\s+\+16\.7%\s+\+10% \/ 1s\s+REGRESSION\s+\+20s beyond allowed \+12s$/);
  });
});
