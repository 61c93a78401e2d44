import type { Feedback } from '../../domain/feedback.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import type { Outcome } from '../../domain/outcome.js';
import type { Score } from '../../domain/score.js';

/** The four kinds of ingested records, named after their endpoints (`/v1/events`, …). */
export const RECORD_KINDS = ['events', 'outcomes', 'feedback', 'scores'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The validated record type of each kind. */
export interface RecordOfKind {
  events: InferenceEvent;
  outcomes: Outcome;
  feedback: Feedback;
  scores: Score;
}

/** Any validated record. */
export type IngestRecord = RecordOfKind[RecordKind];
