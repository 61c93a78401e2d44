import { z } from 'zod';
import { NameSchema, OpaqueIdSchema } from './identifiers.js';
import { LIMITS } from './limits.js';
import { TimestampSchema } from './timestamp.js';

/** The deployment role of the version that served a request. */
export const VARIANTS = ['production', 'control', 'treatment', 'canary', 'shadow'] as const;

/** Error classes of failed requests; `other` for anything else. */
export const ERROR_TYPES = [
  'timeout',
  'context_overflow',
  'upstream',
  'rate_limited',
  'invalid_input',
  'content_filter',
  'internal',
  'other',
] as const;
export type ErrorType = (typeof ERROR_TYPES)[number];

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nonNegative = finite.refine((x) => x >= 0, 'expected a number ≥ 0');
const count = z
  .number()
  .int('expected an integer')
  .nonnegative('expected an integer ≥ 0')
  .max(1e9, 'expected at most 1e9');
const text = z.string().max(LIMITS.textLength, `expected at most ${LIMITS.textLength} characters`);

/** Segment attributes: a few low-cardinality keys to slice by (region, tier, channel, …). */
export const SegmentSchema = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'expected a key of letters, digits and _ (at most 64)'),
    z
      .union([
        z.string().max(LIMITS.segmentValueLength, `expected at most ${LIMITS.segmentValueLength} characters`),
        z.number(),
        z.boolean(),
      ])
      .transform(String),
  )
  .refine((r) => Object.keys(r).length <= LIMITS.segmentKeys, `expected at most ${LIMITS.segmentKeys} keys`);

/** Model inputs: a flat feature map, and/or the prompt text of a language model. */
export const InputsSchema = z
  .object({
    features: z
      .record(
        z
          .string()
          .min(1)
          .max(LIMITS.featureNameLength, `expected a name of at most ${LIMITS.featureNameLength} characters`),
        z.union([
          finite,
          z.string().max(LIMITS.featureValueLength, `expected at most ${LIMITS.featureValueLength} characters`),
          z.boolean(),
          z.null(),
        ]),
      )
      .refine((r) => Object.keys(r).length <= LIMITS.features, `expected at most ${LIMITS.features} features`)
      .optional(),
    text: text.optional(),
  })
  .strict();

/** What the model produced: a class with probabilities, a score, a numeric value or text. */
export const OutputSchema = z
  .object({
    label: z
      .union([z.string().min(1).max(LIMITS.segmentValueLength), z.number().int(), z.boolean()])
      .transform(String)
      .optional(),
    probabilities: z
      .record(
        z.string().min(1).max(LIMITS.segmentValueLength),
        finite.refine((p) => p >= 0 && p <= 1, 'expected a probability in [0, 1]'),
      )
      .refine((r) => Object.keys(r).length <= LIMITS.classes, `expected at most ${LIMITS.classes} classes`)
      .optional(),
    score: finite.optional(),
    value: finite.optional(),
    text: text.optional(),
  })
  .strict();

/** Token counts of a language-model call. */
export const TokensSchema = z.object({ input: count.optional(), output: count.optional() }).strict();

/**
 * One inference, as an application reports it (`POST /v1/events`). Joined later to outcomes,
 * feedback and scores by `requestId`. Unknown fields are rejected so a typo is not silently lost.
 */
export const InferenceEventSchema = z
  .object({
    requestId: OpaqueIdSchema,
    timestamp: TimestampSchema,
    model: NameSchema,
    version: NameSchema,
    variant: z.enum(VARIANTS).default('production'),
    /** Experiment id when the request was assigned by an experiment or rollout. */
    experiment: NameSchema.optional(),
    /** The unit (user, session, …) that was assigned, for experiment analysis. */
    unitId: OpaqueIdSchema.optional(),
    segment: SegmentSchema.default({}),
    inputs: InputsSchema.default({}),
    output: OutputSchema.default({}),
    tokens: TokensSchema.optional(),
    latencyMs: nonNegative.refine((x) => x <= 86_400_000, 'expected at most 86 400 000 ms (one day)'),
    costUsd: nonNegative.optional(),
    status: z.enum(['ok', 'error']).default('ok'),
    errorType: z.enum(ERROR_TYPES).optional(),
    embedding: z
      .array(finite)
      .min(1)
      .max(LIMITS.embeddingDimensions, `expected at most ${LIMITS.embeddingDimensions} dimensions`)
      .optional(),
  })
  .strict()
  .refine((e) => e.status === 'ok' || e.errorType !== undefined, {
    path: ['errorType'],
    message: 'expected an error type when status is "error"',
  })
  .refine((e) => e.status === 'error' || e.errorType === undefined, {
    path: ['errorType'],
    message: 'expected no error type when status is "ok"',
  });

/** A validated inference event; `timestamp` is epoch milliseconds. */
export type InferenceEvent = z.output<typeof InferenceEventSchema>;
/** An inference event as sent by a client. */
export type InferenceEventInput = z.input<typeof InferenceEventSchema>;
