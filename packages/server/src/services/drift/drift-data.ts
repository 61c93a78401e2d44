import { type DriftColumnType, type DriftDataset, inferColumnType } from '@modelwatch/core/drift';
import {
  type ColumnarCodes,
  type ColumnarColumn,
  type ColumnarSchema,
  type ColumnarTable,
  readColumnarSchema,
  readColumnarTable,
} from '../../storage/duckdb/read-columnar-table.js';
import { TableFileError } from '../../storage/duckdb/read-table-file.js';
import { DriftInputError } from './drift-error.js';

/** Rows of a categorical column looked at to tell categories from text, numbers or dates in strings. */
const INFERENCE_ROWS = 10_000;

/** The two data files of a comparison, read column by column into typed arrays. */
export interface DriftTables {
  readonly reference: ColumnarTable;
  readonly current: ColumnarTable;
  /** Columns to test, in order (present in both files). */
  readonly columns: readonly string[];
  /** Column types for the core (from DuckDB's types; strings checked with inferColumnType). */
  readonly types: Readonly<Record<string, DriftColumnType>>;
  /** Columns left out before testing, with the reason. */
  readonly skipped: readonly { readonly column: string; readonly reason: string }[];
}

function available(schema: ColumnarSchema): string {
  return schema.fields.map((f) => JSON.stringify(f.name)).join(', ');
}

/** Reads the schema of a file, turning storage errors into input errors. */
export async function driftSchema(path: string): Promise<ColumnarSchema> {
  try {
    return await readColumnarSchema(path);
  } catch (err) {
    if (err instanceof TableFileError) throw new DriftInputError(err.message);
    throw err;
  }
}

/**
 * The columns to compare: `requested` (each must exist in both files, else an input error listing
 * the available columns), or every column of the reference with a supported type that the
 * current file also has. Columns only in one file or of an unsupported type are reported.
 */
export function driftColumns(
  reference: ColumnarSchema,
  current: ColumnarSchema,
  requested: readonly string[] | undefined,
): { columns: string[]; skipped: { column: string; reason: string }[] } {
  const skipped: { column: string; reason: string }[] = [];
  if (requested !== undefined) {
    for (const name of requested) {
      for (const schema of [reference, current]) {
        if (!schema.fields.some((f) => f.name === name)) {
          throw new DriftInputError(
            `${schema.path}: no column ${JSON.stringify(name)} (given with --columns); available columns: ${available(schema)}`,
          );
        }
      }
    }
  }
  const names = requested ?? reference.fields.map((f) => f.name);
  const columns: string[] = [];
  for (const name of names) {
    const field = reference.fields.find((f) => f.name === name);
    const other = current.fields.find((f) => f.name === name);
    if (field === undefined) continue;
    if (other === undefined) {
      skipped.push({ column: name, reason: `absent from the current file ${current.path}` });
    } else if (field.kind === 'unsupported' || other.kind === 'unsupported') {
      const t = field.kind === 'unsupported' ? field.sqlType : other.sqlType;
      skipped.push({ column: name, reason: `DuckDB type ${t} has no per-column drift test` });
    } else {
      columns.push(name);
    }
  }
  return { columns, skipped };
}

/** Up to `limit` present string cells of a coded column, in row order. */
function presentCells(column: ColumnarColumn, limit: number): string[] {
  const out: string[] = [];
  if ('values' in column) return out;
  for (let i = 0; i < column.codes.length && out.length < limit; i++) {
    const c = column.codes[i] as number;
    if (!Number.isNaN(c)) out.push(column.labels[c] as string);
  }
  return out;
}

/** The core column type of a read column. */
export function columnType(reference: ColumnarColumn, current: ColumnarColumn): DriftColumnType {
  switch (reference.kind) {
    case 'number':
      return 'numerical';
    case 'datetime':
      return 'datetime';
    case 'boolean':
      return 'boolean';
    default: {
      // Strings may hold numbers, dates or free text: let the core decide from the first rows.
      let cells = presentCells(reference, INFERENCE_ROWS);
      if (cells.length === 0) cells = presentCells(current, INFERENCE_ROWS);
      if (cells.length === 0) return 'categorical';
      const t = inferColumnType(cells);
      return t === 'embedding' ? 'categorical' : t;
    }
  }
}

/** What is read of a comparison before its data: both schemas and the columns to compare. */
export interface DriftReadPlan {
  readonly referencePath: string;
  readonly currentPath: string;
  readonly referenceSchema: ColumnarSchema;
  readonly currentSchema: ColumnarSchema;
  /** Columns to compare (present in both files, of a supported type), in order. */
  readonly columns: readonly string[];
  /** Columns left out by the schemas alone. */
  readonly skipped: readonly { readonly column: string; readonly reason: string }[];
  /** Each file's columns besides the compared ones, read for the data-quality check. */
  readonly referenceExtra: readonly string[];
  readonly currentExtra: readonly string[];
}

/** Reads both schemas and chooses the columns to compare (see {@link driftColumns}). */
export async function planDriftRead(
  referencePath: string,
  currentPath: string,
  requested: readonly string[] | undefined,
): Promise<DriftReadPlan> {
  const [referenceSchema, currentSchema] = await Promise.all([driftSchema(referencePath), driftSchema(currentPath)]);
  const { columns, skipped } = driftColumns(referenceSchema, currentSchema, requested);
  const extra = (schema: ColumnarSchema): string[] =>
    requested === undefined
      ? schema.fields.filter((f) => f.kind !== 'unsupported' && !columns.includes(f.name)).map((f) => f.name)
      : [];
  return {
    referencePath,
    currentPath,
    referenceSchema,
    currentSchema,
    columns,
    skipped,
    referenceExtra: extra(referenceSchema),
    currentExtra: extra(currentSchema),
  };
}

