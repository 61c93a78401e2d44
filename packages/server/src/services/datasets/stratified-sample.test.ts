import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { stratifiedSample } from './stratified-sample.js';

const strataArb = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 200 });

describe('stratifiedSample', () => {
  it('allocates proportionally with largest remainders (hand-derived)', () => {
    // 6 a, 3 b, 1 c; size 5 → ideal 3, 1.5, 0.5 → floors 3, 1, 0 → one more to b (remainder 0.5, larger than c).
    const strata = ['a', 'a', 'b', 'a', 'c', 'b', 'a', 'a', 'b', 'a'];
    const r = stratifiedSample(strata, 5, { seed: 3 });
    expect(r.strata).toEqual([
      { stratum: 'a', size: 6, drawn: 3 },
      { stratum: 'b', size: 3, drawn: 2 },
      { stratum: 'c', size: 1, drawn: 0 },
    ]);
    expect(r.indices.filter((i) => strata[i] === 'b')).toHaveLength(2);
    const withMin = stratifiedSample(strata, 5, { seed: 3, minPerStratum: 1 });
    expect(withMin.strata.map((s) => s.drawn)).toEqual([3, 1, 1]);
    const equal = stratifiedSample(strata, 6, { allocation: 'equal' });
    expect(equal.strata.map((s) => s.drawn)).toEqual([3, 2, 1]);
  });

  it('draws exactly size distinct rows, within each stratum, proportional within one row, deterministic by seed', () => {
    fc.assert(
      fc.property(strataArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer(), (strata, share, seed) => {
        const size = Math.floor(share * strata.length);
        const r = stratifiedSample(strata, size, { seed });
        expect(r.indices).toHaveLength(size);
        expect(new Set(r.indices).size).toBe(size);
        expect(r.indices.every((i, k) => k === 0 || i > (r.indices[k - 1] as number))).toBe(true);
        for (const s of r.strata) {
          const ideal = (s.size * size) / strata.length;
          expect(Math.abs(s.drawn - ideal)).toBeLessThan(1 + 1e-9);
          expect(r.indices.filter((i) => strata[i] === s.stratum)).toHaveLength(s.drawn);
        }
        expect(stratifiedSample(strata, size, { seed }).indices).toEqual(r.indices);
      }),
    );
  });

  it('equal allocation gives every stratum the same count up to one, capped by its size', () => {
    fc.assert(
      fc.property(strataArb, fc.integer({ min: 0, max: 200 }), (strata, wanted) => {
        const size = Math.min(wanted, strata.length);
        const r = stratifiedSample(strata, size, { allocation: 'equal', seed: 1 });
        expect(r.indices).toHaveLength(size);
        const open = r.strata.filter((s) => s.drawn < s.size).map((s) => s.drawn);
        const most = Math.max(...r.strata.map((s) => s.drawn));
        for (const d of open) expect(most - d).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('different seeds give different samples; bad sizes are named', () => {
    const strata = Array.from({ length: 100 }, (_v, i) => (i % 3 === 0 ? 'x' : 'y'));
    expect(stratifiedSample(strata, 10, { seed: 1 }).indices).not.toEqual(
      stratifiedSample(strata, 10, { seed: 2 }).indices,
    );
    expect(() => stratifiedSample(strata, 101)).toThrow(DatasetError);
    expect(() => stratifiedSample(strata, 1.5)).toThrow(/size must be an integer in \[0, 100\] \(got 1.5\)/);
    expect(() => stratifiedSample(strata, 1, { minPerStratum: 1 })).toThrow(/smaller than minPerStratum/);
  });
});
