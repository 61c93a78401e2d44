import { CoreError, describeValue } from '../../errors.js';
import { populationStd } from '../../stats/descriptive/kernels.js';
import { energyDistance } from '../../stats/distances/energy-distance.js';
import { hellingerDistance } from '../../stats/distances/hellinger-distance.js';
import { psiOfProportions } from '../../stats/distances/internal-psi.js';
import { jensenShannonDistance } from '../../stats/distances/jensen-shannon-distance.js';
import { kullbackLeibler } from '../../stats/distances/kullback-leibler.js';
import { totalVariationDistance } from '../../stats/distances/total-variation-distance.js';
import { andersonDarlingKSample } from '../../stats/hypothesis/anderson-darling-k-sample.js';
import { chiSquareGoodnessOfFit } from '../../stats/hypothesis/chi-square-goodness-of-fit.js';
import { cramerVonMises2Sample } from '../../stats/hypothesis/cramer-von-mises-2-sample.js';
import { mannWhitneyU } from '../../stats/hypothesis/mann-whitney-u.js';
import { twoProportionZTest } from '../../stats/hypothesis/two-proportion-z-test.js';
import { oneOf } from '../../stats/internal/validate.js';
import { type ColumnDriftSeverity, columnDriftSeverity } from './column-drift-severity.js';
import {
  COLUMN_DRIFT_TEST_NAMES,
  COLUMN_DRIFT_TESTS,
  type ColumnDriftTest,
  type ColumnDriftTestKind,
  defaultColumnDriftTest,
} from './default-column-drift-test.js';
import { type DriftColumnType, type InferColumnTypeOptions, inferColumnType } from './infer-column-type.js';
import {
  codeCounts,
  type DriftCellValue,
  type DriftColumnValues,
  prepareCategorical,
  prepareNumeric,
} from './internal-column-values.js';
import { columnTypeOption, numberOption } from './internal-options.js';
import {
  equalWidthHistogramOfSorted,
  ksOfSorted,
  ksStatisticOfSorted,
  type MergedCategories,
  mergedCategoriesOfSorted,
  type SharedBins,
  sharedBinsOfSorted,
  sortedPairSummary,
} from './internal-sorted-kernels.js';

const FN = 'columnDrift';

/** Proportion given to empty bins by the logarithmic distances (Evidently's constant). */
export const COLUMN_DRIFT_EMPTY_BIN_PROPORTION = 0.0001;

/** Floor of the reference standard deviation that scales the Wasserstein distance (Evidently's). */
export const COLUMN_DRIFT_WASSERSTEIN_MIN_STD = 0.001;

export interface ColumnDriftOptions {
  /** The column type; inferred from the reference values with {@link inferColumnType} if absent. */
  readonly type?: DriftColumnType;
  /** The test; by default {@link defaultColumnDriftTest} (Evidently's rule). */
  readonly test?: ColumnDriftTest;
  /** The test's threshold; default 0.05 for p-value tests, 0.1 for distances. */
  readonly threshold?: number;
  /** Options of the type inference (only used when `type` is absent). */
  readonly infer?: InferColumnTypeOptions;
  /**
   * Numerical and datetime columns: also return `plot`, this many equal-width bins over both
   * samples' range (from the sorted copies the tests use, at almost no cost). An integer 1 … 1000.
   */
  readonly plotBins?: number;
}

/** Overlaid histograms of a numerical or datetime column (see ColumnDriftOptions.plotBins). */
export interface ColumnDriftPlot {
  /** plotBins + 1 edges over the finite values of both samples. */
  readonly edges: readonly number[];
  readonly referenceCounts: readonly number[];
  readonly currentCounts: readonly number[];
}

