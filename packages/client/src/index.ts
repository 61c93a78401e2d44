/**
 * @modelwatch/client — the TypeScript SDK for sending inference events, outcomes, feedback and
 * scores to a modelwatch server: batching, gzip, retries with backoff, bounded memory, flush on
 * exit, a `wrap` helper that times model calls, and cached experiment assignments.
 */
export const CLIENT_VERSION = '0.1.0';

export { type BackoffOptions, backoffDelay } from './backoff-delay.js';
export {
  type ClientStats,
  type DropNotice,
  type DropReason,
  ModelwatchClient,
  type ModelwatchClientOptions,
} from './modelwatch-client.js';
export {
  ModelwatchClientError,
  type ModelwatchClientErrorCode,
  type RecordRejection,
} from './modelwatch-client-error.js';
export type {
  Assignment,
  AssignmentReason,
  ErrorType,
  EventInputs,
  EventOutput,
  EventTokens,
  FeedbackInput,
  InferenceEventInput,
  OutcomeInput,
  RecordKind,
  ScoreInput,
  Timestamp,
  Variant,
} from './records.js';
export { defaultErrorType, type WrapDescription, type WrapEventFields } from './wrap-model-call.js';
