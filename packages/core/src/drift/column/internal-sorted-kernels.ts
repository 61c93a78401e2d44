/**
 * Kernels on samples that are already finite and sorted ascending (internal). A numeric column is
 * sorted once by `prepareNumeric`; these walks then give the distinct counts, the KS test, the
 * Wasserstein distance and the shared bins without sorting again. Each reproduces its stats-core
 * counterpart bit for bit (`ksTwoSample` two-sided 'auto', `wassersteinDistance`,
 * `binnedDistributions`); the tests compare them on random samples.
 */
import { histogramBinEdges } from '../../stats/descriptive/histogram-bin-edges.js';
import { histogramCounts } from '../../stats/descriptive/kernels.js';
import { ksTwoSampleLatticeSf, kstwoSf } from '../../stats/distributions/kolmogorov.js';
import { greatestCommonDivisor } from '../../stats/internal/greatest-common-divisor.js';

/** ks_2samp's 'auto' switches to the asymptotic distribution above this sample size. */
const MAX_EXACT_N = 10_000;

/** Number of distinct values of a sorted sample. */
export function distinctCountOfSorted(a: Float64Array): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) count++;
  return count;
}

/** Number of distinct values of a ∪ b for two sorted samples (one merged walk, no allocation). */
export function unionDistinctCountOfSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < n1 || j < n2) {
    const v = Math.min(
      i < n1 ? (a[i] as number) : Number.POSITIVE_INFINITY,
      j < n2 ? (b[j] as number) : Number.POSITIVE_INFINITY,
    );
    while (i < n1 && (a[i] as number) === v) i++;
    while (j < n2 && (b[j] as number) === v) j++;
    count++;
  }
  return count;
}

/** Distinct values of both sorted samples (ascending) and each sample's count per value. */
export interface MergedCategories {
  readonly values: Float64Array;
  readonly referenceCounts: Float64Array;
  readonly currentCounts: Float64Array;
}

/** One merged walk: the distinct values of a ∪ b with their counts in a and in b. */
export function mergedCategoriesOfSorted(a: Float64Array, b: Float64Array): MergedCategories {
  const n1 = a.length;
  const n2 = b.length;
  const values: number[] = [];
  const ca: number[] = [];
  const cb: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = Math.min(
      i < n1 ? (a[i] as number) : Number.POSITIVE_INFINITY,
      j < n2 ? (b[j] as number) : Number.POSITIVE_INFINITY,
    );
    const i0 = i;
    const j0 = j;
    while (i < n1 && (a[i] as number) === v) i++;
    while (j < n2 && (b[j] as number) === v) j++;
    values.push(v);
    ca.push(i - i0);
    cb.push(j - j0);
  }
  return {
    values: Float64Array.from(values),
    referenceCounts: Float64Array.from(ca),
    currentCounts: Float64Array.from(cb),
  };
}

/** numpy's round(): halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * sup |F_a − F_b| of two sorted samples, as ks_2samp computes it: the ECDF difference
 * i/n1 − j/n2 after every distinct value, the negative side clipped to [0, 1].
 */
export function ksStatisticOfSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxDiff = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    const v = Math.min(
      i < n1 ? (a[i] as number) : Number.POSITIVE_INFINITY,
      j < n2 ? (b[j] as number) : Number.POSITIVE_INFINITY,
    );
    while (i < n1 && (a[i] as number) === v) i++;
    while (j < n2 && (b[j] as number) === v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = Math.min(1, Math.max(0, -minDiff));
  return minS > maxDiff ? minS : maxDiff;
}

/** Two-sided KS statistic and p-value, as scipy.stats.ks_2samp(a, b) with method 'auto'. */
export interface SortedKsResult {
  readonly statistic: number;
  readonly pValue: number;
  readonly method: 'exact' | 'asymp';
}

/**
 * Two-sided two-sample KS test of sorted samples, identical to `ksTwoSample(a, b)`: the ECDF
 * difference i/n1 − j/n2 after every distinct value, the exact lattice distribution when
 * max(n1, n2) ≤ 10 000 (falling back to the asymptotic one if it leaves [0, 1]), else
 * kstwo.sf(d, round(n1·n2/(n1 + n2))).
 */
export function ksOfSorted(a: Float64Array, b: Float64Array): SortedKsResult {
  const n1 = a.length;
  const n2 = b.length;
  let d = ksStatisticOfSorted(a, b);
  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const g = greatestCommonDivisor(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: 'exact' };
    const raw = ksTwoSampleLatticeSf(n1, n2, h, 'two-sided');
    if (raw >= 0 && raw <= 1) return { statistic: d, pValue: raw, method: 'exact' };
  }
  const en = (n1 * n2) / (n1 + n2);
  const p = kstwoSf(roundHalfEven(en), d);
  return { statistic: d, pValue: Number.isNaN(p) ? p : Math.min(1, Math.max(0, p)), method: 'asymp' };
}

/**
 * ∫ |F_a − F_b| over the pooled sorted samples with Neumaier-compensated summation, identical to
 * `wassersteinDistance(a, b)` (scipy.stats.wasserstein_distance).
 */