/** What one column drift test found; plain JSON. */
export interface ColumnDriftResult {
  /** The column type used (given or inferred). */
  readonly type: DriftColumnType;
  readonly test: ColumnDriftTest;
  readonly testKind: ColumnDriftTestKind;
  /** True when `test` was chosen by Evidently's default rule rather than given. */
  readonly defaultTest: boolean;
  /**
   * The test statistic: KS D, Pearson's X², z, Anderson–Darling's standardised A², Cramér–von
   * Mises T, Mann–Whitney U1, or the distance itself for distance tests.
   */
  readonly statistic: number;
  /** The p-value (p-value tests only). */
  readonly pValue?: number;
  /** The distance (distance tests only; the Wasserstein distance divided by the reference std). */
  readonly distance?: number;
  readonly threshold: number;
  readonly drifted: boolean;
  readonly severity: ColumnDriftSeverity;
  /**
   * The effect size graded by the severity: the KS statistic ('ks') for ordered p-value tests,
   * the total variation distance of the category shares ('tvd') for chisquare and z, the distance
   * for distance tests.
   */
  readonly effectSize: number;
  readonly effectSizeMeasure: 'ks' | 'tvd' | 'distance';
  /** Present values compared, after dropping missing and invalid values. */
  readonly referenceSize: number;
  readonly currentSize: number;
  /** Missing cells dropped: null, undefined, NaN, ±Infinity, ''. */
  readonly referenceMissing: number;
  readonly currentMissing: number;
  /** Present cells of the wrong kind dropped (e.g. words in a numerical column). */
  readonly referenceInvalid: number;
  readonly currentInvalid: number;
  /** Distinct values over both samples (the count the default rule uses). */
  readonly uniqueCount: number;
  readonly referenceUniqueCount: number;
  /** For binned distances: histogram bins or one bin per category, and how many bins. */
  readonly binning?: 'histogram' | 'categories';
  readonly binCount?: number;
  /** Extra facts about what ran: KS 'exact' | 'asymp', Anderson's p-value cap, the Wasserstein scale. */
  readonly details?: Readonly<Record<string, number | string | boolean>>;
  /** Plot bins, when `plotBins` was given and the column is numerical or datetime. */
  readonly plot?: ColumnDriftPlot;
}

/** The outcome of one test before the common fields are added (internal). */
interface TestOutcome {
  readonly statistic: number;
  readonly pValue?: number;
  readonly distance?: number;
  readonly effectSize: number;
  readonly effectSizeMeasure: 'ks' | 'tvd' | 'distance';
  readonly binning?: 'histogram' | 'categories';
  readonly binCount?: number;
  readonly details?: Readonly<Record<string, number | string | boolean>>;
}

/** Half the L1 distance of two count vectors' shares. */
function tvdOfCounts(a: ArrayLike<number>, na: number, b: ArrayLike<number>, nb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] as number) / na - (b[i] as number) / nb);
  return Math.min(1, s / 2);
}

/** Shares of each bin with empty bins set to `fill` (not renormalised, as Evidently). */
function filledShares(counts: ArrayLike<number>, n: number, fill: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    out[i] = c === 0 ? fill : c / n;
  }
  return out;
}

/** A binned distance of two count vectors (empty-bin rules of the stats core). */
function binnedDistance(test: ColumnDriftTest, bins: SharedBins, nRef: number, nCur: number): TestOutcome {
  const rc = bins.referenceCounts;
  const cc = bins.currentCounts;
  const fill = COLUMN_DRIFT_EMPTY_BIN_PROPORTION;
  let d: number;
  switch (test) {
    case 'jensenshannon':
      d = jensenShannonDistance(filledShares(rc, nRef, fill), filledShares(cc, nCur, fill), { normalize: true });
      break;
    case 'kl':
      d = kullbackLeibler(filledShares(rc, nRef, fill), filledShares(cc, nCur, fill), { normalize: true });
      break;
    case 'psi':
      d = psiOfProportions(filledShares(rc, nRef, fill), filledShares(cc, nCur, fill));
      break;
    case 'hellinger':
      d = hellingerDistance(rc, cc, { normalize: true });
      break;
    default:
      d = totalVariationDistance(rc, cc, { normalize: true });
  }
  return {
    statistic: d,
    distance: d,
    effectSize: d,
    effectSizeMeasure: 'distance',
    binning: bins.binning,
    binCount: rc.length,
  };
}

/** Evidently's chi-square: current counts against reference counts scaled to the current size. */
function chiSquareOfCounts(rc: ArrayLike<number>, cc: ArrayLike<number>, nRef: number, nCur: number): TestOutcome {
  const k = rc.length;
  const effectSize = tvdOfCounts(rc, nRef, cc, nCur);
  if (k < 2) return { statistic: 0, pValue: 1, effectSize, effectSizeMeasure: 'tvd' };
  const scale = nCur / nRef;
  const expected = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    expected[i] = (rc[i] as number) * scale;
    // A category absent from the reference: scipy's X² is +∞ and its p-value 0.
    if (expected[i] === 0) {
      return {
        statistic: Number.POSITIVE_INFINITY,
        pValue: 0,
        effectSize,
        effectSizeMeasure: 'tvd',
        details: { categoriesAbsentFromReference: true },
      };
    }
  }
  const r = chiSquareGoodnessOfFit(cc, { expected });
  return { statistic: r.statistic, pValue: r.pValue, effectSize, effectSizeMeasure: 'tvd', details: { dof: r.dof } };
}

