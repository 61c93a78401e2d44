import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBListValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';
import duckdb, { type Value, type Vector } from '@duckdb/node-bindings';

/**
 * The value of one column for one record: a DuckDB value, `null` (SQL NULL; `undefined` counts
 * as NULL too), a plain number for a BIGINT column (an integer within ±2^53, written without a
 * BigInt per row), or a plain array for a LIST(VARCHAR) / LIST(FLOAT) column.
 */
export type ColumnValue = DuckDBValue | undefined | readonly string[] | readonly number[];

/** One column of a table written through the appender: its DDL, its DuckDB type and its value per row. */
export interface ColumnSpec<R> {
  readonly name: string;
  /** The column's DDL type, e.g. `VARCHAR NOT NULL`. */
  readonly ddl: string;
  readonly type: DuckDBType;
  /** The value of this column for one record; `null` stores SQL NULL. */
  readonly value: (row: R) => ColumnValue;
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
 *
 * A column whose value is the same in every row of a chunk (the project, the receive time, often
 * the model or the segment keys) is written as one constant vector; the other VARCHAR, BIGINT,
 * DOUBLE, INTEGER, SMALLINT, VARCHAR[] and FLOAT[] columns are written through the C API directly
 * (`writeFlat`); anything else takes the generic vector path.
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
    const values: ColumnValue[] = new Array(Math.min(CHUNK_ROWS, rows.length));
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows.length - start);
      const chunk = DuckDBDataChunk.create(types, n);
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c] as ColumnSpec<R>;
        const value = column.value;
        for (let i = 0; i < n; i++) values[i] = value(rows[start + i] as R);
        const vector = duckdb.data_chunk_get_vector(chunk.chunk, c);
        if (n > 1 && allEqual(values, n)) {
          const constant = constantValue(column.type, values[0]);
          if (constant !== undefined) {
            duckdb.vector_reference_value(vector, constant);
            continue;
          }
        }
        if (!writeFlat(vector, column.type, values, n)) {
          const generic = chunk.getColumnVector(c);
          for (let i = 0; i < n; i++) generic.setItem(i, (values[i] ?? null) as DuckDBValue);
          generic.flush();
        }
      }
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** The items of a list value (a plain array or a `listValue`), or null. */
function itemsOf(v: ColumnValue): readonly DuckDBValue[] | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v as readonly DuckDBValue[];
  return (v as DuckDBListValue).items;
}

/** Whether the first `n` values are all the same (lists compared item by item). */
function allEqual(values: readonly ColumnValue[], n: number): boolean {
  const first = values[0] ?? null;
  if (first !== null && typeof first === 'object') {
    const a = itemsOf(first);
    if (a === null) return false;
    for (let i = 1; i < n; i++) {
      const b = itemsOf(values[i] as ColumnValue);
      if (b === null || b.length !== a.length) return false;
      for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    }
    return true;
  }
  // Object.is: 0 and -0 differ (a constant vector would store one of them for both).
  for (let i = 1; i < n; i++) if (!Object.is(values[i] ?? null, first)) return false;
  return true;
}

const LOGICAL_VARCHAR = duckdb.create_logical_type(duckdb.Type.VARCHAR);
const LOGICAL_FLOAT = duckdb.create_logical_type(duckdb.Type.FLOAT);

