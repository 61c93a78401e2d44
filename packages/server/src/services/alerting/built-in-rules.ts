import type { AlertRuleInput } from '../../domain/alerting.js';

/**
 * The built-in rules, seed 000's alerts over the evaluator's monitors, plus its "monitor your
 * monitoring" dead man's switch. Their names match `modelwatch export prometheus-rules` and the
 * sections of docs/runbooks.md (`#modelqualitydegraded`, …); the SLO burn-rate alerts
 * (ErrorBudgetBurnFast, ErrorBudgetBurnMedium, ErrorBudgetBurnSlow) come with each SLO.
 * - ModelQualityDegraded: accuracy over the evaluator window < 0.75 for 10 min (ticket);
 * - HighInferenceLatency: p95 latency > 5000 ms for 5 min (page);
 * - InputDriftDetected: a feature's PSI against the baseline > 0.2 for 15 min (ticket);
 * - ModelSilent: a model that sent events in the last 24 h has sent none for 10 min (page).
 */
export const BUILT_IN_ALERT_RULES: readonly AlertRuleInput[] = [
  {
    id: 'model-quality-degraded',
    name: 'ModelQualityDegraded',
    type: 'threshold',
    monitor: 'quality.accuracy',
    op: '<',
    threshold: 0.75,
    forMs: 10 * 60_000,
    severity: 'ticket',
    annotations: {
      summary: 'Model {{model}} {{version}} accuracy {{value}} is below the 0.75 threshold',
      description: 'Accuracy from delayed ground-truth labels over the evaluator window.',
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
    severity: 'ticket',
    annotations: { summary: 'Significant input drift on feature {{feature}} of {{model}} {{version}} (PSI {{value}})' },
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
