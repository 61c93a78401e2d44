import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { ERROR_TYPES, type InferenceEvent, VARIANTS } from '../../domain/inference-event.js';
import { COMMIT_DURATION_BUCKETS, checkedBuckets, EVALUATOR_RUN_BUCKETS, MODEL_LATENCY_BUCKETS } from './buckets.js';
import { familyExport } from './family-export.js';
import { GuardedFamily } from './guarded-family.js';
import { labelValue, OTHER_LABEL_VALUE } from './label-value.js';
import { TelemetryError } from './telemetry-error.js';

/** How `model_id` is built from an event: `"model:version"` (default) or the model name alone. */
export type ModelIdFormat = 'model:version' | 'model';

/** Options of `TelemetryMetrics`; every limit is documented in docs/METRICS.md. */
export interface TelemetryMetricsOptions {
  /** `model_id` of an event (default `'model:version'`: baselines, drift and canaries are per version). */
  readonly modelId?: ModelIdFormat;
  /** Most series of any one family, its `__other__` series included (default 1 000). */
  readonly maxSeriesPerFamily?: number;
  /** Most distinct (project, model_id) pairs; later ones are counted as model_id `__other__` (default 100). */
  readonly maxModelIds?: number;
  /** Most `feature` values of `model_drift_score` per model; later ones fold into `__other__` (default 50). */
  readonly maxFeaturesPerModel?: number;
  /** Most `metric` values of `model_quality_score` per model; later ones fold into `__other__` (default 20). */
  readonly maxMetricsPerModel?: number;
  /**
   * Most distinct (project, experiment) pairs of `model_rollout_rollbacks` and
   * `model_experiment_srm_p_value` together; later ones are set as experiment `__other__` (default 100).
   */
  readonly maxExperiments?: number;
  /** Label values are cut to this many UTF-16 units (default 128). */
  readonly maxLabelValueLength?: number;
  /** Bucket bounds (seconds) of `model_inference_latency_seconds` (default `MODEL_LATENCY_BUCKETS`). */
  readonly latencyBuckets?: readonly number[];
  /** Bucket bounds (seconds) of `modelwatch_ingest_commit_duration_seconds`. */
  readonly commitBuckets?: readonly number[];
  /** Bucket bounds (seconds) of `modelwatch_evaluator_run_duration_seconds`. */
  readonly evaluatorRunBuckets?: readonly number[];
  /** Process metrics (CPU, memory, event loop, GC) prefixed `modelwatch_` (default true). */
  readonly processMetrics?: boolean;
}

/** Which series a scrape sees: one project's model series (plus server health), or all of them. */
export interface MetricsScope {
  readonly projectId?: string;
}

/** An experiment whose gauges to keep (`retainExperimentGauges`): its project and id. */
export interface ExperimentKey {
  readonly projectId: string;
  readonly experiment: string;
}

/** Series indices of one (project, model, version), resolved on first use; -1 = not yet. */
interface ModelSlot {
  readonly project: string;
  readonly modelId: string;
  /** True for the `__other__` model of a project (the model-id limit was reached). */
  readonly folded: boolean;
  /** [variant * 2 + (status === 'ok' ? 0 : 1)]; the last variant index is for unknown variants. */
  readonly requests: Int32Array;
  /** [variant]. */
  readonly latency: Int32Array;
  /** [0 = input, 1 = output]. */
  readonly tokens: Int32Array;
  /** [0]. */
  readonly cost: Int32Array;
  /** [error type]; the last index is for unknown types. */
  readonly errors: Int32Array;
}

interface ProjectState {
  /** Sanitised project id, the `project_id` label. */
  readonly id: string;
  /** model → version → slot. */
  readonly models: Map<string, Map<string, ModelSlot>>;
  /** Admitted model ids, each with its admitted `metric` and `feature` values. */
  readonly modelIds: Map<string, { metrics: Set<string>; features: Set<string> }>;
  /** Admitted `experiment` label values. */
  readonly experiments: Set<string>;
  other: ModelSlot | undefined;
}

const VARIANT_LABELS: readonly string[] = [...VARIANTS, OTHER_LABEL_VALUE];
const VARIANT_INDEX = new Map<string, number>(VARIANTS.map((v, i) => [v, i]));
const ERROR_LABELS: readonly string[] = [...ERROR_TYPES, OTHER_LABEL_VALUE];
const ERROR_INDEX = new Map<string, number>(ERROR_TYPES.map((t, i) => [t, i]));
const DIRECTIONS = ['input', 'output'] as const;
const STATUSES = ['ok', 'error'] as const;

