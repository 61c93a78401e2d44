import { type DuckDBConnection, DuckDBInstance, type DuckDBResult } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../sql.js';
import { copyVectorBlock } from './copy-vector-block.js';
import { duckdbReaderFor, TableFileError } from './read-table-file.js';

/**
 * How a column is read: numbers (every DuckDB numeric type, as doubles), datetimes (DATE and
 * TIMESTAMP types, as epoch milliseconds), booleans and categories (as integer codes into a label
 * list), or not at all (lists, structs, maps, blobs: no per-column drift test applies).
 */
export type ColumnarKind = 'number' | 'datetime' | 'boolean' | 'category' | 'unsupported';

export interface ColumnarField {
  readonly name: string;
  /** DuckDB's inferred type, e.g. 'DOUBLE', 'VARCHAR', 'DATE'. */
  readonly sqlType: string;
  readonly kind: ColumnarKind;
}

/** The columns, types and row count of a data file, without reading its values. */
export interface ColumnarSchema {
  readonly path: string;
  readonly fields: readonly ColumnarField[];
  readonly rowCount: number;
}

/** A numeric or datetime column: one double per row, NaN for NULL. */
export interface ColumnarNumbers {
  readonly kind: 'number' | 'datetime';
  readonly sqlType: string;
  readonly values: Float64Array;
}

/**
 * A boolean or categorical column: one code per row into `labels`, NaN for NULL. Float32 holds
 * every code below 2^24 exactly (more distinct values are refused) at half the size of doubles.
 */
export interface ColumnarCodes {
  readonly kind: 'boolean' | 'category';
  readonly sqlType: string;
  readonly codes: Float32Array;
  /** Distinct values in code order (booleans: 'false', 'true'; categories sorted). */
  readonly labels: readonly string[];
}

export type ColumnarColumn = ColumnarNumbers | ColumnarCodes;

/** Columns read in full into typed arrays (on SharedArrayBuffers, so worker threads can share them). */
export interface ColumnarTable extends ColumnarSchema {
  readonly columns: Readonly<Record<string, ColumnarColumn>>;
}

/** One chunk of a streamed file: numbers (NaN for NULL) or strings (null for NULL) per column. */
export type ColumnarChunk = Readonly<Record<string, Float64Array | readonly (string | null)[]>>;

export interface ReadColumnarOptions {
  /** Columns to read (default: every supported column), in this order. */
  readonly columns?: readonly string[];
  /** Called after each batch of rows with the rows read so far and the total. */
  readonly onRows?: (done: number, total: number) => void;
  /**
   * DuckDB worker threads for the scan (default: DuckDB's, one per CPU). Each thread decodes its
   * own row groups into its own buffers, so 1 keeps the memory of a streamed scan smallest; files
   * read at the same time are best given one each.
   */
  readonly threads?: number;
}

export interface StreamColumnarOptions extends ReadColumnarOptions {
  /** Rows per chunk handed to `onChunk` (default 65 536). */
  readonly chunkRows?: number;
}

/** Categories coded exactly by a Float32Array. */
const MAX_CODES = 2 ** 24;

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(.*\))?)$/;
const UNSUPPORTED = /(\[\]|\[\d+\])$|^(STRUCT|MAP|UNION|BLOB|BIT|LIST)\b/;

/** The read kind of a DuckDB type name. */
export function columnarKind(sqlType: string): ColumnarKind {
  if (NUMERIC.test(sqlType)) return 'number';
  if (sqlType === 'DATE' || sqlType.startsWith('TIMESTAMP')) return 'datetime';
  if (sqlType === 'BOOLEAN') return 'boolean';
  if (UNSUPPORTED.test(sqlType)) return 'unsupported';
  return 'category';
}

/**
 * How a categorical column arrives as numbers: `hash` — DuckDB's 64-bit `hash` of the text modulo
 * a prime chosen so that every distinct value of the column has its own remainder, mapped back to
 * the label's code by `table` after the read (about 3× cheaper in DuckDB than an ENUM cast, which
 * looks every string up in a hash map); `enum` — an ENUM type of the distinct values (used when no
 * collision-free modulus below 2^24 exists, e.g. very many distinct values).
 */
