import { CoreError, describeValue } from '../../errors.js';
import { linspaceEdges } from '../../stats/descriptive/kernels.js';
import { psiOfProportions } from '../../stats/distances/internal-psi.js';
import { jensenShannonDistance } from '../../stats/distances/jensen-shannon-distance.js';
import { wassersteinDistance } from '../../stats/distances/wasserstein-distance.js';
import { chiSquareContingency } from '../../stats/hypothesis/chi-square-contingency.js';
import { numberInRange, oneOf } from '../../stats/internal/validate.js';
import type { FrequentItems } from '../../stats/sketches/frequent-items.js';
import { KllSketch } from '../../stats/sketches/kll-sketch.js';
import { type KsFromSketchesResult, ksStatisticFromSketches } from '../../stats/sketches/ks-statistic-from-sketches.js';
import type { ColumnProfile } from './column-profile.js';
import { DatasetProfile } from './dataset-profile.js';

/** Tests and distances computable from two profiles. */
export type ProfileDriftMethod = 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'chisquare';

/** How a numerical column is binned for PSI, Jensen–Shannon and chi-square. */
export type ProfileBinning = 'quantile' | 'sturges';

export interface ProfileColumnDriftOptions {
  /**
   * The test that decides `drifted`. `'auto'` (default) follows Evidently's defaults as far as
   * sketches allow: numerical with more than 5 distinct values → KS (reference ≤ 1 000 values) or
   * Wasserstein ÷ reference std (> 1 000); numerical with ≤ 5 distinct values and categorical →
   * chi-square (≤ 1 000) or Jensen–Shannon (> 1 000). Evidently's z-test for ≤ 2 values is the
   * chi-square test without continuity correction (z² = χ²), so chi-square covers it.
   */
  readonly method?: 'auto' | ProfileDriftMethod;
  /**
   * Drift threshold: for 'ks' and 'chisquare' a p-value (drift when p < threshold, KS when
   * p ≤ threshold, as Evidently; default 0.05), for the distances a distance (drift when
   * distance ≥ threshold; default 0.1).
   */
  readonly threshold?: number;
  /**
   * Bins of a numerical column with more than 20 distinct reference values. `'quantile'`
   * (default): ⌈log₂ n_ref⌉ + 1 bins (Sturges' count) between reference quantiles read from the
   * reference KLL sketch over the reference's [min, max], so every bin holds about the same share
   * of reference values and outliers cannot squash the bins; current values below the reference
   * min or above its max get a bin of their own on that side, empty in the reference (its share
   * is `emptyBinProportion`), so mass outside the baseline's range counts in full. `'sturges'`:
   * numpy's 'sturges' equal-width edges over both samples (what Evidently uses), rebuilt exactly
   * from the exact min, max and counts the profiles keep.
   */
  readonly binning?: ProfileBinning;
  /** Proportion given to an empty bin (default 0.0001, as Evidently), in [0, 1). */
  readonly emptyBinProportion?: number;
}

/** The shared bins of a column in the two profiles and the counts in each. */
export interface ProfileDriftBins {
  /** `'categories'`: one bin per value (frequent items), `'quantile'`/`'sturges'`: histogram bins. */
  readonly binning: 'categories' | ProfileBinning;
  /** Histogram edges (empty for categories); bins [e0, e1), …, [e_{m−1}, e_m]. */
  readonly edges: readonly number[];
  /** Category labels (empty for histograms); numbers appear as `String(x)`. */
  readonly categories: readonly string[];
  /** True when the last category is the "other" bucket: values not tracked by either sketch. */
  readonly hasOther: boolean;
  /** Estimated counts per bin. */
  readonly referenceCounts: readonly number[];
  readonly currentCounts: readonly number[];
  /**
   * Bound on the error of each count (per side): 2·n·ε for KLL histograms, the frequent-items
   * maximum error for categories (the "other" bucket can be off by that times the number of
   * categories); 0 when the sketches are exact.
   */
  readonly countErrorBound: { readonly reference: number; readonly current: number };
}

/** Change in the share of missing values (null, undefined, NaN) between the profiles. */
export interface ProfileMissingRateChange {
  readonly reference: number;
  readonly current: number;
  /** current − reference. */
  readonly difference: number;
}

