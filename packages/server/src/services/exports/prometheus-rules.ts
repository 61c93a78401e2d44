import { DEFAULT_CONFIG } from '../../domain/config.js';
import { BUILT_IN_ALERT_RULES } from '../alerting/built-in-rules.js';
import { DEFAULT_MONITOR_THRESHOLDS } from '../monitoring/monitor-thresholds.js';
import { INGEST_HIGH_WATER } from '../server/server-services.js';
import { MODEL_LATENCY_BUCKETS, type ModelIdFormat } from '../telemetry/index.js';
import { ExportError } from './export-error.js';
import { promDuration } from './prom-duration.js';

/** SLO objectives: the share of good requests over the SLO period, each in (0, 1). */
export interface SloObjectives {
  /** Share of requests (shadow traffic excluded) answered with status `ok` (default 0.999). */
  readonly availability: number;
  /** Share of requests (shadow traffic excluded) answered within `latencyThresholdMs` (default 0.99). */
  readonly latency: number;
}

/** The SLO objectives used when none are given. */
export const DEFAULT_SLO_OBJECTIVES: SloObjectives = { availability: 0.999, latency: 0.99 };

/** Options of `prometheusRules`; every default is the value modelwatch's own engine uses. */
export interface PrometheusRulesOptions {
  /** SLO objectives (defaults `DEFAULT_SLO_OBJECTIVES`). */
  readonly slo?: Partial<SloObjectives>;
  /**
   * Latency threshold in ms (default 5000, seed 000's "p95 latency exceeded 5 seconds"): the bound
   * of HighInferenceLatency's quantile and of the latency SLO. It must be one of `latencyBuckets`,
   * so the SLO's share of fast requests is read exactly from a bucket.
   */
  readonly latencyThresholdMs?: number;
  /** Quantile compared with the threshold by HighInferenceLatency (default 0.95). */
  readonly latencyQuantile?: number;
  /** Bucket bounds (s) of `model_inference_latency_seconds`, as given to TelemetryMetrics (default its own). */
  readonly latencyBuckets?: readonly number[];
  /**
   * ModelQualityDegraded fires below this value of `model_quality_score{metric="accuracy_recent"}` (the
   * engine's signal) or 30-minute average of the other quality gauges (default 0.75).
   */
  readonly qualityThreshold?: number;
  /** InputDriftDetected fires above this `model_drift_score` (default 0.2). */
  readonly driftThreshold?: number;
  /** HighErrorRate fires above this 5-minute error ratio (default the evaluator's `sli.error_rate` alert level, 0.05). */
  readonly errorRateThreshold?: number;
  /** `model_id` format of the exporter (TelemetryMetrics option `modelId`, default `'model:version'`). */
  readonly modelIdFormat?: ModelIdFormat;
  /** `ingest.queueSize` of the server (default 50 000); IngestQueueSaturated fires at 80 % of it, as /readyz does. */
  readonly ingestQueueSize?: number;
  /** `evaluator.intervalSeconds` of the server (default 60); EvaluatorLagging is relative to it. */
  readonly evaluatorIntervalSeconds?: number;
  /** Multiplies every `for` duration (default 1; tests use a small scale to see alerts fire quickly). */
  readonly forScale?: number;
  /** Address of docs/runbooks.md; each alert links to `<runbookUrl>#<lower-case alert name>` (default `docs/runbooks.md`). */
  readonly runbookUrl?: string;
}

/** A Prometheus recording rule. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A Prometheus alerting rule; every one has a severity, a summary, a description and a runbook. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  /** How long it keeps firing after the expression stops holding (Prometheus ≥ 2.42 `keep_firing_for`). */
  readonly keep_firing_for?: string;
  readonly labels: Readonly<{ severity: AlertSeverity } & Record<string, string>>;
  readonly annotations: Readonly<{ summary: string; description: string; runbook_url: string }>;
}

/** page: wake someone up; ticket: work hours (the vocabulary of modelwatch's alert engine). */
export type AlertSeverity = 'page' | 'ticket';

/** A rule group of a Prometheus rules file. */
export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly (RecordingRule | AlertingRule)[];
}

/** A Prometheus rules file (`rule_files:` of prometheus.yml). */
export interface PrometheusRuleFile {
  readonly groups: readonly RuleGroup[];
}

