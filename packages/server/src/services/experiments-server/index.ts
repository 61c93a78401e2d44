/**
 * The server half of experiments and rollouts: the experiment registry (A/B, canary, shadow) with
 * cached assignment, the analysis over stored events, and the canary rollout controller.
 */
export { type CanaryAnalysisResult, canaryAnalysis } from './canary-analysis.js';
export { DuckDbExperimentEvents, type DuckDbExperimentEventsOptions } from './duckdb-experiment-events.js';
export {
  type ExperimentAnalysisOptions,
  type ExperimentAnalysisResult,
  experimentAnalysis,
} from './experiment-analysis.js';
export type { ExperimentEventSource, TimeWindow } from './experiment-event-source.js';
export { experimentMetricValue } from './experiment-metric-value.js';
export {
  EXPERIMENT_DOCUMENT,
  type ExperimentAssignment,
  type ExperimentAssignmentReason,
  ExperimentRegistry,
  type ExperimentRegistryOptions,
  type ExperimentStore,
  ROLLOUT_DOCUMENT,
} from './experiment-registry.js';
export { ExperimentServiceError, type ExperimentServiceErrorCode } from './experiment-service-error.js';
export {
  type ExperimentServices,
  type ExperimentServicesOptions,
  experimentRecordView,
  experimentServices,
} from './experiment-services.js';
export {
  type RolloutAction,
  RolloutController,
  type RolloutControllerOptions,
  type RolloutStore,
  type RolloutTickReport,
  type RolloutView,
} from './rollout-controller.js';
