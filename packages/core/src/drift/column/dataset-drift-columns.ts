import { CoreError, describeValue } from '../../errors.js';
import { oneOf } from '../../stats/internal/validate.js';
import { type ColumnDriftResult, columnDrift } from './column-drift.js';
import { COLUMN_DRIFT_TEST_NAMES, type ColumnDriftTest } from './default-column-drift-test.js';
import type { DriftColumnType } from './drift-column-type.js';
import { type InferColumnTypeOptions, inferColumnType } from './infer-column-type.js';
import type { DriftColumnValues } from './internal-column-values.js';
import { columnTypeOption, datasetArgument, recordOption } from './internal-options.js';

/** A data set as columns: each key a column name, each value that column's cells in row order. */
export type DriftDataset = Readonly<Record<string, DriftColumnValues>>;

/** How the p-values of several columns are corrected for multiple testing. */
export type DatasetDriftCorrection = 'none' | 'bonferroni' | 'fdr_bh';

export interface DatasetDriftOptions {
  /** Columns to test (default: every column of the reference, except datetime, text and embedding). */
  readonly columns?: readonly string[];
  /** Column types; the others are inferred from the reference with {@link inferColumnType}. */
  readonly types?: Readonly<Record<string, DriftColumnType>>;
  /** Test per column (default: Evidently's rule for each). */
  readonly perColumn?: Readonly<Record<string, ColumnDriftTest>>;
  /** Test for every numerical (and datetime) column without a `perColumn` entry (Evidently's num_stattest). */
  readonly numericalTest?: ColumnDriftTest;
  /** Test for every categorical and boolean column without a `perColumn` entry (cat_stattest). */
  readonly categoricalTest?: ColumnDriftTest;
  /** Threshold per column (default: the test's default, 0.05 or 0.1). */
  readonly perColumnThreshold?: Readonly<Record<string, number>>;
  /** The dataset drifts when the (weighted) share of drifted columns is ≥ this. Default 0.5. */
  readonly shareThreshold?: number;
  /**
   * Multiple-testing correction of the p-value columns: 'none' (default, Evidently), 'bonferroni'
   * (family-wise error) or 'fdr_bh' (Benjamini–Hochberg false discovery rate).
   */
  readonly correction?: DatasetDriftCorrection;
  /**
   * Column weights (e.g. feature importance) for the share of drifted columns; every tested
   * column needs a non-negative weight and at least one must be positive. Default 1 each.
   */
  readonly weights?: Readonly<Record<string, number>>;
  readonly infer?: InferColumnTypeOptions;
  /** Plot bins of the numerical and datetime columns (see ColumnDriftOptions.plotBins). */
  readonly plotBins?: number;
}

/** A column left out of the test, and why. */
export interface DatasetDriftSkippedColumn {
  readonly column: string;
  readonly type?: DriftColumnType;
  readonly reason: string;
}

/** One tested column: its name and the column test's result. */
export interface DatasetDriftColumnTest {
  readonly column: string;
  readonly result: ColumnDriftResult;
}

/** The per-column part of a dataset drift report: tested and skipped columns, no decision. */
export interface DatasetDriftColumnsResult {
  /** Tested columns in column order, each with its uncorrected result. */
  readonly columns: readonly DatasetDriftColumnTest[];
  readonly skippedColumns: readonly DatasetDriftSkippedColumn[];
}

/** {@link datasetDriftColumns} plus what datasetDrift needs for its decision (internal). */
export interface TestedDatasetColumns extends DatasetDriftColumnsResult {
  readonly names: readonly string[];
  readonly weights: Readonly<Record<string, number>> | undefined;
}

function columnOf(fn: string, data: Readonly<Record<string, unknown>>, arg: string, name: string): DriftColumnValues {
  const values = data[name];
  if (values === undefined) {
    throw new CoreError(
      'invalid_value',
      fn,
      `${arg} must have a column '${name}' (got columns ${
        Object.keys(data)
          .map((k) => `'${k}'`)
          .join(', ') || 'none'
      })`,
      arg,
    );
  }
  return values as DriftColumnValues;
}

/**
 * Validates the column options of a dataset drift (in datasetDrift's order) and tests every
 * column (internal; `fn` names the caller in errors). Columns that cannot be tested are listed
 * with the reason instead of failing.
 */
