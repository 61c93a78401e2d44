import { MODEL_LATENCY_BUCKETS } from '../telemetry/index.js';
import { ExportError } from './export-error.js';
import { DEFAULT_SLO_OBJECTIVES, type SloObjectives } from './prometheus-rules.js';

/** Options of `grafanaDashboard`; the defaults are those of `prometheusRules`. */
export interface GrafanaDashboardOptions {
  /** SLO objectives drawn as targets and used for budgets and burn rates (default `DEFAULT_SLO_OBJECTIVES`). */
  readonly slo?: Partial<SloObjectives>;
  /** Latency SLO threshold in ms, a bucket bound of `model_inference_latency_seconds` (default 5000). */
  readonly latencyThresholdMs?: number;
  /** Bucket bounds (s) of `model_inference_latency_seconds` (default TelemetryMetrics's). */
  readonly latencyBuckets?: readonly number[];
  /** Quality threshold drawn on the quality panel (default 0.75). */
  readonly qualityThreshold?: number;
  /** Drift threshold drawn on the drift panels (default 0.2). */
  readonly driftThreshold?: number;
  /** Dashboard uid (default `modelwatch`). */
  readonly uid?: string;
}

/** A query of a panel. */
export interface GrafanaTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat: string;
  readonly datasource: GrafanaDatasourceRef;
  readonly range: boolean;
  readonly instant: boolean;
  readonly format?: 'table' | 'time_series';
}

export interface GrafanaDatasourceRef {
  readonly type: 'prometheus';
  /** The `datasource` variable. */
  readonly uid: string;
}

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** A panel (or a row, which has no targets). */
export interface GrafanaPanel {
  readonly id: number;
  readonly type: string;
  readonly title: string;
  readonly gridPos: GridPos;
  readonly description?: string;
  readonly datasource?: GrafanaDatasourceRef;
  readonly targets?: readonly GrafanaTarget[];
  readonly collapsed?: boolean;
  readonly panels?: readonly GrafanaPanel[];
  readonly fieldConfig?: unknown;
  readonly options?: unknown;
}

/** A Grafana dashboard (JSON model, schema version 39), ready for import. */
export interface GrafanaDashboard {
  readonly __inputs: readonly unknown[];
  readonly __requires: readonly unknown[];
  readonly uid: string;
  readonly title: string;
  readonly schemaVersion: number;
  readonly panels: readonly GrafanaPanel[];
  readonly templating: { readonly list: readonly Record<string, unknown>[] };
  readonly [key: string]: unknown;
}

/** Grafana's variable syntax, not a JavaScript placeholder. */
const DATASOURCE_VARIABLE = '$' + '{datasource}';
const DS: GrafanaDatasourceRef = { type: 'prometheus', uid: DATASOURCE_VARIABLE };
const F = 'project_id=~"$project_id",model_id=~"$model_id"';
const REQ = 'model_inference_requests_total';
const LAT = 'model_inference_latency_seconds';

interface PanelSpec {
  readonly type: 'timeseries' | 'stat' | 'table' | 'bargauge';
  readonly title: string;
  readonly description: string;
  readonly w: number;
  readonly unit: string;
  readonly targets: readonly { expr: string; legend: string; instant?: boolean; table?: boolean }[];
  /** Threshold lines (red from this value; `below` for a lower bound). */
  readonly threshold?: { value: number; below?: boolean };
  readonly min?: number;
  readonly max?: number;
}

/** `(errors or 0 × all) / all` per model over `window`, shadow traffic excluded. */
function availabilityErrorRatio(window: string): string {
  const all = `${REQ}{${F},variant!="shadow"}`;
  return `((sum by (model_id) (rate(${REQ}{${F},status="error",variant!="shadow"}[${window}])) or 0 * sum by (model_id) (rate(${all}[${window}]))) / sum by (model_id) (rate(${all}[${window}])))`;
}

function latencyErrorRatio(window: string, le: string): string {
  return `(1 - sum by (model_id) (rate(${LAT}_bucket{${F},variant!="shadow",${le}}[${window}])) / sum by (model_id) (rate(${LAT}_count{${F},variant!="shadow"}[${window}])))`;
}

/**
 * A Grafana dashboard over modelwatch's `/metrics` with seed 002's three views as rows:
 * **executive** (requests, availability against the SLO, error budget remaining, cost per day,
 * quality), **on-call** (errors by type, latency p50/p95/p99, burn rates, firing alerts, drift,
 * error ratio per variant for canaries) and **debug** (drift per feature, tokens, ingest queue,
 * accepted and rejected records, evaluator lag and run time, folded series).
 *
 * The data source is the `${datasource}` variable (a Prometheus input on import); `project_id`
 * and `model_id` are multi-value variables from `label_values`. Every query reads series the
 * exporter exposes (docs/METRICS.md), plus Prometheus's `ALERTS`; none needs the exported rules.
 * @throws {ExportError} `invalid_option` naming the option, the expectation and the value.
 */