/**
 * The Prometheus exporter of modelwatch (issue 6): the model families of the seed article
 * (requests, latency, quality, drift) plus tokens, cost and errors by type, modelwatch's own
 * health (ingest queue, accepted / rejected / duplicate records, commit latency, evaluator lag
 * and run time, store size) and process metrics, all on an explicit `Registry` (never
 * prom-client's global one).
 *
 * Cardinality is bounded: every family holds at most `maxSeriesPerFamily` series, model ids,
 * quality metrics and drift features are limited too; label sets beyond a limit are counted in
 * `__other__` series (totals are kept) and in `modelwatch_metric_series_dropped_total{family}`.
 *
 * Model series carry `project_id`: a scrape with a project's key sees that project only
 * (`metrics({ projectId })`), as everywhere else in modelwatch.
 *
 * `recordEvents` runs on the ingest path: series indices are resolved once per (project, model,
 * version) and cached in typed arrays, so an event costs a few array updates, no hashing and no
 * allocation (bench/telemetry/record-events.mjs measures it against prom-client's `labels().inc()`).
 */
export class TelemetryMetrics {
  /** Every metric of every project, for an unscoped scrape. */
  readonly registry: Registry;
  readonly #health = new Registry();
  readonly #modelIdFormat: ModelIdFormat;
  readonly #maxModelIds: number;
  readonly #maxFeatures: number;
  readonly #maxMetrics: number;
  readonly #maxLength: number;
  readonly #projects = new Map<string, ProjectState>();
  #modelIdCount = 0;
  readonly #maxExperiments: number;
  #experimentCount = 0;

  readonly #requests: GuardedFamily;
  readonly #latency: GuardedFamily;
  readonly #tokens: GuardedFamily;
  readonly #cost: GuardedFamily;
  readonly #errors: GuardedFamily;
  readonly #quality: GuardedFamily;
  readonly #drift: GuardedFamily;
  readonly #rollbacks: GuardedFamily;
  readonly #srm: GuardedFamily;
  readonly #modelFamilies: readonly GuardedFamily[];

  readonly #accepted: GuardedFamily;
  readonly #rejected: GuardedFamily;
  readonly #duplicates: GuardedFamily;
  readonly #allFamilies: readonly GuardedFamily[];

  readonly #queueDepth: Gauge;
  readonly #commitDuration: Histogram;
  readonly #committedRecords: Counter;
  readonly #evaluatorLag: Gauge;
  readonly #evaluatorRun: Histogram;
  readonly #storeSize: Gauge;
  readonly #notifications: Counter;

