/** Machine codes of configuration failures. */
export type ConfigErrorCode = 'file_not_found' | 'file_syntax' | 'invalid_value';

/**
 * The one error type of configuration loading. The message names the key, where its value came
 * from (file path, environment variable or flag), what was expected and the value received.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly code: ConfigErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
