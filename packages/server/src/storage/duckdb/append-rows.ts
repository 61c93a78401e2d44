import { type DuckDBConnection, DuckDBDataChunk, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

/** One column of a table written through the appender: its DDL, its DuckDB type and its value per row. */
export interface ColumnSpec<R> {
  readonly name: string;
  /** The column's DDL type, e.g. `VARCHAR NOT NULL`. */
  readonly ddl: string;
  readonly type: DuckDBType;
  /** The value of this column for one record; `null` stores SQL NULL. */
  readonly value: (row: R) => DuckDBValue;
}

/** Rows per data chunk: DuckDB's standard vector size. */
const CHUNK_ROWS = 2048;

/** `CREATE TABLE IF NOT EXISTS` for a column list (names quoted by the caller's spec: plain snake_case). */
export function createTableSql<R>(table: string, columns: readonly ColumnSpec<R>[]): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (${columns.map((c) => `${c.name} ${c.ddl}`).join(', ')})`;
}

/**
 * Appends `rows` to `table` through DuckDB's appender, column by column in data chunks of 2048
 * rows (no SQL text per value). Runs inside the caller's transaction when one is open: the rows
 * become visible and durable at its COMMIT. The table's columns must be exactly `columns`, in order.
 */
export async function appendRows<R>(
  connection: DuckDBConnection,
  table: string,
  columns: readonly ColumnSpec<R>[],
  rows: readonly R[],
): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender(table);
  try {
    const types = columns.map((c) => c.type);
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows.length - start);
      const chunk = DuckDBDataChunk.create(types, n);
      for (let c = 0; c < columns.length; c++) {
        const vector = chunk.getColumnVector(c);
        const value = (columns[c] as ColumnSpec<R>).value;
        for (let i = 0; i < n; i++) vector.setItem(i, value(rows[start + i] as R));
        vector.flush();
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
