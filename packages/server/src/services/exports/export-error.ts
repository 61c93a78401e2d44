/** Why an export was refused. */
export type ExportErrorCode = 'invalid_option';

/**
 * Raised by the exporters (`prometheusRules`, `grafanaDashboard`) for a bad option; the message
 * names the option, what was expected and what was received, and `field` names the option.
 */
export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
