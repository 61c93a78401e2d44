import type { ApiKeyRecord, Project } from '../domain/api-key.js';
import type { Feedback } from '../domain/feedback.js';
import type { InferenceEvent } from '../domain/inference-event.js';
import type { MonitorResult, MonitorResultQuery } from '../domain/monitor.js';
import type { Outcome } from '../domain/outcome.js';
import type {
  AppendResult,
  ErrorTypeCount,
  EventDetail,
  EventFilter,
  EventSample,
  FeatureRow,
  FeedbackRates,
  Histogram,
  ModelVersionSummary,
  OverviewResult,
  PredictionDistribution,
  QualityPairs,
  RetentionResult,
  SampleOptions,
  ScoreSummary,
  SliceStats,
} from '../domain/query.js';
import type { Score } from '../domain/score.js';

/**
 * The one storage interface of modelwatch. DuckDB (embedded, the default) and ClickHouse
 * (scale-out) implement it and pass the same contract suite (`store-contract.ts`).
 *
 * Write semantics (the contract suite checks each):
 * - Every append is durable when its promise resolves: committed, surviving kill -9.
 * - One append call is one transaction: all of its records are stored, or none.
 * - Events are idempotent by (project, requestId): the first write wins; a repeated request id is
 *   counted in `duplicates` and not stored again — within one call as across calls, and across a
 *   restart.
 * - Outcomes (by requestId), feedback (by feedbackId, default `${requestId}:${kind}`) and scores
 *   (by requestId, name, source): the last write wins; readers see one record per key.
 * - Records are already validated and redacted; the store does not re-check them.
 */
export interface Store {
  /** Creates or migrates the schema and loads what it needs (e.g. recent request ids). */
  open(): Promise<void>;
  /** Flushes and releases the store; idempotent. */
  close(): Promise<void>;

  appendEvents(projectId: string, events: readonly InferenceEvent[], receivedAt: number): Promise<AppendResult>;
  appendOutcomes(projectId: string, outcomes: readonly Outcome[], receivedAt: number): Promise<AppendResult>;
  appendFeedback(projectId: string, feedback: readonly Feedback[], receivedAt: number): Promise<AppendResult>;
  appendScores(projectId: string, scores: readonly Score[], receivedAt: number): Promise<AppendResult>;

  // Projects and keys.
  putProject(project: Project): Promise<void>;
  listProjects(): Promise<readonly Project[]>;
  /** Creates a key, or updates the name, scopes and revocation of the key with this id (hash and prefix never change). */
  putApiKey(key: ApiKeyRecord): Promise<void>;
  /** The key with this SHA-256 hash, revoked or not, or undefined. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(projectId: string): Promise<readonly ApiKeyRecord[]>;

  /**
   * Small JSON documents owned by services (baselines, experiments, rollout state, SLOs, alert
   * rules): put replaces, get returns the latest. `kind` and `id` are free-form names.
   */
  putDocument(projectId: string, kind: string, id: string, document: unknown): Promise<void>;
  getDocument(projectId: string, kind: string, id: string): Promise<unknown | undefined>;
  listDocuments(projectId: string, kind: string): Promise<readonly { id: string; document: unknown }[]>;
  deleteDocument(projectId: string, kind: string, id: string): Promise<void>;

  // Reads. Every read is confined to one project; windows are half-open [from, to) on the event
  // timestamp.

