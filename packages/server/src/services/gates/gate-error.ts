/** Machine codes of gate failures (not a failing gate: a gate file or input that cannot be used). */
export type GateErrorCode =
  /** The gate file is malformed: a condition that does not parse, an unknown metric. */
  | 'invalid'
  /** A named baseline run does not exist. */
  | 'not_found';

/** The one error type of gates; parse errors name the file, the line and the condition. */
export class GateError extends Error {
  override readonly name = 'GateError';
  constructor(
    readonly code: GateErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