export function grafanaDashboard(options: GrafanaDashboardOptions = {}): GrafanaDashboard {
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
  const seconds = thresholdMs / 1000;
  if (!buckets.includes(seconds)) {
    throw new ExportError(
      'invalid_option',
      `latencyThresholdMs: expected a bucket bound of model_inference_latency_seconds in ms (${buckets
        .map((b) => b * 1000)
        .join(', ')}) (got ${thresholdMs})`,
      'latencyThresholdMs',
    );
  }
  const quality = options.qualityThreshold ?? 0.75;
  const drift = options.driftThreshold ?? 0.2;
  for (const [name, value] of [
    ['qualityThreshold', quality],
    ['driftThreshold', drift],
  ] as const) {
    if (!Number.isFinite(value)) {
      throw new ExportError('invalid_option', `${name}: expected a finite number (got ${value})`, name);
    }
  }
  const le = Number.isInteger(seconds) ? `le=~"${seconds}|${seconds}\\\\.0"` : `le="${seconds}"`;
  const all = `${REQ}{${F}}`;

  const executive: PanelSpec[] = [
    {
      type: 'timeseries',
      title: 'Requests per second',
      description: 'Inference requests per second by model (every variant and status).',
      w: 8,
      unit: 'reqps',
      targets: [{ expr: `sum by (model_id) (rate(${all}[$__rate_interval]))`, legend: '{{model_id}}' }],
    },
    {
      type: 'timeseries',
      title: 'Availability (1 h) vs SLO',
      description:
        'Share of non-shadow requests answered ok over the last hour; the flat line is the availability objective.',
      w: 8,
      unit: 'percentunit',
      targets: [
        { expr: `1 - ${availabilityErrorRatio('1h')}`, legend: '{{model_id}}' },
        { expr: 'vector($slo_availability)', legend: 'SLO' },
      ],
      threshold: { value: slo.availability, below: true },
    },
    {
      type: 'bargauge',
      title: 'Error budget remaining (30 d)',
      description:
        'Share of the 30-day availability error budget left: 1 − (error ratio over 30 d) / (1 − objective). Below 0 the SLO is missed.',
      w: 8,
      unit: 'percentunit',
      targets: [
        {
          expr: `1 - ${availabilityErrorRatio('30d')} / (1 - $slo_availability)`,
          legend: '{{model_id}}',
          instant: true,
        },
      ],
      threshold: { value: 0.25, below: true },
      min: 0,
      max: 1,
    },
    {
      type: 'timeseries',
      title: 'Cost per day (USD)',
      description: 'Inference cost over the preceding 24 h, by model (events that report costUsd).',
      w: 12,
      unit: 'currencyUSD',
      targets: [
        {
          expr: `sum by (model_id) (increase(model_inference_cost_usd_total{${F}}[1d]))`,
          legend: '{{model_id}}',
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Quality score',
      description: `Latest quality metrics from the evaluator; ModelQualityDegraded fires when accuracy_recent (the 100 most recent labelled predictions), or the 30-min average of another metric, stays below ${quality}.`,
      w: 12,
      unit: 'none',
      targets: [{ expr: `avg by (model_id, metric) (model_quality_score{${F}})`, legend: '{{model_id}} {{metric}}' }],
      threshold: { value: quality, below: true },
    },
  ];

  const onCall: PanelSpec[] = [
    {
      type: 'timeseries',
      title: 'Errors per second by type',
      description: 'Failed requests per second by model and error type.',
      w: 8,
      unit: 'reqps',
      targets: [
        {
          expr: `sum by (model_id, error_type) (rate(model_inference_errors_total{${F}}[$__rate_interval]))`,
          legend: '{{model_id}} {{error_type}}',
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Latency p50 / p95 / p99',
      description: 'Latency quantiles from the histogram buckets (linear interpolation inside a bucket).',
      w: 8,
      unit: 's',
      targets: [0.5, 0.95, 0.99].map((q) => ({
        expr: `histogram_quantile(${q}, sum by (model_id, le) (rate(${LAT}_bucket{${F}}[$__rate_interval])))`,
        legend: `{{model_id}} p${q * 100}`,
      })),
      threshold: { value: seconds },
    },
    {
      type: 'timeseries',
      title: 'Error ratio by variant (canary delta)',
      description:
        'Share of failed requests per variant over 5 min: a canary above its control is the first sign of a bad release.',
      w: 8,
      unit: 'percentunit',
      targets: [
        {
          expr: `sum by (model_id, variant) (rate(${REQ}{${F},status="error"}[5m])) / sum by (model_id, variant) (rate(${all}[5m]))`,
          legend: '{{model_id}} {{variant}}',
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Availability burn rate',
      description:
        'Error ratio / (1 − objective) over 5 min, 1 h and 6 h. 14.4 over 1 h (and 5 min) and 6 over 6 h (and 30 min) page; above 2, pause rollouts.',
      w: 8,
      unit: 'none',
      targets: ['5m', '1h', '6h'].map((w) => ({
        expr: `${availabilityErrorRatio(w)} / (1 - $slo_availability)`,
        legend: `{{model_id}} ${w}`,
      })),
      threshold: { value: 14.4 },
    },
    {
      type: 'timeseries',
      title: `Latency burn rate (≤ ${seconds} s)`,
      description: `Share of requests slower than ${seconds} s / (1 − latency objective) over 5 min, 1 h and 6 h.`,
      w: 8,
      unit: 'none',
      targets: ['5m', '1h', '6h'].map((w) => ({
        expr: `${latencyErrorRatio(w, le)} / (1 - $slo_latency)`,
        legend: `{{model_id}} ${w}`,
      })),
      threshold: { value: 14.4 },
    },
    {
      type: 'timeseries',
      title: 'Drift score (worst feature)',
      description: `Highest drift score of each model; InputDriftDetected fires above ${drift} for 15 min.`,
      w: 8,
      unit: 'none',
      targets: [{ expr: `max by (model_id) (model_drift_score{${F}})`, legend: '{{model_id}}' }],
      threshold: { value: drift },
    },
    {
      type: 'table',
      title: 'Firing alerts',
      description: 'Alerts firing now in this Prometheus (the exported rules and any others).',
      w: 24,
      unit: 'none',
      targets: [{ expr: 'ALERTS{alertstate="firing"}', legend: '', instant: true, table: true }],
    },
  ];

  const debug: PanelSpec[] = [
    {
      type: 'timeseries',
      title: 'Drift score per feature',
      description: 'Drift score of every monitored feature against the baseline.',
      w: 12,
      unit: 'none',
      targets: [{ expr: `model_drift_score{${F}}`, legend: '{{model_id}} {{feature}}' }],
      threshold: { value: drift },
    },
    {
      type: 'timeseries',
      title: 'Tokens per second',
      description: 'Prompt (input) and completion (output) tokens per second.',
      w: 12,
      unit: 'short',
      targets: [
        {
          expr: `sum by (model_id, direction) (rate(model_inference_tokens_total{${F}}[$__rate_interval]))`,
          legend: '{{model_id}} {{direction}}',
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Ingest queue depth',
      description:
        'Records accepted over HTTP and not yet committed; ingest answers 503 when ingest.queueSize is reached.',
      w: 8,
      unit: 'short',
      targets: [{ expr: 'sum by (instance) (modelwatch_ingest_queue_depth)', legend: '{{instance}}' }],
    },
    {
      type: 'timeseries',
      title: 'Ingested and rejected records per second',
      description: 'Records durably appended by kind, and records rejected by kind and reason.',
      w: 8,
      unit: 'short',
      targets: [
        {
          expr: 'sum by (kind) (rate(modelwatch_ingest_records_accepted_total[$__rate_interval]))',
          legend: 'accepted {{kind}}',
        },
        {
          expr: 'sum by (kind, reason) (rate(modelwatch_ingest_records_rejected_total[$__rate_interval]))',
          legend: 'rejected {{kind}} {{reason}}',
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Evaluator lag and run time',
      description: 'Age of the newest data the evaluator has processed, and the p95 duration of its runs.',
      w: 8,
      unit: 's',
      targets: [
        { expr: 'max by (instance) (modelwatch_evaluator_lag_seconds)', legend: 'lag {{instance}}' },
        {
          expr: 'histogram_quantile(0.95, sum by (instance, le) (rate(modelwatch_evaluator_run_duration_seconds_bucket[$__rate_interval])))',
          legend: 'run p95 {{instance}}',
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Commit latency p99 and batch size',
      description: 'p99 duration of a durable batch commit, and the mean records per commit.',
      w: 12,
      unit: 's',
      targets: [
        {
          expr: 'histogram_quantile(0.99, sum by (le) (rate(modelwatch_ingest_commit_duration_seconds_bucket[$__rate_interval])))',
          legend: 'commit p99',
        },
        {
          expr: 'sum(rate(modelwatch_ingest_committed_records_total[$__rate_interval])) / sum(rate(modelwatch_ingest_commit_duration_seconds_count[$__rate_interval]))',
          legend: 'records per commit',
        },
      ],
    },
    {
      type: 'timeseries',
      title: 'Series folded into __other__ (1 h)',
      description: 'Updates counted under __other__ by family: a cardinality limit is reached (docs/METRICS.md).',
      w: 12,
      unit: 'short',
      targets: [
        {
          expr: 'sum by (family) (increase(modelwatch_metric_series_dropped_total[1h]))',
          legend: '{{family}}',
        },
      ],
    },
  ];

  const panels: GrafanaPanel[] = [];
  let id = 1;
  let y = 0;
  for (const [title, specs] of [
    ['Executive', executive],
    ['On-call', onCall],
    ['Debug', debug],
  ] as const) {
    panels.push({ id: id++, type: 'row', title, collapsed: false, gridPos: { x: 0, y, w: 24, h: 1 }, panels: [] });
    y += 1;
    let x = 0;
    const h = 8;
    for (const spec of specs) {
      if (x + spec.w > 24) {
        x = 0;
        y += h;
      }
      panels.push(panel(id++, spec, { x, y, w: spec.w, h }));
      x += spec.w;
    }
    y += h;
  }

  return {
    __inputs: [
      {
        name: 'DS_PROMETHEUS',
        label: 'Prometheus',
        description: 'The Prometheus that scrapes modelwatch /metrics',
        type: 'datasource',
        pluginId: 'prometheus',
        pluginName: 'Prometheus',
      },
    ],
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: '10.4.0' },
      { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
      ...['timeseries', 'stat', 'table', 'bargauge'].map((p) => ({ type: 'panel', id: p, name: p, version: '' })),
    ],
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    description: 'modelwatch: executive, on-call and debug views over its Prometheus metrics (docs/METRICS.md).',
    editable: true,
    fiscalYearStartMonth: 0,
    graphTooltip: 1,
    id: null,
    links: [],
    panels,
    refresh: '1m',
    schemaVersion: 39,
    tags: ['modelwatch'],
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Data source',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
          includeAll: false,
          multi: false,
          options: [],
          refresh: 1,
          regex: '',
        },
        labelVariable('project_id', 'Project', 'label_values(model_inference_requests_total, project_id)'),
        labelVariable(
          'model_id',
          'Model',
          'label_values(model_inference_requests_total{project_id=~"$project_id"}, model_id)',
        ),
        constant('slo_availability', 'Availability objective', slo.availability),
        constant('slo_latency', 'Latency objective', slo.latency),
      ],
    },
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    timezone: 'browser',
    title: 'modelwatch',
    uid: options.uid ?? 'modelwatch',
    version: 1,
    weekStart: '',
  };
}

function labelVariable(name: string, label: string, query: string): Record<string, unknown> {
  return {
    name,
    label,
    type: 'query',
    datasource: DS,
    definition: query,
    query: { query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
    current: {},
    hide: 0,
    includeAll: true,
    allValue: '.*',
    multi: true,
    options: [],
    refresh: 2,
    regex: '',
    sort: 1,
  };
}

function constant(name: string, label: string, value: number): Record<string, unknown> {
  const text = String(value);
  return {
    name,
    label,
    type: 'constant',
    query: text,
    current: { text, value: text },
    hide: 2,
    options: [{ selected: true, text, value: text }],
  };
}

function panel(id: number, spec: PanelSpec, gridPos: GridPos): GrafanaPanel {
  const steps: { color: string; value: number | null }[] =
    spec.threshold === undefined
      ? [{ color: 'green', value: null }]
      : spec.threshold.below
        ? [
            { color: 'red', value: null },
            { color: 'green', value: spec.threshold.value },
          ]
        : [
            { color: 'green', value: null },
            { color: 'red', value: spec.threshold.value },
          ];
  const defaults: Record<string, unknown> = {
    unit: spec.unit,
    thresholds: { mode: 'absolute', steps },
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max }),
    ...(spec.type === 'timeseries' && spec.threshold !== undefined
      ? { custom: { thresholdsStyle: { mode: 'line' } } }
      : {}),
  };
  return {
    id,
    type: spec.type,
    title: spec.title,
    description: spec.description,
    datasource: DS,
    gridPos,
    targets: spec.targets.map((t, i) => ({
      refId: String.fromCharCode(65 + i),
      expr: t.expr,
      legendFormat: t.legend,
      datasource: DS,
      range: t.instant !== true,
      instant: t.instant === true,
      ...(t.table === true ? { format: 'table' as const } : {}),
    })),
    fieldConfig: { defaults, overrides: [] },
    options:
      spec.type === 'table'
        ? { showHeader: true }
        : spec.type === 'bargauge'
          ? { displayMode: 'gradient', orientation: 'horizontal', reduceOptions: { calcs: ['lastNotNull'] } }
          : { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi' } },
  };
}
