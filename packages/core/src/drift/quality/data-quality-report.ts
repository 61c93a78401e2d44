import { CoreError } from '../../errors.js';
import { sortedCopy } from '../../stats/internal/sort.js';
import { cellKind, type DriftCellKind, type DriftColumnType, inferColumnType } from '../column/infer-column-type.js';
import { categoryKey, columnLength, type DriftColumnValues, isMissingCell } from '../column/internal-column-values.js';
import { columnTypeOption, datasetArgument, recordOption } from '../column/internal-options.js';

const FN = 'dataQualityReport';

/** The kinds of data-quality finding. */
export type DataQualityFindingKind =
  | 'missing_values'
  | 'missing_rate_increase'
  | 'out_of_range'
  | 'unseen_categories'
  | 'type_mismatch'
  | 'duplicate_rows'
  | 'constant_column'
  | 'missing_column'
  | 'new_column';

export type DataQualitySeverity = 'low' | 'medium' | 'high';

/** One problem found, with the number that triggered it. */
export interface DataQualityFinding {
  readonly kind: DataQualityFindingKind;
  readonly severity: DataQualitySeverity;
  /** Which sample the finding is about ('both' for comparisons). */
  readonly dataset: 'reference' | 'current' | 'both';
  /** The column, absent for row-level findings (duplicate rows). */
  readonly column?: string;
  /** The rate, share, change or count that was graded (see `kind`). */
  readonly value: number;
  readonly message: string;
}

/** Per-sample facts about one column. */
export interface DataQualityColumnStats {
  readonly rows: number;
  readonly missing: number;
  readonly missingRate: number;
  /** Present values of another kind than the column type (e.g. text in a numerical column). */
  readonly typeMismatches: number;
  readonly distinct: number;
  /** Smallest and largest value (numerical and datetime columns with at least one number). */
  readonly min?: number;
  readonly max?: number;
}

export interface DataQualityColumn {
  readonly column: string;
  readonly type: DriftColumnType;
  readonly reference: DataQualityColumnStats;
  readonly current: DataQualityColumnStats;
  /** current.missingRate − reference.missingRate. */
  readonly missingRateChange: number;
  /** Current values outside [reference.min, reference.max] (numerical and datetime). */
  readonly outOfRange?: {
    readonly count: number;
    readonly share: number;
    readonly below: number;
    readonly above: number;
  };
  /** Current values whose category never occurs in the reference (categorical and boolean). */
  readonly unseenCategories?: { readonly count: number; readonly share: number; readonly values: readonly string[] };
}

export interface DataQualityReportOptions {
  /** Column types; the others are inferred from the reference (or the current sample if empty). */
  readonly types?: Readonly<Record<string, DriftColumnType>>;
}

export interface DataQualityReport {
  readonly columns: readonly DataQualityColumn[];
  readonly duplicateRows: {
    readonly reference: { readonly count: number; readonly share: number };
    readonly current: { readonly count: number; readonly share: number };
  };
  readonly rows: { readonly reference: number; readonly current: number };
  /** Every finding, most severe first. */
  readonly findings: readonly DataQualityFinding[];
}

/**
 * Severity cut-offs of the share-based findings: a share above 0 is low, at or above `medium`
 * medium, at or above `high` high. Missing rates: 5 % / 20 %; rises of the missing rate (in
 * points): 1 / 5 / 20 points (below 1 point no finding); out-of-range, unseen-category,
 * type-mismatch and duplicate-row shares: 1 % / 5 %.
 */
export const DATA_QUALITY_CUTOFFS = {
  missingRate: { medium: 0.05, high: 0.2 },
  missingRateIncrease: { low: 0.01, medium: 0.05, high: 0.2 },
  share: { medium: 0.01, high: 0.05 },
} as const;

const SEVERITY_ORDER: Readonly<Record<DataQualitySeverity, number>> = { high: 0, medium: 1, low: 2 };
const UNSEEN_LISTED = 10;