export function testDatasetColumns(
  fn: string,
  ref: Readonly<Record<string, unknown>>,
  cur: Readonly<Record<string, unknown>>,
  options: DatasetDriftOptions,
): TestedDatasetColumns {
  const types = recordOption<DriftColumnType>(fn, 'options.types', options.types) ?? {};
  const perColumn = recordOption<ColumnDriftTest>(fn, 'options.perColumn', options.perColumn) ?? {};
  const thresholds = recordOption<number>(fn, 'options.perColumnThreshold', options.perColumnThreshold) ?? {};
  const weights = recordOption<number>(fn, 'options.weights', options.weights);
  const numericalTest =
    options.numericalTest === undefined
      ? undefined
      : oneOf(fn, 'options.numericalTest', options.numericalTest, COLUMN_DRIFT_TEST_NAMES);
  const categoricalTest =
    options.categoricalTest === undefined
      ? undefined
      : oneOf(fn, 'options.categoricalTest', options.categoricalTest, COLUMN_DRIFT_TEST_NAMES);
  let explicit = false;
  let names: readonly string[];
  if (options.columns === undefined) {
    names = Object.keys(ref);
  } else {
    if (!Array.isArray(options.columns) || options.columns.some((c) => typeof c !== 'string')) {
      throw new CoreError(
        'invalid_option',
        fn,
        `options.columns must be an array of column names (got ${describeValue(options.columns)})`,
        'options.columns',
      );
    }
    names = options.columns;
    explicit = true;
  }

  const tested: { column: string; result: ColumnDriftResult }[] = [];
  const skippedColumns: DatasetDriftSkippedColumn[] = [];
  for (const name of names) {
    const refValues = columnOf(fn, ref, 'reference', name);
    const curValues = columnOf(fn, cur, 'current', name);
    let type: DriftColumnType;
    if (types[name] !== undefined) {
      type = columnTypeOption(fn, `options.types['${name}']`, types[name]);
    } else {
      try {
        type = inferColumnType(refValues, options.infer);
      } catch (error) {
        if (error instanceof CoreError && error.code === 'insufficient_data') {
          skippedColumns.push({ column: name, reason: 'the reference column has no present value' });
          continue;
        }
        throw error;
      }
    }
    if (type === 'text' || type === 'embedding') {
      skippedColumns.push({
        column: name,
        type,
        reason: `${type} columns have no per-column test (use ${type === 'text' ? 'textDomainClassifierDrift' : 'embeddingDomainClassifierDrift'})`,
      });
      continue;
    }
    if (type === 'datetime' && !explicit) {
      skippedColumns.push({
        column: name,
        type,
        reason:
          'datetime columns drift by construction between time windows; list them in options.columns to test them',
      });
      continue;
    }
    const ordered = type === 'numerical' || type === 'datetime';
    const test = perColumn[name] ?? (ordered ? numericalTest : categoricalTest);
    try {
      const result = columnDrift(refValues, curValues, {
        type,
        ...(test === undefined ? {} : { test }),
        ...(thresholds[name] === undefined ? {} : { threshold: thresholds[name] }),
        ...(options.plotBins === undefined ? {} : { plotBins: options.plotBins }),
      });
      tested.push({ column: name, result });
    } catch (error) {
      if (error instanceof CoreError && error.code === 'insufficient_data') {
        skippedColumns.push({ column: name, type, reason: error.message.replace('columnDrift: ', '') });
        continue;
      }
      throw error;
    }
  }
  return { columns: tested, skippedColumns, names, weights };
}

/**
 * The per-column part of {@link datasetDrift}: every column tested as datasetDrift tests it (same
 * type inference, default tests, skip rules and errors), without the correction, the weights
 * and the data set decision — and without failing when no column can be tested (the result then
 * only lists skipped columns). For splitting one data set's columns over several threads and
 * combining the parts; each result equals the `columnDrift` fields of datasetDrift's column.
 * @throws {CoreError} as {@link datasetDrift}, except `insufficient_data` for no testable column.
 * @example
 * datasetDriftColumns({ age: refAges, when: refDates }, { age: curAges, when: curDates })
 * // { columns: [{ column: 'age', result: { test: 'wasserstein', … } }], skippedColumns: [{ column: 'when', … }] }
 */
export function datasetDriftColumns(
  reference: DriftDataset,
  current: DriftDataset,
  options: DatasetDriftOptions = {},
): DatasetDriftColumnsResult {
  const fn = 'datasetDriftColumns';
  const ref = datasetArgument(fn, 'reference', reference);
  const cur = datasetArgument(fn, 'current', current);
  const { columns, skippedColumns } = testDatasetColumns(fn, ref, cur, options);
  return { columns, skippedColumns };
}