  /** Events matching the filter. */
  countEvents(filter: EventFilter): Promise<number>;
  /** The event with this request id and the latest outcome, feedback and scores joined to it. */
  getEvent(projectId: string, requestId: string): Promise<EventDetail | undefined>;
  /**
   * Requests, errors, latency p50/p95/p99, tokens and cost per bucket of `bucketMs` (aligned to the
   * epoch; empty buckets omitted) and over the whole window. `result.method` says how percentiles
   * were computed (see `OverviewResult`).
   */
  overview(filter: EventFilter, bucketMs: number): Promise<OverviewResult>;
  /** Failed requests per error type, most frequent first. */
  errorsByType(filter: EventFilter): Promise<readonly ErrorTypeCount[]>;
  /** Every (model, version, variant) with traffic in the window. */
  listModels(filter: EventFilter): Promise<readonly ModelVersionSummary[]>;
  /** Feedback counts and rates over the window's events. */
  feedbackRates(filter: EventFilter): Promise<FeedbackRates>;
  /** Score count, mean, min and max per (name, source) over the window's events. */
  scoreSummaries(filter: EventFilter): Promise<readonly ScoreSummary[]>;
  /** Characters (code points) of the input text, in `bins` equal-width bins. */
  inputLengthHistogram(filter: EventFilter, bins: number): Promise<Histogram>;
  /** Predicted label counts, and histograms of predicted scores and values. */
  predictionDistribution(filter: EventFilter, bins: number): Promise<PredictionDistribution>;
  /** Predictions paired with their (latest) outcome, the `limit` most recent events with one. */
  qualityPairs(filter: EventFilter, limit: number): Promise<QualityPairs>;
  /** The window's traffic and quality, and each segment (key, value) with ≥ `minCount` requests. */
  sliceStats(
    filter: EventFilter,
    minCount: number,
  ): Promise<{ window: SliceStats; slices: readonly (SliceStats & { key: string; value: string })[] }>;
  /** Recent events, recent errors, or the events with the lowest score of a name; newest first. */
  sampleEvents(filter: EventFilter, options: SampleOptions): Promise<readonly EventSample[]>;
  /** The feature maps of the window's events (those that have one), oldest first, in chunks. */
  scanFeatures(filter: EventFilter, chunkRows?: number): AsyncIterable<readonly FeatureRow[]>;
  /**
   * Retention: rolls the raw events of one project (or of all, `undefined`) before the start of
   * the hour containing `cutoffMs` into the hourly aggregates, then deletes them with their
   * outcomes, feedback and scores. `overview` keeps answering for those hours from the aggregates.
   */
  deleteEventsBefore(projectId: string | undefined, cutoffMs: number): Promise<RetentionResult>;

  /**
   * Appends the monitor results of an evaluator run (history; never replaced), in one
   * transaction. A skipped result has value null. @throws StoreError 'invalid_argument' naming the
   * index and field of a malformed result (nothing is stored).
   */
  appendMonitorResults(results: readonly MonitorResult[]): Promise<void>;
  /**
   * A project's monitor results with `at` in [from, to), optionally one model, version, monitor
   * (exact, or a prefix ending in `*`) and segment (`''`: whole-model results only): the most
   * recent `limit`, returned oldest first (then by model, version, monitor, segment).
   */
  listMonitorResults(projectId: string, query: MonitorResultQuery): Promise<readonly MonitorResult[]>;

  /**
   * Acquires the lease `name` for `holder` for `ttlMs` milliseconds, or renews it when `holder`
   * already holds it; false while another holder's lease is live. Lets one process of several (the
   * evaluator and alert loop) run per cluster. @throws StoreError 'invalid_argument' for a bad ttl.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;

  /** Append-only log of decisions and changes (rollout transitions, key creation, …). */
  appendAudit(entry: AuditEntry): Promise<void>;
  /**
   * Entries of a project (optionally one kind and subject) in order of `at`, then of appending;
   * with `limit`, the most recent `limit` entries (still oldest first).
   */
  listAudit(
    projectId: string,
    options?: { kind?: string; subject?: string; limit?: number },
  ): Promise<readonly AuditEntry[]>;
}

/** One audit-log entry. `details` is JSON (statistics behind a decision, who did it, …). */
export interface AuditEntry {
  readonly projectId: string;
  readonly at: number;
  /** What kind of thing changed: `rollout`, `api_key`, `experiment`, … */
  readonly kind: string;
  /** Which one: a rollout id, a key id, … */
  readonly subject: string;
  readonly action: string;
  readonly details: unknown;
}
