import type { Feedback } from './feedback.js';
import type { InferenceEvent } from './inference-event.js';
import type { Outcome } from './outcome.js';
import type { Score } from './score.js';

/**
 * What a query selects: one project, a half-open time window [from, to) in epoch milliseconds, and
 * optional equality filters. `segment` matches events whose segment has every given key = value.
 */
export interface EventFilter {
  readonly projectId: string;
  readonly from: number;
  readonly to: number;
  readonly model?: string;
  readonly version?: string;
  readonly variant?: string;
  readonly experiment?: string;
  readonly segment?: Readonly<Record<string, string>>;
}

/** One time bucket of the overview: traffic, errors, latency percentiles, tokens and cost. */
export interface OverviewBucket {
  /** Bucket start, epoch milliseconds (aligned to the bucket width from the Unix epoch). */
  readonly start: number;
  readonly requests: number;
  readonly errors: number;
  /** Latency percentiles in milliseconds (NaN for an empty bucket is never emitted: empty buckets are omitted). */
  readonly latencyP50: number;
  readonly latencyP95: number;
  readonly latencyP99: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** A stored event with the records joined to it. */
export interface StoredEvent extends InferenceEvent {
  readonly projectId: string;
  /** When the server accepted it, epoch milliseconds. */
  readonly receivedAt: number;
}

/** Result of an append: how many records were new, and how many were already stored (a retry). */
export interface AppendResult {
  readonly inserted: number;
  readonly duplicates: number;
  /**
   * Positions (in the appended array, ascending) of the records counted in `duplicates`. Lets
   * the ingest service, which commits many requests in one append, tell each request its own
   * duplicates. Optional: without it the service can attribute duplicates exactly only when one
   * request made up the append.
   */
  readonly duplicateIndexes?: readonly number[];
}

/** A stored outcome, feedback or score with the time the server accepted it. */
export type Received<T> = T & { readonly receivedAt: number };

/** One event with everything joined to it by request id (the latest record per key). */
export interface EventDetail {
  readonly event: StoredEvent;
  readonly outcome?: Received<Outcome>;
  /** One per feedback id, oldest first. */
  readonly feedback: readonly Received<Feedback>[];
  /** One per (name, source), sorted by name then source. */
  readonly scores: readonly Received<Score>[];
}

/** Traffic of a whole window: the same quantities as a bucket, over every event in the filter. */
export type OverviewTotals = Omit<OverviewBucket, 'start'>;

/**
 * The overview of a window. `method` says how the latency percentiles were computed:
 * - `'rollup'`: from the per-minute (and, after retention, hourly) rollups — the value at 0-based
 *   rank ⌊q·(n − 1)⌋ of the sorted latencies, within 1 % relative error (a logarithmic sketch);
 *   used when the window is whole minutes, the bucket a multiple of one minute and no segment
 *   filter is given;
 * - `'exact'`: DuckDB `quantile_cont` over the raw events (linear interpolation between closest
 *   ranks, numpy's default), otherwise.
 */
export interface OverviewResult {
  readonly bucketMs: number;
  readonly method: 'rollup' | 'exact';
  readonly buckets: readonly OverviewBucket[];
  readonly totals: OverviewTotals;
}

/** Failed requests of one error type in a window. */
export interface ErrorTypeCount {
  readonly errorType: string;
  readonly count: number;
  /** count ÷ all requests in the window. */
  readonly share: number;
}

/** One (model, version, variant) seen in a window. */
export interface ModelVersionSummary {
  readonly model: string;
  readonly version: string;
  readonly variant: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly requests: number;
  readonly errors: number;
}

/** Feedback on the events of a window (joined by request id; the latest feedback per feedback id). */
export interface FeedbackRates {
  readonly events: number;
  readonly thumbsUp: number;
  readonly thumbsDown: number;
  readonly corrections: number;
  readonly escalations: number;
  /** thumbsUp ÷ (thumbsUp + thumbsDown); NaN when there is no thumbs feedback. */
  readonly thumbsUpRate: number;
  /** Each count ÷ events; NaN when there are no events. */
  readonly thumbsDownPerEvent: number;
  readonly correctionsPerEvent: number;
  readonly escalationsPerEvent: number;
}

/** Scores of the events of a window, per (name, source), the latest score per key. */
export interface ScoreSummary {
  readonly name: string;
  readonly source: 'judge' | 'human';
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** A histogram of equal-width bins: `edges` has one more entry than `counts`; the last bin is closed. */
export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  readonly count: number;
}

export interface PredictionDistribution {
  /** Predicted labels with their counts, most frequent first. */
  readonly labels: readonly { readonly label: string; readonly count: number }[];
  /** Predicted scores (output.score). */
  readonly scores: Histogram;
  /** Predicted values (output.value, regression). */
  readonly values: Histogram;
}

/**
 * Predictions of the window's events that have an outcome, paired with it (columnar). Labels are
 * paired where both the prediction and the outcome have one; values likewise.
 */
export interface QualityPairs {
  readonly labels: {
    readonly predicted: readonly string[];
    readonly actual: readonly string[];
    /** output.score of the same events (NaN where absent). */
    readonly scores: readonly number[];
  };
  readonly values: { readonly predicted: readonly number[]; readonly actual: readonly number[] };
  /** Events in the window, and those with an outcome. */
  readonly events: number;
  readonly withOutcome: number;
}

/** Traffic and quality of one segment slice (or of the whole window). */
export interface SliceStats {
  readonly requests: number;
  readonly errorRate: number;
  readonly latencyP95: number;
  /** Share of labelled outcomes predicted right; NaN without labelled outcomes. */
  readonly accuracy: number;
  readonly labelled: number;
}

export interface SliceDegradation extends SliceStats {
  readonly key: string;
  readonly value: string;
  /** See `degradationScore` in the query service (higher is worse). */
  readonly score: number;
}

/** What a sample listing selects. */
export type SampleKind = 'recent' | 'errors' | 'lowest_score';

export interface SampleOptions {
  readonly kind: SampleKind;
  /** The score name for `lowest_score`. */
  readonly scoreName?: string;
  readonly limit: number;
}

/** A sampled event with, for `lowest_score`, the score that ranked it. */
export interface EventSample {
  readonly event: StoredEvent;
  readonly score?: number;
}

/** One feature map per event, in event order, for a chunk of a feature scan. */
export type FeatureRow = Readonly<Record<string, number | string | boolean | null>>;

/** What retention removed. */
export interface RetentionResult {
  /** The effective cutoff (the requested one rounded down to a whole hour). */
  readonly cutoff: number;
  readonly deletedEvents: number;
}