/** Wasserstein distance between the two KLL sketches' distributions. */
export interface ProfileWassersteinEstimate {
  /** W₁ between the weighted retained items of the two sketches. */
  readonly distance: number;
  /**
   * |distance − W₁ of the raw data| ≤ errorBound = ε_a·(max_a − min_a) + ε_b·(max_b − min_b),
   * ε the KLL all-queries rank error (99 %; 0 for an exact sketch).
   */
  readonly errorBound: number;
  /** distance ÷ max(reference std, 0.001) (population std, exact from the moments), as Evidently. */
  readonly normalized: number;
  readonly normalizedErrorBound: number;
}

/** Chi-square test of homogeneity on the bin counts (2 × k table, no continuity correction). */
export interface ProfileChiSquare {
  readonly statistic: number;
  readonly pValue: number;
  readonly dof: number;
}

interface ProfileColumnDriftCommon {
  readonly column: string;
  /** The test that decided `drifted`, and its value: a p-value or a distance. */
  readonly method: ProfileDriftMethod;
  readonly statistic: number;
  readonly threshold: number;
  readonly drifted: boolean;
  /** Values compared (finite numbers for numerical columns, sketched values for categorical). */
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly missingRate: ProfileMissingRateChange;
  readonly bins: ProfileDriftBins;
  /** PSI on the bins (empty bins filled, not renormalised, as Evidently). */
  readonly psi: number;
  /** Jensen–Shannon distance (natural log) on the filled, renormalised bins. */
  readonly jensenShannon: number;
  readonly chiSquare: ProfileChiSquare;
}

/** Drift of a numerical column. */
export interface ProfileNumericalColumnDrift extends ProfileColumnDriftCommon {
  readonly columnType: 'numerical';
  /** KS statistic from the KLL sketches, with its error bound and approximate p-value. */
  readonly ks: KsFromSketchesResult;
  readonly wasserstein: ProfileWassersteinEstimate;
}

/** Drift of a categorical (string, boolean or mixed) column. */
export interface ProfileCategoricalColumnDrift extends ProfileColumnDriftCommon {
  readonly columnType: 'categorical';
}

export type ProfileColumnDriftResult = ProfileNumericalColumnDrift | ProfileCategoricalColumnDrift;

const FN = 'profileColumnDrift';
const METHODS = ['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon', 'chisquare'] as const;

/** Sketched (non-missing, non-"other") values of a column: finite numbers, strings, booleans. */
function sketchedCount(p: ColumnProfile): number {
  return p.frequentItems.totalWeight;
}

function columnKind(p: ColumnProfile): 'numerical' | 'categorical' | 'empty' {
  const t = p.typeCounts;
  if (t.string + t.boolean > 0) return 'categorical';
  return p.finiteCount > 0 ? 'numerical' : 'empty';
}

/** Distinct values of a frequent-items sketch if known exactly (never purged), else undefined. */
function exactKeys(fi: FrequentItems): string[] | undefined {
  return fi.maximumError() === 0 ? fi.topK(fi.size).map((r) => r.item) : undefined;
}

function categoryBins(ref: FrequentItems, cur: FrequentItems, numeric: boolean): ProfileDriftBins {
  const keys = new Set<string>();
  for (const r of ref.topK(ref.size)) keys.add(r.item);
  for (const r of cur.topK(cur.size)) keys.add(r.item);
  const categories = Array.from(keys);
  if (numeric) categories.sort((a, b) => Number(a) - Number(b));
  else
    categories.sort(
      (a, b) =>
        ref.lowerBound(b) + cur.lowerBound(b) - ref.lowerBound(a) - cur.lowerBound(a) || (a < b ? -1 : a > b ? 1 : 0),
    );
  const referenceCounts = categories.map((c) => ref.lowerBound(c));
  const currentCounts = categories.map((c) => cur.lowerBound(c));
  const otherRef = ref.totalWeight - referenceCounts.reduce((s, c) => s + c, 0);
  const otherCur = cur.totalWeight - currentCounts.reduce((s, c) => s + c, 0);
  const hasOther = otherRef > 0 || otherCur > 0;
  if (hasOther) {
    categories.push('other');
    referenceCounts.push(otherRef);
    currentCounts.push(otherCur);
  }
  return {
    binning: 'categories',
    edges: [],
    categories,
    hasOther,
    referenceCounts,
    currentCounts,
    countErrorBound: { reference: ref.maximumError(), current: cur.maximumError() },
  };
}

