/** Machine codes of ingest failures. */
export type IngestErrorCode =
  /** The queue is full (records or bytes); retry after `retryAfterSeconds`. */
  | 'overloaded'
  /** The service is closing or closed. */
  | 'closed'
  /** The body is not gzip, not UTF-8, not JSON or not records; the message names the position. */
  | 'invalid_body'
  /** The body (compressed or decompressed) or its record count exceeds a limit; the message names it. */
  | 'too_large'
  /** The store failed to commit; nothing of the request was acknowledged. */
  | 'store_failed';

/**
 * The one error type of the ingest service. `code` is machine-readable; the HTTP layer maps it
 * (overloaded/closed/store_failed → 503 with Retry-After, invalid_body → 400, too_large → 413).
 */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    /** For `overloaded`, `closed` and `store_failed`: when a retry is worth it, in seconds. */
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