type CategoryCoding =
  | { readonly kind: 'hash'; readonly modulus: number; readonly table: Float32Array }
  | { readonly kind: 'enum'; readonly type: string };

/**
 * The SQL expression that turns a column into what the reader expects of its kind. NULL becomes
 * NaN in SQL already: a vector without NULLs has no validity mask, and reading it is ~3×
 * faster than checking the mask per value.
 */
function columnExpression(field: ColumnarField, coding: CategoryCoding | undefined): string {
  const q = quoteIdentifier(field.name);
  switch (field.kind) {
    case 'number':
      return `COALESCE(CAST(${q} AS DOUBLE), 'NaN'::DOUBLE)`;
    case 'datetime':
      return field.sqlType.includes('TIME ZONE')
        ? `COALESCE(CAST(epoch_ms(${q}) AS DOUBLE), 'NaN'::DOUBLE)`
        : `COALESCE(CAST(epoch_ms(CAST(${q} AS TIMESTAMP)) AS DOUBLE), 'NaN'::DOUBLE)`;
    case 'boolean':
      return `COALESCE(CAST(${q} AS FLOAT), 'NaN'::FLOAT)`;
    default: {
      const c = coding as CategoryCoding;
      return c.kind === 'hash'
        ? `COALESCE(CAST(hash(CAST(${q} AS VARCHAR)) % ${c.modulus} AS FLOAT), 'NaN'::FLOAT)`
        : `COALESCE(CAST(enum_code(CAST(CAST(${q} AS VARCHAR) AS ${c.type})) AS FLOAT), 'NaN'::FLOAT)`;
    }
  }
}

/** Rewrites hash remainders into label codes in place (NULL's remainder becomes NaN). */
function decodeCategories(codes: Float32Array, coding: CategoryCoding | undefined): void {
  if (coding?.kind !== 'hash') return;
  const table = coding.table;
  for (let i = 0; i < codes.length; i++) codes[i] = table[codes[i] as number] as number;
}

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/**
 * A modulus m < 2^24 (codes stay exact in a Float32Array) under which `hashes` and `nullHash`
 * (DuckDB's `hash(NULL)`, a constant: NULL cells are hashed too) have distinct remainders, with the
 * table remainder → index (NaN for NULL's remainder, −1 for the others); undefined when none of the
 * tried primes (from 4k², at least 1 021) separates them.
 */
export function collisionFreeModulus(
  hashes: readonly bigint[],
  nullHash: bigint,
): { modulus: number; table: Float32Array } | undefined {
  const k = hashes.length;
  let m = Math.max(1021, 4 * (k + 1) * (k + 1));
  for (let tries = 0; tries < 16; tries++) {
    while (!isPrime(m)) m++;
    if (m >= MAX_CODES) return undefined;
    const table = new Float32Array(m).fill(-1);
    const big = BigInt(m);
    table[Number(nullHash % big)] = Number.NaN;
    let ok = true;
    for (let i = 0; i < k && ok; i++) {
      const r = Number((hashes[i] as bigint) % big);
      if (table[r] !== -1) ok = false;
      else table[r] = i;
    }
    if (ok) return { modulus: m, table };
    m++;
  }
  return undefined;
}

interface OpenFile {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  readonly schema: ColumnarSchema;
}

