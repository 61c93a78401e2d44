/** Machine codes of alerting failures; the HTTP layer maps them to statuses. */
export type AlertingErrorCode =
  /** The request is malformed or names an impossible value (400). */
  | 'invalid'
  /** No rule, SLO, channel or silence with this id in the project (404). */
  | 'not_found'
  /** The id exists already (409). */
  | 'conflict'
  /** A notifier could not deliver (kept in the notification log, never thrown to HTTP callers). */
  | 'notifier';

/**
 * The one error type of the alerting service. The message names the field, what was expected and
 * what was received; `field` is the path of the offending input field, when there is one.
 * `retryable` (notifier errors) says whether another attempt may succeed (network, 5xx, 429).
 */
export class AlertingError extends Error {
  override readonly name = 'AlertingError';
  constructor(
    readonly code: AlertingErrorCode,
    message: string,
    readonly field?: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}
