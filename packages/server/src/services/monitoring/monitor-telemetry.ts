import type { MonitorResult } from '../../domain/monitor.js';
import type { TelemetryMetrics } from '../telemetry/index.js';

/** What the evaluator needs of the Prometheus exporter. */
export type MonitorTelemetry = Pick<
  TelemetryMetrics,
  'setQualityScore' | 'setDriftScore' | 'setEvaluatorLag' | 'observeEvaluatorRun' | 'modelIdOf'
>;

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
 * the profile column (`$prediction.label`, `$latency_ms`, … for the reserved ones). Skipped
 * results leave the previous value in place.
 */
export function exportMonitorResults(telemetry: MonitorTelemetry, results: readonly MonitorResult[]): void {
  for (const r of results) {
    if (r.segment !== undefined || r.value === null || !Number.isFinite(r.value)) continue;
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