/** Evidently's z-test on the share of the first category (at most two categories). */
function zOfCounts(rc: ArrayLike<number>, cc: ArrayLike<number>, nRef: number, nCur: number): TestOutcome {
  const k = rc.length;
  if (k > 2) {
    throw new CoreError(
      'invalid_option',
      FN,
      `options.test 'z' needs a column with at most 2 distinct values (got ${k}); use 'chisquare'`,
      'options.test',
    );
  }
  const effectSize = tvdOfCounts(rc, nRef, cc, nCur);
  // Both samples hold the same single value: no difference at all (Evidently's p = 1).
  if (k < 2) return { statistic: 0, pValue: 1, effectSize, effectSizeMeasure: 'tvd' };
  const r = twoProportionZTest([rc[0] as number, cc[0] as number], [nRef, nCur]);
  return { statistic: r.statistic, pValue: r.pValue, effectSize, effectSizeMeasure: 'tvd' };
}

function unknownTestForType(test: ColumnDriftTest, type: DriftColumnType): never {
  throw new CoreError(
    'invalid_option',
    FN,
    `options.test '${test}' needs ordered numbers, but the column type is '${type}' (use 'chisquare', 'z', 'jensenshannon', 'psi', 'kl', 'hellinger' or 'tvd')`,
    'options.test',
  );
}

interface Sizes {
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly referenceMissing: number;
  readonly currentMissing: number;
  readonly referenceInvalid: number;
  readonly currentInvalid: number;
  readonly uniqueCount: number;
  readonly referenceUniqueCount: number;
}

function checkSizes(referenceSize: number, currentSize: number, refRows: number, curRows: number): void {
  for (const [arg, n, rows] of [
    ['reference', referenceSize, refRows],
    ['current', currentSize, curRows],
  ] as const) {
    if (n === 0) {
      throw new CoreError(
        'insufficient_data',
        FN,
        `${arg} must contain at least 1 present value (got 0 of ${rows} after dropping missing and invalid values)`,
        arg,
      );
    }
  }
}

/**
 * Tests whether one column drifted between a reference and a current sample. Missing cells (null,
 * undefined, NaN, ±Infinity, '') and cells of the wrong kind are dropped and counted; the type is
 * inferred from the reference if not given; the test is Evidently's default
 * ({@link defaultColumnDriftTest}) unless given. Numeric columns are sorted once and every
 * ordered test (KS, Wasserstein, the distinct counts and the bins) walks the sorted copies.
 *
 * Each test matches its reference (see {@link COLUMN_DRIFT_TESTS}): 'ks' scipy.stats.ks_2samp
 * (two-sided, method auto), drift at p ≤ threshold; 'chisquare' scipy.stats.chisquare of the
 * current counts against the reference counts × n_cur/n_ref (a category absent from the reference
 * gives X² = +∞, p = 0, as scipy); 'z' the pooled two-proportion z-test of the share of one
 * category (statsmodels proportions_ztest; p = 1 when both samples hold the same single value);
 * 'anderson', 'cvm', 'mannwhitney' scipy's anderson_ksamp, cramervonmises_2samp and mannwhitneyu;
 * all of them drift at p < threshold (0.05). 'wasserstein' is scipy's wasserstein_distance
 * divided by max(std(reference), 0.001) (population std); 'jensenshannon', 'psi', 'kl',
 * 'hellinger', 'tvd' compare binned proportions (more than 20 distinct reference values of a
 * numerical column: numpy 'sturges' edges over both samples, else one bin per value; empty bins
 * 0.0001 for JS, PSI and KL); 'energy' is scipy's energy_distance; distances drift at ≥ threshold
 * (0.1). Datetime columns are compared as epoch milliseconds; boolean columns as categories.
 *
 * @throws {CoreError} `invalid_value` if a sample is not an array; `insufficient_data` if a
 *   sample has no present value; `invalid_option` for an unknown type or test, a text or embedding
 *   type, an ordered test on a categorical column, 'z' with more than 2 distinct values, or a
 *   threshold outside (0, 1) for p-value tests or (0, ∞) for distances; the errors of the stats
 *   function a test calls (e.g. anderson with a single distinct value: `degenerate_input`).
 * @example
 * columnDrift([1, 2, 3, 4, 5, 6, 7], [4, 5, 6, 7, 8, 9, 10])
 * // { type: 'numerical', test: 'ks', statistic: 0.428…, pValue: 0.575…, drifted: false, severity: 'none', … }
 * @example
 * columnDrift(['a', 'b', 'a', 'c'], ['c', 'c', 'c', 'b'], { test: 'jensenshannon' })
 * // { type: 'categorical', test: 'jensenshannon', distance: 0.4880947…, drifted: true, severity: 'high', … }
 */
