/**
 * The sketch path (drift from two profiles) against the exact path (the stats core on the raw
 * data): equal while the sketches are exact, within the stated bounds once they compact.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCoreError } from '../../../test/errors.js';
import { loadGolden } from '../../../test/golden.js';
import { genSample } from '../../../test/sample.js';
import { histogramCounts } from '../../stats/descriptive/kernels.js';
import { psiOfProportions } from '../../stats/distances/internal-psi.js';
import { jensenShannonDistanceOfSamples } from '../../stats/distances/jensen-shannon-distance.js';
import { populationStabilityIndexOfSamples } from '../../stats/distances/population-stability-index.js';
import { wassersteinDistance } from '../../stats/distances/wasserstein-distance.js';
import { chiSquareContingency } from '../../stats/hypothesis/chi-square-contingency.js';
import { ksTwoSample } from '../../stats/hypothesis/ks-two-sample.js';
import type { DatasetProfile } from './dataset-profile.js';
import { DatasetProfileBuilder } from './dataset-profile-builder.js';
import {
  type ProfileColumnDriftOptions,
  type ProfileNumericalColumnDrift,
  profileColumnDrift,
} from './profile-column-drift.js';
import { profileDatasetDrift } from './profile-dataset-drift.js';

function profileOf(columns: Record<string, ArrayLike<number> | readonly (string | null)[]>, seed = 0): DatasetProfile {
  return new DatasetProfileBuilder({ kllSeed: seed }).addChunk(columns).build({ createdAt: 0 });
}

function numerical(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
  options: ProfileColumnDriftOptions = {},
): ProfileNumericalColumnDrift {
  const r = profileColumnDrift(profileOf({ x: ref }, 1), profileOf({ x: cur }, 2), 'x', options);
  if (r.columnType !== 'numerical') throw new Error('expected a numerical column');
  return r;
}

function close(a: number, b: number, rtol: number, label: string): void {
  expect(Math.abs(a - b), `${label}: ${a} vs ${b}`).toBeLessThanOrEqual(rtol * Math.abs(b) + 1e-15);
}

/**
 * Rigorous bound on |PSI(a', e') − PSI(a, e)| when every proportion moves by at most δa / δe (mean
 * value theorem; each partial derivative is monotone in each argument, so its largest magnitude
 * over the box is at a corner).
 */
function psiBound(e: readonly number[], a: readonly number[], de: number, da: number): number {
  let bound = 0;
  for (let i = 0; i < e.length; i++) {
    let ga = 0;
    let ge = 0;
    for (const ee of [(e[i] as number) - de, (e[i] as number) + de]) {
      for (const aa of [(a[i] as number) - da, (a[i] as number) + da]) {
        const x = Math.max(aa, 1e-4);
        const y = Math.max(ee, 1e-4);
        ga = Math.max(ga, Math.abs(Math.log(x / y) + 1 - y / x));
        ge = Math.max(ge, Math.abs(-Math.log(x / y) + 1 - x / y));
      }
    }
    bound += ga * da + ge * de;
  }
  return bound;
}

