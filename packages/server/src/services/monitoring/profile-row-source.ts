import { BASELINE_PREDICTION_COLUMNS } from '../../domain/baseline.js';
import type { EventFilter, FeatureRow } from '../../domain/query.js';
import type { Store } from '../../storage/store.js';

/**
 * Where baselines and drift monitors read the rows they profile: one row per event of a window,
 * oldest first, in chunks. A row holds the event's features (a feature named `$…` renamed `$$…`)
 * and, where the source can read them, the reserved columns of `BASELINE_PREDICTION_COLUMNS`
 * (predicted label, score, value, and the latency), so prediction drift is profiled too.
 */
export interface ProfileRowSource {
  /** True when rows carry the prediction and latency columns. */
  readonly predictionColumns: boolean;
  scanRows(filter: EventFilter, chunkRows: number): AsyncIterable<readonly FeatureRow[]>;
}

/** A feature's column name in a profile: `$`-prefixed names get one more `$` (see BASELINE_PREDICTION_COLUMNS). */
export function featureColumnName(feature: string): string {
  return feature.startsWith('$') ? `$${feature}` : feature;
}

/** The reserved column names, for telling features from the prediction columns. */
export const RESERVED_COLUMNS: ReadonlySet<string> = new Set(Object.values(BASELINE_PREDICTION_COLUMNS));

/** Renames `$`-prefixed features of a row (returns the row itself when none is). */
export function escapedFeatures(row: FeatureRow): FeatureRow {
  let escaped: Record<string, FeatureRow[string]> | undefined;
  for (const key of Object.keys(row)) {
    if (key.startsWith('$')) {
      escaped ??= {};
      break;
    }
  }
  if (escaped === undefined) return row;
  for (const [key, value] of Object.entries(row)) {
    Object.defineProperty(escaped, featureColumnName(key), {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return escaped;
}

/**
 * Rows from any Store: `store.scanFeatures`, features only (events without a feature map are not
 * seen). The DuckDB store has a richer source, `DuckDbProfileRows`, with the prediction columns.
 */
export function storeProfileRows(store: Store): ProfileRowSource {
  return {
    predictionColumns: false,
    async *scanRows(filter, chunkRows) {
      for await (const chunk of store.scanFeatures(filter, chunkRows)) yield chunk.map(escapedFeatures);
    },
  };
}