/** One multi-window burn-rate alert (SRE workbook, ch. 5, "Alerting on SLOs", table 5-8). */
export interface BurnRateAlert {
  readonly alert: string;
  readonly factor: number;
  readonly longWindow: string;
  readonly shortWindow: string;
  readonly forSeconds: number;
  readonly severity: AlertSeverity;
}

/**
 * 2 % of a 30-day error budget spent in 1 h (14.4×, confirmed over 5 min), 5 % in 6 h (6×, and
 * 30 min) page; 10 % in 3 days (1×, and 6 h) opens a ticket. Names and factors are those of
 * modelwatch's own SLO engine (`DEFAULT_BURN_RATE_WINDOWS`).
 */
export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
  {
    alert: 'ErrorBudgetBurnFast',
    factor: 14.4,
    longWindow: '1h',
    shortWindow: '5m',
    forSeconds: 120,
    severity: 'page',
  },
  {
    alert: 'ErrorBudgetBurnMedium',
    factor: 6,
    longWindow: '6h',
    shortWindow: '30m',
    forSeconds: 900,
    severity: 'page',
  },
  {
    alert: 'ErrorBudgetBurnSlow',
    factor: 1,
    longWindow: '3d',
    shortWindow: '6h',
    forSeconds: 3600,
    severity: 'ticket',
  },
];

/** Windows of the SLO error-ratio recording rules (`slo:sli_error:ratio_rate<window>`). */
export const SLO_WINDOWS: readonly string[] = ['5m', '30m', '1h', '6h', '3d'];

/** Anchor of an alert's section in docs/runbooks.md (GitHub's heading slug of the alert name). */
export function runbookAnchor(alert: string): string {
  return alert.toLowerCase();
}

const REQUESTS = 'model_inference_requests_total';
const LATENCY = 'model_inference_latency_seconds';
const SLO_PERIOD_DAYS = 30;
const MODEL = 'project_id, model_id';
const MODEL_VARIANT = 'project_id, model_id, variant';
/** Shadow traffic serves no user, so it spends no availability or latency budget. */
const SERVED = 'variant!="shadow"';

interface Resolved {
  readonly slo: SloObjectives;
  readonly latencyThresholdSeconds: number;
  readonly latencyQuantile: number;
  readonly qualityThreshold: number;
  readonly driftThreshold: number;
  readonly errorRateThreshold: number;
  readonly modelIdFormat: ModelIdFormat;
  readonly queueHighWater: number;
  readonly evaluatorIntervalSeconds: number;
  readonly forScale: number;
  readonly runbookUrl: string;
}

/**
 * Prometheus recording and alerting rules equivalent to modelwatch's own alert engine, over the
 * series of its `/metrics` (docs/METRICS.md), as a plain object (`prometheusRulesYaml` writes it):
 *
 * - seed 000's ModelQualityDegraded, HighInferenceLatency and InputDriftDetected with its
 *   thresholds and `for` durations, adapted to modelwatch's labels (`project_id`, and `model_id`
 *   = model:version; the latency quantile is taken over the instances' summed buckets);
 *   InputDriftDetected keeps firing 15 min and HighInferenceLatency 5 min (`keep_firing_for`), as
 *   the engine's built-in rules do;
 * - ModelSilent: a model seen within a day that has sent nothing for 10 min (per model name, so a
 *   retired version of a live model stays quiet), HighErrorRate (kept firing 5 min);
 * - CanaryRolledBack and ExperimentSampleRatioMismatch, the engine's built-in rules on the
 *   experiment signals as they are (threshold, `for`, severity, summary and description), over
 *   `model_rollout_rollbacks` and `model_experiment_srm_p_value`;
 * - SLO error ratios per window (`slo:sli_error:ratio_rate5m` …, label `slo` = availability or
 *   latency) and the SRE workbook's multi-window multi-burn-rate alerts on both SLOs;
 * - modelwatch's own health: IngestQueueSaturated, EvaluatorLagging, NotificationFailures,
 *   MetricSeriesDropped.
 *
 * Every alert has `severity` (page or ticket) and annotations `summary`, `description` and
 * `runbook_url` (`<runbookUrl>#<lower-case name>`, a section of docs/runbooks.md).
 * A pure function of its options.
 * @throws {ExportError} `invalid_option` naming the option, the expectation and the value.
 */
