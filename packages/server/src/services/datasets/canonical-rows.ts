import { createHash } from 'node:crypto';
import type { DatasetRow } from '../../domain/dataset.js';
import { DatasetError } from './dataset-error.js';

type Cell = number | string | boolean | null;

/** A cell as canonical JSON: -0 as 0; NaN and ±Infinity have no JSON form and are refused. */
function canonicalCell(value: Cell, row: number, column: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new DatasetError(
        'invalid',
        `row ${row + 1}, column ${JSON.stringify(column)}: expected a finite number, a string, a boolean or null (got ${value})`,
        column,
      );
    }
    return Object.is(value, -0) ? '0' : JSON.stringify(value);
  }
  return JSON.stringify(value);
}

/**
 * The canonical serialisation of a dataset: one line per row, in row order, each a JSON object
 * with the keys sorted by code unit and no white space, numbers in JavaScript's shortest
 * round-trip form (−0 written as 0), every line ending in `\n`. Two files holding the same rows in
 * the same order — a CSV and its Parquet or JSON-lines copy — serialise to the same bytes. Row
 * order is part of the content: seeded sampling and per-example comparisons depend on it.
 * @throws {DatasetError} `invalid` for a non-finite number.
 */
export function canonicalRows(rows: readonly DatasetRow[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as DatasetRow;
    const keys = Object.keys(row).sort();
    parts.push(`{${keys.map((k) => `${JSON.stringify(k)}:${canonicalCell(row[k] as Cell, i, k)}`).join(',')}}\n`);
  }
  return parts.join('');
}

/** SHA-256 (lower-case hex) of a dataset's canonical serialisation. */
export function datasetSha256(rows: readonly DatasetRow[]): string {
  return createHash('sha256').update(canonicalRows(rows), 'utf8').digest('hex');
}
