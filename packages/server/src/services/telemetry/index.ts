export { COMMIT_DURATION_BUCKETS, EVALUATOR_RUN_BUCKETS, MODEL_LATENCY_BUCKETS } from './buckets.js';
export { OTHER_LABEL_VALUE } from './label-value.js';
export { TelemetryError, type TelemetryErrorCode } from './telemetry-error.js';
export {
  type ExperimentKey,
  type MetricsScope,
  type ModelIdFormat,
  TelemetryMetrics,
  type TelemetryMetricsOptions,
} from './telemetry-metrics.js';
