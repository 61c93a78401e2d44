/** Machine codes of query failures: a bad argument, or a record that does not exist. */
export type QueryServiceErrorCode = 'invalid' | 'not_found';

/** The one error type of the query service; `field` names the offending parameter. */
export class QueryServiceError extends Error {
  override readonly name = 'QueryServiceError';
  constructor(
    readonly code: QueryServiceErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
