/** Machine codes of registry failures; the HTTP layer maps them to statuses. */
export type RegistryErrorCode =
  /** Malformed input: a bad name, stage, digest or field (400). */
  | 'invalid'
  /** No such model or version in the project (404). */
  | 'not_found'
  /** The version exists already, or the transition is not allowed from the current stage (409). */
  | 'conflict'
  /** Promotion to production refused: the version's attached gate result failed (409 over HTTP). */
  | 'gate_failed'
  /** The registry API of a running server could not be reached or answered unexpectedly. */
  | 'unavailable';

/**
 * The one error type of the registry service. The message names the field, what was expected and
 * what was received; `field` is the offending input field, when there is one.
 */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
