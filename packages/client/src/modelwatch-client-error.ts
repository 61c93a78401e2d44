import type { RecordKind } from './records.js';

/**
 * Why records were not delivered or a request failed. Every failure the client reports (through
 * `onError`, or by rejecting `getAssignment`) is a `ModelwatchClientError` with one of these codes.
 */
export type ModelwatchClientErrorCode =
  /** A constructor option or argument is invalid (thrown synchronously). */
  | 'invalid_option'
  /** 401/403: the API key is missing, unknown or lacks the scope. Not retried. */
  | 'unauthorized'
  /** 400: the server could not parse the body. Not retried. */
  | 'bad_request'
  /** 200 with a `rejected` list: these records failed validation. Not retried. */
  | 'rejected'
  /** 413 for a single record: it can be split no further. */
  | 'payload_too_large'
  /** Another 4xx status (404, 405, 422, …). Not retried. */
  | 'http_error'
  /** 429, 5xx, timeouts or network errors on every one of `maxAttempts` attempts. */
  | 'retries_exhausted'
  /** A response that does not follow the protocol (assignment without a variant, …). */
  | 'bad_response'
  /** A single request (the assignment lookup) failed on the network or timed out. */
  | 'network'
  /** The client is closed. */
  | 'closed';

/** One record the server rejected, by its `requestId`. */
export interface RecordRejection {
  requestId: string;
  field: string;
  message: string;
}

export interface ModelwatchClientErrorDetails {
  /** The endpoint of the affected records. */
  kind?: RecordKind;
  /** Request ids of the records that were not delivered (empty for `getAssignment`). */
  requestIds?: readonly string[];
  /** The last HTTP status received, if any. */
  status?: number;
  /** Per-record reasons, for code `rejected`. */
  rejections?: readonly RecordRejection[];
  /** The underlying error (network failure, timeout, …). */
  cause?: unknown;
}

export class ModelwatchClientError extends Error {
  readonly code: ModelwatchClientErrorCode;
  readonly kind: RecordKind | undefined;
  readonly requestIds: readonly string[];
  readonly status: number | undefined;
  readonly rejections: readonly RecordRejection[];

  constructor(code: ModelwatchClientErrorCode, message: string, details: ModelwatchClientErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ModelwatchClientError';
    this.code = code;
    this.kind = details.kind;
    this.requestIds = details.requestIds ?? [];
    this.status = details.status;
    this.rejections = details.rejections ?? [];
  }
}
