/** Machine codes of storage failures. */
export type StoreErrorCode = 'not_open' | 'closed' | 'invalid_argument' | 'migration' | 'write_failed' | 'read_failed';

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
