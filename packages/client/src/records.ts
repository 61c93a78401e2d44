/**
 * The records an application sends, mirroring the server's input schemas
 * (packages/server/src/domain/{inference-event,outcome,feedback,score}.ts) as plain types, so the
 * client stays dependency-free. The server validates; these types catch typos at compile time.
 */

/** The deployment role of the version that served a request. */
export type Variant = 'production' | 'control' | 'treatment' | 'canary' | 'shadow';

/** Error classes of failed requests; `other` for anything else. */
export type ErrorType =
  | 'timeout'
  | 'context_overflow'
  | 'upstream'
  | 'rate_limited'
  | 'invalid_input'
  | 'content_filter'
  | 'internal'
  | 'other';

/** A point in time: ISO-8601 with a time zone, epoch milliseconds, or a Date (sent as ISO-8601). */
export type Timestamp = string | number | Date;

/** What the model produced: a class with probabilities, a score, a numeric value or text. */
export interface EventOutput {
  label?: string | number | boolean;
  probabilities?: Record<string, number>;
  score?: number;
  value?: number;
  text?: string;
}

/** Model inputs: a flat feature map and/or the prompt text. */
export interface EventInputs {
  features?: Record<string, number | string | boolean | null>;
  text?: string;
}

/** Token counts of a language-model call. */
export interface EventTokens {
  input?: number;
  output?: number;
}

/** One inference (`POST /v1/events`). `requestId` and `timestamp` are filled in when missing. */
export interface InferenceEventInput {
  requestId?: string;
  timestamp?: Timestamp;
  model: string;
  version: string;
  variant?: Variant;
  /** Experiment id when the request was assigned by an experiment or rollout. */
  experiment?: string;
  /** The unit (user, session, …) that was assigned. */
  unitId?: string;
  /** A few low-cardinality attributes to slice by (region, tier, …). */
  segment?: Record<string, string | number | boolean>;
  inputs?: EventInputs;
  output?: EventOutput;
  tokens?: EventTokens;
  latencyMs: number;
  costUsd?: number;
  status?: 'ok' | 'error';
  /** Required when `status` is `'error'`, absent otherwise. */
  errorType?: ErrorType;
  embedding?: number[];
}

/** Delayed ground truth (`POST /v1/outcomes`): exactly one of `label` and `value`. */
export interface OutcomeInput {
  requestId: string;
  timestamp?: Timestamp;
  label?: string | number | boolean;
  value?: number;
}

interface FeedbackBase {
  /** Makes retries idempotent; the server defaults it to `${requestId}:${kind}`. */
  feedbackId?: string;
  requestId: string;
  timestamp?: Timestamp;
  comment?: string;
}

/** User feedback on one response (`POST /v1/feedback`). */
export type FeedbackInput =
  | (FeedbackBase & { kind: 'thumbs'; value: 'up' | 'down' })
  | (FeedbackBase & { kind: 'correction'; correction: string })
  | (FeedbackBase & { kind: 'escalation' });

/** A named quality score from an LLM judge or a human reviewer (`POST /v1/scores`). */
export interface ScoreInput {
  requestId: string;
  timestamp?: Timestamp;
  name: string;
  value: number;
  source: 'judge' | 'human';
  /** The judge model or reviewer id. */
  scorer?: string;
  rationale?: string;
}

/** The ingest endpoint a record goes to: `POST /v1/<kind>`. */
export type RecordKind = 'events' | 'outcomes' | 'feedback' | 'scores';

/** Why a unit is (`assigned`) or is not in an experiment, as the server reports it. */
export type AssignmentReason = 'assigned' | 'holdout' | 'layer' | 'coverage' | 'not_running';

/** An experiment assignment (`GET /v1/experiments/:experimentId/assignment`). */
export interface Assignment {
  experimentId: string;
  unitId: string;
  /** The variant to serve (the control, the first variant, when the unit is outside the experiment). */
  variant: string;
  /** The unit's hash bucket in [0, 1) (core `assignmentBucket(seed, unitId)`). */
  bucket: number;
  /**
   * Whether the unit is in the experiment. A unit outside it (held out, outside its layer slot or
   * coverage, or the experiment not running) is served the control and must be left out of the
   * analysis: log its events without `experiment`. Absent only when the server did not say.
   */
  inExperiment?: boolean;
  /** Why the unit is or is not in the experiment (absent only when the server did not say). */
  reason?: AssignmentReason;
  /** Shadow experiments: the candidate that should also receive this unit's inputs (not served). */
  mirrorTo?: string;
}
