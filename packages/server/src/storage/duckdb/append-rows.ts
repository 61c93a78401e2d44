import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

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
        const column = columns[c] as ColumnSpec<R>;
        if (!writeFlat(chunk, c, column, rows, start, n)) {
          const vector = chunk.getColumnVector(c);
          for (let i = 0; i < n; i++) vector.setItem(i, column.value(rows[start + i] as R));
          vector.flush();
        }
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Typed-array constructors of the fixed-width types written straight into vector memory. */
const FIXED: Partial<Record<DuckDBTypeId, Float64ArrayConstructor | Int32ArrayConstructor | Int16ArrayConstructor>> = {
  [DuckDBTypeId.DOUBLE]: Float64Array,
  [DuckDBTypeId.INTEGER]: Int32Array,
  [DuckDBTypeId.SMALLINT]: Int16Array,
};

/**
 * Writes a VARCHAR, fixed-width, VARCHAR[] or FLOAT[] column of a chunk through the C API directly: values into one
 * typed array copied with one memcpy (strings one call each), NULLs into a byte validity mask —
 * the generic vector path spends most of its time on per-row BigInt validity and list-offset
 * updates. Returns false for other types, which take the generic path.
 */
function writeFlat<R>(
  chunk: DuckDBDataChunk,
  c: number,
  column: ColumnSpec<R>,
  rows: readonly R[],
  start: number,
  n: number,
): boolean {
  const typeId = column.type.typeId;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
  const validity = new Uint8Array(Math.ceil(n / 64) * 8).fill(0xff);
  let nulls = 0;
  const setNull = (i: number) => {
    validity[i >> 3] = (validity[i >> 3] as number) & ~(1 << (i & 7));
    nulls++;
  };
  if (typeId === DuckDBTypeId.LIST) {
    const child = (column.type as unknown as { valueType: DuckDBType }).valueType.typeId;
    if (child !== DuckDBTypeId.VARCHAR && child !== DuckDBTypeId.FLOAT) return false;
    const lists: (readonly DuckDBValue[] | null)[] = new Array(n);
    // list_entry_t {uint64 offset; uint64 length} as 32-bit halves (little-endian), no BigInt per row.
    const entries = new Uint32Array(n * 4);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = column.value(rows[start + i] as R);
      if (v === null || v === undefined) {
        setNull(i);
        lists[i] = null;
        continue;
      }
      const items = (v as unknown as { items: readonly DuckDBValue[] }).items;
      lists[i] = items;
      entries[i * 4] = total;
      entries[i * 4 + 2] = items.length;
      total += items.length;
    }
    duckdb.list_vector_reserve(vector, total);
    duckdb.list_vector_set_size(vector, total);
    const childVector = duckdb.list_vector_get_child(vector);
    if (child === DuckDBTypeId.VARCHAR) {
      let k = 0;
      for (const items of lists) {
        if (items !== null)
          for (const item of items) duckdb.vector_assign_string_element(childVector, k++, item as string);
      }
    } else if (total > 0) {
      const data = new Float32Array(total);
      let k = 0;
      for (const items of lists) if (items !== null) for (const item of items) data[k++] = item as number;
      duckdb.copy_data_to_vector(childVector, 0, data.buffer, 0, data.byteLength);
    }
    duckdb.copy_data_to_vector(vector, 0, entries.buffer, 0, entries.byteLength);
  } else if (typeId === DuckDBTypeId.VARCHAR) {
    for (let i = 0; i < n; i++) {
      const v = column.value(rows[start + i] as R);
      if (v === null || v === undefined) setNull(i);
      else duckdb.vector_assign_string_element(vector, i, v as string);
    }
  } else if (typeId === DuckDBTypeId.BIGINT) {
    const data = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const v = column.value(rows[start + i] as R);
      if (v === null || v === undefined) setNull(i);
      else data[i] = v as bigint;
    }
    duckdb.copy_data_to_vector(vector, 0, data.buffer, 0, data.byteLength);
  } else {
    const Typed = FIXED[typeId];
    if (Typed === undefined) return false;
    const data = new Typed(n);
    for (let i = 0; i < n; i++) {
      const v = column.value(rows[start + i] as R);
      if (v === null || v === undefined) setNull(i);
      else data[i] = v as number;
    }
    duckdb.copy_data_to_vector(vector, 0, data.buffer, 0, data.byteLength);
  }
  if (nulls > 0) {
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, validity.byteLength);
  }
  return true;
}
