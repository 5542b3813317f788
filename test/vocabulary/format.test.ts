// The one duration printer at its boundaries (the carry bug), and the chart tooltip's copy held equal to it.
import { describe, expect, it } from 'vitest';
import { human } from '../../src/cli/console.js';
import { formatSeconds } from '../../src/report/chart-base.js';
import { unitText } from '../../src/report/time-axis.js';
import { formatDuration, formatNumber } from '../../src/vocabulary/index.js';

const TABLE: [number, string][] = [
  [0, '0s'],
  [0.0004, '0.4ms'],
  [0.25, '250ms'],
  [0.9994, '999ms'],
  [0.9996, '1s'],
  [1, '1s'],
  [4.244, '4.24s'],
  [9.996, '10s'],
  [12.5, '12.5s'],
  [59.5, '59.5s'],
  [59.96, '1m'],
  [60, '1m'],
  [119.6, '2m'],
  [245, '4m 05s'],
  [3599.4, '59m 59s'],
  [3599.5, '1h'],
  [3661, '1h 01m'],
  [7199.6, '2h'],
  [7380, '2h 03m'],
  [86369, '23h 59m'],
  [86399.5, '1d'],
  [97200, '1d 03h'],
  [273600, '3d 04h'],
  [-20, '-20s'],
  [-119.6, '-2m'],
  [-0.25, '-250ms'],
];

describe('formatDuration', () => {
  it.each(TABLE)('%d s prints %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('never prints a full smaller unit (no "60s", "60m" or "24h")', () => {
    for (let x = 0; x < 3 * 86400; x += 0.37) expect(formatDuration(x)).not.toMatch(/(^| )(60(\.0+)?s|60m|24h|1000ms)$/);
  });

  it('stands in for a missing value, and prints infinities', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(NaN)).toBe('—');
    expect(formatDuration(NaN, '-')).toBe('-');
    expect(formatDuration(Infinity)).toBe('∞');
    expect(formatDuration(-Infinity)).toBe('-∞');
  });

  it('is what the console, the HTML report and chart tooltips print', () => {
    for (const [seconds, text] of TABLE) {
      expect(human(seconds)).toBe(text);
      expect(formatSeconds(seconds)).toBe(text);
      expect(unitText(seconds, { seconds: 1 })).toBe(text);
      expect(unitText(seconds / 60, { seconds: 60 })).toBe(formatDuration((seconds / 60) * 60));
    }
    expect(human(null)).toBe('-');
    expect(human(NaN)).toBe('-');
    expect(formatSeconds(null)).toBe('—');
  });

  it('the tooltip copy matches the printer across the range', () => {
    for (let x = -5000; x < 200000; x += 13.7) expect(unitText(x, { seconds: 1 })).toBe(formatDuration(x));
  });
});

describe('formatNumber', () => {
  it.each([
    [0, '0'], [42, '42'], [0.72, '0.72'], [1234.56, '1234.6'], [0.000012, '1.20e-5'], [NaN, 'NaN'],
  ])('%d prints %j', (x, text) => {
    expect(formatNumber(x)).toBe(text);
  });
});
