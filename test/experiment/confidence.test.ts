import { describe, expect, test } from 'vitest';
import { confidenceInterval, relativeHalfWidth, studentTCdf, studentTQuantile } from '../../src/experiment/confidence.js';
import { ci95 } from '../helpers/queueing.js';

describe('Student t', () => {
  test.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [9, 2.262],
    [19, 2.093],
    [30, 2.042],
    [120, 1.98],
  ])('97.5%% quantile with %i degrees of freedom is %f', (df, q) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(q, 3);
  });

  test('other levels and symmetry', () => {
    expect(studentTQuantile(0.995, 5)).toBeCloseTo(4.032, 3);
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.812, 3);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 2);
  });

  test('confidence interval agrees with the test helper', () => {
    const xs = [1.2, 0.8, 1.1, 0.95, 1.4, 1.05];
    const a = confidenceInterval(xs);
    const b = ci95(xs);
    expect(a.mean).toBeCloseTo(b.mean, 12);
    expect(a.halfWidth).toBeCloseTo(b.half, 3);
    expect(a.ci).toEqual([a.mean - a.halfWidth, a.mean + a.halfWidth]);
    expect(relativeHalfWidth(a)).toBeCloseTo(a.halfWidth / a.mean, 12);
    expect(() => confidenceInterval([1])).toThrow(/at least 2/);
  });
});
