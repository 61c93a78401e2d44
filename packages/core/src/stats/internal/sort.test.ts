import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../errors.js';
import { argsort, averageRanks, lowerBound, sortedCopy, sortedFiniteSample, sortInPlace, upperBound } from './sort.js';

const doubles = fc.double({ noNaN: true });

describe('sortedCopy', () => {
  it('equals the built-in numeric sort for small and radix-sized arrays', () => {
    fc.assert(
      fc.property(fc.array(doubles, { minLength: 0, maxLength: 3000 }), (xs) => {
        const expected = Float64Array.from(xs).sort();
        const got = sortedCopy(xs);
        expect(Array.from(got).map(String)).toEqual(Array.from(expected).map(String));
      }),
      { numRuns: 60 },
    );
  });

  it('sorts 200k doubles spanning negatives, zeros, subnormals and infinities without touching the input', () => {
    const n = 200_000;
    const x = new Float64Array(n);
    let s = 12345;
    for (let i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const u = s / 2147483648;
      x[i] =
        i % 97 === 0
          ? ([0, -0, 5e-324, -5e-324, Infinity, -Infinity][i % 6] as number)
          : (u - 0.5) * 10 ** ((i % 40) - 20);
    }
    const copy = x.slice();
    const got = sortedCopy(x);
    expect(x).toEqual(copy);
    const expected = copy.slice().sort();
    for (let i = 0; i < n; i++) expect(Object.is(got[i], expected[i]) || got[i] === expected[i]).toBe(true);
  });
});

describe('averageRanks', () => {
  it('matches scipy.stats.rankdata average ranks, with tie groups', () => {
    const { ranks, tieSizes } = averageRanks(Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]));
    // scipy.stats.rankdata([3,1,4,1,5,9,2,6,5,3,5])
    expect(Array.from(ranks)).toEqual([4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8]);
    expect([...tieSizes].sort()).toEqual([2, 2, 3]);
  });

  it('argsort is a stable permutation for large arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1100, maxLength: 2000 }), (xs) => {
        const v = Float64Array.from(xs);
        const idx = argsort(v);
        for (let i = 1; i < idx.length; i++) {
          const a = idx[i - 1] as number;
          const b = idx[i] as number;
          expect((v[a] as number) < (v[b] as number) || (v[a] === v[b] && a < b)).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('bounds', () => {
  it('find the first index at or above / above a value', () => {
    const a = [1, 2, 2, 2, 5];
    expect(lowerBound(a, 2)).toBe(1);
    expect(upperBound(a, 2)).toBe(4);
    expect(lowerBound(a, 6)).toBe(5);
    expect(upperBound(a, 0)).toBe(0);
  });
});

function sameBits(got: Float64Array, expected: Float64Array): void {
  expect(got.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(got[i], expected[i])) expect.fail(`index ${i}: got ${got[i]}, expected ${expected[i]}`);
  }
}

describe('sortInPlace', () => {
  it('equals the built-in sort (including −0 before +0) below and above the radix threshold', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 0, maxLength: 5000 }), (xs) => {
        const a = Float64Array.from(xs);
        sameBits(sortInPlace(a.slice()), a.slice().sort());
      }),
      { numRuns: 60 },
    );
  });

  it('sorts 100k values mixing signs, zeros, subnormals, integers (skipped passes) and infinities', () => {
    const n = 100_000;
    const specials = [0, -0, 5e-324, -5e-324, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1, -1];
    for (const kind of ['mixed', 'integers', 'negative', 'positive'] as const) {
      const x = new Float64Array(n);
      let s = 987654321;
      for (let i = 0; i < n; i++) {
        s = (s * 1103515245 + 12345) % 2147483648;
        const u = s / 2147483648;
        if (kind === 'mixed') x[i] = i % 101 === 0 ? (specials[i % 8] as number) : (u - 0.5) * 10 ** ((i % 30) - 15);
        else if (kind === 'integers') x[i] = Math.floor((u - 0.5) * 200);
        else if (kind === 'negative') x[i] = -u - 1e-3;
        else x[i] = u * 1e6;
      }
      const before = x.slice();
      const got = sortInPlace(x);
      expect(got).toBe(x);
      sameBits(got, before.slice().sort());
    }
  });

  it('sorts a subarray view without touching the rest of its buffer', () => {
    const buf = new Float64Array(5000).map((_, i) => (i * 7919) % 5000);
    const view = buf.subarray(1000, 4000);
    const expected = view.slice().sort();
    sortInPlace(view);
    sameBits(view, expected);
    expect(buf[0]).toBe(0);
    expect(buf[4999]).toBe((4999 * 7919) % 5000);
  });
});

