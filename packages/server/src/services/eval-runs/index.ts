/** Evaluation runs: a suite for a model version on a dataset version, persisted; comparisons; reports. */
export {
  type CompareOptions,
  compareRuns,
  type ExampleChange,
  type MetricDelta,
  type RunComparison,
  type SliceDelta,
} from './compare-runs.js';
export type { EvalRun, MetricValue, RunExample, SliceMetrics } from './eval-run.js';
export { EvalRunError, type EvalRunErrorCode } from './eval-run-error.js';
export {
  type ModelAnswer,
  type PredictionProgress,
  predictionsFromEndpoint,
  predictionsFromFile,
} from './model-predictions.js';
export { RUNS_DIR, RunArchive } from './run-archive.js';
export { type RunEvaluationInput, type RunEvaluationResult, runEvaluation } from './run-evaluation.js';
export { comparisonHtmlReport, runHtmlReport } from './run-html-report.js';
export { ALL_METRIC_NAMES, higherIsBetter, RUN_METRICS } from './run-metrics.js';
export {
  EndpointSchema,
  type EndpointSettings,
  parseSuite,
  RUN_TASKS,
  type RunTask,
  type Suite,
  SuiteSchema,
} from './suite-config.js';
