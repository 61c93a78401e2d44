import { CoreError, describeValue } from '../../errors.js';
import { oneOf } from '../../stats/internal/validate.js';
import { adjustPValues } from '../../stats/multiple-testing/adjust-p-values.js';
import type { ColumnDriftResult } from './column-drift.js';
import type { ColumnDriftSeverity } from './column-drift-severity.js';
import {
  type DatasetDriftCorrection,
  type DatasetDriftOptions,
  type DatasetDriftSkippedColumn,
  type DriftDataset,
  testDatasetColumns,
} from './dataset-drift-columns.js';
import { COLUMN_DRIFT_TESTS } from './default-column-drift-test.js';
import { datasetArgument, numberOption } from './internal-options.js';

export type { DatasetDriftCorrection, DatasetDriftOptions, DatasetDriftSkippedColumn, DriftDataset };

const FN = 'datasetDrift';

/** One column of a dataset drift result: the column test plus the corrected decision. */
export interface DatasetDriftColumn extends ColumnDriftResult {
  readonly column: string;
  readonly weight: number;
  /** The p-value after the correction (p-value tests with a correction only). */
  readonly correctedPValue?: number;
  /**
   * The decision that counts for the dataset: `drifted` with the corrected p-value when a
   * correction applies, else equal to `drifted`.
   */
  readonly correctedDrifted: boolean;
  /** `severity` when `correctedDrifted`, else 'none'. */
  readonly correctedSeverity: ColumnDriftSeverity;
}

export interface DatasetDriftResult {
  readonly columns: readonly DatasetDriftColumn[];
  readonly skippedColumns: readonly DatasetDriftSkippedColumn[];
  readonly numberOfColumns: number;
  /** Columns whose corrected decision is drifted. */
  readonly numberOfDriftedColumns: number;
  /** Σ weight of drifted columns / Σ weight (the plain share without weights). */
  readonly shareOfDriftedColumns: number;
  readonly shareThreshold: number;
  /** shareOfDriftedColumns ≥ shareThreshold. */
  readonly datasetDrifted: boolean;
  readonly correction: DatasetDriftCorrection;
  /** True when at least one column drifted (after the correction). */
  readonly anyColumnDrifted: boolean;
}

/**
 * Tests every column of a reference and a current data set for drift ({@link columnDrift}) and
 * decides whether the data set drifted: the share of drifted columns — weighted by `weights`, e.g.
 * feature importance — at or above `shareThreshold` (0.5, Evidently's default).
 *
 * With `correction` 'bonferroni' or 'fdr_bh', the p-values of the p-value tests (ks, chisquare,
 * z, anderson, cvm, mannwhitney) are adjusted together (statsmodels multipletests semantics, see
 * `adjustPValues`) and each such column drifts when its adjusted p-value passes its own
 * threshold rule (p ≤ t for KS, p < t otherwise). Distance tests have no p-value and no sampling
 * model to correct: their decision is kept as is, so a data set mixing both counts distance
 * columns uncorrected (docs/DRIFT.md). The share, `datasetDrifted` and `anyColumnDrifted` use the
 * corrected decisions; each column also keeps its uncorrected `drifted`.
 *
 * Datetime, text and embedding columns are skipped unless listed in `columns` (datetime columns
 * are then tested as epoch milliseconds; text and embedding columns are always skipped, see the
 * text and embedding drift functions), as are columns with no present value in either sample;
 * every skipped column is listed with its reason.
 * @throws {CoreError} `invalid_value` if a data set is not an object of columns or lacks a listed
 *   column; `insufficient_data` if no column can be tested; `invalid_option` for an unknown test,
 *   type or correction, a share threshold outside (0, 1], or weights that are missing, negative or
 *   all zero; and the errors of {@link columnDrift}.
 * @example
 * datasetDrift({ age: refAges, plan: refPlans }, { age: curAges, plan: curPlans }, { correction: 'fdr_bh' })
 * // { columns: [{ column: 'age', test: 'ks', … }, …], shareOfDriftedColumns: 0.5, datasetDrifted: true, … }
 */
export function datasetDrift(
  reference: DriftDataset,
  current: DriftDataset,
  options: DatasetDriftOptions = {},
): DatasetDriftResult {
  const ref = datasetArgument(FN, 'reference', reference);
  const cur = datasetArgument(FN, 'current', current);
  const shareThreshold = numberOption(FN, 'options.shareThreshold', options.shareThreshold, 0.5, 0, 1, {
    minExclusive: true,
  });
  const correction = oneOf(FN, 'options.correction', options.correction ?? 'none', [
    'none',
    'bonferroni',
    'fdr_bh',
  ] as const);
  const { columns: tested, skippedColumns, names, weights } = testDatasetColumns(FN, ref, cur, options);
  if (tested.length === 0) {
    throw new CoreError(
      'insufficient_data',
      FN,
      `reference must have at least 1 testable column (got 0 of ${names.length}; skipped: ${skippedColumns.map((s) => `'${s.column}'`).join(', ') || 'none'})`,
      'reference',
    );
  }

  // Weights.
  const w = tested.map(({ column }) => {
    if (weights === undefined) return 1;
    const v = weights[column];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new CoreError(
        'invalid_option',
        FN,
        `options.weights['${column}'] must be a finite number ≥ 0 (got ${describeValue(v)})`,
        'options.weights',
      );
    }
    return v;
  });
  const totalWeight = w.reduce((a, b) => a + b, 0);
  if (!(totalWeight > 0)) {
    throw new CoreError(
      'invalid_option',
      FN,
      `options.weights must have a positive sum over the tested columns (got ${totalWeight})`,
      'options.weights',
    );
  }

  // Correction of the p-value columns.
  const corrected = new Map<number, number>();
  if (correction !== 'none') {
    const idx: number[] = [];
    const ps: number[] = [];
    tested.forEach(({ result }, i) => {
      if (result.pValue !== undefined && !Number.isNaN(result.pValue)) {
        idx.push(i);
        ps.push(result.pValue);
      }
    });
    if (ps.length > 0) {
      const adj = adjustPValues(ps, { method: correction });
      idx.forEach((i, k) => {
        corrected.set(i, adj.pValuesCorrected[k] as number);
      });
    }
  }

  let driftedWeight = 0;
  let numberOfDriftedColumns = 0;
  const columns: DatasetDriftColumn[] = tested.map(({ column, result }, i) => {
    const p = corrected.get(i);
    let correctedDrifted = result.drifted;
    if (p !== undefined) {
      const rule = COLUMN_DRIFT_TESTS[result.test].rule;
      correctedDrifted = rule === 'p <= threshold' ? p <= result.threshold : p < result.threshold;
    }
    if (correctedDrifted) {
      driftedWeight += w[i] as number;
      numberOfDriftedColumns++;
    }
    return {
      column,
      weight: w[i] as number,
      ...result,
      ...(p === undefined ? {} : { correctedPValue: p }),
      correctedDrifted,
      correctedSeverity: correctedDrifted ? result.severity : 'none',
    };
  });
  const shareOfDriftedColumns = driftedWeight / totalWeight;
  return {
    columns,
    skippedColumns,
    numberOfColumns: columns.length,
    numberOfDriftedColumns,
    shareOfDriftedColumns,
    shareThreshold,
    datasetDrifted: shareOfDriftedColumns >= shareThreshold,
    correction,
    anyColumnDrifted: numberOfDriftedColumns > 0,
  };
}
