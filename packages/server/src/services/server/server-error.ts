/** Machine codes of server-composition and administration failures. */
export type ServerErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'store_locked'
  | 'admin_api';

/**
 * The one error type of `services/server` (start-up, keys and projects administration). The HTTP
 * layer maps `code` to a status in one place (`http/app.ts`); the CLI prints the message.
 */
export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
