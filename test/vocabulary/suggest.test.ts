// "Did you mean", written once: close typos suggested, far words not, ties resolved the same way every time.
import { describe, expect, it } from 'vitest';
import { nearest, nearestFew, suggest } from '../../src/vocabulary/index.js';

describe('suggest', () => {
  it('names the closest known word for a likely typo, ignoring case', () => {
    expect(suggest('wokers', ['workers', 'warmup', 'seed'])).toBe('workers');
    expect(suggest('Workers', ['workers'])).toBe('workers');
    expect(suggest('America/Toronot', ['America/Toronto', 'Europe/Paris'])).toBe('America/Toronto');
  });

  it('names nothing when no word is close enough (max(2, length/3) edits)', () => {
    expect(suggest('xyz', ['workers', 'seed'])).toBeUndefined();
    expect(suggest('abcdef', ['abcxyz'])).toBeUndefined();
    expect(suggest('abcdef', ['abcdxy'])).toBe('abcdxy');
    expect(suggest('a', [])).toBeUndefined();
  });

  it('keeps the first of equally close words', () => {
    expect(suggest('cat', ['bat', 'hat'])).toBe('bat');
  });
});

describe('nearest and nearestFew', () => {
  it('name the closest however far, the first of equals', () => {
    expect(nearest('wait.p59', ['wait.p50', 'wait.p95', 'total.p50'])).toBe('wait.p50');
    expect(nearest('zzzzzzzz', ['a', 'b'])).toBe('a');
    expect(nearest('x', [])).toBeUndefined();
  });

  it('ranks the few closest, ties in code-unit order', () => {
    expect(nearestFew('workrs', ['seed', 'workers', 'warmup', 'worker'], 2)).toEqual(['workers', 'worker']);
    expect(nearestFew('b', ['c', 'a'], 5)).toEqual(['a', 'c']);
  });
});