export function wassersteinOfSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0;
  let current = Math.min(a[0] as number, b[0] as number);
  for (;;) {
    while (i < n1 && (a[i] as number) === current) i++;
    while (j < n2 && (b[j] as number) === current) j++;
    if (i === n1 && j === n2) break;
    const next = i === n1 ? (b[j] as number) : j === n2 ? (a[i] as number) : Math.min(a[i] as number, b[j] as number);
    const term = Math.abs(i / n1 - j / n2) * (next - current);
    const t = sum + term;
    comp += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
    current = next;
  }
  return sum + comp;
}

/** What one merged walk over two sorted samples gives: both distinct counts and the distance. */
export interface SortedPairSummary {
  /** Distinct values of the first sample (as {@link distinctCountOfSorted}). */
  readonly referenceDistinct: number;
  /** Distinct values of both samples together (as {@link unionDistinctCountOfSorted}). */
  readonly unionDistinct: number;
  /** The Wasserstein distance (as {@link wassersteinOfSorted}, bit for bit). */
  readonly wasserstein: number;
}

/**
 * The distinct counts the default test rule needs and the Wasserstein distance of two non-empty
 * sorted samples in one merged walk: the walk of {@link wassersteinOfSorted} visits every distinct
 * value of a ∪ b once, counting the visits gives the union's distinct count, and counting the
 * visits where a holds the value gives a's. Equal to the three separate kernels (tests compare
 * them), at the cost of one pass instead of three.
 */
export function sortedPairSummary(a: Float64Array, b: Float64Array): SortedPairSummary {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let sum = 0;
  let comp = 0;
  let unionDistinct = 0;
  let referenceDistinct = 0;
  let current = Math.min(a[0] as number, b[0] as number);
  for (;;) {
    unionDistinct++;
    if (i < n1 && (a[i] as number) === current) {
      referenceDistinct++;
      i++;
      while (i < n1 && (a[i] as number) === current) i++;
    }
    while (j < n2 && (b[j] as number) === current) j++;
    if (i === n1 && j === n2) break;
    const next = i === n1 ? (b[j] as number) : j === n2 ? (a[i] as number) : Math.min(a[i] as number, b[j] as number);
    const term = Math.abs(i / n1 - j / n2) * (next - current);
    const t = sum + term;
    comp += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
    current = next;
  }
  return { referenceDistinct, unionDistinct, wasserstein: sum + comp };
}

/** Shared bins of two samples: what ran and the raw counts per bin. */
export interface SharedBins {
  readonly binning: 'histogram' | 'categories';
  readonly referenceCounts: ArrayLike<number>;
  readonly currentCounts: ArrayLike<number>;
}

/**
 * The bins of `binnedDistributions` (Evidently's `get_binned_data`) from sorted samples: numpy
 * 'sturges' edges over both samples when the reference has more than 20 distinct values, else one
 * bin per distinct value of either sample.
 */
export function sharedBinsOfSorted(a: Float64Array, b: Float64Array, referenceDistinct: number): SharedBins {
  if (referenceDistinct > 20) {
    const both = new Float64Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    const edges = Float64Array.from(histogramBinEdges(both, { bins: 'sturges' }));
    return {
      binning: 'histogram',
      referenceCounts: histogramCounts(a, edges),
      currentCounts: histogramCounts(b, edges),
    };
  }
  const merged = mergedCategoriesOfSorted(a, b);
  return { binning: 'categories', referenceCounts: merged.referenceCounts, currentCounts: merged.currentCounts };
}

/** Equal-width bins of two samples for a plot: edges and the count of each sample per bin. */
export interface EqualWidthHistogram {
  /** bins + 1 edges: lo + i·width, the last one hi. */
  readonly edges: readonly number[];
  readonly referenceCounts: readonly number[];
  readonly currentCounts: readonly number[];
}

/**
 * `bins` equal-width bins over [min, max] of two non-empty sorted finite samples (widened by 0.5
 * each side when min = max), each value v in bin min(bins − 1, ⌊(v − lo) / width⌋) — counted by
 * binary search on the sorted samples, so O(bins · log n) instead of a pass over the values.
 * The bin of a value is non-decreasing in the value (IEEE subtraction and division by a positive
 * width are monotonic), so the counts equal those of a pass applying the same formula to each value.
 */
export function equalWidthHistogramOfSorted(a: Float64Array, b: Float64Array, bins: number): EqualWidthHistogram {
  let lo = Math.min(a[0] as number, b[0] as number);
  let hi = Math.max(a[a.length - 1] as number, b[b.length - 1] as number);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const last = bins - 1;
  const binOf = (v: number): number => Math.min(last, ((v - lo) / width) | 0);
  /** The first index of sorted `s` whose value's bin is ≥ `bin`. */
  const firstAtLeast = (s: Float64Array, bin: number): number => {
    let low = 0;
    let high = s.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (binOf(s[mid] as number) >= bin) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  const counts = (s: Float64Array): number[] => {
    const out: number[] = [];
    let start = 0;
    for (let bin = 0; bin < bins; bin++) {
      const end = bin === last ? s.length : firstAtLeast(s, bin + 1);
      out.push(end - start);
      start = end;
    }
    return out;
  };
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  return { edges, referenceCounts: counts(a), currentCounts: counts(b) };
}
