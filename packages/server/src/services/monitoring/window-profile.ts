import { type ColumnProfileOptions, type DatasetProfile, DatasetProfileBuilder } from '@modelwatch/core/drift';
import type { EventFilter, FeatureRow } from '../../domain/query.js';
import type { ProfileRowSource } from './profile-row-source.js';

/** Rows per chunk folded into a profile (bounds memory whatever the window's size). */
export const WINDOW_PROFILE_CHUNK_ROWS = 16_384;

export interface WindowProfileOptions {
  /** Sketch sizes (default: the core's, whylogs' defaults). */
  readonly sketch?: ColumnProfileOptions;
  readonly chunkRows?: number;
  /** Creation time written into the profile. */
  readonly createdAt: number;
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Columns of a chunk of rows, as DatasetProfileBuilder takes them: a column whose non-missing
 * values in the chunk are all numbers is a Float64Array (NaN for missing); any other column holds
 * strings (booleans as `'true'`/`'false'`, numbers as their string form, as the file profiles do)
 * with null for missing. A column absent from a row is missing in that row.
 */
export function profileColumns(rows: readonly FeatureRow[]): Record<string, Float64Array | (string | null)[]> {
  const numeric = new Map<string, boolean>();
  for (const row of rows) {
    for (const key in row) {
      const v = row[key];
      const wasNumeric = numeric.get(key);
      if (v === null || v === undefined) {
        if (wasNumeric === undefined) numeric.set(key, true);
      } else if (typeof v !== 'number') numeric.set(key, false);
      else if (wasNumeric === undefined) numeric.set(key, true);
    }
  }
  const out: Record<string, Float64Array | (string | null)[]> = {};
  for (const [key, isNumeric] of numeric) {
    let column: Float64Array | (string | null)[];
    if (isNumeric) {
      const xs = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = (rows[i] as FeatureRow)[key];
        xs[i] = typeof v === 'number' ? v : Number.NaN;
      }
      column = xs;
    } else {
      const xs: (string | null)[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const v = (rows[i] as FeatureRow)[key];
        xs[i] = v === null || v === undefined ? null : String(v);
      }
      column = xs;
    }
    Object.defineProperty(out, key, { value: column, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * The profile of a window's rows: streamed from `source` in chunks, each folded into a
 * DatasetProfileBuilder and dropped, so memory is bounded by the chunk and the sketches. Returns
 * undefined when the window has no rows.
 */
export async function windowProfile(
  source: ProfileRowSource,
  filter: EventFilter,
  options: WindowProfileOptions,
): Promise<DatasetProfile | undefined> {
  const builder = new DatasetProfileBuilder(options.sketch ?? {});
  for await (const rows of source.scanRows(filter, options.chunkRows ?? WINDOW_PROFILE_CHUNK_ROWS)) {
    if (rows.length === 0) continue;
    const columns = profileColumns(rows);
    // Rows without any column (an event with an empty feature map, features-only source).
    if (Object.keys(columns).length === 0) continue;
    builder.addChunk(columns);
  }
  if (builder.rowCount === 0) return undefined;
  return builder.build({
    createdAt: options.createdAt,
    windowStart: filter.from,
    windowEnd: filter.to,
    ...(options.tags === undefined ? {} : { tags: options.tags }),
  });
}