/** Edges as numpy.histogram_bin_edges(concat(ref, cur), 'sturges'), from exact min, max and n. */
function sturgesEdges(lo: number, hi: number, n: number): number[] {
  let first = lo;
  let last = hi;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (hi - lo) / (Math.log2(n) + 1.0);
  const count = width ? Math.ceil((last - first) / width) : 1;
  return linspaceEdges(first, last, count);
}

/** The smallest double greater than the finite number `x`. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/**
 * ⌈log₂ n_ref⌉ + 1 bins between reference quantiles over the reference's range [min, max], plus
 * a bin below the reference min when the current sample has values there ([cur.min, ref.min)) and
 * a bin above the reference max when it has values there ((ref.max, cur.max], its lower edge the
 * next double after ref.max). Those out-of-range bins are empty in the reference, so current
 * values outside the baseline's range count with the empty-bin proportion as the reference share
 * instead of being absorbed by the reference's top or bottom bin. A current sample within the
 * reference range gets exactly the in-range edges.
 */
function quantileEdges(ref: KllSketch, curMin: number, curMax: number): number[] {
  const below = curMin < ref.min;
  const above = curMax > ref.max;
  if (ref.min === ref.max && !below && !above) return [ref.min - 0.5, ref.max + 0.5];
  const edges = below ? [curMin, ref.min] : [ref.min];
  const bins = Math.ceil(Math.log2(ref.count)) + 1;
  for (let i = 1; i < bins; i++) {
    const q = ref.quantile(i / bins);
    if (q > (edges[edges.length - 1] as number) && q < ref.max) edges.push(q);
  }
  if (!above) {
    // The last bin is closed: [q, ref.max] (a one-value bin [ref.max, next) for a constant reference).
    edges.push(ref.max > (edges[edges.length - 1] as number) ? ref.max : nextUp(ref.max));
    return edges;
  }
  const top = nextUp(ref.max);
  edges.push(top, curMax > top ? curMax : nextUp(curMax));
  return edges;
}

function histogramBins(ref: KllSketch, cur: KllSketch, binning: ProfileBinning): ProfileDriftBins {
  const edges =
    binning === 'sturges'
      ? sturgesEdges(Math.min(ref.min, cur.min), Math.max(ref.max, cur.max), ref.count + cur.count)
      : quantileEdges(ref, cur.min, cur.max);
  return {
    binning,
    edges,
    categories: [],
    hasOther: false,
    referenceCounts: ref.histogram(edges),
    currentCounts: cur.histogram(edges),
    countErrorBound: { reference: 2 * ref.count * ref.rankErrorBound(), current: 2 * cur.count * cur.rankErrorBound() },
  };
}

function filled(counts: readonly number[], n: number, fill: number): number[] {
  return counts.map((c) => (c === 0 ? fill : c / n));
}

function chiSquareOf(bins: ProfileDriftBins): ProfileChiSquare {
  const ref: number[] = [];
  const cur: number[] = [];
  for (let i = 0; i < bins.referenceCounts.length; i++) {
    const a = bins.referenceCounts[i] as number;
    const b = bins.currentCounts[i] as number;
    if (a + b > 0) {
      ref.push(a);
      cur.push(b);
    }
  }
  const r = chiSquareContingency([ref, cur], { correction: false });
  return { statistic: r.statistic, pValue: r.pValue, dof: r.dof };
}

/** W₁ between two KLL sketches' weighted retained items, with its error bound. */
function wassersteinOf(ref: KllSketch, cur: KllSketch, referenceStd: number): ProfileWassersteinEstimate {
  const weights = (s: KllSketch) => {
    const { items, cumulativeWeights } = s.sortedItems();
    const w = new Float64Array(items.length);
    for (let i = 0; i < items.length; i++) {
      w[i] = (cumulativeWeights[i] as number) - (i === 0 ? 0 : (cumulativeWeights[i - 1] as number));
    }
    return { items, w };
  };
  const a = weights(ref);
  const b = weights(cur);
  const distance = wassersteinDistance(a.items, b.items, { uWeights: a.w, vWeights: b.w });
  const eps = (s: KllSketch) => (s.isEstimationMode ? KllSketch.normalizedRankError(s.k, true) : 0);
  const errorBound = eps(ref) * (ref.max - ref.min) + eps(cur) * (cur.max - cur.min);
  const norm = Math.max(referenceStd, 0.001);
  return { distance, errorBound, normalized: distance / norm, normalizedErrorBound: errorBound / norm };
}

