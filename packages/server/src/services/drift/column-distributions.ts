import type { ColumnDriftPlot, ProfileDriftBins } from '@modelwatch/core/drift';
import type { ColumnDistribution } from './drift-report.js';

/** Bins of the numerical plots. */
export const PLOT_BINS = 30;
/** Categories shown in a categorical plot; the rest are pooled into 'other'. */
export const PLOT_CATEGORIES = 20;

function shares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  return Array.from(counts, (c) => (total > 0 ? c / total : 0));
}

/** Finite min and max of a column, or undefined when it has no finite value. */
function finiteRange(values: Float64Array): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

function binCounts(values: Float64Array, lo: number, width: number, bins: number): Float64Array {
  // Int32 counts (a sample has < 2^31 rows) and `| 0` for the floor: every finite value is ≥ lo,
  // so (v − lo) / width is in [0, bins] and truncation is the floor; the top edge goes in the last bin.
  const counts = new Int32Array(bins);
  const last = bins - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v - v !== 0) continue;
    let b = ((v - lo) / width) | 0;
    if (b > last) b = last;
    counts[b] = (counts[b] as number) + 1;
  }
  return Float64Array.from(counts);
}

/**
 * Overlaid histograms of a numerical column: {@link PLOT_BINS} equal-width bins over the finite
 * values of both samples, as shares of each sample's finite values. Undefined without finite values.
 */
export function numericalDistribution(reference: Float64Array, current: Float64Array): ColumnDistribution | undefined {
  const a = finiteRange(reference);
  const b = finiteRange(current);
  if (a === undefined || b === undefined) return undefined;
  let lo = Math.min(a[0], b[0]);
  let hi = Math.max(a[1], b[1]);
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / PLOT_BINS;
  const edges = Array.from({ length: PLOT_BINS + 1 }, (_, i) => (i === PLOT_BINS ? hi : lo + i * width));
  return {
    kind: 'histogram',
    edges,
    reference: shares(binCounts(reference, lo, width, PLOT_BINS)),
    current: shares(binCounts(current, lo, width, PLOT_BINS)),
  };
}

/** The plot of a numerical column from the core's plot bins (ColumnDriftOptions.plotBins), as shares. */
export function plotDistribution(plot: ColumnDriftPlot): ColumnDistribution {
  return {
    kind: 'histogram',
    edges: [...plot.edges],
    reference: shares(plot.referenceCounts),
    current: shares(plot.currentCounts),
  };
}

function codeCounts(codes: Float32Array, k: number): Float64Array {
  const counts = new Int32Array(k);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (c - c === 0) counts[c] = (counts[c] as number) + 1;
  }
  return Float64Array.from(counts);
}

/**
 * Paired bars of a categorical column: the {@link PLOT_CATEGORIES} categories with the largest
 * combined share, then 'other', as shares of each sample's present values. Both code arrays index
 * the same `labels`.
 */
export function categoricalDistribution(
  referenceCodes: Float32Array,
  currentCodes: Float32Array,
  labels: readonly string[],
): ColumnDistribution {
  const rc = shares(codeCounts(referenceCodes, labels.length));
  const cc = shares(codeCounts(currentCodes, labels.length));
  return topCategories(labels, rc, cc);
}

function topCategories(labels: readonly string[], rc: readonly number[], cc: readonly number[]): ColumnDistribution {
  const order = labels
    .map((_, i) => i)
    .sort((i, j) => (rc[j] as number) + (cc[j] as number) - (rc[i] as number) - (cc[i] as number) || i - j);
  const top = order.slice(0, PLOT_CATEGORIES);
  const categories = top.map((i) => labels[i] as string);
  const reference = top.map((i) => rc[i] as number);
  const current = top.map((i) => cc[i] as number);
  if (order.length > PLOT_CATEGORIES) {
    categories.push('other');
    reference.push(Math.max(0, 1 - reference.reduce((s, v) => s + v, 0)));
    current.push(Math.max(0, 1 - current.reduce((s, v) => s + v, 0)));
  }
  return { kind: 'categories', categories, reference, current };
}

/** The plot of a column compared through profiles: the bins the profile drift used, as shares. */
export function profileDistribution(bins: ProfileDriftBins): ColumnDistribution {
  const rc = shares(bins.referenceCounts);
  const cc = shares(bins.currentCounts);
  if (bins.binning === 'categories') return topCategories(bins.categories, rc, cc);
  return { kind: 'histogram', edges: [...bins.edges], reference: rc, current: cc };
}
