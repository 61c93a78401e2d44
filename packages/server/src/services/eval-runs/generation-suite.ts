import { JUDGE_RUBRICS, PII_TYPES, type PiiType } from '@modelwatch/core/metrics';
import { z } from 'zod';

/** A name usable in a gate metric (`check.<name>.pass_rate`, `judge.<name>.mean`). */
const GATE_NAME = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'expected lower-case letters, digits and _ (a name gates can refer to)');

const common = {
  /** The name gates and reports use (default: the check type); unique within a suite. */
  name: GATE_NAME.optional(),
};

/**
 * One deterministic check on every output of a generation run (the core's promptfoo-style
 * checks). Each passes or fails per example; the run reports the pass rate with a Wilson interval
 * as `check.<name>.pass_rate`.
 */
export const GenerationCheckSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...common,
    type: z.literal('json_schema'),
    /** A JSON Schema (draft-07, Ajv) the output's JSON must match. */
    schema: z.union([z.record(z.string(), z.unknown()), z.boolean()]),
    /** `strict`: the whole output is JSON; `lenient`: JSON found in a code fence or the text. */
    extract: z.enum(['strict', 'lenient']).default('strict'),
  }),
  z.strictObject({ ...common, type: z.literal('is_json'), extract: z.enum(['strict', 'lenient']).default('strict') }),
  z.strictObject({
    ...common,
    type: z.literal('regex'),
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[dimsuv]*$/, 'expected RegExp flags among d, i, m, s, u, v')
      .default(''),
  }),
  z.strictObject({
    ...common,
    type: z.enum(['contains', 'not_contains']),
    /** The substrings (any of them, or all with mode: all). */
    values: z.array(z.string().min(1)).min(1),
    mode: z.enum(['any', 'all']).default('any'),
    caseInsensitive: z.boolean().default(false),
  }),
  z.strictObject({
    ...common,
    type: z.literal('starts_with'),
    prefix: z.string().min(1),
    caseInsensitive: z.boolean().default(false),
  }),
  z.strictObject({
    ...common,
    type: z.literal('refusal'),
    /** false (default): the check passes when the model answers; true: when it refuses (adversarial sets). */
    expectRefusal: z.boolean().default(false),
  }),
  z.strictObject({
    ...common,
    type: z.literal('max_length'),
    max: z.number().int().min(0),
    unit: z.enum(['words', 'characters', 'sentences']).default('words'),
  }),
  z.strictObject({
    ...common,
    type: z.literal('length'),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
    unit: z.enum(['words', 'characters', 'sentences']).default('words'),
  }),
  z.strictObject({
    ...common,
    type: z.literal('pii_leak'),
    /** PII types that count (default: all); the check passes when none is found. */
    types: z.array(z.enum(PII_TYPES as unknown as [PiiType, ...PiiType[]])).optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal('toxicity'),
    /** Highest acceptable lexical toxicity (share of flagged tokens); default 0. */
    maxScore: z.number().min(0).max(1).default(0),
  }),
]);
export type GenerationCheck = z.infer<typeof GenerationCheckSchema>;

/** A rubric of the judge: a built-in rubric name, or a custom rubric on the same 1–5 scale. */
export const JudgeRubricSchema = z.union([
  z.enum(Object.keys(JUDGE_RUBRICS) as [keyof typeof JUDGE_RUBRICS, ...(keyof typeof JUDGE_RUBRICS)[]]),
  z.strictObject({
    name: GATE_NAME,
    criterion: z.string().min(1),
    scale: z.strictObject({
      1: z.string().min(1),
      2: z.string().min(1),
      3: z.string().min(1),
      4: z.string().min(1),
      5: z.string().min(1),
    }),
    requires: z.array(z.enum(['reference', 'context'])).default([]),
  }),
]);
export type JudgeRubricSetting = z.infer<typeof JudgeRubricSchema>;

/** The LLM judge of a generation suite. */
export const JudgeSuiteSchema = z.strictObject({
  provider: z.enum(['openai', 'anthropic']),
  model: z.string().min(1),
  /** API root including `/v1` (a proxy, vLLM, the fake server in tests); default the provider's. */
  baseUrl: z.url().optional(),
  /** Name of the environment variable holding the judge's API key (never the key itself). */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/)
    .optional(),
  rubrics: z.array(JudgeRubricSchema).min(1),
  concurrency: z.number().int().min(1).max(64).default(4),
  maxRetries: z.number().int().min(0).max(10).default(3),
  timeoutMs: z.number().int().min(1).max(600_000).default(60_000),
  /** Keep answers under `<dataDir>/judge-cache` so a repeated run pays nothing for items already judged. */
  cache: z.boolean().default(true),
  /** A score at or above this counts as a pass in `judge.<rubric>.pass_rate` (default 4). */
  passScore: z.number().int().min(1).max(5).default(4),
  /** The judge's price when the built-in price table lacks the model. */
  price: z
    .strictObject({ inputUsdPerMTok: z.number().nonnegative(), outputUsdPerMTok: z.number().nonnegative() })
    .optional(),
});
export type JudgeSuite = z.infer<typeof JudgeSuiteSchema>;

/** The rubric's name, as used in metric names (`judge.<name>.mean`). */
export function rubricName(rubric: JudgeRubricSetting): string {
  return typeof rubric === 'string' ? rubric : rubric.name;
}
