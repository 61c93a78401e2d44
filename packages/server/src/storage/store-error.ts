/** Machine codes of storage failures (`unavailable`: part of a scale-out store is down, so a read would be partial). */
export type StoreErrorCode =
  | 'not_open'
  | 'closed'
  | 'invalid_argument'
  | 'migration'
  | 'write_failed'
  | 'read_failed'
  | 'unavailable';

/**
 * The one error type of the storage layer. `code` is machine-readable; the message names the
 * operation, the argument and the value where there is one.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
