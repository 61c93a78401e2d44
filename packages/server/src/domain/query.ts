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