  constructor(options: TelemetryMetricsOptions = {}) {
    const maxSeries = positiveInteger('maxSeriesPerFamily', options.maxSeriesPerFamily ?? 1_000);
    this.#maxModelIds = positiveInteger('maxModelIds', options.maxModelIds ?? 100);
    this.#maxFeatures = positiveInteger('maxFeaturesPerModel', options.maxFeaturesPerModel ?? 50);
    this.#maxMetrics = positiveInteger('maxMetricsPerModel', options.maxMetricsPerModel ?? 20);
    this.#maxExperiments = positiveInteger('maxExperiments', options.maxExperiments ?? 100);
    this.#maxLength = positiveInteger('maxLabelValueLength', options.maxLabelValueLength ?? 128);
    const format = options.modelId ?? 'model:version';
    if (format !== 'model:version' && format !== 'model') {
      throw new TelemetryError(
        'invalid_option',
        `modelId: expected "model:version" or "model" (got ${String(format)})`,
      );
    }
    this.#modelIdFormat = format;
    const latencyBuckets = checkedBuckets('latencyBuckets', options.latencyBuckets ?? MODEL_LATENCY_BUCKETS);
    const commitBuckets = checkedBuckets('commitBuckets', options.commitBuckets ?? COMMIT_DURATION_BUCKETS);
    const runBuckets = checkedBuckets('evaluatorRunBuckets', options.evaluatorRunBuckets ?? EVALUATOR_RUN_BUCKETS);

    const family = (
      name: string,
      help: string,
      type: GuardedFamily['type'],
      labelNames: string[],
      buckets?: readonly number[],
    ) => new GuardedFamily({ name, help, type, labelNames, maxSeries, ...(buckets ? { buckets } : {}) });
    this.#requests = family(
      'model_inference_requests_total',
      'Inference requests reported to modelwatch, by outcome.',
      'counter',
      ['project_id', 'model_id', 'variant', 'status'],
    );
    this.#latency = family(
      'model_inference_latency_seconds',
      'Inference latency reported by the serving application, in seconds.',
      'histogram',
      ['project_id', 'model_id', 'variant'],
      latencyBuckets,
    );
    this.#tokens = family(
      'model_inference_tokens_total',
      'Tokens consumed by inferences, by direction (input = prompt, output = completion).',
      'counter',
      ['project_id', 'model_id', 'direction'],
    );
    this.#cost = family(
      'model_inference_cost_usd_total',
      'Inference cost reported by the serving application, in US dollars.',
      'counter',
      ['project_id', 'model_id'],
    );
    this.#errors = family('model_inference_errors_total', 'Failed inferences by error type.', 'counter', [
      'project_id',
      'model_id',
      'error_type',
    ]);
    this.#quality = family(
      'model_quality_score',
      'Latest quality metric of a model, computed by the evaluator loop.',
      'gauge',
      ['project_id', 'model_id', 'metric'],
    );
    this.#drift = family(
      'model_drift_score',
      'Latest drift score of a feature against the model baseline, computed by the evaluator loop.',
      'gauge',
      ['project_id', 'model_id', 'feature'],
    );
    this.#rollbacks = family(
      'model_rollout_rollbacks',
      "Rollbacks and aborts of an experiment's rollout within the evaluator window, computed by the evaluator loop.",
      'gauge',
      ['project_id', 'experiment'],
    );
    this.#srm = family(
      'model_experiment_srm_p_value',
      "Sample-ratio-mismatch p-value of a running experiment's units per arm over the evaluator window, computed by the evaluator loop.",
      'gauge',
      ['project_id', 'experiment'],
    );
    this.#modelFamilies = [
      this.#requests,
      this.#latency,
      this.#tokens,
      this.#cost,
      this.#errors,
      this.#quality,
      this.#drift,
      this.#rollbacks,
      this.#srm,
    ];

    this.#accepted = family(
      'modelwatch_ingest_records_accepted_total',
      'Records durably appended by ingest, by kind.',
      'counter',
      ['kind'],
    );
    this.#rejected = family(
      'modelwatch_ingest_records_rejected_total',
      'Records rejected by ingest, by kind and reason.',
      'counter',
      ['kind', 'reason'],
    );
    this.#duplicates = family(
      'modelwatch_ingest_records_duplicate_total',
      'Records ignored by ingest as duplicates of stored ones, by kind.',
      'counter',
      ['kind'],
    );
    this.#allFamilies = [...this.#modelFamilies, this.#accepted, this.#rejected, this.#duplicates];

    const health = this.#health;
    for (const f of [this.#accepted, this.#rejected, this.#duplicates]) health.registerMetric(familyExport(f));
    this.#queueDepth = new Gauge({
      name: 'modelwatch_ingest_queue_depth',
      help: 'Records accepted by the HTTP layer and not yet committed to the store.',
      registers: [health],
    });
    this.#commitDuration = new Histogram({
      name: 'modelwatch_ingest_commit_duration_seconds',
      help: 'Time to commit one ingest batch to the store, in seconds.',
      buckets: [...commitBuckets],
      registers: [health],
    });
    this.#committedRecords = new Counter({
      name: 'modelwatch_ingest_committed_records_total',
      help: 'Records written by ingest batch commits.',
      registers: [health],
    });
    this.#evaluatorLag = new Gauge({
      name: 'modelwatch_evaluator_lag_seconds',
      help: 'Age of the newest data the evaluator loop has processed, in seconds.',
      registers: [health],
    });
    this.#evaluatorRun = new Histogram({
      name: 'modelwatch_evaluator_run_duration_seconds',
      help: 'Duration of one evaluator loop run, in seconds.',
      buckets: [...runBuckets],
      registers: [health],
    });
    this.#storeSize = new Gauge({
      name: 'modelwatch_store_size_bytes',
      help: 'Size of the store on disk, in bytes.',
      registers: [health],
    });
    this.#notifications = new Counter({
      name: 'modelwatch_notifications_total',
      help: 'Alert notifications by channel type and outcome (sent, failed after its retries, retried attempt).',
      labelNames: ['channel', 'outcome'],
      registers: [health],
    });
    const families = this.#allFamilies;
    new Gauge({
      name: 'modelwatch_metric_series',
      help: 'Series currently held by each guarded metric family.',
      labelNames: ['family'],
      registers: [health],
      collect() {
        for (const f of families) this.set({ family: f.name }, f.size);
      },
    });
    new Counter({
      name: 'modelwatch_metric_series_dropped_total',
      help: 'Updates counted under __other__ labels because a cardinality limit was reached, by family.',
      labelNames: ['family'],
      registers: [health],
      collect() {
        this.reset();
        for (const f of families) this.inc({ family: f.name }, f.folded);
      },
    });
    if (options.processMetrics ?? true) {
      collectDefaultMetrics({ register: health, prefix: 'modelwatch_' });
      // prom-client names three gauges `…_total`, which Prometheus reserves for counters
      // (promtool flags them); their per-type twins (`…_active_handles{type}` etc.) stay.
      for (const name of ['active_handles_total', 'active_requests_total', 'active_resources_total']) {
        health.removeSingleMetric(`modelwatch_nodejs_${name}`);
      }
    }
    this.registry = Registry.merge([this.#modelRegistry(undefined), health]);
  }

  /** The exposition's content type (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition: every project's model series, or only `scope.projectId`'s, plus server health. */
  async metrics(scope: MetricsScope = {}): Promise<string> {
    if (scope.projectId === undefined) return this.registry.metrics();
    const project = labelValue(scope.projectId, this.#maxLength);
    return Registry.merge([this.#modelRegistry(project), this.#health]).metrics();
  }

  /** The `model_id` label of an event's model and version (before sanitising and limits). */
  modelIdOf(model: string, version: string): string {
    return this.#modelIdFormat === 'model' ? model : `${model}:${version}`;
  }

  /**
   * Counts validated inference events (InferenceEventSchema) of a project: requests by variant
   * and status, latency, tokens, cost and errors by type. Throws, before counting anything, if a
   * number is negative or not finite.
   */
  recordEvents(projectId: string, events: readonly InferenceEvent[]): void {
    for (let i = 0; i < events.length; i++) checkEvent(events[i] as InferenceEvent, i);
    const project = this.#project(projectId);
    const requests = this.#requests;
    const latency = this.#latency;
    const tokens = this.#tokens;
    const cost = this.#cost;
    const errors = this.#errors;
    let slot: ModelSlot | undefined;
    let lastModel = '';
    let lastVersion = '';
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as InferenceEvent;
      if (slot === undefined || e.model !== lastModel || e.version !== lastVersion) {
        slot = this.#slot(project, e.model, e.version);
        lastModel = e.model;
        lastVersion = e.version;
      }
      const folded = slot.folded;
      const v = VARIANT_INDEX.get(e.variant) ?? VARIANTS.length;
      const failed = e.status !== 'ok';

      const r = v * 2 + (failed ? 1 : 0);
      let s = slot.requests[r] as number;
      if (s < 0)
        s = slot.requests[r] = requests.series([
          slot.project,
          slot.modelId,
          VARIANT_LABELS[v] as string,
          STATUSES[failed ? 1 : 0],
        ]);
      requests.values[s] = (requests.values[s] as number) + 1;
      if (folded || s === requests.overflowIndex) requests.folded++;

      s = slot.latency[v] as number;
      if (s < 0) s = slot.latency[v] = latency.series([slot.project, slot.modelId, VARIANT_LABELS[v] as string]);
      latency.observe(s, e.latencyMs / 1000);
      if (folded || s === latency.overflowIndex) latency.folded++;

      const t = e.tokens;
      if (t !== undefined) {
        if (t.input !== undefined) {
          s = slot.tokens[0] as number;
          if (s < 0) s = slot.tokens[0] = tokens.series([slot.project, slot.modelId, DIRECTIONS[0]]);
          tokens.values[s] = (tokens.values[s] as number) + t.input;
          if (folded || s === tokens.overflowIndex) tokens.folded++;
        }
        if (t.output !== undefined) {
          s = slot.tokens[1] as number;
          if (s < 0) s = slot.tokens[1] = tokens.series([slot.project, slot.modelId, DIRECTIONS[1]]);
          tokens.values[s] = (tokens.values[s] as number) + t.output;
          if (folded || s === tokens.overflowIndex) tokens.folded++;
        }
      }
      if (e.costUsd !== undefined) {
        s = slot.cost[0] as number;
        if (s < 0) s = slot.cost[0] = cost.series([slot.project, slot.modelId]);
        cost.values[s] = (cost.values[s] as number) + e.costUsd;
        if (folded || s === cost.overflowIndex) cost.folded++;
      }
      if (failed) {
        const k = e.errorType === undefined ? ERROR_TYPES.length : (ERROR_INDEX.get(e.errorType) ?? ERROR_TYPES.length);
        s = slot.errors[k] as number;
        if (s < 0) s = slot.errors[k] = errors.series([slot.project, slot.modelId, ERROR_LABELS[k] as string]);
        errors.values[s] = (errors.values[s] as number) + 1;
        if (folded || s === errors.overflowIndex) errors.folded++;
      }
    }
  }

  /** Sets `model_quality_score{model_id, metric}` (the evaluator loop's latest value). */
  setQualityScore(projectId: string, modelId: string, metric: string, value: number): void {
    this.#setModelGauge(this.#quality, 'metrics', projectId, modelId, metric, value, 'setQualityScore');
  }

  /** Sets `model_drift_score{model_id, feature}` (the evaluator loop's latest value). */
  setDriftScore(projectId: string, modelId: string, feature: string, value: number): void {
    this.#setModelGauge(this.#drift, 'features', projectId, modelId, feature, value, 'setDriftScore');
  }

  /**
   * Sets `model_rollout_rollbacks{experiment}`: rollbacks and aborts of the experiment's rollout in
   * the evaluator window (the evaluator's `rollout.rollbacks`; 0 when there were none).
   */
  setRolloutRollbacks(projectId: string, experiment: string, n: number): void {
    nonNegativeInteger('setRolloutRollbacks', 'n', n);
    this.#setExperimentGauge(this.#rollbacks, projectId, experiment, n);
  }

  /**
   * Sets `model_experiment_srm_p_value{experiment}`: the sample-ratio-mismatch p-value of a running
   * experiment over the evaluator window (the evaluator's `experiment.srm_p_value`).
   */
  setExperimentSrmPValue(projectId: string, experiment: string, pValue: number): void {
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new TelemetryError(
        'invalid_value',
        `setExperimentSrmPValue: pValue must be a number in [0, 1] (got ${pValue})`,
      );
    }
    this.#setExperimentGauge(this.#srm, projectId, experiment, pValue);
  }

  /**
   * Leaves out of the exposition every `model_rollout_rollbacks` series not in `keep.rollbacks`
   * and every `model_experiment_srm_p_value` series not in `keep.srmPValue` (a stopped experiment,
   * a deleted rollout, an experiment whose arms have too few units for the test), so Prometheus
   * marks them stale and alerts on them resolve, as the engine's alerts on a signal that is no
   * longer reported do. A series comes back when it is set again. Call it with the complete set of
   * experiment signals of a run, after setting them.
   */
  retainExperimentGauges(keep: {
    readonly rollbacks: readonly ExperimentKey[];
    readonly srmPValue: readonly ExperimentKey[];
  }): void {
    const pairs: [GuardedFamily, readonly ExperimentKey[]][] = [
      [this.#rollbacks, keep.rollbacks],
      [this.#srm, keep.srmPValue],
    ];
    for (const [family, keys] of pairs) {
      const kept = new Set<number>();
      for (const k of keys) {
        const index = family.find(this.#experimentLabels(k.projectId, k.experiment, false));
        if (index !== undefined) kept.add(index);
      }
      for (let i = 0; i < family.size; i++) if (!kept.has(i)) family.unset(i);
    }
  }

  /** Counts `n` records of `kind` (event, outcome, feedback, score) durably appended. */
  recordAccepted(kind: string, n: number): void {
    this.#count(this.#accepted, [kind], n, 'recordAccepted');
  }

  /** Counts `n` records of `kind` rejected for `reason` (a short machine code, not a message). */
  recordRejected(kind: string, reason: string, n: number): void {
    this.#count(this.#rejected, [kind, reason], n, 'recordRejected');
  }

  /** Counts `n` records of `kind` ignored as duplicates. */
  recordDuplicates(kind: string, n: number): void {
    this.#count(this.#duplicates, [kind], n, 'recordDuplicates');
  }

  /** Sets the number of records waiting to be committed. */
  setQueueDepth(n: number): void {
    this.#queueDepth.set(nonNegative('setQueueDepth', 'n', n));
  }

  /** Records one batch commit: its duration and the records it wrote. */
  observeCommit(seconds: number, records: number): void {
    nonNegative('observeCommit', 'seconds', seconds);
    nonNegativeInteger('observeCommit', 'records', records);
    this.#commitDuration.observe(seconds);
    this.#committedRecords.inc(records);
  }

  /** Sets how far behind the newest data the evaluator loop is. */
  setEvaluatorLag(seconds: number): void {
    this.#evaluatorLag.set(nonNegative('setEvaluatorLag', 'seconds', seconds));
  }

  /** Records the duration of one evaluator loop run. */
  observeEvaluatorRun(seconds: number): void {
    this.#evaluatorRun.observe(nonNegative('observeEvaluatorRun', 'seconds', seconds));
  }

  /** Sets the store's size on disk (call it where the size is cheap to read, e.g. after a commit). */
  setStoreSizeBytes(bytes: number): void {
    this.#storeSize.set(nonNegative('setStoreSizeBytes', 'bytes', bytes));
  }

  /**
   * Counts one alert notification outcome (the alert engine's hook). `channel` is the channel type
   * (webhook, slack, alertmanager) — bounded, unlike channel ids — and `outcome` sent, failed or
   * retried; other values are counted under `__other__`.
   */
  recordNotification(channel: string, outcome: 'sent' | 'failed' | 'retried'): void {
    const type = ['webhook', 'slack', 'alertmanager'].includes(channel) ? channel : '__other__';
    const result = ['sent', 'failed', 'retried'].includes(outcome) ? outcome : '__other__';
    this.#notifications.inc({ channel: type, outcome: result });
  }

  #modelRegistry(projectId: string | undefined): Registry {
    const registry = new Registry();
    for (const f of this.#modelFamilies) registry.registerMetric(familyExport(f, projectId));
    return registry;
  }

  #project(projectId: string): ProjectState {
    let p = this.#projects.get(projectId);
    if (p === undefined) {
      p = {
        id: labelValue(projectId, this.#maxLength),
        models: new Map(),
        modelIds: new Map(),
        experiments: new Set(),
        other: undefined,
      };
      this.#projects.set(projectId, p);
    }
    return p;
  }

  /** The admitted `model_id` label for a raw model id, or undefined once the limit is reached. */
  #admit(
    project: ProjectState,
    rawModelId: string,
  ): { id: string; metrics: Set<string>; features: Set<string> } | undefined {
    const id = labelValue(rawModelId, this.#maxLength);
    let entry = project.modelIds.get(id);
    if (entry === undefined) {
      if (this.#modelIdCount >= this.#maxModelIds) return undefined;
      entry = { metrics: new Set(), features: new Set() };
      project.modelIds.set(id, entry);
      this.#modelIdCount++;
    }
    return { id, ...entry };
  }

  #slot(project: ProjectState, model: string, version: string): ModelSlot {
    // With model ids of the model alone, every version of a model shares one slot.
    const versionKey = this.#modelIdFormat === 'model' ? '' : version;
    let versions = project.models.get(model);
    const hit = versions?.get(versionKey);
    if (hit !== undefined) return hit;
    const admitted = this.#admit(project, this.modelIdOf(model, version));
    if (admitted === undefined) {
      // Not cached per name: a flood of new model names must not grow memory. Such events pay
      // a sanitise and a lookup each (the degraded path, visible in the dropped counter).
      project.other ??= newSlot(project.id, OTHER_LABEL_VALUE, true);
      return project.other;
    }
    const slot = newSlot(project.id, admitted.id, false);
    if (versions === undefined) {
      versions = new Map();
      project.models.set(model, versions);
    }
    versions.set(versionKey, slot);
    return slot;
  }

  #setModelGauge(
    family: GuardedFamily,
    kind: 'metrics' | 'features',
    projectId: string,
    modelId: string,
    name: string,
    value: number,
    method: string,
  ): void {
    if (!Number.isFinite(value)) {
      throw new TelemetryError('invalid_value', `${method}: value must be a finite number (got ${value})`);
    }
    const project = this.#project(projectId);
    const admitted = this.#admit(project, modelId);
    let folded = admitted === undefined;
    let label = labelValue(name, this.#maxLength);
    if (admitted !== undefined) {
      const names = admitted[kind];
      const limit = kind === 'metrics' ? this.#maxMetrics : this.#maxFeatures;
      if (!names.has(label)) {
        if (names.size < limit) names.add(label);
        else {
          label = OTHER_LABEL_VALUE;
          folded = true;
        }
      }
    }
    const s = family.series([project.id, admitted?.id ?? OTHER_LABEL_VALUE, label]);
    family.set(s, value);
    if (folded || s === family.overflowIndex) family.folded++;
  }

  /**
   * `[project_id, experiment]` of an experiment's series: its own label once admitted (`admit`:
   * admit it if the limit allows), else `__other__`.
   */
  #experimentLabels(projectId: string, experiment: string, admit = true): [string, string] {
    const project = this.#project(projectId);
    const label = labelValue(experiment, this.#maxLength);
    if (!project.experiments.has(label)) {
      if (!admit || this.#experimentCount >= this.#maxExperiments) return [project.id, OTHER_LABEL_VALUE];
      project.experiments.add(label);
      this.#experimentCount++;
    }
    return [project.id, label];
  }

  #setExperimentGauge(family: GuardedFamily, projectId: string, experiment: string, value: number): void {
    const labels = this.#experimentLabels(projectId, experiment);
    const s = family.series(labels);
    family.set(s, value);
    if (labels[1] === OTHER_LABEL_VALUE || s === family.overflowIndex) family.folded++;
  }

  #count(family: GuardedFamily, labels: readonly string[], n: number, method: string): void {
    nonNegativeInteger(method, 'n', n);
    const s = family.series(labels.map((l) => labelValue(l, this.#maxLength)));
    family.add(s, n);
    if (s === family.overflowIndex) family.folded++;
  }
}

function newSlot(project: string, modelId: string, folded: boolean): ModelSlot {
  return {
    project,
    modelId,
    folded,
    requests: new Int32Array(VARIANT_LABELS.length * 2).fill(-1),
    latency: new Int32Array(VARIANT_LABELS.length).fill(-1),
    tokens: new Int32Array(2).fill(-1),
    cost: new Int32Array(1).fill(-1),
    errors: new Int32Array(ERROR_LABELS.length).fill(-1),
  };
}

function checkEvent(e: InferenceEvent, i: number): void {
  const ms = e.latencyMs;
  if (!(ms >= 0 && ms < Number.POSITIVE_INFINITY)) {
    throw new TelemetryError(
      'invalid_value',
      `recordEvents: events[${i}].latencyMs must be a finite number ≥ 0 (got ${ms})`,
    );
  }
  const c = e.costUsd;
  if (c !== undefined && !(c >= 0 && c < Number.POSITIVE_INFINITY)) {
    throw new TelemetryError(
      'invalid_value',
      `recordEvents: events[${i}].costUsd must be a finite number ≥ 0 (got ${c})`,
    );
  }
  const t = e.tokens;
  if (t !== undefined) {
    if (t.input !== undefined && !(t.input >= 0 && t.input < Number.POSITIVE_INFINITY)) {
      throw new TelemetryError(
        'invalid_value',
        `recordEvents: events[${i}].tokens.input must be a finite number ≥ 0 (got ${t.input})`,
      );
    }
    if (t.output !== undefined && !(t.output >= 0 && t.output < Number.POSITIVE_INFINITY)) {
      throw new TelemetryError(
        'invalid_value',
        `recordEvents: events[${i}].tokens.output must be a finite number ≥ 0 (got ${t.output})`,
      );
    }
  }
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TelemetryError('invalid_option', `${option}: expected an integer ≥ 1 (got ${value})`);
  }
  return value;
}

function nonNegative(method: string, argument: string, value: number): number {
  if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
    throw new TelemetryError('invalid_value', `${method}: ${argument} must be a finite number ≥ 0 (got ${value})`);
  }
  return value;
}

function nonNegativeInteger(method: string, argument: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new TelemetryError('invalid_value', `${method}: ${argument} must be an integer ≥ 0 (got ${value})`);
  }
  return value;
}