export function prometheusRules(options: PrometheusRulesOptions = {}): PrometheusRuleFile {
  const o = resolve(options);
  return {
    groups: [
      { name: 'modelwatch-recording', rules: recordingRules(o) },
      { name: 'modelwatch-models', rules: modelAlerts(o) },
      { name: 'modelwatch-experiments', rules: experimentAlerts(o) },
      { name: 'modelwatch-slo', rules: burnRateAlerts(o) },
      { name: 'modelwatch-health', rules: healthAlerts(o) },
    ],
  };
}

function resolve(options: PrometheusRulesOptions): Resolved {
  const slo = { ...DEFAULT_SLO_OBJECTIVES, ...options.slo };
  for (const [name, value] of Object.entries(slo)) {
    if (!(typeof value === 'number' && value > 0 && value < 1)) {
      throw new ExportError(
        'invalid_option',
        `slo.${name}: expected an objective in (0, 1) (got ${value})`,
        `slo.${name}`,
      );
    }
  }
  const buckets = options.latencyBuckets ?? MODEL_LATENCY_BUCKETS;
  const thresholdMs = options.latencyThresholdMs ?? 5000;
  const thresholdSeconds = thresholdMs / 1000;
  if (!buckets.includes(thresholdSeconds)) {
    throw new ExportError(
      'invalid_option',
      `latencyThresholdMs: expected a bucket bound of model_inference_latency_seconds in ms (${buckets
        .map((b) => b * 1000)
        .join(', ')}) (got ${thresholdMs})`,
      'latencyThresholdMs',
    );
  }
  const share = (name: string, value: number, lo: number, hi: number): number => {
    if (!(Number.isFinite(value) && value > lo && value < hi)) {
      throw new ExportError('invalid_option', `${name}: expected a number in (${lo}, ${hi}) (got ${value})`, name);
    }
    return value;
  };
  const finite = (name: string, value: number): number => {
    if (!Number.isFinite(value))
      throw new ExportError('invalid_option', `${name}: expected a finite number (got ${value})`, name);
    return value;
  };
  const positive = (name: string, value: number): number => {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new ExportError('invalid_option', `${name}: expected a finite number > 0 (got ${value})`, name);
    }
    return value;
  };
  const queueSize = positive('ingestQueueSize', options.ingestQueueSize ?? DEFAULT_CONFIG.ingest.queueSize);
  const modelIdFormat = options.modelIdFormat ?? 'model:version';
  if (modelIdFormat !== 'model:version' && modelIdFormat !== 'model') {
    throw new ExportError(
      'invalid_option',
      `modelIdFormat: expected 'model:version' or 'model' (got ${JSON.stringify(modelIdFormat)})`,
      'modelIdFormat',
    );
  }
  return {
    slo,
    latencyThresholdSeconds: thresholdSeconds,
    latencyQuantile: share('latencyQuantile', options.latencyQuantile ?? 0.95, 0, 1),
    qualityThreshold: finite('qualityThreshold', options.qualityThreshold ?? 0.75),
    driftThreshold: finite('driftThreshold', options.driftThreshold ?? 0.2),
    errorRateThreshold: share(
      'errorRateThreshold',
      options.errorRateThreshold ?? DEFAULT_MONITOR_THRESHOLDS['sli.error_rate']?.alert ?? 0.05,
      0,
      1,
    ),
    modelIdFormat,
    // The same high-water mark as /readyz (server-services).
    queueHighWater: Math.max(1, Math.floor(queueSize * INGEST_HIGH_WATER)),
    evaluatorIntervalSeconds: positive(
      'evaluatorIntervalSeconds',
      options.evaluatorIntervalSeconds ?? DEFAULT_CONFIG.evaluator.intervalSeconds,
    ),
    forScale: positive('forScale', options.forScale ?? 1),
    runbookUrl: options.runbookUrl ?? 'docs/runbooks.md',
  };
}

/** `le` matcher of a bucket bound: prom-client writes `5`, Prometheus 3 normalises it to `5.0`. */
function leMatcher(bound: number): string {
  const text = String(bound);
  return Number.isInteger(bound) ? `le=~"${text}|${text}\\\\.0"` : `le="${text}"`;
}