export function columnDrift(
  reference: DriftColumnValues,
  current: DriftColumnValues,
  options: ColumnDriftOptions = {},
): ColumnDriftResult {
  const type =
    options.type === undefined
      ? inferColumnType(reference, options.infer)
      : columnTypeOption(FN, 'options.type', options.type);
  if (type === 'text' || type === 'embedding') {
    throw new CoreError(
      'invalid_option',
      FN,
      `options.type must be a numerical, datetime, categorical or boolean column type (got '${type}'; use textDomainClassifierDrift or embeddingDomainClassifierDrift for ${type} columns)`,
      'options.type',
    );
  }
  const requested =
    options.test === undefined ? undefined : oneOf(FN, 'options.test', options.test, COLUMN_DRIFT_TEST_NAMES);

  const plotBins =
    options.plotBins === undefined ? undefined : integerOption(FN, 'options.plotBins', options.plotBins, 1, 1000);
  let sizes: Sizes;
  let plot: ColumnDriftPlot | undefined;
  let outcome: () => TestOutcome;
  let test: ColumnDriftTest;
  if (type === 'numerical' || type === 'datetime') {
    const datetime = type === 'datetime';
    const ref = prepareNumeric(FN, 'reference', reference, datetime);
    const cur = prepareNumeric(FN, 'current', current, datetime);
    checkSizes(ref.values.length, cur.values.length, ref.rows, cur.rows);
    // One merged walk gives both distinct counts and the Wasserstein distance (the default test
    // of large samples), so the default report reads each sorted column once.
    const pair = sortedPairSummary(ref.sorted, cur.sorted);
    if (plotBins !== undefined) plot = equalWidthHistogramOfSorted(ref.sorted, cur.sorted, plotBins);
    const referenceUniqueCount = pair.referenceDistinct;
    const uniqueCount = pair.unionDistinct;
    const merged = (): MergedCategories => mergedCategoriesOfSorted(ref.sorted, cur.sorted);
    sizes = {
      referenceSize: ref.values.length,
      currentSize: cur.values.length,
      referenceMissing: ref.missing,
      currentMissing: cur.missing,
      referenceInvalid: ref.invalid,
      currentInvalid: cur.invalid,
      uniqueCount,
      referenceUniqueCount,
    };
    test = requested ?? defaultColumnDriftTest(type, ref.values.length, uniqueCount);
    const nRef = ref.values.length;
    const nCur = cur.values.length;
    /** A rank test's outcome, with the KS statistic as its effect size. */
    const withKsEffect = (
      r: { statistic: number; pValue: number },
      details: Readonly<Record<string, number | string | boolean>>,
    ): TestOutcome => ({
      statistic: r.statistic,
      pValue: r.pValue,
      effectSize: ksStatisticOfSorted(ref.sorted, cur.sorted),
      effectSizeMeasure: 'ks',
      details,
    });
    outcome = (): TestOutcome => {
      switch (test) {
        case 'ks': {
          const r = ksOfSorted(ref.sorted, cur.sorted);
          return {
            statistic: r.statistic,
            pValue: r.pValue,
            effectSize: r.statistic,
            effectSizeMeasure: 'ks',
            details: { method: r.method },
          };
        }
        case 'wasserstein': {
          const raw = pair.wasserstein;
          const std = populationStd(ref.values);
          const scale = Math.max(std, COLUMN_DRIFT_WASSERSTEIN_MIN_STD);
          const d = raw / scale;
          return {
            statistic: d,
            distance: d,
            effectSize: d,
            effectSizeMeasure: 'distance',
            details: { wasserstein: raw, referenceStd: std, scale },
          };
        }
        case 'chisquare': {
          const m = merged();
          return chiSquareOfCounts(m.referenceCounts, m.currentCounts, nRef, nCur);
        }
        case 'z': {
          const m = merged();
          return zOfCounts(m.referenceCounts, m.currentCounts, nRef, nCur);
        }
        case 'anderson': {
          const r = andersonDarlingKSample([ref.values, cur.values]);
          return withKsEffect(r, { pValueCapped: r.pValueCapped });
        }
        case 'cvm': {
          const r = cramerVonMises2Sample(ref.values, cur.values);
          return withKsEffect(r, { method: r.method });
        }
        case 'mannwhitney': {
          const r = mannWhitneyU(ref.values, cur.values);
          return withKsEffect(r, { method: r.method });
        }
        case 'energy': {
          const d = energyDistance(ref.sorted, cur.sorted);
          return { statistic: d, distance: d, effectSize: d, effectSizeMeasure: 'distance' };
        }
        default:
          return binnedDistance(test, sharedBinsOfSorted(ref.sorted, cur.sorted, referenceUniqueCount), nRef, nCur);
      }
    };
  } else {
    const dictionary = new Map<string, number>();
    const labels: DriftCellValue[] = [];
    const ref = prepareCategorical(FN, 'reference', reference, dictionary, labels);
    const referenceUniqueCount = dictionary.size;
    const cur = prepareCategorical(FN, 'current', current, dictionary, labels);
    checkSizes(ref.codes.length, cur.codes.length, ref.rows, cur.rows);
    const k = dictionary.size;
    const rc = codeCounts(ref.codes, k);
    const cc = codeCounts(cur.codes, k);
    const nRef = ref.codes.length;
    const nCur = cur.codes.length;
    sizes = {
      referenceSize: nRef,
      currentSize: nCur,
      referenceMissing: ref.missing,
      currentMissing: cur.missing,
      referenceInvalid: ref.invalid,
      currentInvalid: cur.invalid,
      uniqueCount: k,
      referenceUniqueCount,
    };
    test = requested ?? defaultColumnDriftTest(type, nRef, k);
    outcome = (): TestOutcome => {
      switch (test) {
        case 'chisquare':
          return chiSquareOfCounts(rc, cc, nRef, nCur);
        case 'z':
          return zOfCounts(rc, cc, nRef, nCur);
        case 'jensenshannon':
        case 'psi':
        case 'kl':
        case 'hellinger':
        case 'tvd':
          return binnedDistance(test, { binning: 'categories', referenceCounts: rc, currentCounts: cc }, nRef, nCur);
        default:
          return unknownTestForType(test, type);
      }
    };
  }

  const info = COLUMN_DRIFT_TESTS[test];
  const threshold =
    info.kind === 'p_value'
      ? numberOption(FN, 'options.threshold', options.threshold, info.defaultThreshold, 0, 1, {
          minExclusive: true,
          maxExclusive: true,
        })
      : numberOption(FN, 'options.threshold', options.threshold, info.defaultThreshold, 0, Number.MAX_VALUE, {
          minExclusive: true,
        });
  const o = outcome();
  let drifted: boolean;
  if (info.kind === 'p_value') {
    const p = o.pValue as number;
    drifted = info.rule === 'p <= threshold' ? p <= threshold : p < threshold;
  } else {
    drifted = (o.distance as number) >= threshold;
  }
  const severity = columnDriftSeverity({
    testKind: info.kind,
    drifted,
    effectSize: o.effectSize,
    threshold,
    ...(o.distance === undefined ? {} : { distance: o.distance }),
  });
  return {
    type,
    test,
    testKind: info.kind,
    defaultTest: requested === undefined,
    statistic: o.statistic,
    ...(o.pValue === undefined ? {} : { pValue: o.pValue }),
    ...(o.distance === undefined ? {} : { distance: o.distance }),
    threshold,
    drifted,
    severity,
    effectSize: o.effectSize,
    effectSizeMeasure: o.effectSizeMeasure,
    ...sizes,
    ...(o.binning === undefined ? {} : { binning: o.binning, binCount: o.binCount as number }),
    ...(o.details === undefined ? {} : { details: o.details }),
    ...(plot === undefined ? {} : { plot }),
  };
}

function integerOption(fn: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new CoreError(
      'invalid_option',
      fn,
      `${name} must be an integer from ${min} to ${max} (got ${describeValue(value)})`,
      name,
    );
  }
  return value;
}