async function openFile(path: string, threads?: number): Promise<OpenFile> {
  const reader = duckdbReaderFor(path);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) {
    throw new TableFileError(`threads must be an integer ≥ 1 (got ${threads})`);
  }
  const instance = await DuckDBInstance.create(':memory:', threads === undefined ? {} : { threads: String(threads) });
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TEMP VIEW src AS SELECT * FROM ${reader}(${quoteLiteral(path)})`);
    const described = await connection.runAndReadAll('DESCRIBE src');
    const fields = described.getRowObjectsJS().map((row) => {
      const sqlType = String(row.column_type);
      return { name: String(row.column_name), sqlType, kind: columnarKind(sqlType) };
    });
    const counted = await connection.runAndReadAll('SELECT count(*) AS n FROM src');
    const rowCount = Number(counted.getRowsJS()[0]?.[0] ?? 0);
    return { instance, connection, schema: { path, fields, rowCount } };
  } catch (err) {
    connection.closeSync();
    instance.closeSync();
    throw new TableFileError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function closeFile(file: OpenFile): void {
  file.connection.closeSync();
  file.instance.closeSync();
}

/**
 * The fields to read: `columns` in that order (each must exist), else every supported column.
 * @throws {TableFileError} naming a missing column and listing the available ones.
 */
function selectFields(schema: ColumnarSchema, columns: readonly string[] | undefined): ColumnarField[] {
  if (columns === undefined) return schema.fields.filter((f) => f.kind !== 'unsupported');
  return columns.map((name) => {
    const field = schema.fields.find((f) => f.name === name);
    if (field === undefined) {
      throw new TableFileError(
        `${schema.path}: no column ${JSON.stringify(name)}; available columns: ${schema.fields.map((f) => JSON.stringify(f.name)).join(', ')}`,
      );
    }
    return field;
  });
}

/**
 * The coding of each categorical field (see {@link CategoryCoding}) and the labels of every
 * boolean and categorical field: the distinct values, sorted, and their codes in that order.
 */
async function categoryCodings(
  connection: DuckDBConnection,
  fields: readonly ColumnarField[],
): Promise<{ codings: (CategoryCoding | undefined)[]; labels: (readonly string[] | undefined)[] }> {
  const codings: (CategoryCoding | undefined)[] = [];
  const labels: (readonly string[] | undefined)[] = [];
  let nullHash: bigint | undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as ColumnarField;
    if (field.kind === 'boolean') {
      codings.push(undefined);
      labels.push(['false', 'true']);
    } else if (field.kind === 'category') {
      const q = quoteIdentifier(field.name);
      const read = await connection.runAndReadAll(
        `SELECT v, hash(v) FROM (SELECT DISTINCT CAST(${q} AS VARCHAR) AS v FROM src WHERE ${q} IS NOT NULL) ORDER BY v`,
      );
      const rows = read.getRows();
      if (rows.length > MAX_CODES) {
        throw new TableFileError(
          `column ${JSON.stringify(field.name)} has ${rows.length} distinct values, more than ${MAX_CODES} categories can be coded`,
        );
      }
      labels.push(rows.map((r) => String(r[0])));
      nullHash ??= BigInt((await connection.runAndReadAll('SELECT hash(NULL::VARCHAR)')).getRows()[0]?.[0] as bigint);
      const hashed = collisionFreeModulus(
        rows.map((r) => BigInt(r[1] as bigint)),
        nullHash,
      );
      if (hashed !== undefined) {
        codings.push({ kind: 'hash', ...hashed });
      } else {
        const type = quoteIdentifier(`mw_category_${i}`);
        await connection.run(
          `CREATE TYPE ${type} AS ENUM (SELECT DISTINCT CAST(${q} AS VARCHAR) AS v FROM src WHERE ${q} IS NOT NULL ORDER BY v)`,
        );
        codings.push({ kind: 'enum', type });
      }
    } else {
      codings.push(undefined);
      labels.push(undefined);
    }
  }
  return { codings, labels };
}

async function streamRows(
  file: OpenFile,
  fields: readonly ColumnarField[],
  codings: readonly (CategoryCoding | undefined)[],
): Promise<DuckDBResult> {
  const select = fields.map((f, i) => columnExpression(f, codings[i])).join(', ');
  return file.connection.stream(`SELECT ${select} FROM src`);
}

/** Reads only the schema (names, DuckDB types, read kinds) and the row count of a file. */
export async function readColumnarSchema(path: string): Promise<ColumnarSchema> {
  const file = await openFile(path);
  closeFile(file);
  return file.schema;
}

/**
 * Reads the selected columns of a CSV, TSV, Parquet or JSON-lines file into typed arrays through
 * DuckDB, one streamed pass, without a JS value per cell: numbers and datetimes as Float64Array,
 * booleans and categories as Float32Array codes into their distinct values. The path and column
 * names enter SQL only through `quoteLiteral` and `quoteIdentifier`.
 * @throws {TableFileError} for an unknown extension, a missing or unreadable file, or a missing
 *   column (listing the available ones).
 */
export async function readColumnarTable(path: string, options: ReadColumnarOptions = {}): Promise<ColumnarTable> {
  const file = await openFile(path, options.threads);
  try {
    const fields = selectFields(file.schema, options.columns).filter((f) => f.kind !== 'unsupported');
    const n = file.schema.rowCount;
    const { codings, labels } = await categoryCodings(file.connection, fields);
    const targets = fields.map((f) =>
      f.kind === 'number' || f.kind === 'datetime'
        ? new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT))
        : new Float32Array(new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT)),
    );
    if (fields.length > 0) {
      const result = await streamRows(file, fields, codings);
      let offset = 0;
      let reported = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        for (let j = 0; j < fields.length; j++) copyVectorBlock(chunk, j, targets[j] as Float64Array, offset);
        offset += chunk.rowCount;
        if (options.onRows !== undefined && (offset - reported >= 65_536 || offset === n)) {
          reported = offset;
          options.onRows(offset, n);
        }
      }
    }
    const columns: Record<string, ColumnarColumn> = {};
    fields.forEach((f, j) => {
      const target = targets[j] as Float64Array | Float32Array;
      if (target instanceof Float32Array) decodeCategories(target, codings[j]);
      columns[f.name] =
        target instanceof Float64Array
          ? { kind: f.kind as 'number' | 'datetime', sqlType: f.sqlType, values: target }
          : {
              kind: f.kind as 'boolean' | 'category',
              sqlType: f.sqlType,
              codes: target,
              labels: labels[j] as readonly string[],
            };
    });
    return { ...file.schema, columns };
  } catch (err) {
    if (err instanceof TableFileError) throw err;
    throw new TableFileError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    closeFile(file);
  }
}

/**
 * Streams the selected columns of a file in chunks of `chunkRows` rows (numbers as Float64Array
 * with NaN for NULL, datetimes as epoch milliseconds, booleans and categories as strings with null
 * for NULL), so a file of any size is processed in bounded memory. Resolves with the schema once
 * every chunk has been handed to `onChunk`.
 * @throws {TableFileError} as {@link readColumnarTable}.
 */
export async function streamColumnarChunks(
  path: string,
  onChunk: (chunk: ColumnarChunk, rows: number) => void,
  options: StreamColumnarOptions = {},
): Promise<ColumnarSchema> {
  const chunkRows = options.chunkRows ?? 65_536;
  const file = await openFile(path, options.threads);
  try {
    const fields = selectFields(file.schema, options.columns).filter((f) => f.kind !== 'unsupported');
    if (fields.length === 0) return file.schema;
    const n = file.schema.rowCount;
    const { codings, labels } = await categoryCodings(file.connection, fields);
    const numeric = fields.map((f) => f.kind === 'number' || f.kind === 'datetime');
    const buffers = fields.map((_, j) => (numeric[j] ? new Float64Array(chunkRows) : new Float32Array(chunkRows)));
    let filled = 0;
    let done = 0;
    const flush = () => {
      if (filled === 0) return;
      const chunk: Record<string, Float64Array | (string | null)[]> = {};
      fields.forEach((f, j) => {
        const buffer = buffers[j] as Float64Array | Float32Array;
        if (buffer instanceof Float64Array) {
          chunk[f.name] = buffer.slice(0, filled);
        } else {
          const names = labels[j] as readonly string[];
          decodeCategories(buffer.subarray(0, filled), codings[j]);
          const cells: (string | null)[] = new Array(filled);
          for (let i = 0; i < filled; i++) {
            const code = buffer[i] as number;
            cells[i] = Number.isNaN(code) ? null : (names[code] as string);
          }
          chunk[f.name] = cells;
        }
      });
      done += filled;
      onChunk(chunk, filled);
      options.onRows?.(done, n);
      filled = 0;
    };
    const result = await streamRows(file, fields, codings);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      let start = 0;
      while (start < chunk.rowCount) {
        const take = Math.min(chunk.rowCount - start, chunkRows - filled);
        for (let j = 0; j < fields.length; j++) {
          copyVectorBlock(chunk, j, buffers[j] as Float64Array | Float32Array, filled, start, take);
        }
        filled += take;
        start += take;
        if (filled === chunkRows) flush();
      }
    }
    flush();
    return file.schema;
  } catch (err) {
    if (err instanceof TableFileError) throw err;
    throw new TableFileError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    closeFile(file);
  }
}
