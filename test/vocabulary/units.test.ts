// The one units grammar: every accepted spelling, every refused one with its message, and round trips through the printer.
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseQuantity, parseRate } from '../../src/vocabulary/index.js';

const DURATION_MESSAGE = /^expected a duration like "90s", "15m", "4h", "7d" or "1h30m", got /;

describe('duration grammar', () => {
  it.each([
    ['90', 90],
    ['1.5', 1.5],
    ['.5h', 1800],
    ['250ms', 0.25],
    ['30s', 30], ['30 sec', 30], ['30 secs', 30], ['1 second', 1], ['30 seconds', 30],
    ['15m', 900], ['15 min', 900], ['15 mins', 900], ['1 minute', 60], ['15 minutes', 900],
    ['4h', 14400], ['4 hr', 14400], ['4 hrs', 14400], ['1 hour', 3600], ['4 hours', 14400],
    ['7d', 604800], ['1 day', 86400], ['7 days', 604800],
    ['1w', 604800], ['1 wk', 604800], ['1 week', 604800], ['2 weeks', 1209600],
    ['1h30m', 5400], ['1h 30m', 5400], ['1 hour 30 minutes', 5400], ['1d2h3m4s', 93784], ['  5m  ', 300],
    ['-5m', -300],
    ['0', 0],
  ])('%j is %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '5x', '5M', 'm', '5 parsecs', '1h30', '5m%', '1e3s', '5.m', 'NaN', '--5m', '5m-', '1,5h', 'h1'])('refuses %j with a message', (text) => {
    expect(() => parseDuration(text)).toThrow(DURATION_MESSAGE);
  });

  it('refuses a number that is not finite', () => {
    expect(() => parseDuration(Infinity)).toThrow('expected a finite number of seconds, got Infinity');
    expect(() => parseDuration(NaN)).toThrow('expected a finite number of seconds, got NaN');
  });
});

describe('rate grammar', () => {
  it.each([
    ['120/h', 120 / 3600], ['2/s', 2], ['10/m', 10 / 60], ['500/d', 500 / 86400], ['7/w', 7 / 604800],
    ['100/100s', 1], ['60 per hour', 60 / 3600], ['30/1h30m', 30 / 5400], ['.5/s', 0.5],
  ])('%j', (text, perSecond) => {
    expect(parseRate(text)).toBeCloseTo(perSecond, 12);
  });

  it.each(['', '120', '120/', '/h', '120/x', '-1/s', '1/h/h'])('refuses %j', (text) => {
    expect(() => parseRate(text)).toThrow(/^expected a rate like "120\/h", "2\/s", "10\/m", "500\/d" or a number per second, got /);
  });

  it('refuses a zero period and a negative number', () => {
    expect(() => parseRate('5/0s')).toThrow('the period of a rate must be positive, got "5/0s"');
    expect(() => parseRate(-1)).toThrow('expected a non-negative rate, got -1');
  });
});

describe('quantities (thresholds, --max-increase, SLOs) read durations with the same grammar', () => {
  it.each([
    ['1w', 604800], ['15 min', 900], ['1h 30m', 5400], ['2 hours', 7200], ['.5h', 1800], ['250ms', 0.25],
  ])('%j is a duration of %d s', (text, seconds) => {
    expect(parseQuantity(text)).toEqual({ unit: 'duration', value: seconds });
  });

  it('keeps a bare number plain and a percentage a percentage', () => {
    expect(parseQuantity('90')).toEqual({ unit: 'plain', value: 90 });
    expect(parseQuantity('2.5%')).toEqual({ unit: 'percent', value: 2.5 });
  });

  it.each([
    ['', 'a value is missing'],
    ['-5m', '"-5m" is not a number, a percentage (1%) or a duration (250ms, 90s, 5m, 2h, 1d, 1w)'],
    ['5 parsecs', '"5 parsecs" is not a number, a percentage (1%) or a duration (250ms, 90s, 5m, 2h, 1d, 1w)'],
    ['1e999', '"1e999" is out of range'],
  ])('refuses %j: %s', (text, error) => {
    expect(parseQuantity(text)).toEqual({ error });
  });
});

describe('round trips: parse(format(x)) is x within the printed rounding', () => {
  const values = [0, 0.001, 0.25, 0.9996, 1, 4.244, 12.5, 59.5, 59.96, 60, 119.6, 245, 3599.5, 3661, 7199.6, 7380, 86399.5, 97200, 273600, 1e7];
  it.each(values)('%d s', (x) => {
    const back = parseDuration(formatDuration(x));
    // the printer keeps 3 significant digits below a second, 2 decimals below 10 s, then whole seconds,
    // minutes below a day and hours beyond: the error is at most half the smallest unit shown
    const tolerance = x < 1 ? x * 0.005 : x < 60 ? 0.05 : x < 3600 ? 0.5 : x < 86400 ? 30 : 1800;
    expect(Math.abs(back - x)).toBeLessThanOrEqual(tolerance + 1e-9);
    expect(parseDuration(formatDuration(-x))).toBe(x === 0 ? 0 : -back);
  });
});
