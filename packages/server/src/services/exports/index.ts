export { ExportError, type ExportErrorCode } from './export-error.js';
export {
  type GrafanaDashboard,
  type GrafanaDashboardOptions,
  type GrafanaPanel,
  type GrafanaTarget,
  grafanaDashboard,
} from './grafana-dashboard.js';
export { promDuration } from './prom-duration.js';
export {
  type AlertingRule,
  type AlertSeverity,
  BURN_RATE_ALERTS,
  type BurnRateAlert,
  DEFAULT_SLO_OBJECTIVES,
  EXPERIMENT_SIGNAL_GAUGES,
  type PrometheusRuleFile,
  type PrometheusRulesOptions,
  prometheusRules,
  type RecordingRule,
  type RuleGroup,
  runbookAnchor,
  SLO_WINDOWS,
  type SloObjectives,
} from './prometheus-rules.js';
export { PROMETHEUS_RULES_HEADER, prometheusRulesYaml } from './prometheus-rules-yaml.js';