/** Checks the sketch-path result against the raw samples within its stated bounds. */
function checkAgainstExact(r: ProfileNumericalColumnDrift, ref: Float64Array, cur: Float64Array, label: string): void {
  const ks = ksTwoSample(ref, cur, { method: 'asymp' });
  expect(Math.abs(r.ks.statistic - ks.statistic), `${label} KS`).toBeLessThanOrEqual(r.ks.errorBound + 1e-12);
  const w = wassersteinDistance(ref, cur);
  expect(Math.abs(r.wasserstein.distance - w), `${label} Wasserstein`).toBeLessThanOrEqual(
    r.wasserstein.errorBound + 1e-12 * w,
  );
  if (r.bins.binning === 'categories') return;
  const edges = Float64Array.from(r.bins.edges);
  const refExact = histogramCounts(Float64Array.from(ref).sort(), edges);
  const curExact = histogramCounts(Float64Array.from(cur).sort(), edges);
  expect(refExact.reduce((s, c) => s + c, 0)).toBe(ref.length);
  expect(curExact.reduce((s, c) => s + c, 0)).toBe(cur.length);
  for (let i = 0; i < refExact.length; i++) {
    expect(Math.abs((r.bins.referenceCounts[i] as number) - (refExact[i] as number))).toBeLessThanOrEqual(
      r.bins.countErrorBound.reference,
    );
    expect(Math.abs((r.bins.currentCounts[i] as number) - (curExact[i] as number))).toBeLessThanOrEqual(
      r.bins.countErrorBound.current,
    );
  }
  const fill = (counts: readonly number[], n: number) => counts.map((c) => (c === 0 ? 0.0001 : c / n));
  const e = fill(refExact, ref.length);
  const a = fill(curExact, cur.length);
  let psiExact = 0;
  for (let i = 0; i < e.length; i++)
    psiExact += ((a[i] as number) - (e[i] as number)) * Math.log((a[i] as number) / (e[i] as number));
  const de = r.bins.countErrorBound.reference / ref.length;
  const da = r.bins.countErrorBound.current / cur.length;
  expect(Math.abs(r.psi - psiExact), `${label} PSI`).toBeLessThanOrEqual(psiBound(e, a, de, da) + 1e-12);
}