describe('sortedFiniteSample', () => {
  it('copies (never mutates) and applies finiteSample checks', () => {
    const x = new Float64Array([3, 1, 2]);
    expect(Array.from(sortedFiniteSample(x, { fn: 'f', arg: 'x' }))).toEqual([1, 2, 3]);
    expect(Array.from(x)).toEqual([3, 1, 2]);
    expect(Array.from(sortedFiniteSample([2, Number.NaN, 1], { fn: 'f', arg: 'x', nanPolicy: 'omit' }))).toEqual([
      1, 2,
    ]);
    expect(() => sortedFiniteSample(new Float64Array([1, Number.NaN]), { fn: 'f', arg: 'x' })).toThrow(CoreError);
    expect(() => sortedFiniteSample(new Float64Array(0), { fn: 'f', arg: 'x' })).toThrow(
      'f: x must contain at least 1 value (got 0)',
    );
  });
});

/** Doubles from (high word, low word) bit patterns. */
function fromWords(pairs: readonly (readonly [number, number])[]): Float64Array {
  const out = new Float64Array(pairs.length);
  const words = new Uint32Array(out.buffer);
  pairs.forEach(([hi, lo], i) => {
    words[2 * i] = lo >>> 0;
    words[2 * i + 1] = hi >>> 0;
  });
  return out;
}

describe('sortInPlace by high word, then runs by low word', () => {
  // A few high words (both signs, so runs are long and some are negative) with random low words:
  // exercises the insertion sort of short runs, the low-word radix of long runs (> 64) and the
  // reversal of negative runs. Exponent fields stay below 0x7ff, so no NaN or infinity arises.
  const high = fc.constantFrom(0x40490000, 0x40490001, 0x3ff00000, 0xc0490000, 0xbff00000, 0x00000000, 0x80000000);
  const low = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 0xffffffff));

  it('equals the built-in sort when many values share their high word (short and long runs, both signs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(high, low), { minLength: 2048, maxLength: 6000 }), (pairs) => {
        const a = fromWords(pairs);
        const expected = a.slice().sort();
        sameBits(sortInPlace(a.slice()), expected);
        const input = a.slice();
        sameBits(sortedCopy(a), expected);
        sameBits(a, input);
      }),
      { numRuns: 40 },
    );
  });

  it('equals the built-in sort on continuous samples (mostly distinct high words) and on equal low words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 2048, maxLength: 5000 }),
        fc.boolean(),
        (xs, integers) => {
          const a = Float64Array.from(xs, (v) => (integers ? Math.round(v / 1000) : v));
          sameBits(sortInPlace(a.slice()), a.slice().sort());
        },
      ),
      { numRuns: 30 },
    );
  });

  it('equals the built-in sort when one high word holds thousands of values (the full LSD sort of long runs)', () => {
    for (const sign of [1, -1]) {
      const n = 20_000;
      // 1 + u·10⁻⁹ shares its high word (resolution 2⁻²⁰) across the whole sample; a few values
      // elsewhere leave one long run next to short ones.
      const a = new Float64Array(n).map((_, i) => sign * (i % 1000 === 0 ? i : 1 + (((i * 7919) % n) / n) * 1e-9));
      sameBits(sortInPlace(a.slice()), a.slice().sort());
    }
  });

  it('puts NaN after +Infinity, as the built-in sort does', () => {
    const a = new Float64Array(5000).map((_, i) => (i % 250 === 0 ? Number.NaN : ((i * 7919) % 5000) - 2500));
    a[1] = Number.POSITIVE_INFINITY;
    const got = sortInPlace(a.slice());
    const expected = a.slice().sort();
    for (let i = 0; i < a.length; i++) expect(Object.is(got[i], expected[i])).toBe(true);
    expect(Number.isNaN(got[a.length - 1] as number)).toBe(true);
  });
});
