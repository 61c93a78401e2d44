import { z } from 'zod';
import { OpaqueIdSchema } from './identifiers.js';
import { LIMITS } from './limits.js';
import { TimestampSchema } from './timestamp.js';

/**
 * User feedback on one response (`POST /v1/feedback`): a thumbs up or down, a correction (the
 * answer the user wanted) or an escalation to a human. `feedbackId` makes retries idempotent;
 * it defaults to `${requestId}:${kind}`, so one feedback of each kind per request.
 */
export const FeedbackSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('thumbs'),
      feedbackId: OpaqueIdSchema.optional(),
      requestId: OpaqueIdSchema,
      timestamp: TimestampSchema,
      value: z.enum(['up', 'down']),
      comment: z.string().max(LIMITS.textLength).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('correction'),
      feedbackId: OpaqueIdSchema.optional(),
      requestId: OpaqueIdSchema,
      timestamp: TimestampSchema,
      correction: z.string().min(1).max(LIMITS.textLength),
      comment: z.string().max(LIMITS.textLength).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('escalation'),
      feedbackId: OpaqueIdSchema.optional(),
      requestId: OpaqueIdSchema,
      timestamp: TimestampSchema,
      comment: z.string().max(LIMITS.textLength).optional(),
    })
    .strict(),
]);

export type Feedback = z.output<typeof FeedbackSchema>;
export type FeedbackInput = z.input<typeof FeedbackSchema>;
