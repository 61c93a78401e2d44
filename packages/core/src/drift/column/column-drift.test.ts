import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCoreError } from '../../../test/errors.js';
import { genSample } from '../../../test/sample.js';
import { binnedDistributions } from '../../stats/distances/binned-distributions.js';
import { jensenShannonDistanceOfSamples } from '../../stats/distances/jensen-shannon-distance.js';
import { populationStabilityIndexOfSamples } from '../../stats/distances/population-stability-index.js';
import { wassersteinDistance } from '../../stats/distances/wasserstein-distance.js';
import { ksTwoSample } from '../../stats/hypothesis/ks-two-sample.js';
import { sortedCopy } from '../../stats/internal/sort.js';
import { columnDrift } from './column-drift.js';
import { columnDriftSeverity } from './column-drift-severity.js';
import { COLUMN_DRIFT_TEST_NAMES, COLUMN_DRIFT_TESTS, defaultColumnDriftTest } from './default-column-drift-test.js';
import { inferColumnType } from './infer-column-type.js';
import {
  distinctCountOfSorted,
  ksOfSorted,
  sharedBinsOfSorted,
  sortedPairSummary,
  unionDistinctCountOfSorted,
  wassersteinOfSorted,
} from './internal-sorted-kernels.js';

describe('defaultColumnDriftTest (Evidently table)', () => {
  it.each([
    ['numerical', 1000, 2, 'z'],
    ['numerical', 1000, 3, 'chisquare'],
    ['numerical', 1000, 5, 'chisquare'],
    ['numerical', 1000, 6, 'ks'],
    ['numerical', 1001, 2, 'jensenshannon'],
    ['numerical', 1001, 5, 'jensenshannon'],
    ['numerical', 1001, 6, 'wasserstein'],
    ['datetime', 10, 100, 'ks'],
    ['categorical', 1000, 2, 'z'],
    ['categorical', 1000, 3, 'chisquare'],
    ['categorical', 1000, 300, 'chisquare'],
    ['categorical', 1001, 2, 'jensenshannon'],
    ['categorical', 1001, 300, 'jensenshannon'],
    ['boolean', 20, 2, 'z'],
  ] as const)('%s with %i reference rows and %i distinct values → %s', (type, n, k, test) => {
    expect(defaultColumnDriftTest(type, n, k)).toBe(test);
  });

  it('rejects text, embedding, unknown types and bad sizes', () => {
    expectCoreError(() => defaultColumnDriftTest('text', 10, 10), 'invalid_option', /textDomainClassifierDrift/);
    expectCoreError(() => defaultColumnDriftTest('embedding', 10, 10), 'invalid_option', /embedding/);
    expectCoreError(() => defaultColumnDriftTest('ordinal' as never, 10, 10), 'invalid_option', /got "ordinal"/);
    expectCoreError(() => defaultColumnDriftTest('numerical', -1, 10), 'invalid_value', /referenceSize .* \(got -1\)/);
    expectCoreError(() => defaultColumnDriftTest('numerical', 10, 1.5), 'invalid_value', /uniqueCount .* \(got 1.5\)/);
  });
});

