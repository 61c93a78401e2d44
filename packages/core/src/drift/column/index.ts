/**
 * Column and dataset drift: type inference, Evidently's default test per column, every
 * per-column test and distance of the stats core, severity grading, dataset drift with multiple
 * testing corrections, prediction and target drift, and the output shift table.
 */
export {
  COLUMN_DRIFT_EMPTY_BIN_PROPORTION,
  COLUMN_DRIFT_WASSERSTEIN_MIN_STD,
  type ColumnDriftOptions,
  type ColumnDriftPlot,
  type ColumnDriftResult,
  columnDrift,
} from './column-drift.js';
export {
  COLUMN_DRIFT_SEVERITY_CUTOFFS,
  type ColumnDriftSeverity,
  type ColumnDriftSeverityInput,
  columnDriftSeverity,
} from './column-drift-severity.js';
export {
  type DatasetDriftColumn,
  type DatasetDriftCorrection,
  type DatasetDriftOptions,
  type DatasetDriftResult,
  type DatasetDriftSkippedColumn,
  type DriftDataset,
  datasetDrift,
} from './dataset-drift.js';
export {
  type DatasetDriftColumnsResult,
  type DatasetDriftColumnTest,
  datasetDriftColumns,
} from './dataset-drift-columns.js';
export {
  COLUMN_DRIFT_TEST_NAMES,
  COLUMN_DRIFT_TESTS,
  type ColumnDriftTest,
  type ColumnDriftTestInfo,
  type ColumnDriftTestKind,
  defaultColumnDriftTest,
} from './default-column-drift-test.js';
export {
  cellKind,
  type DriftCellKind,
  type DriftColumnType,
  type InferColumnTypeOptions,
  inferColumnType,
} from './infer-column-type.js';
export type { DriftCellValue, DriftColumnValues } from './internal-column-values.js';
export {
  type OutputShiftRow,
  type OutputShiftTable,
  type OutputShiftTableOptions,
  outputShiftTable,
} from './output-shift-table.js';
export {
  type PredictionDriftInput,
  type PredictionDriftOptions,
  type PredictionDriftResult,
  predictionDrift,
} from './prediction-drift.js';
export { type TargetDriftOptions, type TargetDriftResult, targetDrift } from './target-drift.js';