describe('profileColumnDrift while the sketches are exact', () => {
  it('equals the exact path (ks_2samp statistic, wasserstein_distance, PSI, JS, chi2_contingency)', () => {
    const cases: [string, Float64Array, Float64Array][] = [
      [
        'normal shift',
        genSample({ seed: 1, n: 200, kind: 'normal' }),
        genSample({ seed: 2, n: 150, kind: 'normal', loc: 0.4 }),
      ],
      ['same', genSample({ seed: 3, n: 255, kind: 'uniform' }), genSample({ seed: 4, n: 90, kind: 'uniform' })],
      [
        'scale',
        genSample({ seed: 5, n: 60, kind: 'normal' }),
        genSample({ seed: 6, n: 250, kind: 'normal', scale: 3 }),
      ],
      [
        'ties',
        genSample({ seed: 7, n: 200, kind: 'integer', k: 40 }),
        genSample({ seed: 8, n: 200, kind: 'integer', k: 45 }),
      ],
    ];
    for (const [label, ref, cur] of cases) {
      const r = numerical(ref, cur, { binning: 'sturges' });
      expect(r.ks.errorBound).toBe(0);
      expect(r.wasserstein.errorBound).toBe(0);
      close(r.ks.statistic, ksTwoSample(ref, cur).statistic, 1e-12, `${label} KS`);
      close(r.wasserstein.distance, wassersteinDistance(ref, cur), 1e-12, `${label} W`);
      const psi = populationStabilityIndexOfSamples(ref, cur);
      const js = jensenShannonDistanceOfSamples(ref, cur);
      expect(r.bins.edges).toEqual(psi.binned.edges);
      expect(r.bins.referenceCounts).toEqual(psi.binned.referenceCounts);
      close(r.psi, psi.statistic, 1e-12, `${label} PSI`);
      close(r.jensenShannon, js.statistic, 1e-12, `${label} JS`);
      const kept = psi.binned.referenceCounts
        .map((c, i) => [c, psi.binned.currentCounts[i] as number] as const)
        .filter(([a, b]) => a + b > 0);
      const chi = chiSquareContingency([kept.map((k) => k[0]), kept.map((k) => k[1])], { correction: false });
      close(r.chiSquare.statistic, chi.statistic, 1e-12, `${label} chi2`);
      close(r.chiSquare.pValue, chi.pValue, 1e-12, `${label} chi2 p`);
      // Evidently's decision for ≤ 1 000 reference values: KS at p ≤ 0.05.
      expect(r.method).toBe('ks');
      expect(r.drifted).toBe(r.ks.pValue <= 0.05);
    }
  });

  it('bins a numerical column with ≤ 20 distinct reference values per value, and picks chi-square', () => {
    const ref = genSample({ seed: 9, n: 200, kind: 'integer', k: 4 });
    const cur = genSample({ seed: 10, n: 180, kind: 'integer', k: 5 });
    const r = numerical(ref, cur);
    expect(r.bins.binning).toBe('categories');
    expect(r.bins.categories).toEqual(['0', '1', '2', '3', '4']);
    expect(r.bins.hasOther).toBe(false);
    const psi = populationStabilityIndexOfSamples(ref, cur);
    close(r.psi, psi.statistic, 1e-12, 'PSI');
    close(r.jensenShannon, jensenShannonDistanceOfSamples(ref, cur).statistic, 1e-12, 'JS');
    expect(r.method).toBe('chisquare');
    const chi = chiSquareContingency([psi.binned.referenceCounts, psi.binned.currentCounts], { correction: false });
    close(r.statistic, chi.pValue, 1e-12, 'chi2 p');
    expect(r.drifted).toBe(chi.pValue < 0.05);
  });

  it('categorical columns: chi-square and JS on the item counts equal the exact ones', () => {
    const codes = (seed: number, n: number, k: number) => genSample({ seed, n, kind: 'integer', k });
    const refCodes = codes(11, 300, 6);
    const curCodes = codes(12, 250, 7);
    const label = (v: number) => `city-${v}`;
    const r = profileColumnDrift(
      profileOf({ c: Array.from(refCodes, label) }),
      profileOf({ c: Array.from(curCodes, label) }),
      'c',
    );
    expect(r.columnType).toBe('categorical');
    expect(r.bins.hasOther).toBe(false);
    const js = jensenShannonDistanceOfSamples(refCodes, curCodes, { columnType: 'categorical' });
    close(r.jensenShannon, js.statistic, 1e-12, 'JS');
    const psi = populationStabilityIndexOfSamples(refCodes, curCodes, { columnType: 'categorical' });
    close(r.psi, psi.statistic, 1e-12, 'PSI');
    const chi = chiSquareContingency([js.binned.referenceCounts, js.binned.currentCounts], { correction: false });
    close(r.chiSquare.statistic, chi.statistic, 1e-12, 'chi2');
    expect(r.method).toBe('chisquare');
  });

  it('agrees with the exact path on random small samples (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (a, b) => {
          const r = numerical(a, b, { binning: 'sturges' });
          close(r.ks.statistic, ksTwoSample(a, b).statistic, 1e-12, 'KS');
          close(r.wasserstein.distance, wassersteinDistance(a, b), 1e-9, 'W');
          expect(r.psi).toBeGreaterThanOrEqual(0);
          expect(r.jensenShannon).toBeGreaterThanOrEqual(0);
          expect(r.jensenShannon).toBeLessThanOrEqual(Math.sqrt(Math.log(2)) + 1e-12);
          expect(r.ks.pValue).toBeGreaterThanOrEqual(0);
          expect(r.ks.pValue).toBeLessThanOrEqual(1);
          expect(r.chiSquare.pValue).toBeGreaterThanOrEqual(0);
          expect(r.chiSquare.pValue).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('profileColumnDrift once the sketches compact', () => {
  it('stays within the stated bounds on seeded data (KS, Wasserstein, bin counts, PSI)', () => {
    const cases: [string, Float64Array, Float64Array][] = [
      [
        'same 20k',
        genSample({ seed: 21, n: 20000, kind: 'normal' }),
        genSample({ seed: 22, n: 20000, kind: 'normal' }),
      ],
      [
        'shift 0.1',
        genSample({ seed: 23, n: 20000, kind: 'normal' }),
        genSample({ seed: 24, n: 15000, kind: 'normal', loc: 0.1 }),
      ],
      [
        'scale ×2',
        genSample({ seed: 25, n: 5000, kind: 'normal' }),
        genSample({ seed: 26, n: 20000, kind: 'normal', scale: 2 }),
      ],
      [
        'uniform vs normal',
        genSample({ seed: 27, n: 20000, kind: 'uniform' }),
        genSample({ seed: 28, n: 3000, kind: 'normal', loc: 0.5, scale: 0.3 }),
      ],
    ];
    for (const [label, ref, cur] of cases) {
      for (const binning of ['quantile', 'sturges'] as const) {
        const r = numerical(ref, cur, { binning });
        expect(r.ks.errorBound).toBeGreaterThan(0);
        checkAgainstExact(r, ref, cur, `${label} ${binning}`);
      }
    }
    // Evidently's decision for > 1 000 reference values: Wasserstein ÷ reference std ≥ 0.1.
    const same = numerical(
      genSample({ seed: 21, n: 20000, kind: 'normal' }),
      genSample({ seed: 22, n: 20000, kind: 'normal' }),
    );
    expect(same.method).toBe('wasserstein');
    expect(same.drifted).toBe(false);
    const scaled = numerical(
      genSample({ seed: 25, n: 5000, kind: 'normal' }),
      genSample({ seed: 26, n: 20000, kind: 'normal', scale: 2 }),
    );
    expect(scaled.drifted).toBe(true);
  });

  it('quantile bins hold about equal reference shares', () => {
    const ref = genSample({ seed: 31, n: 20000, kind: 'normal' });
    const r = numerical(ref, genSample({ seed: 32, n: 20000, kind: 'normal' }));
    const bins = r.bins.referenceCounts.length;
    expect(bins).toBe(Math.ceil(Math.log2(20000)) + 1);
    for (const c of r.bins.referenceCounts) expect(Math.abs(c / 20000 - 1 / bins)).toBeLessThan(0.03);
  });

  it('categorical counts stay within the frequent-items error, with an "other" bucket', () => {
    // 2 000 distinct labels, skewed: more than 2 × 128 distinct, so the summaries purge.
    const skew = (seed: number, n: number, power: number) =>
      Array.from(genSample({ seed, n, kind: 'uniform' }), (u) => `item-${Math.floor(2000 * u ** power)}`);
    const ref = skew(41, 20000, 3);
    const cur = skew(42, 20000, 4);
    const r = profileColumnDrift(profileOf({ c: ref }), profileOf({ c: cur }), 'c');
    expect(r.bins.hasOther).toBe(true);
    expect(r.bins.categories[r.bins.categories.length - 1]).toBe('other');
    const exact = (values: string[]) => {
      const m = new Map<string, number>();
      for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
      return m;
    };
    const er = exact(ref);
    const ec = exact(cur);
    const k = r.bins.categories.length - 1;
    for (let i = 0; i < k; i++) {
      const c = r.bins.categories[i] as string;
      const dr = (er.get(c) ?? 0) - (r.bins.referenceCounts[i] as number);
      const dc = (ec.get(c) ?? 0) - (r.bins.currentCounts[i] as number);
      expect(dr).toBeGreaterThanOrEqual(0);
      expect(dr).toBeLessThanOrEqual(r.bins.countErrorBound.reference);
      expect(dc).toBeGreaterThanOrEqual(0);
      expect(dc).toBeLessThanOrEqual(r.bins.countErrorBound.current);
    }
    expect(r.bins.countErrorBound.reference).toBeLessThanOrEqual(20000 / 129);
    expect(r.referenceCount).toBe(20000);
    expect(r.method).toBe('jensenshannon');
    expect(r.chiSquare.pValue).toBeLessThan(1e-10);
    expect(r.drifted).toBe(r.jensenShannon >= 0.1);
  });
});

interface BreastCancer {
  readonly features: readonly string[];
  readonly X: readonly (readonly number[])[];
  readonly y: readonly number[];
}

describe('profile drift on real data (scikit-learn breast cancer, 569 × 30)', () => {
  const data = loadGolden<BreastCancer>('drift_breast_cancer').cases[0] as BreastCancer;
  const column = (rows: number[], j: number) => Float64Array.from(rows, (i) => (data.X[i] as number[])[j] as number);
  const benign = data.y.flatMap((v, i) => (v === 1 ? [i] : []));
  const malignant = data.y.flatMap((v, i) => (v === 0 ? [i] : []));
  const even = data.y.flatMap((_, i) => (i % 2 === 0 ? [i] : []));
  const odd = data.y.flatMap((_, i) => (i % 2 === 1 ? [i] : []));
  const profile = (rows: number[], seed: number) => {
    const cols: Record<string, Float64Array> = {};
    data.features.forEach((f, j) => {
      cols[f] = column(rows, j);
    });
    return profileOf(cols, seed);
  };

  it('every feature agrees with the exact path within the bounds (benign vs malignant, even vs odd rows)', () => {
    for (const [label, a, b] of [
      ['benign/malignant', benign, malignant],
      ['even/odd', even, odd],
    ] as const) {
      const pa = profile(a, 3);
      const pb = profile(b, 4);
      data.features.forEach((f, j) => {
        for (const binning of ['quantile', 'sturges'] as const) {
          const r = profileColumnDrift(pa, pb, f, { binning });
          if (r.columnType !== 'numerical') throw new Error('numerical expected');
          checkAgainstExact(r, column(a, j), column(b, j), `${label} ${f} ${binning}`);
        }
      });
    }
  });

  it('dataset drift: benign vs malignant drifts, even vs odd rows does not', () => {
    const drift = profileDatasetDrift(profile(benign, 3), profile(malignant, 4));
    expect(drift.columns).toHaveLength(30);
    expect(drift.skipped).toEqual([]);
    expect(drift.drifted).toBe(true);
    expect(drift.share).toBeGreaterThan(0.5);
    const none = profileDatasetDrift(profile(even, 3), profile(odd, 4));
    expect(none.drifted).toBe(false);
    expect(none.share).toBeLessThan(0.2);
  });
});

describe('profileDatasetDrift', () => {
  it('reports missing-rate changes and skips columns it cannot compare', () => {
    const ref = profileOf({ a: [1, 2, 3, Number.NaN], b: ['x', 'y', null, null], gone: [1, 2, 3, 4] });
    const cur = profileOf({ a: [1, Number.NaN, Number.NaN, Number.NaN], b: [null, null, null, null] });
    const r = profileDatasetDrift(ref, cur, { shareThreshold: 0.4 });
    expect(r.columns.map((c) => c.column)).toEqual(['a']);
    expect(r.columns[0]?.missingRate).toEqual({ reference: 0.25, current: 0.75, difference: 0.5 });
    expect(r.skipped.map((s) => s.column)).toEqual(['b', 'gone']);
    expect(r.skipped[1]?.reason).toBe('absent from the current profile');
    expect(r.shareThreshold).toBe(0.4);
  });

  it('rejects bad arguments', () => {
    const p = profileOf({ a: [1, 2, 3], s: ['x', 'y', 'z'] });
    const empty = profileOf({ a: [Number.NaN], s: [null] });
    expectCoreError(
      () => profileDatasetDrift(p, p, { shareThreshold: 0 }),
      'invalid_option',
      'profileDatasetDrift: options.shareThreshold must be a number in (0, 1] (got 0)',
    );
    expectCoreError(
      () => profileDatasetDrift(p, {} as DatasetProfile),
      'invalid_value',
      'profileDatasetDrift: current must be a DatasetProfile (got object)',
    );
    expectCoreError(
      () => profileDatasetDrift(p, p, { columns: ['nope'] }),
      'invalid_value',
      'profileDatasetDrift: options.columns must name columns of the reference profile (got "nope")',
    );
    expectCoreError(
      () => profileDatasetDrift(p, empty),
      'insufficient_data',
      /^profileDatasetDrift: the profiles must share at least 1 comparable column \(got 0; skipped: "a", "s"\)$/,
    );
    expectCoreError(
      () => profileColumnDrift(p, p, 'nope'),
      'invalid_value',
      'profileColumnDrift: column must be a column of the reference profile (got "nope")',
    );
    expectCoreError(
      () => profileColumnDrift(p, p, 'a', { method: 'anderson' as 'ks' }),
      'invalid_option',
      "profileColumnDrift: options.method must be one of 'auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare' (got \"anderson\")",
    );
    expectCoreError(
      () => profileColumnDrift(p, p, 's', { method: 'ks' }),
      'invalid_option',
      `profileColumnDrift: options.method must be 'psi', 'jensenshannon' or 'chisquare' for the categorical column "s" (got 'ks')`,
    );
    expectCoreError(
      () => profileColumnDrift(p, p, 'a', { binning: 'fd' as 'sturges' }),
      'invalid_option',
      `profileColumnDrift: options.binning must be one of 'quantile', 'sturges' (got "fd")`,
    );
    expectCoreError(
      () => profileColumnDrift(p, p, 'a', { threshold: 0 }),
      'invalid_option',
      /^profileColumnDrift: options.threshold must be a number in \(0, /,
    );
    expectCoreError(
      () => profileColumnDrift(p, p, 'a', { emptyBinProportion: 1 }),
      'invalid_option',
      'profileColumnDrift: options.emptyBinProportion must be a number in [0, 1) (got 1)',
    );
    expectCoreError(
      () => profileColumnDrift(empty, p, 'a'),
      'insufficient_data',
      'profileColumnDrift: reference column "a" must have at least 1 finite number, string or boolean (got 0 of 1 rows)',
    );
    expectCoreError(
      () => profileColumnDrift(p, empty, 'a'),
      'insufficient_data',
      'profileColumnDrift: current column "a" must have at least 1 finite number, as the reference does (got 0 of 1 rows)',
    );
    expectCoreError(
      () => profileColumnDrift(p, profileOf({ a: ['x', 'y'] }), 'a'),
      'invalid_value',
      'profileColumnDrift: current column "a" must have at least 1 finite number, as the reference does (got 0 of 2 rows)',
    );
    expectCoreError(
      () => profileColumnDrift(null as unknown as DatasetProfile, p, 'a'),
      'invalid_value',
      'profileColumnDrift: reference must be a DatasetProfile (got null)',
    );
  });

  it('a method and threshold can be chosen', () => {
    const ref = genSample({ seed: 51, n: 3000, kind: 'normal' });
    const cur = genSample({ seed: 52, n: 3000, kind: 'normal', loc: 0.3 });
    const r = numerical(ref, cur, { method: 'psi', threshold: 0.05 });
    expect(r.method).toBe('psi');
    expect(r.statistic).toBe(r.psi);
    expect(r.drifted).toBe(r.psi >= 0.05);
    const k = numerical(ref, cur, { method: 'ks' });
    expect(k.statistic).toBe(k.ks.pValue);
    expect(k.drifted).toBe(true);
  });
});

describe('profileColumnDrift quantile bins beyond the reference range', () => {
  /** Current values between the reference's min and max: the first ~14/15 of them, as the game day's minute of °F in 15. */
  function withShareAbove(ref: Float64Array, cur: Float64Array, above: number): Float64Array {
    const max = ref.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
    const min = ref.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);
    const inRange = cur.map((v) => Math.min(max, Math.max(min, v)));
    const k = Math.round(above * cur.length);
    for (let i = 0; i < k; i++) inRange[i] = max + 1 + (inRange[i] as number) - min;
    return inRange;
  }

  it('gives a current sample entirely above the reference max its own bin: PSI far above 0.2', () => {
    const ref = genSample({ seed: 61, n: 5000, kind: 'normal' });
    const cur = withShareAbove(ref, genSample({ seed: 62, n: 1000, kind: 'normal' }), 1);
    const r = numerical(ref, cur, { method: 'psi' });
    const edges = r.bins.edges;
    const max = ref.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
    // The last bin is (ref max, cur max]: empty in the reference, every current value in it.
    expect(edges[edges.length - 2]).toBeGreaterThan(max);
    expect(r.bins.referenceCounts[r.bins.referenceCounts.length - 1]).toBe(0);
    expect(r.bins.currentCounts[r.bins.currentCounts.length - 1]).toBe(cur.length);
    // (1 − 0.0001)·ln(1/0.0001) from that bin alone.
    expect(r.psi).toBeGreaterThan(0.9999 * Math.log(1 / 0.0001));
    expect(r.drifted).toBe(true);
    checkAgainstExact(r, ref, cur, 'all above');
  });

  it('counts a fifteenth of the current sample above the reference max in full (PSI > 0.2)', () => {
    const ref = genSample({ seed: 63, n: 20000, kind: 'normal' });
    const cur = withShareAbove(ref, genSample({ seed: 64, n: 1500, kind: 'normal' }), 1 / 15);
    const r = numerical(ref, cur, { method: 'psi' });
    const last = r.bins.currentCounts.length - 1;
    expect(r.bins.referenceCounts[last]).toBe(0);
    expect(Math.abs((r.bins.currentCounts[last] as number) - 100)).toBeLessThanOrEqual(r.bins.countErrorBound.current);
    expect(r.psi).toBeGreaterThan(0.2);
    checkAgainstExact(r, ref, cur, 'a fifteenth above');
  });

  it('adds a bin below the reference min for current values under it', () => {
    const ref = genSample({ seed: 65, n: 3000, kind: 'uniform' });
    const cur = genSample({ seed: 66, n: 800, kind: 'uniform', loc: -0.5 });
    const r = numerical(ref, cur, { method: 'psi' });
    const min = ref.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);
    const below = cur.filter((v) => v < min).length;
    expect(below).toBeGreaterThan(0);
    expect(r.bins.edges[0]).toBe(cur.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY));
    expect(r.bins.edges[1]).toBe(min);
    expect(r.bins.referenceCounts[0]).toBe(0);
    expect(Math.abs((r.bins.currentCounts[0] as number) - below)).toBeLessThanOrEqual(r.bins.countErrorBound.current);
    checkAgainstExact(r, ref, cur, 'below');
  });

  it('leaves a current sample within the reference range on the reference-quantile edges, as before', () => {
    for (const [n, seed] of [
      [5000, 67],
      [300, 69],
    ] as const) {
      const ref = genSample({ seed, n, kind: 'normal' });
      const cur = withShareAbove(ref, genSample({ seed: seed + 1, n: 700, kind: 'normal', loc: 0.3 }), 0);
      const pr = profileOf({ x: ref }, 1);
      const r = numerical(ref, cur, { method: 'psi' });
      // The edges of the quantile binning without out-of-range bins: [ref min, quantiles…, ref max].
      const kll = pr.column('x').kll;
      const bins = Math.ceil(Math.log2(kll.count)) + 1;
      const expected = [kll.min];
      for (let i = 1; i < bins; i++) {
        const q = kll.quantile(i / bins);
        if (q > (expected[expected.length - 1] as number) && q < kll.max) expected.push(q);
      }
      expected.push(kll.max);
      expect(r.bins.edges).toEqual(expected);
      const fill = (counts: readonly number[], total: number) => counts.map((c) => (c === 0 ? 0.0001 : c / total));
      const psi = psiOfProportions(
        fill(kll.histogram(expected), n),
        fill(profileOf({ x: cur }, 2).column('x').kll.histogram(expected), cur.length),
      );
      expect(r.psi).toBe(psi);
      checkAgainstExact(r, ref, cur, `within range n=${n}`);
    }
  });
});
