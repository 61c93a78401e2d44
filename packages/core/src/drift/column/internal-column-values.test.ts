import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DriftCellValue, prepareCategorical, prepareNumeric } from './internal-column-values.js';

const cell = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  // Around the end of the small-code table (4096), where codes move to the Map.
  fc.integer({ min: 4090, max: 4100 }),
  fc.constantFrom(4095.5, -0, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe('prepareCategorical on typed arrays (code table and number-keyed cache)', () => {
  it('gives the codes, labels, dictionary and counts of the cell-by-cell path, shared across two columns', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 300 }), fc.array(cell, { maxLength: 300 }), (a, b) => {
        const run = (typed: boolean) => {
          const dictionary = new Map<string, number>();
          const labels: DriftCellValue[] = [];
          const ra = prepareCategorical('f', 'reference', typed ? Float64Array.from(a) : a, dictionary, labels);
          const rb = prepareCategorical(
            'f',
            'current',
            typed ? Float32Array.from(b) : Array.from(Float32Array.from(b)),
            dictionary,
            labels,
          );
          return { ra, rb, dictionary: [...dictionary], labels: labels.map(String) };
        };
        expect(run(true)).toEqual(run(false));
      }),
    );
  });
});

describe('prepareNumeric', () => {
  it('uses a finite Float64Array as is (not copied, not modified) and sorts a copy', () => {
    const x = Float64Array.from([3, -1, 2, -0, 0]);
    const p = prepareNumeric('f', 'x', x);
    expect(p.values).toBe(x);
    expect(Array.from(x)).toEqual([3, -1, 2, -0, 0]);
    expect(Array.from(p.sorted).map((v) => Object.is(v, -0))).toEqual([false, true, false, false, false]);
    expect(Array.from(p.sorted)).toEqual([-1, -0, 0, 2, 3]);
  });

  it('drops missing values into a row-order copy and a separate sorted array', () => {
    const x = Float64Array.from([3, Number.NaN, 1, Number.POSITIVE_INFINITY, 2]);
    const p = prepareNumeric('f', 'x', x);
    expect([Array.from(p.values), Array.from(p.sorted), p.missing, p.rows]).toEqual([[3, 1, 2], [1, 2, 3], 2, 5]);
  });
});
