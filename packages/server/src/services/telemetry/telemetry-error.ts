/** Why a telemetry call was refused. */
export type TelemetryErrorCode = 'invalid_option' | 'invalid_value';

/**
 * Raised by `TelemetryMetrics` for a bad option or a bad value (a negative count, a non-finite
 * gauge); the message names the argument, what was expected and what was received.
 */
export class TelemetryError extends Error {
  override readonly name = 'TelemetryError';
  constructor(
    readonly code: TelemetryErrorCode,
    message: string,
  ) {
    super(message);
  }
}