describe('inferColumnType', () => {
  it.each([
    [[1.5, 2, null, 3], 'numerical'],
    [new Float64Array([Number.NaN, 1]), 'numerical'],
    [[0, 1, 1, 0], 'numerical'],
    [['1.5', '2', '3e4', ''], 'numerical'],
    [[1, 2, 3, 'n/a'], 'numerical'],
    [['red', 'blue', 'red', 'green'], 'categorical'],
    [['New York', 'San Francisco', 'New York', 'New York'], 'categorical'],
    [['the cat sat on the mat', 'a quick brown fox', 'hello there world', 'ok'], 'text'],
    [[true, false, null, true], 'boolean'],
    [['TRUE', 'false', 'True'], 'boolean'],
    [['2024-05-01', '2024-05-02T10:00:00Z', '2024-05-03 12:30:00.5+02:00'], 'datetime'],
    [[new Date(0), new Date(1e12)], 'datetime'],
    [[[0.1, 0.2], new Float32Array([0.3, 0.4])], 'embedding'],
  ] as const)('%j → %s', (values, type) => {
    expect(inferColumnType(values as never)).toBe(type);
  });

  it('uses its text options', () => {
    const v = ['two words', 'two words', 'three more words', 'four words here now'];
    expect(inferColumnType(v)).toBe('text');
    expect(inferColumnType(v, { textUniqueRatio: 0.9 })).toBe('categorical');
    expect(inferColumnType(v, { textWhitespaceShare: 1 })).toBe('text');
  });

  it('rejects empty or all-missing columns, non-arrays and bad options', () => {
    expectCoreError(() => inferColumnType([]), 'insufficient_data', /at least 1 present value \(got 0 of 0\)/);
    expectCoreError(() => inferColumnType([null, Number.NaN, '']), 'insufficient_data', /got 0 of 3/);
    expectCoreError(() => inferColumnType(new Float64Array([Number.NaN])), 'insufficient_data', /got 0 of 1/);
    expectCoreError(() => inferColumnType(5 as never), 'invalid_value', /values must be an array of values \(got 5\)/);
    expectCoreError(
      () => inferColumnType(['a'], { textUniqueRatio: 2 }),
      'invalid_option',
      /textUniqueRatio .* \(got 2\)/,
    );
  });
});

describe('sorted kernels equal the stats core bit for bit', () => {
  const arb = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -100, max: 100, noNaN: true })), {
    minLength: 1,
    maxLength: 60,
  });
  it('ksOfSorted = ksTwoSample (two-sided, auto)', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const r = ksOfSorted(sortedCopy(a), sortedCopy(b));
        const s = ksTwoSample(a, b);
        expect([r.statistic, r.pValue, r.method]).toEqual([s.statistic, s.pValue, s.method]);
      }),
    );
  });

  it('ksOfSorted = ksTwoSample on large samples (asymptotic and exact ≤ 10 000)', () => {
    for (const [n1, n2] of [
      [12000, 9000],
      [3000, 2500],
    ] as const) {
      const a = genSample({ seed: n1, n: n1, kind: 'normal' });
      const b = genSample({ seed: n2, n: n2, kind: 'normal', loc: 0.03 });
      const r = ksOfSorted(sortedCopy(a), sortedCopy(b));
      const s = ksTwoSample(a, b);
      expect([r.statistic, r.pValue, r.method]).toEqual([s.statistic, s.pValue, s.method]);
    }
  });

  it('wassersteinOfSorted = wassersteinDistance', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(wassersteinOfSorted(sortedCopy(a), sortedCopy(b))).toBe(wassersteinDistance(a, b));
      }),
    );
  });

  it('sortedPairSummary = the distinct counts (Set sizes) and wassersteinOfSorted, ties and ±0 included', () => {
    const tied = fc.array(fc.constantFrom(-2, -0, 0, 0.5, 1, 3, 1e-300), { minLength: 1, maxLength: 60 });
    const mixed = fc.oneof(arb, tied);
    fc.assert(
      fc.property(mixed, mixed, (a, b) => {
        const sa = sortedCopy(a);
        const sb = sortedCopy(b);
        const s = sortedPairSummary(sa, sb);
        // Set uses SameValueZero: −0 and +0 are one value, as the walks treat them.
        expect(s.referenceDistinct).toBe(new Set(Array.from(a)).size);
        expect(s.unionDistinct).toBe(new Set([...Array.from(a), ...Array.from(b)]).size);
        expect(s.referenceDistinct).toBe(distinctCountOfSorted(sa));
        expect(s.unionDistinct).toBe(unionDistinctCountOfSorted(sa, sb));
        expect(Object.is(s.wasserstein, wassersteinOfSorted(sa, sb))).toBe(true);
      }),
    );
  });

  it('sharedBinsOfSorted = binnedDistributions counts (categories and sturges histogram)', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const sa = sortedCopy(a);
        const bins = sharedBinsOfSorted(sa, sortedCopy(b), distinctCountOfSorted(sa));
        const ref = binnedDistributions(a, b);
        expect(bins.binning).toBe(ref.binning);
        expect(Array.from(bins.referenceCounts)).toEqual(ref.referenceCounts);
        expect(Array.from(bins.currentCounts)).toEqual(ref.currentCounts);
      }),
    );
  });

  it('binned distances equal the stats core …OfSamples functions', () => {
    const a = genSample({ seed: 1, n: 3000, kind: 'normal' });
    const b = genSample({ seed: 2, n: 2000, kind: 'normal', loc: 0.2 });
    const psi = columnDrift(a, b, { test: 'psi' }).distance as number;
    expect(psi).toBeCloseTo(populationStabilityIndexOfSamples(a, b).statistic, 14);
    const js = columnDrift(a, b, { test: 'jensenshannon' }).distance as number;
    expect(js).toBeCloseTo(jensenShannonDistanceOfSamples(a, b).statistic, 14);
  });
});

