import type { MonitorResult } from '../../domain/monitor.js';
import type { ExperimentKey, TelemetryMetrics } from '../telemetry/index.js';

/** What the evaluator needs of the Prometheus exporter. */
export type MonitorTelemetry = Pick<
  TelemetryMetrics,
  | 'setQualityScore'
  | 'setDriftScore'
  | 'setRolloutRollbacks'
  | 'setExperimentSrmPValue'
  | 'setEvaluatorLag'
  | 'observeEvaluatorRun'
  | 'modelIdOf'
>;

/** What `exportExperimentSignals` needs of the Prometheus exporter. */
export type ExperimentTelemetry = MonitorTelemetry & Pick<TelemetryMetrics, 'retainExperimentGauges'>;

/**
 * The fields of a result the exporter reads: evaluator results (`MonitorResult`) and the alert
 * engine's experiment and rollout signals have them all.
 */
export type ExportedResult = Pick<
  MonitorResult,
  'projectId' | 'model' | 'version' | 'monitor' | 'segment' | 'value' | 'details'
>;

/** The monitor of `model_rollout_rollbacks` (`model` = the experiment id). */
export const ROLLOUT_ROLLBACKS_MONITOR = 'rollout.rollbacks';
/** The monitor of `model_experiment_srm_p_value` (`model` = the experiment id). */
export const EXPERIMENT_SRM_MONITOR = 'experiment.srm_p_value';

/** The `metric` label of `model_quality_score` for a monitor, or undefined when it is not a quality gauge. */
export function qualityMetricLabel(monitor: string): string | undefined {
  if (monitor.startsWith('quality.')) return monitor.slice('quality.'.length);
  if (monitor.startsWith('score.') || monitor === 'feedback.thumbs_up_rate') return monitor;
  return undefined;
}

/**
 * Sets the gauges of the latest whole-model results (segment results stay out of Prometheus, to
 * bound cardinality): `model_quality_score{metric}` for `quality.*` (metric `accuracy`,
 * `accuracy_recent`, `f1_macro`, `roc_auc`, `mae`, `rmse`), `score.*` and `feedback.thumbs_up_rate`;
 * `model_drift_score{feature}` (the column's PSI) for each drift column monitor, `feature` being
 * the profile column (`$prediction.label`, `$latency_ms`, … for the reserved ones). Of the
 * whole-experiment signals (`model` = the experiment id, no version): `model_rollout_rollbacks`
 * for `rollout.rollbacks` and `model_experiment_srm_p_value` for `experiment.srm_p_value`.
 * Skipped results leave the previous value in place.
 */
export function exportMonitorResults(telemetry: MonitorTelemetry, results: readonly ExportedResult[]): void {
  for (const r of results) {
    if (r.segment !== undefined || r.value === null || !Number.isFinite(r.value)) continue;
    if (r.monitor === ROLLOUT_ROLLBACKS_MONITOR) {
      telemetry.setRolloutRollbacks(r.projectId, r.model, r.value);
      continue;
    }
    if (r.monitor === EXPERIMENT_SRM_MONITOR) {
      telemetry.setExperimentSrmPValue(r.projectId, r.model, r.value);
      continue;
    }
    const modelId = telemetry.modelIdOf(r.model, r.version);
    const metric = qualityMetricLabel(r.monitor);
    if (metric !== undefined) {
      telemetry.setQualityScore(r.projectId, modelId, metric, r.value);
      continue;
    }
    const column = r.details.column;
    if (r.monitor.startsWith('drift.') && r.monitor !== 'drift.share' && typeof column === 'string') {
      telemetry.setDriftScore(r.projectId, modelId, column, r.value);
    }
  }
}

/**
 * Exports one run's experiment and rollout signals (`experimentSignals` of services/alerting, the
 * complete set over every project) as `exportMonitorResults` does, then drops the series of
 * experiments the run no longer reports — a stopped experiment, a deleted rollout, arms with too
 * few units for the SRM test — so Prometheus marks them stale and its alerts resolve, as the
 * engine's alerts on a signal that stops do (`retainExperimentGauges`). Call it only with the
 * result of a run that succeeded: an empty list drops every experiment series.
 */
export function exportExperimentSignals(telemetry: ExperimentTelemetry, signals: readonly ExportedResult[]): void {
  exportMonitorResults(telemetry, signals);
  const keys = (monitor: string): ExperimentKey[] =>
    signals
      .filter((s) => s.monitor === monitor && s.segment === undefined && s.value !== null && Number.isFinite(s.value))
      .map((s) => ({ projectId: s.projectId, experiment: s.model }));
  telemetry.retainExperimentGauges({
    rollbacks: keys(ROLLOUT_ROLLBACKS_MONITOR),
    srmPValue: keys(EXPERIMENT_SRM_MONITOR),
  });
}
