/** Machine codes of dataset failures. */
export type DatasetErrorCode =
  /** A bad name, kind, file or option (exit code 1 in the CLI). */
  | 'invalid'
  /** No such dataset or version. */
  | 'not_found'
  /** The stored rows no longer match their recorded SHA-256. */
  | 'corrupt';

/** The one error type of the dataset services; the message names the field, expectation and value. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
