import { describe, expect, test } from 'vitest';
import { parseDuration, parseRate, parseTimeOfDay } from '../../src/scenario/index.js';

describe('parseDuration', () => {
  test.each([
    [90, 90],
    ['90', 90],
    ['250ms', 0.25],
    ['90s', 90],
    ['15m', 900],
    ['4h', 14400],
    ['7d', 604800],
    ['1w', 604800],
    ['1h30m', 5400],
    ['1d 2h', 93600],
    ['-5m', -300],
    ['2 hours', 7200],
  ])('%j is %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test.each(['', 'soon', '15x', '1h30', 'h', '5m-'])('%j is not a duration', (text) => {
    expect(() => parseDuration(text)).toThrow(/expected a duration/);
  });

  test('infinite numbers are refused', () => {
    expect(() => parseDuration(Infinity)).toThrow();
  });
});

describe('parseRate', () => {
  test.each([
    [3.2, 3.2],
    ['120/h', 120 / 3600],
    ['2/s', 2],
    ['10/m', 10 / 60],
    ['500/d', 500 / 86400],
    ['100/100s', 1],
    ['30 per hour', 30 / 3600],
  ])('%j is %d per second', (text, rate) => {
    expect(parseRate(text)).toBeCloseTo(rate, 12);
  });

  test.each(['fast', '120', '120/', '/h', '120/x', '-1/h'])('%j is not a rate', (text) => {
    expect(() => parseRate(text)).toThrow(/expected a rate/);
  });
});

describe('parseTimeOfDay', () => {
  test('reads HH:MM and HH:MM:SS', () => {
    expect(parseTimeOfDay('08:00')).toBe(28800);
    expect(parseTimeOfDay('17:30:15')).toBe(63015);
  });
  test.each(['24:00', '8', '08:60', 'noon'])('%j is refused', (text) => {
    expect(() => parseTimeOfDay(text)).toThrow(/time of day/);
  });
});