function percent(share: number): string {
  return `${Number((share * 100).toPrecision(10))}%`;
}

/** `(errors or 0 × all) / all` by `by`: 0 rather than no series for a model without errors. */
function errorRatio(by: string, window: string, selector: string): string {
  const all = selector === '' ? REQUESTS : `${REQUESTS}{${selector}}`;
  const errors = `${REQUESTS}{${['status="error"', selector].filter((s) => s !== '').join(',')}}`;
  return [
    '(',
    `  sum by (${by}) (rate(${errors}[${window}]))`,
    '  or',
    `  0 * sum by (${by}) (rate(${all}[${window}]))`,
    ')',
    '/',
    `sum by (${by}) (rate(${all}[${window}]))`,
  ].join('\n');
}

function recordingRules(o: Resolved): RecordingRule[] {
  const rules: RecordingRule[] = [
    {
      record: 'project_model_variant:model_inference_requests:rate5m',
      expr: `sum by (${MODEL_VARIANT}) (rate(${REQUESTS}[5m]))`,
    },
    {
      record: 'project_model_variant:model_inference_errors:ratio_rate5m',
      expr: errorRatio(MODEL_VARIANT, '5m', ''),
    },
  ];
  for (const w of SLO_WINDOWS) {
    rules.push({
      record: `slo:sli_error:ratio_rate${w}`,
      expr: errorRatio(MODEL, w, SERVED),
      labels: { slo: 'availability' },
    });
  }
  for (const w of SLO_WINDOWS) {
    rules.push({
      record: `slo:sli_error:ratio_rate${w}`,
      expr: [
        '1 - (',
        `  sum by (${MODEL}) (rate(${LATENCY}_bucket{${SERVED},${leMatcher(o.latencyThresholdSeconds)}}[${w}]))`,
        '  /',
        `  sum by (${MODEL}) (rate(${LATENCY}_count{${SERVED}}[${w}]))`,
        ')',
      ].join('\n'),
      labels: { slo: 'latency' },
    });
  }
  return rules;
}

function alertRule(
  o: Resolved,
  alert: string,
  expr: string,
  forSeconds: number,
  labels: { severity: AlertSeverity } & Record<string, string>,
  summary: string,
  description: string,
  keepFiringForSeconds = 0,
): AlertingRule {
  return {
    alert,
    expr,
    for: promDuration(forSeconds * o.forScale),
    ...(keepFiringForSeconds > 0 ? { keep_firing_for: promDuration(keepFiringForSeconds * o.forScale) } : {}),
    labels,
    annotations: { summary, description, runbook_url: `${o.runbookUrl}#${runbookAnchor(alert)}` },
  };
}

/** `label_replace` adding the `model` label (the model name without its version) to `vector`. */
function withModel(o: Resolved, vector: string): string {
  return o.modelIdFormat === 'model'
    ? `label_replace(${vector}, "model", "$1", "model_id", "(.+)")`
    : `label_replace(${vector}, "model", "$1$2", "model_id", "(.+):[^:]*|(.+)")`;
}

