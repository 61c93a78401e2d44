/** Machine codes of evaluation-run failures. */
export type EvalRunErrorCode =
  /** A bad suite file, option, column or value (CLI exit code 1). */
  | 'invalid'
  /** No such run, dataset or predictions for an example. */
  | 'not_found'
  /** The model endpoint failed for every example. */
  | 'model_failed';

/** The one error type of evaluation runs; the message names the field, expectation and value. */
export class EvalRunError extends Error {
  override readonly name = 'EvalRunError';
  constructor(
    readonly code: EvalRunErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
