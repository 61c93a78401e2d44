import { z } from 'zod';
import { OpaqueIdSchema } from './identifiers.js';
import { LIMITS } from './limits.js';
import { TimestampSchema } from './timestamp.js';

/**
 * Delayed ground truth for one request (`POST /v1/outcomes`): the true class, or the true value of
 * a regression. Exactly one of `label` and `value`. A later outcome for the same request replaces
 * an earlier one.
 */
export const OutcomeSchema = z
  .object({
    requestId: OpaqueIdSchema,
    timestamp: TimestampSchema,
    label: z
      .union([z.string().min(1).max(LIMITS.segmentValueLength), z.number().int(), z.boolean()])
      .transform(String)
      .optional(),
    value: z.number().refine(Number.isFinite, 'expected a finite number').optional(),
  })
  .strict()
  .refine((o) => (o.label === undefined) !== (o.value === undefined), {
    path: ['label'],
    message: 'expected exactly one of label and value',
  });

export type Outcome = z.output<typeof OutcomeSchema>;
export type OutcomeInput = z.input<typeof OutcomeSchema>;
