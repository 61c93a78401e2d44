import type { AlertRuleInput } from '../../domain/alerting.js';

/**
 * The built-in rules, seed 000's alerts over the evaluator's monitors, plus its "monitor your
 * monitoring" dead man's switch. Their names match `modelwatch export prometheus-rules` and the
 * sections of docs/runbooks.md (`#modelqualitydegraded`, …); the SLO burn-rate alerts
 * (ErrorBudgetBurnFast, ErrorBudgetBurnMedium, ErrorBudgetBurnSlow) come with each SLO.
 * - ModelQualityDegraded: accuracy of the model's 100 most recent labelled predictions within the
 *   evaluator's quality window (`quality.accuracy_recent`; all of them when the 30-min window holds
 *   fewer, at least 30) < 0.75 for 10 min (ticket) — a count window, so a broken label mapping
 *   crosses within minutes of its first labels at a busy model instead of once a fifth of the
 *   30-min window is wrong, with the same sample size (and noise) at a quiet one; of the
 *   whole model and, as a second rule of the same name, of each slice the evaluator monitors
 *   (`segment: 'each'`, over the 15-min slice window, labelled `segment="region=ap-south"`): a fault confined to one region or
 *   channel barely moves the whole model's accuracy but shows at once in its slice;
 * - HighInferenceLatency: p95 latency (the evaluator's 5-min SLI window) > 5000 ms for 5 min (page),
 *   kept firing 5 min after it drops back: a regression that puts p95 just past 5 s makes the
 *   5-min p95 of a few hundred requests flap around the threshold, and a page must not resolve
 *   and re-page while it goes on;
 * - InputDriftDetected: a feature's PSI against the baseline > 0.2 for 15 min (ticket), kept firing
 *   for 15 min after it drops back (keep_firing_for): a shift confined to part of the traffic (one
 *   region's sensors) puts the whole-model PSI near 0.2, and the alert must not resolve and
 *   re-fire while the drift goes on;
 * - ModelSilent: a model that sent events in the last 24 h has sent none for 10 min (page);
 * - HighErrorRate: the error ratio over the evaluator's 5-min SLI window > 0.05 (the evaluator's
 *   `sli.error_rate` alert level) for 5 min (page), kept firing 5 min (as HighInferenceLatency), as
 *   the exported Prometheus rule of the same name;
 * - CanaryRolledBack: a rollout was rolled back or aborted within the evaluator window (page, no
 *   `for`; `rollout.rollbacks` of experimentSignals; it resolves once the rollback leaves the window);
 * - ExperimentSampleRatioMismatch: a running experiment's SRM p-value < 0.001 (GrowthBook's
 *   threshold, core's default) for 15 min (ticket): the split is not the configured one, so its
 *   analysis cannot be trusted.
 */
export const BUILT_IN_ALERT_RULES: readonly AlertRuleInput[] = [
  {
    id: 'model-quality-degraded',
    name: 'ModelQualityDegraded',
    type: 'threshold',
    monitor: 'quality.accuracy_recent',
    op: '<',
    threshold: 0.75,
    forMs: 10 * 60_000,
    severity: 'ticket',
    annotations: {
      summary: 'Model {{model}} {{version}} accuracy {{value}} is below the 0.75 threshold',
      description:
        "Accuracy from delayed ground-truth labels: the model's 100 most recent labelled predictions in the evaluator's quality window.",
    },
  },
  {
    id: 'model-quality-degraded-segment',
    name: 'ModelQualityDegraded',
    type: 'threshold',
    monitor: 'quality.accuracy',
    op: '<',
    threshold: 0.75,
    forMs: 10 * 60_000,
    segment: 'each',
    severity: 'ticket',
    annotations: {
      summary: 'Model {{model}} {{version}} accuracy {{value}} in slice {{segment}} is below the 0.75 threshold',
      description:
        'Accuracy from delayed ground-truth labels over the evaluator window, in one of the slices the evaluator monitors.',
    },
  },
  {
    id: 'high-inference-latency',
    name: 'HighInferenceLatency',
    type: 'threshold',
    monitor: 'sli.latency_p95',
    op: '>',
    threshold: 5000,
    forMs: 5 * 60_000,
    severity: 'page',
    keepFiringForMs: 5 * 60_000,
    annotations: { summary: 'Model {{model}} {{version}} p95 latency {{value}} ms exceeds 5 seconds' },
  },
  {
    id: 'input-drift-detected',
    name: 'InputDriftDetected',
    type: 'threshold',
    monitor: 'drift.feature.*',
    op: '>',
    threshold: 0.2,
    forMs: 15 * 60_000,
    keepFiringForMs: 15 * 60_000,
    severity: 'ticket',
    annotations: { summary: 'Significant input drift on feature {{feature}} of {{model}} {{version}} (PSI {{value}})' },
  },
  {
    id: 'high-error-rate',
    name: 'HighErrorRate',
    type: 'threshold',
    monitor: 'sli.error_rate',
    op: '>',
    threshold: 0.05,
    forMs: 5 * 60_000,
    keepFiringForMs: 5 * 60_000,
    severity: 'page',
    annotations: { summary: 'Model {{model}} {{version}} error rate {{value}} is above 5%' },
  },
  {
    id: 'canary-rolled-back',
    name: 'CanaryRolledBack',
    type: 'threshold',
    monitor: 'rollout.rollbacks',
    op: '>',
    threshold: 0,
    forMs: 0,
    severity: 'page',
    annotations: {
      summary: 'The rollout of experiment {{model}} was rolled back ({{value}} in the evaluator window)',
      description:
        'The canary failed its analysis, a guardrail or the burn-rate check, or was aborted; see the rollout audit log.',
    },
  },
  {
    id: 'experiment-sample-ratio-mismatch',
    name: 'ExperimentSampleRatioMismatch',
    type: 'threshold',
    monitor: 'experiment.srm_p_value',
    op: '<',
    threshold: 0.001,
    forMs: 15 * 60_000,
    severity: 'ticket',
    annotations: {
      summary: 'Experiment {{model}} has a sample-ratio mismatch (SRM p-value {{value}})',
      description:
        'Units per arm do not match the configured weights; do not trust its analysis until the assignment is fixed.',
    },
  },
  {
    id: 'model-silent',
    name: 'ModelSilent',
    type: 'absence',
    absentForMs: 10 * 60_000,
    severity: 'page',
    annotations: { summary: 'Model {{model}} has sent no inference events for 10 minutes' },
  },
];