/**
 * Drift of one column between a reference and a current {@link DatasetProfile}, computed from
 * the sketches alone (no raw data): what whylogs does, extended with the distances Evidently uses.
 *
 * - Numerical columns (finite numbers only): the two-sample KS statistic from the two KLL
 *   sketches with its error bound and an asymptotic p-value (`ksStatisticFromSketches`; H0: same
 *   distribution); the Wasserstein distance W₁ between the sketches' weighted retained items —
 *   each sketch's CDF is within its all-queries rank error ε of the true CDF on [min, max] and
 *   exact outside, so |Ŵ − W| ≤ ε_ref·range_ref + ε_cur·range_cur (rank error × range); PSI,
 *   Jensen–Shannon and chi-square on shared bins (`binning`), with per-bin counts within 2·n·ε.
 *   A numerical column whose reference has at most 20 distinct values (known exactly while its
 *   frequent-items sketch has never purged) is binned per value instead, as Evidently does.
 * - Categorical columns (any strings or booleans): chi-square (H0: same category frequencies),
 *   Jensen–Shannon and PSI on the frequent-item counts of both profiles, every item tracked by
 *   either sketch a category of its own and the rest pooled into an "other" bucket.
 * - The change in the missing-value rate.
 *
 * When the sketches have not compacted (fewer values than the KLL k, fewer distinct values than
 * twice the frequent-items capacity) every number equals the exact computation on the raw data:
 * scipy.stats.ks_2samp's statistic, scipy.stats.wasserstein_distance, and modelwatch's binned
 * PSI / Jensen–Shannon (Evidently's binning with `binning: 'sturges'`) and
 * scipy.stats.chi2_contingency(correction=False). The KS p-value is asymptotic.
 *
 * @throws {CoreError} 'invalid_value' if a profile is not a DatasetProfile or lacks the column;
 *   'insufficient_data' if the column has no comparable values in either profile (no finite
 *   numbers for a numerical column); 'invalid_value' if it is numerical in the reference and has
 *   no finite numbers in the current profile; 'invalid_option' for an unknown method or binning
 *   or a threshold / emptyBinProportion out of range.
 * @example
 * const drift = profileColumnDrift(referenceProfile, currentProfile, 'age');
 * drift.ks.statistic; // within drift.ks.errorBound of ks_2samp on the raw data
 * drift.drifted; // Evidently's default decision
 */