function graded(value: number, medium: number, high: number): DataQualitySeverity {
  return value >= high ? 'high' : value >= medium ? 'medium' : 'low';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(2).replace(/\.?0+$/, '')} %`;
}

/** The cell kinds a column type expects. */
function expectedKinds(type: DriftColumnType): readonly DriftCellKind[] {
  switch (type) {
    case 'numerical':
      return ['number'];
    case 'boolean':
      return ['boolean'];
    case 'datetime':
      return ['date', 'number'];
    case 'embedding':
      return ['vector'];
    default:
      return ['string', 'number', 'boolean', 'date'];
  }
}

function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isNaN(n) ? Date.parse(v) : n;
  }
  return Number.NaN;
}

/** Distinct values of numbers as String() tells them apart (−0 and +0 one value, NaN one value). */
function distinctNumbers(numbers: Float64Array): number {
  const sorted = sortedCopy(numbers);
  let distinct = 0;
  let nan = 0;
  let previous = Number.NaN;
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i] as number;
    if (Number.isNaN(x)) nan = 1;
    else if (x !== previous) {
      distinct++;
      previous = x;
    }
  }
  return distinct + nan;
}

interface Scan {
  readonly stats: DataQualityColumnStats;
  readonly keys: Map<string, number>;
  /** The numbers of an ordered column (finite). */
  readonly numbers: Float64Array;
}

function scanColumn(values: DriftColumnValues, rows: number, type: DriftColumnType): Scan {
  const ordered = type === 'numerical' || type === 'datetime';
  const expected = expectedKinds(type);
  const keys = new Map<string, number>();
  const numbers = new Float64Array(ordered ? rows : 0);
  let m = 0;
  let missing = 0;
  let mismatches = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let dim = -1;
  const typed = ArrayBuffer.isView(values);
  for (let i = 0; i < rows; i++) {
    const v = (values as ArrayLike<unknown>)[i];
    if (isMissingCell(v)) {
      missing++;
      continue;
    }
    const kind = typed ? 'number' : cellKind(v);
    if (kind === undefined || !expected.includes(kind)) {
      mismatches++;
      continue;
    }
    if (kind === 'vector') {
      const len = (v as ArrayLike<number>).length;
      if (dim < 0) dim = len;
      if (len !== dim) {
        mismatches++;
        continue;
      }
      keys.set(Array.from(v as ArrayLike<number>).join(','), 1);
      continue;
    }
    if (ordered) {
      // Distinct numbers are counted on the sorted copy below, not keyed one by one.
      const x = numberOf(v);
      numbers[m++] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    } else {
      const k = categoryKey(v) as string;
      keys.set(k, (keys.get(k) ?? 0) + 1);
    }
  }
  const stats: DataQualityColumnStats = {
    rows,
    missing,
    missingRate: rows === 0 ? 0 : missing / rows,
    typeMismatches: mismatches,
    distinct: ordered ? distinctNumbers(numbers.subarray(0, m)) : keys.size,
    ...(m > 0 ? { min, max } : {}),
  };
  return { stats, keys, numbers: numbers.subarray(0, m) };
}

/** The key of one cell: kinds tagged so that null, 'null' and NaN stay distinct. */
function cellKey(v: unknown): string {
  return isMissingCell(v)
    ? `\u0001${String(v)}`
    : typeof v === 'string'
      ? `s${v}`
      : v instanceof Date
        ? `d${v.getTime()}`
        : typeof v === 'object'
          ? `v${Array.from(v as ArrayLike<number>).join(',')}`
          : `${typeof v}${String(v)}`;
}

/** The exact key of a row: its cell keys, each ended by U+0000. */
function rowKey(columns: readonly ArrayLike<unknown>[], row: number): string {
  let key = '';
  for (const col of columns) key += `${cellKey(col[row])}\u0000`;
  return key;
}

const hashBits = new Float64Array(1);
const hashWords = new Uint32Array(hashBits.buffer);

function mix(h: number, x: number): number {
  return Math.imul((h ^ x) >>> 0, 0x9e3779b1) ^ (h >>> 15);
}

function stringHash(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) x = mix(x, text.charCodeAt(i));
  return mix(x, text.length);
}

/** Mixes the bits of a number into `h` (−0 as +0, so equal String() forms hash alike). */
function numberHash(h: number, x: number): number {
  hashBits[0] = x + 0;
  return mix(mix(h, hashWords[0] as number), hashWords[1] as number);
}

/**
 * A hash of one cell consistent with {@link cellKey}: cells with equal keys hash alike (a
 * collision only costs building the exact keys of the rows concerned).
 */
function cellHash(h: number, v: unknown): number {
  if (typeof v === 'number') return v - v === 0 ? numberHash(mix(h, 1), v) : stringHash(mix(h, 2), String(v));
  if (isMissingCell(v)) return stringHash(mix(h, 2), String(v));
  if (typeof v === 'string') return stringHash(mix(h, 3), v);
  if (v instanceof Date) return numberHash(mix(h, 4), v.getTime());
  if (typeof v === 'object') {
    let x = mix(h, 5);
    const a = v as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) x = numberHash(x, a[i] as number);
    return mix(x, a.length);
  }
  return stringHash(mix(h, 6), `${typeof v}${String(v)}`);
}

/**
 * Rows that repeat an earlier row of the same sample, over every column of that sample. Rows are
 * grouped by a 53-bit hash of their cells and compared by their exact keys only within a group,
 * so the exact string key is built only for rows whose hash was seen before.
 */
function duplicateRowCount(data: Readonly<Record<string, unknown>>, names: readonly string[], rows: number): number {
  if (names.length === 0 || rows === 0) return 0;
  const columns = names.map((n) => data[n] as ArrayLike<unknown>);
  const groups = new Map<number, number | number[]>();
  const keys = new Map<number, string>();
  const keyOf = (row: number): string => {
    let key = keys.get(row);
    if (key === undefined) {
      key = rowKey(columns, row);
      keys.set(row, key);
    }
    return key;
  };
  let duplicates = 0;
  for (let i = 0; i < rows; i++) {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (const col of columns) {
      const v = col[i];
      h1 = cellHash(h1, v);
      h2 = cellHash(h2 ^ 0x5bd1e995, v);
    }
    const hash = (h1 >>> 0) * 2097152 + (h2 >>> 11);
    const group = groups.get(hash);
    if (group === undefined) {
      groups.set(hash, i);
      continue;
    }
    const members = typeof group === 'number' ? [group] : group;
    const key = keyOf(i);
    if (members.some((j) => keyOf(j) === key)) {
      duplicates++;
      keys.delete(i);
    } else if (typeof group === 'number') groups.set(hash, [group, i]);
    else group.push(i);
  }
  return duplicates;
}

function rowCount(data: Readonly<Record<string, unknown>>, arg: string): number {
  let rows = -1;
  let first = '';
  for (const [name, values] of Object.entries(data)) {
    const n = columnLength(FN, `${arg}['${name}']`, values);
    if (rows < 0) {
      rows = n;
      first = name;
    } else if (n !== rows) {
      throw new CoreError(
        'length_mismatch',
        FN,
        `${arg} columns must have the same length (got ${rows} for '${first}' and ${n} for '${name}')`,
        arg,
      );
    }
  }
  return Math.max(rows, 0);
}

/**
 * Data-quality checks of a current sample against a reference, as structured findings with a
 * severity (cut-offs in {@link DATA_QUALITY_CUTOFFS}):
 * - `missing_values`: the missing rate (null, undefined, NaN, ±Infinity, '') of a column in either
 *   sample — low above 0, medium ≥ 5 %, high ≥ 20 % (an all-missing column is high);
 * - `missing_rate_increase`: current − reference missing rate, from 1 point (low), 5 (medium),
 *   20 (high);
 * - `out_of_range`: current values of a numerical or datetime column outside the reference's
 *   [min, max] — share above 0 low, ≥ 1 % medium, ≥ 5 % high (a random sample of the same
 *   distribution puts about 2/(n_ref + 1) of its values outside, hence low for any);
 * - `unseen_categories`: current values of a categorical or boolean column whose category never
 *   occurs in the reference (same share cut-offs; the 10 most frequent are listed);
 * - `type_mismatch`: present values of another kind than the column type (text in a numerical
 *   column, a number in a boolean one, an embedding of another dimension; same share cut-offs);
 * - `duplicate_rows`: rows equal, in every column, to an earlier row of the same sample (same share
 *   cut-offs);
 * - `constant_column`: at most one distinct present value — high if constant now but not in the
 *   reference (a feature stopped varying), medium if it was constant and varies now, low if
 *   constant in both;
 * - `missing_column` (high) / `new_column` (low): a column in only one of the samples.
 * Types come from `options.types` or {@link inferColumnType} on the reference (the current sample
 * when the reference column is all missing; categorical when both are). Findings are sorted by
 * severity, then column.
 * @throws {CoreError} `invalid_value` if a sample is not an object of array columns;
 *   `length_mismatch` if the columns of one sample differ in length; `invalid_option` for an
 *   unknown type in `options.types`.
 * @example
 * dataQualityReport({ age: [30, 40, 50], plan: ['a', 'b', 'a'] }, { age: [35, null, 90], plan: ['a', 'c', 'a'] })
 * // { findings: [{ kind: 'missing_rate_increase', column: 'age', dataset: 'both', severity: 'high', value: 0.333… }, …], … }
 */
export function dataQualityReport(
  reference: Readonly<Record<string, DriftColumnValues>>,
  current: Readonly<Record<string, DriftColumnValues>>,
  options: DataQualityReportOptions = {},
): DataQualityReport {
  const ref = datasetArgument(FN, 'reference', reference);
  const cur = datasetArgument(FN, 'current', current);
  const types = recordOption<DriftColumnType>(FN, 'options.types', options.types) ?? {};
  if (Object.keys(ref).length === 0) {
    throw new CoreError('insufficient_data', FN, 'reference must have at least 1 column (got 0)', 'reference');
  }
  const refRows = rowCount(ref, 'reference');
  const curRows = rowCount(cur, 'current');
  const findings: DataQualityFinding[] = [];
  const columns: DataQualityColumn[] = [];

  for (const name of Object.keys(cur)) {
    if (!(name in ref)) {
      findings.push({
        kind: 'new_column',
        severity: 'low',
        dataset: 'current',
        column: name,
        value: 1,
        message: `column '${name}' is in the current sample but not in the reference`,
      });
    }
  }
  for (const name of Object.keys(ref)) {
    if (!(name in cur)) {
      findings.push({
        kind: 'missing_column',
        severity: 'high',
        dataset: 'current',
        column: name,
        value: 1,
        message: `column '${name}' is in the reference but missing from the current sample`,
      });
      continue;
    }
    const refValues = ref[name] as DriftColumnValues;
    const curValues = cur[name] as DriftColumnValues;
    let type: DriftColumnType;
    if (types[name] !== undefined) {
      type = columnTypeOption(FN, `options.types['${name}']`, types[name]);
    } else {
      type = 'categorical';
      for (const values of [refValues, curValues]) {
        try {
          type = inferColumnType(values);
          break;
        } catch (error) {
          if (!(error instanceof CoreError && error.code === 'insufficient_data')) throw error;
        }
      }
    }
    const r = scanColumn(refValues, refRows, type);
    const c = scanColumn(curValues, curRows, type);
    const missingRateChange = c.stats.missingRate - r.stats.missingRate;
    let outOfRange: DataQualityColumn['outOfRange'];
    let unseenCategories: DataQualityColumn['unseenCategories'];

    for (const [dataset, s] of [
      ['reference', r.stats],
      ['current', c.stats],
    ] as const) {
      if (s.missing > 0) {
        findings.push({
          kind: 'missing_values',
          severity: graded(
            s.missingRate,
            DATA_QUALITY_CUTOFFS.missingRate.medium,
            DATA_QUALITY_CUTOFFS.missingRate.high,
          ),
          dataset,
          column: name,
          value: s.missingRate,
          message: `${percent(s.missingRate)} of '${name}' is missing in the ${dataset} sample (${s.missing} of ${s.rows} rows)`,
        });
      }
      const present = s.rows - s.missing;
      if (s.typeMismatches > 0) {
        const share = s.typeMismatches / present;
        findings.push({
          kind: 'type_mismatch',
          severity: graded(share, DATA_QUALITY_CUTOFFS.share.medium, DATA_QUALITY_CUTOFFS.share.high),
          dataset,
          column: name,
          value: share,
          message: `${s.typeMismatches} present values of the ${type} column '${name}' (${percent(share)}) are of another kind in the ${dataset} sample`,
        });
      }
    }
    if (missingRateChange >= DATA_QUALITY_CUTOFFS.missingRateIncrease.low) {
      findings.push({
        kind: 'missing_rate_increase',
        severity: graded(
          missingRateChange,
          DATA_QUALITY_CUTOFFS.missingRateIncrease.medium,
          DATA_QUALITY_CUTOFFS.missingRateIncrease.high,
        ),
        dataset: 'both',
        column: name,
        value: missingRateChange,
        message: `the missing rate of '${name}' rose by ${(missingRateChange * 100).toFixed(2)} points (${percent(r.stats.missingRate)} → ${percent(c.stats.missingRate)})`,
      });
    }

    if ((type === 'numerical' || type === 'datetime') && r.stats.min !== undefined && r.stats.max !== undefined) {
      const lo = r.stats.min;
      const hi = r.stats.max;
      let below = 0;
      let above = 0;
      for (let i = 0; i < c.numbers.length; i++) {
        const v = c.numbers[i] as number;
        if (v < lo) below++;
        else if (v > hi) above++;
      }
      const n = c.numbers.length;
      const share = n === 0 ? 0 : (below + above) / n;
      outOfRange = { count: below + above, share, below, above };
      if (below + above > 0) {
        findings.push({
          kind: 'out_of_range',
          severity: graded(share, DATA_QUALITY_CUTOFFS.share.medium, DATA_QUALITY_CUTOFFS.share.high),
          dataset: 'current',
          column: name,
          value: share,
          message: `${below + above} current values of '${name}' (${percent(share)}) are outside the reference range [${lo}, ${hi}] (${below} below, ${above} above)`,
        });
      }
    }
    if (type === 'categorical' || type === 'boolean') {
      let count = 0;
      const unseen: [string, number][] = [];
      for (const [key, k] of c.keys) {
        if (!r.keys.has(key)) {
          count += k;
          unseen.push([key, k]);
        }
      }
      unseen.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const present = c.stats.rows - c.stats.missing - c.stats.typeMismatches;
      const share = present === 0 ? 0 : count / present;
      unseenCategories = { count, share, values: unseen.slice(0, UNSEEN_LISTED).map(([key]) => key) };
      if (count > 0) {
        findings.push({
          kind: 'unseen_categories',
          severity: graded(share, DATA_QUALITY_CUTOFFS.share.medium, DATA_QUALITY_CUTOFFS.share.high),
          dataset: 'current',
          column: name,
          value: share,
          message: `${count} current values of '${name}' (${percent(share)}) are categories never seen in the reference: ${unseenCategories.values.map((v) => JSON.stringify(v)).join(', ')}${unseen.length > UNSEEN_LISTED ? ', …' : ''}`,
        });
      }
    }
    const refConstant = r.stats.distinct <= 1 && r.stats.rows > r.stats.missing;
    const curConstant = c.stats.distinct <= 1 && c.stats.rows > c.stats.missing;
    if (refConstant || curConstant) {
      const severity: DataQualitySeverity =
        curConstant && !refConstant ? 'high' : refConstant && !curConstant ? 'medium' : 'low';
      findings.push({
        kind: 'constant_column',
        severity,
        dataset: refConstant && curConstant ? 'both' : curConstant ? 'current' : 'reference',
        column: name,
        value: curConstant ? c.stats.distinct : r.stats.distinct,
        message:
          refConstant && curConstant
            ? `'${name}' holds a single value in both samples`
            : curConstant
              ? `'${name}' holds a single value in the current sample but varied in the reference`
              : `'${name}' held a single value in the reference but varies in the current sample`,
      });
    }
    columns.push({
      column: name,
      type,
      reference: r.stats,
      current: c.stats,
      missingRateChange,
      ...(outOfRange === undefined ? {} : { outOfRange }),
      ...(unseenCategories === undefined ? {} : { unseenCategories }),
    });
  }

  const refDuplicates = duplicateRowCount(ref, Object.keys(ref), refRows);
  const curDuplicates = duplicateRowCount(cur, Object.keys(cur), curRows);
  const duplicateRows = {
    reference: { count: refDuplicates, share: refRows === 0 ? 0 : refDuplicates / refRows },
    current: { count: curDuplicates, share: curRows === 0 ? 0 : curDuplicates / curRows },
  };
  for (const dataset of ['reference', 'current'] as const) {
    const d = duplicateRows[dataset];
    if (d.count > 0) {
      findings.push({
        kind: 'duplicate_rows',
        severity: graded(d.share, DATA_QUALITY_CUTOFFS.share.medium, DATA_QUALITY_CUTOFFS.share.high),
        dataset,
        value: d.share,
        message: `${d.count} rows of the ${dataset} sample (${percent(d.share)}) repeat an earlier row in every column`,
      });
    }
  }
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareText(a.column ?? '', b.column ?? '') ||
      compareText(a.kind, b.kind) ||
      compareText(a.dataset, b.dataset),
  );
  return { columns, duplicateRows, rows: { reference: refRows, current: curRows }, findings };
}
