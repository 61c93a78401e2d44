/** Baselines, the evaluator loop (SLIs, quality, feedback, drift against the baseline, slices) and monitor history. */
export {
  BaselineService,
  type BaselineServiceOptions,
  baselineDocumentId,
  baselineSummary,
} from './baseline-service.js';
export { DEFAULT_MIN_DRIFT_ROWS, driftMonitorName, driftMonitors } from './drift-monitors.js';
export { DuckDbProfileRows } from './duckdb-profile-rows.js';
export {
  DEFAULT_BASELINE_HOURS,
  DEFAULT_EVALUATOR_WINDOW_MS,
  DEFAULT_MAX_QUALITY_PAIRS,
  DEFAULT_MONITOR_WINDOWS,
  Evaluator,
  type EvaluatorErrorScope,
  type EvaluatorHook,
  type EvaluatorOptions,
  type EvaluatorRun,
  type EvaluatorStats,
  type MonitorWindows,
} from './evaluator.js';
export { feedbackMonitors } from './feedback-monitors.js';
export { DEFAULT_MONITOR_QUERY_LIMIT, DEFAULT_MONITOR_QUERY_MS, listMonitors } from './monitor-query.js';
export { type MonitorContext, monitorResultOf, skippedResultOf } from './monitor-result-of.js';
export {
  type ExperimentTelemetry,
  type ExportedResult,
  exportExperimentSignals,
  exportMonitorResults,
  type MonitorTelemetry,
  qualityMetricLabel,
} from './monitor-telemetry.js';
export { DEFAULT_MONITOR_THRESHOLDS, type MonitorThreshold, monitorStatus } from './monitor-thresholds.js';
export { MonitoringError, type MonitoringErrorCode } from './monitoring-error.js';
export { type MonitoringServices, monitoringServices } from './monitoring-services.js';
export { featureColumnName, type ProfileRowSource, storeProfileRows } from './profile-row-source.js';
export {
  binaryScorePairs,
  DEFAULT_MIN_LABELLED,
  DEFAULT_RECENT_LABELLED,
  qualityMonitors,
  recentAccuracyMonitor,
} from './quality-monitors.js';
export { sliMonitors } from './sli-monitors.js';
export {
  DEFAULT_MIN_SLICE_REQUESTS,
  DEFAULT_TOP_SLICES,
  SLICE_LATENCY_WEIGHT,
  sliceMonitors,
} from './slice-monitors.js';
export { profileColumns, WINDOW_PROFILE_CHUNK_ROWS, windowProfile } from './window-profile.js';
