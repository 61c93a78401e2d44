/**
 * Columnar inputs of the drift functions and their one-pass preparation (internal): missing and
 * invalid values are dropped and counted, numeric columns become a finite Float64Array plus a
 * sorted copy (sorted once, shared by every test), categorical columns become integer codes
 * over the categories of both samples.
 */
import { CoreError, describeValue } from '../../errors.js';
import { sortedCopy } from '../../stats/internal/sort.js';

/** One cell of a column: a number, string, boolean, Date, an embedding vector, or missing. */
export type DriftCellValue = number | string | boolean | Date | ArrayLike<number> | null | undefined;

/**
 * One column of a data set, in row order: numbers (a `Float64Array` is the fast path; NaN and
 * ±Infinity are missing), or cells of any kind (`null`, `undefined`, NaN, ±Infinity and `''`
 * are missing).
 */
export type DriftColumnValues = ArrayLike<number> | readonly DriftCellValue[];

/** A numeric column ready for the tests: finite values in row order and their sorted copy. */
export interface PreparedNumeric {
  readonly values: Float64Array;
  readonly sorted: Float64Array;
  /** Rows of the input. */
  readonly rows: number;
  readonly missing: number;
  /** Present values of the wrong kind for the column type (e.g. text in a numerical column). */
  readonly invalid: number;
}

/** Categorical codes (0 … k − 1) of the present values, with the category labels. */
export interface PreparedCategorical {
  readonly codes: Int32Array;
  readonly rows: number;
  readonly missing: number;
  readonly invalid: number;
}

/** Numbers 0 … SMALL_CODES − 1 get their category code from a table rather than a Map. */
const SMALL_CODES = 4096;

const NUMBER_LITERAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** True for the cells every drift function treats as missing. */
export function isMissingCell(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && v - v !== 0);
}

/** Checks that `values` is an array-like column and returns its length. */
export function columnLength(fn: string, arg: string, values: unknown): number {
  if (values === null || typeof values !== 'object' || typeof (values as { length?: unknown }).length !== 'number') {
    throw new CoreError('invalid_value', fn, `${arg} must be an array of values (got ${describeValue(values)})`, arg);
  }
  return (values as ArrayLike<unknown>).length;
}

/** A finite number from a numerical cell, undefined when the cell is not numerical. */
function numberOfCell(v: unknown, datetime: boolean): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (datetime) {
      const t = Date.parse(v);
      return Number.isNaN(t) ? undefined : t;
    }
    return NUMBER_LITERAL.test(v) ? Number(v) : undefined;
  }
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/**
 * Finite values of a numerical (or datetime, as epoch milliseconds) column and their sorted copy.
 * Numeric strings count as numbers ('1.5'); ISO dates and Date objects as epoch milliseconds when
 * `datetime`; any other present value is invalid and dropped.
 */
export function prepareNumeric(fn: string, arg: string, values: DriftColumnValues, datetime = false): PreparedNumeric {
  const n = columnLength(fn, arg, values);
  if (values instanceof Float64Array) {
    // The fast path: a finite Float64Array is used as is (read only) and sorted straight into
    // its copy, without the element-by-element copy below.
    let finite = true;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (v - v !== 0) {
        finite = false;
        break;
      }
    }
    if (finite) return { values, sorted: sortedCopy(values), rows: n, missing: 0, invalid: 0 };
  }
  const out = new Float64Array(n);
  let m = 0;
  let missing = 0;
  let invalid = 0;
  if (ArrayBuffer.isView(values)) {
    const typed = values as ArrayLike<number>;
    for (let i = 0; i < n; i++) {
      const v = typed[i] as number;
      if (v - v === 0) out[m++] = v;
      else missing++;
    }
  } else {
    const cells = values as ArrayLike<unknown>;
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      if (isMissingCell(c)) {
        missing++;
        continue;
      }
      const v = numberOfCell(c, datetime);
      if (v === undefined) invalid++;
      else if (v - v === 0) out[m++] = v;
      else missing++;
    }
  }
  // The present values in row order (a view, no copy) and their sorted copy, written straight
  // from the view by the radix sort.
  const present = m === n ? out : out.subarray(0, m);
  return { values: present, sorted: sortedCopy(present), rows: n, missing, invalid };
}

/** The category key of a present cell (numbers and numeric strings share keys: 1 and '1'). */
export function categoryKey(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  return undefined;
}

/**
 * Category codes of a column. `dictionary` maps keys to codes and is shared between the reference
 * and the current column, so new categories of the current sample get the next codes; `labels`
 * receives the first cell seen for each new code (for tables).
 */
export function prepareCategorical(
  fn: string,
  arg: string,
  values: DriftColumnValues,
  dictionary: Map<string, number>,
  labels: DriftCellValue[],
): PreparedCategorical {
  const n = columnLength(fn, arg, values);
  const cells = values as ArrayLike<unknown>;
  const codes = new Int32Array(n);
  let m = 0;
  let missing = 0;
  let invalid = 0;
  if (ArrayBuffer.isView(values)) {
    // Numbers (e.g. category codes read from a file): each distinct number goes through its string
    // key once, then a number-keyed cache gives its code (same codes, same first-seen order).
    // Small non-negative integers (the usual codes) look their code up in a table (-1 unseen);
    // other numbers in a Map. ~10× cheaper than a Map lookup per cell.
    const typed = values as ArrayLike<number>;
    const cache = new Map<number, number>();
    const table = new Int32Array(SMALL_CODES).fill(-1);
    const codeOf = (v: number): number => {
      const key = String(v);
      let code = dictionary.get(key);
      if (code === undefined) {
        code = dictionary.size;
        dictionary.set(key, code);
        labels.push(v);
      }
      return code;
    };
    for (let i = 0; i < n; i++) {
      const v = typed[i] as number;
      if (v - v !== 0) {
        missing++;
        continue;
      }
      let code: number;
      if (v >= 0 && v < SMALL_CODES && v === Math.floor(v)) {
        code = table[v] as number;
        if (code < 0) {
          code = codeOf(v);
          table[v] = code;
        }
      } else {
        const cached = cache.get(v);
        if (cached === undefined) {
          code = codeOf(v);
          cache.set(v, code);
        } else code = cached;
      }
      codes[m++] = code;
    }
    return { codes: m === n ? codes : codes.slice(0, m), rows: n, missing, invalid };
  }
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (isMissingCell(c)) {
      missing++;
      continue;
    }
    const key = categoryKey(c);
    if (key === undefined) {
      invalid++;
      continue;
    }
    let code = dictionary.get(key);
    if (code === undefined) {
      code = dictionary.size;
      dictionary.set(key, code);
      labels.push(c as DriftCellValue);
    }
    codes[m++] = code;
  }
  return { codes: m === n ? codes : codes.slice(0, m), rows: n, missing, invalid };
}

/** Counts of each code 0 … k − 1. */
export function codeCounts(codes: Int32Array, k: number): Float64Array {
  const counts = new Float64Array(k);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}
