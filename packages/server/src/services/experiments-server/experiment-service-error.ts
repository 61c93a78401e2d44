/** Machine codes of experiment and rollout failures; the HTTP layer maps them to statuses. */
export type ExperimentServiceErrorCode =
  /** No experiment or rollout with this id in the project (404). */
  | 'not_found'
  /** The request is malformed or names an impossible value (400). */
  | 'invalid'
  /** The request conflicts with the current state: the id exists, a rollout drives the weights (409). */
  | 'conflict'
  /** The data cannot be analysed as asked (too few units, a metric with no values) (422). */
  | 'unprocessable';

/**
 * The one error type of the experiments service. The message names the field, what was expected
 * and what was received; `field` is the path of the offending input field, when there is one.
 */
export class ExperimentServiceError extends Error {
  override readonly name = 'ExperimentServiceError';
  constructor(
    readonly code: ExperimentServiceErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