function modelAlerts(o: Resolved): AlertingRule[] {
  const seconds = o.latencyThresholdSeconds;
  const q = o.latencyQuantile;
  return [
    alertRule(
      o,
      'ModelQualityDegraded',
      // The engine's rule on the evaluator's recent accuracy as it is, seed 000's 30-min average for the other gauges.
      `model_quality_score{metric="accuracy_recent"} < ${o.qualityThreshold} or avg_over_time(model_quality_score{metric!="accuracy_recent"}[30m]) < ${o.qualityThreshold}`,
      600,
      { severity: 'ticket' },
      `Model quality dropped below ${o.qualityThreshold} threshold`,
      `{{ $labels.metric }} of {{ $labels.model_id }} (project {{ $labels.project_id }}) is {{ $value | printf "%.3g" }} (accuracy_recent: the 100 most recent labelled predictions; other metrics: their 30-min average), below ${o.qualityThreshold}.`,
    ),
    alertRule(
      o,
      'HighInferenceLatency',
      `histogram_quantile(${q}, sum by (${MODEL_VARIANT}, le) (rate(${LATENCY}_bucket[5m]))) > ${seconds}`,
      300,
      { severity: 'page' },
      `p${q * 100} latency exceeded ${seconds} seconds`,
      `p${q * 100} latency of {{ $labels.model_id }} ({{ $labels.variant }}, project {{ $labels.project_id }}) is {{ $value | humanizeDuration }} over 5 min, above ${seconds} s.`,
      // As the engine's built-in rule: no resolve and re-page while a 5-min p95 flaps at the threshold.
      300,
    ),
    alertRule(
      o,
      'InputDriftDetected',
      `model_drift_score > ${o.driftThreshold}`,
      900,
      { severity: 'ticket' },
      'Significant input drift detected',
      `Feature {{ $labels.feature }} of {{ $labels.model_id }} (project {{ $labels.project_id }}) has drift score {{ $value | printf "%.3g" }}, above ${o.driftThreshold}.`,
      // As the engine's built-in rule: a regional shift holds the PSI near the threshold, so the
      // alert keeps firing 15 min rather than resolving and re-firing while the drift goes on.
      900,
    ),
    alertRule(
      o,
      'ModelSilent',
      [
        '(',
        `  sum by (project_id, model) (${withModel(o, `rate(${REQUESTS}[5m])`)}) == 0`,
        ')',
        'or',
        '(',
        `  group by (project_id, model) (${withModel(o, `last_over_time(${REQUESTS}[1d])`)})`,
        '  unless',
        `  group by (project_id, model) (${withModel(o, REQUESTS)})`,
        ')',
      ].join('\n'),
      300,
      { severity: 'page' },
      'Model stopped sending inference events',
      'Model {{ $labels.model }} (project {{ $labels.project_id }}) reported events within the last day but none for 10 min (no version of it is serving, or its events no longer reach modelwatch).',
    ),
    alertRule(
      o,
      'HighErrorRate',
      `project_model_variant:model_inference_errors:ratio_rate5m > ${o.errorRateThreshold}`,
      300,
      { severity: 'page' },
      `Error rate above ${percent(o.errorRateThreshold)}`,
      `{{ $value | humanizePercentage }} of the requests of {{ $labels.model_id }} ({{ $labels.variant }}, project {{ $labels.project_id }}) failed over 5 min, above ${percent(o.errorRateThreshold)}.`,
      300,
    ),
  ];
}

/** The /metrics gauge of each experiment signal (`model` of the signal = the `experiment` label). */
export const EXPERIMENT_SIGNAL_GAUGES: Readonly<Record<string, string>> = {
  'rollout.rollbacks': 'model_rollout_rollbacks',
  'experiment.srm_p_value': 'model_experiment_srm_p_value',
};

/** An engine annotation (`{{model}}` = the experiment id, `{{value}}`) as a Prometheus template. */
function experimentTemplate(alert: string, text: string): string {
  const out = text.replaceAll('{{model}}', '{{ $labels.experiment }}').replaceAll('{{value}}', '{{ $value }}');
  const left = /\{\{(?! \$labels\.experiment \}\}| \$value \}\})[^}]*\}\}/.exec(out);
  if (left !== null) throw new Error(`${alert}: no Prometheus equivalent of the annotation variable ${left[0]}`);
  return out;
}

/**
 * The built-in rules on experiment signals (CanaryRolledBack on `rollout.rollbacks`,
 * ExperimentSampleRatioMismatch on `experiment.srm_p_value`) over their gauges, taken from
 * `BUILT_IN_ALERT_RULES` so both engines keep one threshold, `for`, severity and text.
 */
function experimentAlerts(o: Resolved): AlertingRule[] {
  const rules: AlertingRule[] = [];
  for (const rule of BUILT_IN_ALERT_RULES) {
    if (rule.type !== 'threshold' || (rule.segment ?? 'overall') !== 'overall') continue;
    const gauge = EXPERIMENT_SIGNAL_GAUGES[rule.monitor];
    if (gauge === undefined) continue;
    const severity = rule.severity ?? 'ticket';
    if (severity !== 'page' && severity !== 'ticket') {
      throw new Error(`${rule.name}: severity ${severity} has no exported equivalent (page or ticket)`);
    }
    const summary = rule.annotations?.summary;
    const description = rule.annotations?.description;
    if (summary === undefined || description === undefined) {
      throw new Error(`${rule.name}: a built-in rule on ${rule.monitor} needs a summary and a description`);
    }
    rules.push(
      alertRule(
        o,
        rule.name,
        `${gauge} ${rule.op} ${rule.threshold}`,
        (rule.forMs ?? 0) / 1000,
        { severity },
        experimentTemplate(rule.name, summary),
        `${experimentTemplate(rule.name, description)} Project {{ $labels.project_id }}.`,
        (rule.keepFiringForMs ?? 0) / 1000,
      ),
    );
  }
  return rules;
}

