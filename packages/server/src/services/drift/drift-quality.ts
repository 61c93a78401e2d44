import { type DriftColumnType, type DriftDataset, dataQualityReport } from '@modelwatch/core/drift';
import type { ColumnarColumn, ColumnarTable } from '../../storage/duckdb/read-columnar-table.js';
import type { DriftQuality } from './drift-report.js';

/**
 * Cells per sample the data-quality checks look at (default). The core's `dataQualityReport`
 * keys every distinct value and every row as a string, which costs about a microsecond per cell;
 * above this budget it runs on a seeded random sample of whole rows (same rows for every column,
 * so duplicate rows stay meaningful), and the report says so.
 */
export const QUALITY_MAX_CELLS = 1_000_000;

/** Sorted distinct row indices: a uniform random subset of size k of 0 … n − 1 (seeded). */
export function sampleRows(n: number, k: number, seed: number): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  // Floyd's algorithm with a 32-bit xorshift generator: k distinct indices, O(k) memory.
  let s = seed >>> 0 || 0x9e3779b9;
  const next = (bound: number): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % bound;
  };
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = next(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}

function cellsOf(column: ColumnarColumn, rows: Int32Array | undefined): DriftDataset[string] {
  if ('values' in column) {
    if (rows === undefined) return column.values;
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = column.values[rows[i] as number] as number;
    return out;
  }
  const n = rows === undefined ? column.codes.length : rows.length;
  const out: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = column.codes[rows === undefined ? i : (rows[i] as number)] as number;
    out[i] = Number.isNaN(c) ? null : (column.labels[c] as string);
  }
  return out;
}

function sampleOf(table: ColumnarTable, rows: Int32Array | undefined): Record<string, DriftDataset[string]> {
  const out: Record<string, DriftDataset[string]> = {};
  for (const [name, column] of Object.entries(table.columns)) out[name] = cellsOf(column, rows);
  return out;
}

/**
 * The core data-quality report of the current file against the reference, on every row when
 * each sample has at most `maxCells` cells, else on `⌊maxCells / columns⌋` seeded random rows of
 * each.
 */
export function driftQuality(
  reference: ColumnarTable,
  current: ColumnarTable,
  types: Readonly<Record<string, DriftColumnType>>,
  maxCells = QUALITY_MAX_CELLS,
): DriftQuality {
  const plan = (table: ColumnarTable, seed: number): Int32Array | undefined => {
    const width = Math.max(1, Object.keys(table.columns).length);
    const rows = Math.max(1, Math.floor(maxCells / width));
    return table.rowCount <= rows ? undefined : sampleRows(table.rowCount, rows, seed);
  };
  const refRows = plan(reference, 1);
  const curRows = plan(current, 2);
  const report = dataQualityReport(sampleOf(reference, refRows), sampleOf(current, curRows), { types });
  return {
    report,
    rows: { reference: refRows?.length ?? reference.rowCount, current: curRows?.length ?? current.rowCount },
    sampled: refRows !== undefined || curRows !== undefined,
  };
}
