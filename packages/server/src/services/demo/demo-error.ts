/** Why the demo traffic simulator refused its options or its data. */
export type DemoErrorCode = 'invalid_option' | 'invalid_data';

/**
 * The one error type of the demo simulator. The message names the option or data item, what was
 * expected and what was received: `createDemoSimulator: options.seed must be an integer in [0, 4294967295] (got -1)`.
 */
export class DemoError extends Error {
  override readonly name = 'DemoError';
  constructor(
    readonly code: DemoErrorCode,
    message: string,
  ) {
    super(message);
  }
}
