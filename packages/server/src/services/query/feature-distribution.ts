import type { ColumnProfile } from '@modelwatch/core/drift';
import type { FeatureRow } from '../../domain/query.js';

/** One bin of a numeric feature: [low, high) (the last one closed), the window's count and the baseline's. */
export interface FeatureBin {
  readonly low: number;
  readonly high: number;
  readonly window: number;
  /** Estimated from the baseline's quantile sketch (KLL), rounded to whole rows. */
  readonly baseline: number;
}

/** One category: the window's count and the baseline's (estimated by its frequent-items sketch). */
export interface FeatureCategory {
  readonly value: string;
  readonly window: number;
  readonly baseline: number;
}

/** Rows and missing values on one side of the comparison. */
export interface FeatureSideCounts {
  readonly rows: number;
  /** Rows where the feature is null or absent. */
  readonly missing: number;
}

/** The window's distribution of one feature next to the baseline's. */
export type FeatureDistributionResult = {
  readonly feature: string;
  readonly window: FeatureSideCounts;
  readonly baseline: FeatureSideCounts;
} & (
  | { readonly kind: 'numerical'; readonly bins: readonly FeatureBin[] }
  | {
      readonly kind: 'categorical';
      readonly categories: readonly FeatureCategory[];
      /** Rows of the other categories (beyond the top ones). */
      readonly other: { readonly window: number; readonly baseline: number };
    }
);

/** Equal-width edges over [low, high] (a unit-wide range around a single value). */
function equalWidthEdges(low: number, high: number, bins: number): number[] {
  const [a, b] = high > low ? [low, high] : [low - 0.5, low + 0.5];
  const edges: number[] = [];
  for (let i = 0; i <= bins; i++) edges.push(i === bins ? b : a + ((b - a) * i) / bins);
  return edges;
}

/**
 * Bins one feature of the window's rows and of the baseline column:
 * - numeric (the baseline column holds numbers): `bins` equal-width bins spanning both the
 *   baseline's [min, max] and the window's, numpy.histogram's bins (last one closed); window
 *   counts are exact, baseline counts the KLL sketch's estimate (`KllSketch.histogram`). Window
 *   values that are not finite numbers count as missing.
 * - categorical: the `bins` most frequent categories of the baseline and the window together
 *   (by their combined share), the rest summed in `other`.
 */
export function featureDistribution(
  feature: string,
  rows: readonly FeatureRow[],
  column: ColumnProfile,
  bins: number,
): FeatureDistributionResult {
  const t = column.typeCounts;
  const numeric = column.finiteCount > 0 && column.finiteCount >= t.string + t.boolean;
  const baselineSide = { rows: column.count, missing: column.missingCount };
  if (numeric) {
    const values: number[] = [];
    for (const row of rows) {
      const v = row[feature];
      if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
    }
    let low = column.min;
    let high = column.max;
    for (const v of values) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    const edges = equalWidthEdges(low, high, bins);
    const windowCounts = new Array<number>(bins).fill(0);
    const width = ((edges[bins] as number) - (edges[0] as number)) / bins;
    for (const v of values) {
      let i = Math.floor((v - (edges[0] as number)) / width);
      if (i >= bins) i = bins - 1;
      // Floating-point edges: move to the bin whose [low, high) holds v.
      while (i > 0 && v < (edges[i] as number)) i--;
      while (i < bins - 1 && v >= (edges[i + 1] as number)) i++;
      windowCounts[i] = (windowCounts[i] as number) + 1;
    }
    const baselineCounts = column.kll.histogram(edges);
    return {
      feature,
      kind: 'numerical',
      window: { rows: rows.length, missing: rows.length - values.length },
      baseline: baselineSide,
      bins: windowCounts.map((w, i) => ({
        low: edges[i] as number,
        high: edges[i + 1] as number,
        window: w,
        baseline: Math.round(baselineCounts[i] as number),
      })),
    };
  }
  const windowCounts = new Map<string, number>();
  let present = 0;
  for (const row of rows) {
    const v = row[feature];
    if (v === null || v === undefined) continue;
    present++;
    const key = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
    windowCounts.set(key, (windowCounts.get(key) ?? 0) + 1);
  }
  const baselineTotal = column.count - column.missingCount;
  const baselineCounts = new Map(column.frequentItems.topK().map((r) => [r.item, r.estimate] as const));
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  const keys = [...new Set([...windowCounts.keys(), ...baselineCounts.keys()])]
    .map((value) => ({
      value,
      weight: share(windowCounts.get(value) ?? 0, present) + share(baselineCounts.get(value) ?? 0, baselineTotal),
    }))
    .sort((a, b) => b.weight - a.weight || (a.value < b.value ? -1 : 1))
    .slice(0, bins);
  const categories = keys.map(({ value }) => ({
    value,
    window: windowCounts.get(value) ?? 0,
    baseline: Math.round(baselineCounts.get(value) ?? 0),
  }));
  const shownWindow = categories.reduce((a, c) => a + c.window, 0);
  const shownBaseline = categories.reduce((a, c) => a + c.baseline, 0);
  return {
    feature,
    kind: 'categorical',
    window: { rows: rows.length, missing: rows.length - present },
    baseline: baselineSide,
    categories,
    other: { window: present - shownWindow, baseline: Math.max(0, baselineTotal - shownBaseline) },
  };
}