/** A value for a constant vector of `type`, or undefined when this writer does not make one. */
function constantValue(type: DuckDBType, v: ColumnValue): Value | undefined {
  if (v === null || v === undefined) {
    // An untyped NULL value cannot be referenced by a LIST vector (DuckDB 1.5 throws); those take writeFlat.
    return type.typeId === DuckDBTypeId.LIST ? undefined : duckdb.create_null_value();
  }
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return typeof v === 'string' ? duckdb.create_varchar(v) : undefined;
    case DuckDBTypeId.BIGINT:
      return duckdb.create_int64(typeof v === 'bigint' ? v : BigInt(Math.trunc(v as number)));
    case DuckDBTypeId.DOUBLE:
      return typeof v === 'number' ? duckdb.create_double(v) : undefined;
    case DuckDBTypeId.INTEGER:
      return typeof v === 'number' && Number.isInteger(v) ? duckdb.create_int32(v) : undefined;
    case DuckDBTypeId.SMALLINT:
      return typeof v === 'number' && Number.isInteger(v) ? duckdb.create_int16(v) : undefined;
    case DuckDBTypeId.LIST: {
      const child = (type as unknown as { valueType: DuckDBType }).valueType.typeId;
      const items = itemsOf(v) as readonly DuckDBValue[];
      if (child === DuckDBTypeId.VARCHAR)
        return duckdb.create_list_value(
          LOGICAL_VARCHAR,
          items.map((s) => duckdb.create_varchar(s as string)),
        );
      if (child === DuckDBTypeId.FLOAT)
        return duckdb.create_list_value(
          LOGICAL_FLOAT,
          items.map((x) => duckdb.create_float(x as number)),
        );
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Typed-array constructors of the fixed-width types written straight into vector memory. */
const FIXED: Partial<Record<DuckDBTypeId, Float64ArrayConstructor | Int32ArrayConstructor | Int16ArrayConstructor>> = {
  [DuckDBTypeId.DOUBLE]: Float64Array,
  [DuckDBTypeId.INTEGER]: Int32Array,
  [DuckDBTypeId.SMALLINT]: Int16Array,
};

/** Rows of the strings written one call each (scratch, reused). */
const longRows: number[] = [];
/** Scratch space for `string_t` images (16 bytes a string), grown on demand; copied out synchronously. */
let stringWords = new Uint32Array(CHUNK_ROWS * 4);

/**
 * Writes `count` strings (null: skipped, the caller's validity mask covers them) into a VARCHAR
 * vector from `offset`: DuckDB's `string_t` is 16 bytes, and a string of at most 12 bytes is
 * stored inline (length, then the bytes, zero-padded). Short ASCII strings — ids, names, labels,
 * enum values — are packed into one array of such images and copied with one call; longer or
 * non-ASCII strings take one `vector_assign_string_element` call each (after the block copy,
 * which leaves their slots empty).
 */
function writeStrings(vector: Vector, strings: readonly (DuckDBValue | undefined)[], count: number): void {
  if (stringWords.length < count * 4) stringWords = new Uint32Array(count * 4);
  const words = stringWords;
  words.fill(0, 0, count * 4);
  const long = longRows;
  long.length = 0;
  for (let i = 0; i < count; i++) {
    const s = strings[i];
    if (s === null || s === undefined) continue;
    const str = s as string;
    const len = str.length;
    if (len > 12) {
      long.push(i);
      continue;
    }
    let w1 = 0;
    let w2 = 0;
    let w3 = 0;
    let ascii = true;
    for (let k = 0; k < len; k++) {
      const ch = str.charCodeAt(k);
      if (ch > 0x7f) {
        ascii = false;
        break;
      }
      const shift = (k & 3) << 3;
      if (k < 4) w1 |= ch << shift;
      else if (k < 8) w2 |= ch << shift;
      else w3 |= ch << shift;
    }
    if (!ascii) {
      long.push(i);
      continue;
    }
    const at = i * 4;
    words[at] = len;
    words[at + 1] = w1;
    words[at + 2] = w2;
    words[at + 3] = w3;
  }
  duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, count * 16);
  for (const i of long) duckdb.vector_assign_string_element(vector, i, strings[i] as string);
}

/** Scratch for the low/high 32-bit halves of BIGINT values (little-endian int64). */
const int64Words = new Int32Array(CHUNK_ROWS * 2);
const TWO_32 = 4_294_967_296;

/**
 * Writes a VARCHAR, fixed-width, VARCHAR[] or FLOAT[] column of a chunk through the C API directly: values into one
 * typed array copied with one memcpy (long strings one call each), NULLs into a byte validity
 * mask — the generic vector path spends most of its time on per-row BigInt validity and
 * list-offset updates. Returns false for other types, which take the generic path.
 */
function writeFlat(vector: Vector, type: DuckDBType, values: readonly ColumnValue[], n: number): boolean {
  const typeId = type.typeId;
  const validity = new Uint8Array(Math.ceil(n / 64) * 8).fill(0xff);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === null || values[i] === undefined) {
      validity[i >> 3] = (validity[i >> 3] as number) & ~(1 << (i & 7));
      nulls++;
    }
  }
  if (typeId === DuckDBTypeId.LIST) {
    const child = (type as unknown as { valueType: DuckDBType }).valueType.typeId;
    if (child !== DuckDBTypeId.VARCHAR && child !== DuckDBTypeId.FLOAT) return false;
    // list_entry_t {uint64 offset; uint64 length} as 32-bit halves (little-endian), no BigInt per row.
    const entries = new Uint32Array(n * 4);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const items = itemsOf(values[i] as ColumnValue);
      if (items === null) continue;
      entries[i * 4] = total;
      entries[i * 4 + 2] = items.length;
      total += items.length;
    }
    duckdb.list_vector_reserve(vector, total);
    duckdb.list_vector_set_size(vector, total);
    const childVector = duckdb.list_vector_get_child(vector);
    if (total > 0) {
      const flat: DuckDBValue[] = new Array(total);
      let k = 0;
      for (let i = 0; i < n; i++) {
        const items = itemsOf(values[i] as ColumnValue);
        if (items !== null) for (let j = 0; j < items.length; j++) flat[k++] = items[j] as DuckDBValue;
      }
      if (child === DuckDBTypeId.VARCHAR) writeStrings(childVector, flat, total);
      else {
        const data = new Float32Array(total);
        for (let j = 0; j < total; j++) data[j] = flat[j] as number;
        duckdb.copy_data_to_vector(childVector, 0, data.buffer, 0, data.byteLength);
      }
    }
    duckdb.copy_data_to_vector(vector, 0, entries.buffer, 0, entries.byteLength);
  } else if (typeId === DuckDBTypeId.VARCHAR) {
    writeStrings(vector, values as readonly (DuckDBValue | undefined)[], n);
  } else if (typeId === DuckDBTypeId.BIGINT) {
    const words = int64Words;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        words[2 * i] = 0;
        words[2 * i + 1] = 0;
      } else if (typeof v === 'number' && Number.isSafeInteger(Math.trunc(v))) {
        const x = Math.trunc(v);
        words[2 * i] = (x % TWO_32) | 0;
        words[2 * i + 1] = Math.floor(x / TWO_32);
      } else {
        const b = BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(v as number)));
        words[2 * i] = Number(BigInt.asIntN(32, b));
        words[2 * i + 1] = Number(b >> 32n);
      }
    }
    duckdb.copy_data_to_vector(vector, 0, words.buffer, 0, n * 8);
  } else {
    const Typed = FIXED[typeId];
    if (Typed === undefined) return false;
    const data = new Typed(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) data[i] = v as number;
    }
    duckdb.copy_data_to_vector(vector, 0, data.buffer, 0, data.byteLength);
  }
  if (nulls > 0) {
    duckdb.vector_ensure_validity_writable(vector);
    duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, validity.byteLength);
  }
  return true;
}