/**
 * Reads `columns` (a subset of the plan's, in its order) of both files concurrently, plus each
 * file's extra columns when `withExtra`, and types every compared column.
 * @throws {DriftInputError} for unreadable files and files without rows.
 */
export async function readDriftPart(
  plan: DriftReadPlan,
  columns: readonly string[],
  withExtra: boolean,
  onRows?: (side: 'reference' | 'current', done: number, total: number) => void,
): Promise<DriftTables> {
  const { referencePath, currentPath } = plan;
  // With the extra columns: every one in the file's own order (as the data-quality report lists them).
  const withAll = (schema: ColumnarSchema, extra: readonly string[]): readonly string[] =>
    withExtra && extra.length > 0
      ? schema.fields.map((f) => f.name).filter((n) => columns.includes(n) || extra.includes(n))
      : columns;
  let reference: ColumnarTable;
  let current: ColumnarTable;
  try {
    // Both files at once, one DuckDB thread each: DuckDB decodes one while this thread copies
    // the other's chunks (more scan threads only contend for the CPUs with the copying).
    [reference, current] = await Promise.all([
      readColumnarTable(referencePath, {
        threads: 1,
        columns: withAll(plan.referenceSchema, plan.referenceExtra),
        ...(onRows === undefined ? {} : { onRows: (d: number, t: number) => onRows('reference', d, t) }),
      }),
      readColumnarTable(currentPath, {
        threads: 1,
        columns: withAll(plan.currentSchema, plan.currentExtra),
        ...(onRows === undefined ? {} : { onRows: (d: number, t: number) => onRows('current', d, t) }),
      }),
    ]);
  } catch (err) {
    if (err instanceof TableFileError) throw new DriftInputError(err.message);
    throw err;
  }
  if (reference.rowCount === 0) throw new DriftInputError(`${referencePath}: the file holds no rows`);
  if (current.rowCount === 0) throw new DriftInputError(`${currentPath}: the file holds no rows`);
  const types: Record<string, DriftColumnType> = {};
  const tested: string[] = [];
  const skipped: { column: string; reason: string }[] = [];
  for (const name of columns) {
    const r = reference.columns[name] as ColumnarColumn;
    const c = current.columns[name] as ColumnarColumn;
    const rNumeric = r.kind === 'number' || r.kind === 'datetime';
    const cNumeric = c.kind === 'number' || c.kind === 'datetime';
    if (rNumeric !== cNumeric) {
      skipped.push({
        column: name,
        reason: `read as ${r.sqlType} in the reference but ${c.sqlType} in the current file`,
      });
      continue;
    }
    types[name] = columnType(r, c);
    tested.push(name);
  }
  return { reference, current, columns: tested, types, skipped };
}

/** The parts of one comparison read one after the other, as one (columns in part order). */
export function mergeDriftParts(plan: DriftReadPlan, parts: readonly DriftTables[]): DriftTables {
  const merge = (side: 'reference' | 'current'): ColumnarTable => {
    const first = (parts[0] as DriftTables)[side];
    const columns: Record<string, ColumnarColumn> = {};
    for (const p of parts) Object.assign(columns, p[side].columns);
    return { ...first, columns };
  };
  return {
    reference: merge('reference'),
    current: merge('current'),
    columns: parts.flatMap((p) => p.columns),
    types: Object.assign({}, ...parts.map((p) => p.types)),
    skipped: [...plan.skipped, ...parts.flatMap((p) => p.skipped)],
  };
}

/**
 * A column as the core drift functions take it, without a JS value per cell where possible:
 * numbers and datetimes as the Float64Array read (NaN missing); categories as the Float32Array
 * codes read (NaN missing; the tests only count categories — map the current file's codes onto
 * the reference's dictionary first with {@link remapCodes}); strings holding numbers or dates as
 * the strings.
 */
export function coreColumn(column: ColumnarColumn, type: DriftColumnType): DriftDataset[string] {
  if ('values' in column) return column.values;
  if (type === 'categorical' || type === 'boolean') return column.codes;
  return labelCells(column, 0, column.codes.length);
}

/**
 * The column with its codes rewritten IN PLACE through `map` (`codes[i] = map[codes[i]]`) and
 * `labels` as its label list: the current file's categories on the shared dictionary.
 */
export function remapCodes(column: ColumnarCodes, map: Int32Array, labels: readonly string[]): ColumnarCodes {
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    if (!Number.isNaN(c)) codes[i] = map[c] as number;
  }
  return { ...column, labels };
}

/** The cells of rows [start, end) (or of `rows`) as JS values: numbers, strings or null. */
export function labelCells(column: ColumnarColumn, start: number, end: number): (string | null)[] {
  if ('values' in column) throw new Error('labelCells: not a coded column');
  const out: (string | null)[] = new Array(end - start);
  for (let i = start; i < end; i++) {
    const c = column.codes[i] as number;
    out[i - start] = Number.isNaN(c) ? null : (column.labels[c] as string);
  }
  return out;
}

/**
 * Maps the current file's codes onto the reference's dictionary, new categories after the
 * reference's: `map[currentCode]` is the shared code. Returns the shared labels too.
 */
export function sharedCodes(
  reference: readonly string[],
  current: readonly string[],
): { map: Int32Array; labels: string[] } {
  const index = new Map<string, number>();
  const labels = [...reference];
  reference.forEach((l, i) => {
    index.set(l, i);
  });
  const map = new Int32Array(current.length);
  current.forEach((l, i) => {
    let code = index.get(l);
    if (code === undefined) {
      code = labels.length;
      labels.push(l);
      index.set(l, code);
    }
    map[i] = code;
  });
  return { map, labels };
}
