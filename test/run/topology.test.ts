// findSource: the forward scan from a hint and the Map it falls back on give every source its own index.
import { describe, expect, it } from 'vitest';
import { findSource } from '../../src/run/topology.js';

const sources = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}` }));

describe('findSource', () => {
  it('finds a source within the scan without building the Map', () => {
    let built = 0;
    const index = () => { built++; return new Map(sources.map((s, i) => [s.id, i])); };
    expect(findSource(sources, 's10', 0, index)).toBe(10);
    expect(findSource(sources, 's11', 11, index)).toBe(11);
    expect(built).toBe(0);
  });

  it('falls back on the Map for a source before the hint or past the scan, and undefined for an unknown id', () => {
    const map = new Map(sources.map((s, i) => [s.id, i]));
    expect(findSource(sources, 's3', 150, () => map)).toBe(3);
    expect(findSource(sources, 's299', 0, () => map)).toBe(299);
    expect(findSource(sources, 'nope', 0, () => map)).toBeUndefined();
  });
});
