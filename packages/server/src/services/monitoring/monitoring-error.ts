/** Machine codes of baseline and monitor failures; the HTTP layer maps them to statuses. */
export type MonitoringErrorCode =
  /** The request is malformed or names an impossible value (400). */
  | 'invalid'
  /** No baseline of this model version in the project (404). */
  | 'not_found'
  /** The data asked for holds nothing to profile (no events in the window) (422). */
  | 'no_data';

/**
 * The one error type of the monitoring service (baselines, the evaluator, monitor queries). The
 * message names the field, what was expected and what was received; `field` is the path of the
 * offending input field, when there is one.
 */
export class MonitoringError extends Error {
  override readonly name = 'MonitoringError';
  constructor(
    readonly code: MonitoringErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
