import type { z } from 'zod';
import { FeedbackSchema } from '../../domain/feedback.js';
import { InferenceEventSchema } from '../../domain/inference-event.js';
import { OutcomeSchema } from '../../domain/outcome.js';
import { ScoreSchema } from '../../domain/score.js';
import { timestampProblem } from '../../domain/timestamp.js';
import { fastFeedback } from './fast-feedback.js';
import { fastInferenceEvent } from './fast-inference-event.js';
import { fastOutcome } from './fast-outcome.js';
import { fastScore } from './fast-score.js';
import type { RecordKind, RecordOfKind } from './record-kind.js';
import { type RecordRejection, recordRejection } from './record-rejection.js';

/** The zod schema of each kind: the source of truth for what is accepted. */
export const RECORD_SCHEMAS: { readonly [K in RecordKind]: z.ZodType<RecordOfKind[K]> } = {
  events: InferenceEventSchema as z.ZodType<RecordOfKind['events']>,
  outcomes: OutcomeSchema as z.ZodType<RecordOfKind['outcomes']>,
  feedback: FeedbackSchema as z.ZodType<RecordOfKind['feedback']>,
  scores: ScoreSchema as z.ZodType<RecordOfKind['scores']>,
};

/** The hand-written equivalent of each schema (undefined = "let zod decide"). */
export const FAST_VALIDATORS: { readonly [K in RecordKind]: (v: unknown) => RecordOfKind[K] | undefined } = {
  events: fastInferenceEvent,
  outcomes: fastOutcome,
  feedback: fastFeedback,
  scores: fastScore,
};

/** Records that passed, with their positions in the request, and the rejections of the others. */
export interface ValidatedRecords<K extends RecordKind> {
  readonly records: RecordOfKind[K][];
  /** `indexes[i]` is the request position of `records[i]`. */
  readonly indexes: number[];
  readonly rejected: RecordRejection[];
}

/**
 * Validates each value as a record of `kind`: the hand-written fast path first, zod when the fast
 * path declines (zod then has the last word, and explains a rejection field by field), then the
 * time-range check against the server clock `nowMs` (`timestampProblem`). A bad record is
 * rejected alone; the others pass. `indexes[i]` is the request position of `values[i]`
 * (default `i`), used in rejections.
 */
export function validateRecords<K extends RecordKind>(
  kind: K,
  values: readonly unknown[],
  nowMs: number,
  indexes?: readonly number[],
): ValidatedRecords<K> {
  const fast = FAST_VALIDATORS[kind] as (v: unknown) => RecordOfKind[K] | undefined;
  const schema = RECORD_SCHEMAS[kind] as z.ZodType<RecordOfKind[K]>;
  const records: RecordOfKind[K][] = [];
  const kept: number[] = [];
  const rejected: RecordRejection[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const index = indexes === undefined ? i : (indexes[i] as number);
    let record = fast(value);
    if (record === undefined) {
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        rejected.push(recordRejection(index, value, parsed.error.issues, schema));
        continue;
      }
      record = parsed.data;
    }
    const ts = (record as { timestamp: number }).timestamp;
    const problem = Number.isFinite(ts) ? timestampProblem(ts, nowMs) : 'expected a valid date-time';
    if (problem !== undefined) {
      rejected.push({ index, field: 'timestamp', message: problem });
      continue;
    }
    records.push(record);
    kept.push(index);
  }
  return { records, indexes: kept, rejected };
}
