import { z } from 'zod';
import { NameSchema, OpaqueIdSchema } from './identifiers.js';
import { LIMITS } from './limits.js';
import { TimestampSchema } from './timestamp.js';

/**
 * A named quality score of one response (`POST /v1/scores`) from an LLM judge or a human
 * reviewer, e.g. `faithfulness = 0.8`. One score per (request, name, source); a retry replaces it.
 */
export const ScoreSchema = z
  .object({
    requestId: OpaqueIdSchema,
    timestamp: TimestampSchema,
    name: NameSchema,
    value: z.number().refine(Number.isFinite, 'expected a finite number'),
    source: z.enum(['judge', 'human']),
    /** The judge model or reviewer id. */
    scorer: z.string().min(1).max(LIMITS.idLength).optional(),
    rationale: z.string().max(LIMITS.textLength).optional(),
  })
  .strict();

export type Score = z.output<typeof ScoreSchema>;
export type ScoreInput = z.input<typeof ScoreSchema>;