describe('columnDrift', () => {
  it('reports what ran, with sizes, missing and invalid counts', () => {
    const r = columnDrift([1, 2, 3, 4, 5, 6, 7, null, 'oops'], [4, 5, 6, 7, 8, 9, 10, Number.NaN]);
    expect(r).toMatchObject({
      type: 'numerical',
      test: 'ks',
      testKind: 'p_value',
      defaultTest: true,
      threshold: 0.05,
      drifted: false,
      severity: 'none',
      referenceSize: 7,
      currentSize: 7,
      referenceMissing: 1,
      currentMissing: 1,
      referenceInvalid: 1,
      currentInvalid: 0,
      uniqueCount: 10,
      referenceUniqueCount: 7,
      effectSizeMeasure: 'ks',
      details: { method: 'exact' },
    });
    expect(r.pValue).toBeCloseTo(0.5751748251748252, 15);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('doc example: categorical Jensen–Shannon', () => {
    const r = columnDrift(['a', 'b', 'a', 'c'], ['c', 'c', 'c', 'b'], { test: 'jensenshannon' });
    expect(r).toMatchObject({
      type: 'categorical',
      test: 'jensenshannon',
      drifted: true,
      binning: 'categories',
      binCount: 3,
    });
    expect(r.pValue).toBeUndefined();
  });

  it('parses datetime columns to epoch milliseconds and numeric strings to numbers', () => {
    const ref = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06'];
    const cur = ['2024-02-01', '2024-02-02', '2024-02-03', '2024-02-04', '2024-02-05', '2024-02-06'];
    const r = columnDrift(ref, cur);
    expect(r.type).toBe('datetime');
    expect(r.test).toBe('ks');
    expect(r.statistic).toBe(1);
    const s = columnDrift(['1', '2', '3'], [1, 2, 3], { type: 'numerical', test: 'wasserstein' });
    expect(s.distance).toBe(0);
  });

  it('treats a category new in the current sample as infinite chi-square', () => {
    const r = columnDrift(['a', 'a', 'b'], ['a', 'c'], { test: 'chisquare' });
    expect([r.statistic, r.pValue, r.drifted]).toEqual([Number.POSITIVE_INFINITY, 0, true]);
  });

  it('KS drifts at p ≤ threshold, other p-value tests at p < threshold, distances at ≥ threshold', () => {
    const a = [1, 2, 3, 4, 5, 6, 7];
    const b = [3, 4, 5, 6, 7, 8, 9];
    const ks = columnDrift(a, b, { test: 'ks' });
    expect(columnDrift(a, b, { test: 'ks', threshold: ks.pValue as number }).drifted).toBe(true);
    const mw = columnDrift(a, b, { test: 'mannwhitney' });
    expect(columnDrift(a, b, { test: 'mannwhitney', threshold: mw.pValue as number }).drifted).toBe(false);
    const w = columnDrift(a, b, { test: 'wasserstein' });
    expect(columnDrift(a, b, { test: 'wasserstein', threshold: w.distance as number }).drifted).toBe(true);
    expect(columnDrift(a, b, { test: 'wasserstein', threshold: (w.distance as number) * 1.000001 }).drifted).toBe(
      false,
    );
  });

  it('grades severity by effect size (p-value tests) and threshold multiples (distances)', () => {
    expect(columnDriftSeverity({ testKind: 'p_value', drifted: false, effectSize: 0.9, threshold: 0.05 })).toBe('none');
    expect(columnDriftSeverity({ testKind: 'p_value', drifted: true, effectSize: 0.05, threshold: 0.05 })).toBe('low');
    expect(columnDriftSeverity({ testKind: 'p_value', drifted: true, effectSize: 0.15, threshold: 0.05 })).toBe(
      'medium',
    );
    expect(columnDriftSeverity({ testKind: 'p_value', drifted: true, effectSize: 0.2, threshold: 0.05 })).toBe('high');
    expect(
      columnDriftSeverity({ testKind: 'distance', drifted: true, effectSize: 0.1, distance: 0.1, threshold: 0.1 }),
    ).toBe('low');
    expect(
      columnDriftSeverity({ testKind: 'distance', drifted: true, effectSize: 0.2, distance: 0.2, threshold: 0.1 }),
    ).toBe('medium');
    expect(
      columnDriftSeverity({ testKind: 'distance', drifted: true, effectSize: 0.4, distance: 0.4, threshold: 0.1 }),
    ).toBe('high');
    expectCoreError(
      () => columnDriftSeverity({ testKind: 'x' as never, drifted: true, effectSize: 0, threshold: 1 }),
      'invalid_option',
      /testKind/,
    );
    expectCoreError(
      () => columnDriftSeverity({ testKind: 'p_value', drifted: true, effectSize: Number.NaN, threshold: 0.05 }),
      'invalid_value',
      /effectSize must be a number \(got NaN\)/,
    );
  });

  it('runs every test on a numerical column and the category tests on a categorical one', () => {
    const a = genSample({ seed: 3, n: 400, kind: 'integer', k: 8 });
    const b = genSample({ seed: 4, n: 300, kind: 'integer', k: 8 });
    for (const test of COLUMN_DRIFT_TEST_NAMES) {
      if (test === 'z') continue;
      const r = columnDrift(a, b, { test });
      expect(r.testKind).toBe(COLUMN_DRIFT_TESTS[test].kind);
      expect(r.drifted).toBe(r.severity !== 'none');
    }
    const ca = Array.from(a, (v) => `c${v}`);
    const cb = Array.from(b, (v) => `c${v}`);
    for (const test of ['chisquare', 'jensenshannon', 'psi', 'kl', 'hellinger', 'tvd'] as const) {
      expect(columnDrift(ca, cb, { test }).type).toBe('categorical');
    }
  });

  it('is order invariant and never drifts on identical samples (fast-check)', () => {
    const sample = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 80 });
    fc.assert(
      fc.property(sample, sample, fc.constantFrom(...COLUMN_DRIFT_TEST_NAMES), (a, b, test) => {
        if (test === 'z' || test === 'anderson') return;
        const r = columnDrift(a, b, { test });
        const shuffled = columnDrift(
          [...a].reverse(),
          [...b].sort((x, y) => y - x),
          { test },
        );
        expect(shuffled.statistic).toBeCloseTo(r.statistic, 12);
        expect(shuffled.drifted).toBe(r.drifted);
        const same = columnDrift(a, a, { test });
        expect(same.drifted).toBe(false);
        expect(same.severity).toBe('none');
        if (same.pValue !== undefined) expect(same.pValue).toBeGreaterThan(0.05);
        if (r.pValue !== undefined) {
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('default test never drifts on identical categorical samples', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', null), { minLength: 1, maxLength: 50 }), (a) => {
        if (a.every((v) => v === null)) return;
        const r = columnDrift(a, a, { type: 'categorical' });
        expect(r.drifted).toBe(false);
      }),
    );
  });

  it('rejects bad input with precise errors', () => {
    expectCoreError(() => columnDrift([], [1]), 'insufficient_data', /reference must be|values must contain/);
    expectCoreError(
      () => columnDrift([1, 2], [], { type: 'numerical' }),
      'insufficient_data',
      /current must contain at least 1 present value \(got 0 of 0/,
    );
    expectCoreError(
      () => columnDrift([1, 2], [Number.NaN, null], { type: 'numerical' }),
      'insufficient_data',
      /got 0 of 2/,
    );
    expectCoreError(
      () => columnDrift([1, 2], ['a', 'b'], { type: 'numerical' }),
      'insufficient_data',
      /current must contain/,
    );
    expectCoreError(
      () => columnDrift(3 as never, [1], { type: 'numerical' }),
      'invalid_value',
      /reference must be an array of values \(got 3\)/,
    );
    expectCoreError(
      () => columnDrift([1], [1], { test: 't-test' as never }),
      'invalid_option',
      /options.test must be one of/,
    );
    expectCoreError(
      () => columnDrift([1], [1], { type: 'ordinal' as never }),
      'invalid_option',
      /options.type must be one of/,
    );
    expectCoreError(
      () => columnDrift(['a b c', 'd e f'], ['x y z'], { type: 'text' }),
      'invalid_option',
      /textDomainClassifierDrift/,
    );
    expectCoreError(
      () => columnDrift(['a', 'b'], ['a'], { test: 'ks' }),
      'invalid_option',
      /'ks' needs ordered numbers/,
    );
    expectCoreError(
      () => columnDrift([1, 2, 3], [1, 2], { test: 'z' }),
      'invalid_option',
      /at most 2 distinct values \(got 3\)/,
    );
    expectCoreError(
      () => columnDrift([1, 2], [1, 2], { test: 'ks', threshold: 1 }),
      'invalid_option',
      /threshold must be a number in \(0, 1\) \(got 1\)/,
    );
    expectCoreError(
      () => columnDrift([1, 2], [1, 2], { test: 'psi', threshold: 0 }),
      'invalid_option',
      /threshold .* \(got 0\)/,
    );
    expectCoreError(
      () => columnDrift([1, 1], [1, 1], { test: 'anderson' }),
      'degenerate_input',
      /andersonDarlingKSample/,
    );
  });
});

describe('columnDrift plotBins', () => {
  /** The plot as a pass over the values computes it: ⌊(v − lo) / width⌋, the top in the last bin. */
  function bruteForce(a: number[], b: number[], bins: number) {
    const finite = (x: number[]) => x.filter((v) => Number.isFinite(v));
    const all = [...finite(a), ...finite(b)];
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    const width = (hi - lo) / bins;
    const counts = (x: number[]) => {
      const c = new Array<number>(bins).fill(0);
      for (const v of finite(x)) {
        const b = Math.min(bins - 1, Math.floor((v - lo) / width));
        c[b] = (c[b] as number) + 1;
      }
      return c;
    };
    const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
    return { edges, referenceCounts: counts(a), currentCounts: counts(b) };
  }

  it('equals a pass over the values (binary search on the sorted copies), NaN and ±Infinity left out', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0.1, 0.2, 0.3),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 3, maxLength: 300 }),
        fc.array(value, { minLength: 3, maxLength: 300 }),
        fc.integer({ min: 1, max: 40 }),
        (a, b, bins) => {
          fc.pre(a.filter(Number.isFinite).length >= 2 && b.filter(Number.isFinite).length >= 2);
          const r = columnDrift(Float64Array.from(a), Float64Array.from(b), { type: 'numerical', plotBins: bins });
          expect(r.plot).toEqual(bruteForce(a, b, bins));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is absent unless asked for and for categorical columns, and checks its option', () => {
    expect(columnDrift([1, 2, 3, 4], [2, 3, 4, 5], { type: 'numerical' }).plot).toBeUndefined();
    expect(columnDrift(['a', 'b', 'a'], ['b', 'b', 'a'], { type: 'categorical', plotBins: 10 }).plot).toBeUndefined();
    expectCoreError(
      () => columnDrift([1, 2, 3], [1, 2, 3], { type: 'numerical', plotBins: 0 }),
      'invalid_option',
      /options.plotBins must be an integer from 1 to 1000 \(got 0\)/,
    );
  });
});