function burnRateAlerts(o: Resolved): AlertingRule[] {
  const rules: AlertingRule[] = [];
  for (const b of BURN_RATE_ALERTS) {
    for (const slo of ['availability', 'latency'] as const) {
      const objective = o.slo[slo];
      const limit = `(${b.factor} * (1 - ${objective}))`;
      const days = Number((SLO_PERIOD_DAYS / b.factor).toPrecision(3));
      const what = slo === 'availability' ? 'failed' : `took longer than ${o.latencyThresholdSeconds} s`;
      rules.push(
        alertRule(
          o,
          b.alert,
          [
            `slo:sli_error:ratio_rate${b.longWindow}{slo="${slo}"} > ${limit}`,
            'and',
            `slo:sli_error:ratio_rate${b.shortWindow}{slo="${slo}"} > ${limit}`,
          ].join('\n'),
          b.forSeconds,
          { severity: b.severity, slo, long_window: b.longWindow, short_window: b.shortWindow },
          `${slo === 'availability' ? 'Availability' : 'Latency'} error budget burning ${b.factor}× too fast`,
          `{{ $value | humanizePercentage }} of the requests of {{ $labels.model_id }} (project {{ $labels.project_id }}) ${what} over ${b.longWindow} (and over ${b.shortWindow}): ${b.factor}× the budget of the ${percent(objective)} ${slo} SLO, which would be spent in ${days} days of a ${SLO_PERIOD_DAYS}-day period.`,
        ),
      );
    }
  }
  return rules;
}

function healthAlerts(o: Resolved): AlertingRule[] {
  const interval = o.evaluatorIntervalSeconds;
  const lagLimit = 3 * interval;
  const runWindow = promDuration(Math.max(300, 5 * interval));
  const failed = 'modelwatch_notifications_total{outcome="failed"}';
  const dropped = 'modelwatch_metric_series_dropped_total';
  return [
    alertRule(
      o,
      'IngestQueueSaturated',
      `modelwatch_ingest_queue_depth >= ${o.queueHighWater}`,
      300,
      { severity: 'page' },
      'Ingest queue above its high-water mark',
      `{{ $value | humanize }} records wait to be committed on {{ $labels.instance }} (high-water mark ${o.queueHighWater}); new batches get 503 once the queue is full.`,
    ),
    alertRule(
      o,
      'EvaluatorLagging',
      [
        `modelwatch_evaluator_lag_seconds > ${lagLimit}`,
        'or',
        `increase(modelwatch_evaluator_run_duration_seconds_count[${runWindow}]) == 0`,
      ].join('\n'),
      600,
      { severity: 'ticket' },
      'Evaluator loop lagging or stopped',
      `The evaluator on {{ $labels.instance }} lags more than ${lagLimit} s or has finished no run in ${runWindow} (value {{ $value | humanize }}: the lag in s, or 0 runs): SLIs, drift, quality and rollout decisions are stale.`,
    ),
    alertRule(
      o,
      'NotificationFailures',
      [`increase(${failed}[15m]) > 0`, 'or', `(${failed} > 0 unless ${failed} offset 15m)`].join('\n'),
      60,
      { severity: 'page' },
      'Alert notifications are failing',
      'Notifications through {{ $labels.channel }} channels on {{ $labels.instance }} failed after their retries within 15 min: alerts may not reach anyone.',
    ),
    alertRule(
      o,
      'MetricSeriesDropped',
      [`increase(${dropped}[1h]) > 0`, 'or', `(${dropped} > 0 unless ${dropped} offset 1h)`].join('\n'),
      900,
      { severity: 'ticket' },
      'Metric series folded into __other__',
      'Updates of {{ $labels.family }} on {{ $labels.instance }} land in its __other__ series: a cardinality limit is reached.',
    ),
  ];
}
