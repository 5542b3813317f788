// The zone reports show wall-clock times in: where most of the scenario's accounts are.
import { describe, expect, it } from 'vitest';
import { reportTimeZone } from '../../src/report/index.js';

const accounts = (...zones: string[]) => ({ accounts: zones.map((timezone, i) => ({ id: `a${i}`, kind: 'standard' as const, timezone })) });

describe('reportTimeZone', () => {
  it('is the zone most accounts live in', () => {
    expect(reportTimeZone(accounts('Europe/London', 'America/Toronto', 'America/Toronto'))).toBe('America/Toronto');
  });
  it('breaks a tie by the first declared', () => {
    expect(reportTimeZone(accounts('Europe/London', 'America/Toronto'))).toBe('Europe/London');
  });
  it('is UTC without accounts', () => {
    expect(reportTimeZone(accounts())).toBe('UTC');
  });
});
