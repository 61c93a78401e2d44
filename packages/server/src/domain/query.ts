import type { InferenceEvent } from './inference-event.js';

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
}