export function profileColumnDrift(
  reference: DatasetProfile,
  current: DatasetProfile,
  column: string,
  options: ProfileColumnDriftOptions = {},
): ProfileColumnDriftResult {
  for (const [name, p] of [
    ['reference', reference],
    ['current', current],
  ] as const) {
    if (!(p instanceof DatasetProfile)) {
      throw new CoreError('invalid_value', FN, `${name} must be a DatasetProfile (got ${describeValue(p)})`, name);
    }
    if (typeof column !== 'string' || !p.hasColumn(column)) {
      throw new CoreError(
        'invalid_value',
        FN,
        `column must be a column of the ${name} profile (got ${describeValue(column)})`,
        'column',
      );
    }
  }
  const requested = oneOf(FN, 'options.method', options.method ?? 'auto', METHODS);
  const binning = oneOf(FN, 'options.binning', options.binning ?? 'quantile', ['quantile', 'sturges'] as const);
  const fill = numberInRange(FN, 'options.emptyBinProportion', options.emptyBinProportion ?? 0.0001, 0, 1, {
    maxExclusive: true,
  });
  if (options.threshold !== undefined) {
    numberInRange(FN, 'options.threshold', options.threshold, 0, Number.MAX_VALUE, { minExclusive: true });
  }
  const ref = reference.column(column);
  const cur = current.column(column);
  const kind = columnKind(ref);
  if (kind === 'empty') {
    throw new CoreError(
      'insufficient_data',
      FN,
      `reference column ${JSON.stringify(column)} must have at least 1 finite number, string or boolean (got 0 of ${ref.count} rows)`,
      'reference',
    );
  }
  if (kind === 'numerical' && cur.finiteCount === 0) {
    throw new CoreError(
      cur.count === cur.missingCount + cur.nonFiniteCount ? 'insufficient_data' : 'invalid_value',
      FN,
      `current column ${JSON.stringify(column)} must have at least 1 finite number, as the reference does (got 0 of ${cur.count} rows)`,
      'current',
    );
  }
  if (kind === 'categorical' && sketchedCount(cur) === 0) {
    throw new CoreError(
      'insufficient_data',
      FN,
      `current column ${JSON.stringify(column)} must have at least 1 non-missing value (got 0 of ${cur.count} rows)`,
      'current',
    );
  }
  const missingRate: ProfileMissingRateChange = {
    reference: ref.missingCount / ref.count,
    current: cur.missingCount / cur.count,
    difference: cur.missingCount / cur.count - ref.missingCount / ref.count,
  };

  let bins: ProfileDriftBins;
  let distinct = Number.POSITIVE_INFINITY;
  if (kind === 'numerical') {
    const refKeys = exactKeys(ref.frequentItems);
    const curKeys = exactKeys(cur.frequentItems);
    if (refKeys !== undefined && curKeys !== undefined) distinct = new Set([...refKeys, ...curKeys]).size;
    bins =
      refKeys !== undefined && refKeys.length <= 20
        ? categoryBins(ref.frequentItems, cur.frequentItems, true)
        : histogramBins(ref.kll, cur.kll, binning);
  } else {
    bins = categoryBins(ref.frequentItems, cur.frequentItems, false);
  }
  const nRef = kind === 'numerical' ? ref.finiteCount : sketchedCount(ref);
  const nCur = kind === 'numerical' ? cur.finiteCount : sketchedCount(cur);
  const refFilled = filled(bins.referenceCounts, nRef, fill);
  const curFilled = filled(bins.currentCounts, nCur, fill);
  const psi = psiOfProportions(refFilled, curFilled);
  const jensenShannon = jensenShannonDistance(refFilled, curFilled, { normalize: true });
  const chiSquare = chiSquareOf(bins);

  let ks: KsFromSketchesResult | undefined;
  let wasserstein: ProfileWassersteinEstimate | undefined;
  if (kind === 'numerical') {
    ks = ksStatisticFromSketches(ref.kll, cur.kll);
    wasserstein = wassersteinOf(ref.kll, cur.kll, ref.moments.standardDeviation(0));
  }
  const small = nRef <= 1000;
  let method: ProfileDriftMethod;
  if (requested !== 'auto') method = requested;
  else if (kind === 'numerical' && distinct > 5) method = small ? 'ks' : 'wasserstein';
  else method = small ? 'chisquare' : 'jensenshannon';
  if (kind === 'categorical' && (method === 'ks' || method === 'wasserstein')) {
    throw new CoreError(
      'invalid_option',
      FN,
      `options.method must be 'psi', 'jensenshannon' or 'chisquare' for the categorical column ${JSON.stringify(column)} (got '${method}')`,
      'options.method',
    );
  }
  const isTest = method === 'ks' || method === 'chisquare';
  const threshold = options.threshold ?? (isTest ? 0.05 : 0.1);
  let statistic: number;
  switch (method) {
    case 'ks':
      statistic = (ks as KsFromSketchesResult).pValue;
      break;
    case 'chisquare':
      statistic = chiSquare.pValue;
      break;
    case 'wasserstein':
      statistic = (wasserstein as ProfileWassersteinEstimate).normalized;
      break;
    case 'psi':
      statistic = psi;
      break;
    case 'jensenshannon':
      statistic = jensenShannon;
      break;
  }
  const drifted = method === 'ks' ? statistic <= threshold : isTest ? statistic < threshold : statistic >= threshold;
  const common = {
    column,
    method,
    statistic,
    threshold,
    drifted,
    referenceCount: nRef,
    currentCount: nCur,
    missingRate,
    bins,
    psi,
    jensenShannon,
    chiSquare,
  };
  if (kind === 'numerical') {
    return {
      columnType: 'numerical',
      ...common,
      ks: ks as KsFromSketchesResult,
      wasserstein: wasserstein as ProfileWassersteinEstimate,
    };
  }
  return { columnType: 'categorical', ...common };
}
