import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { EvalRunError } from './eval-run-error.js';
import { GenerationCheckSchema, JudgeSuiteSchema } from './generation-suite.js';

export const RUN_TASKS = ['classification', 'regression', 'generation'] as const;
export type RunTask = (typeof RUN_TASKS)[number];

/** How the model under evaluation answers: generic JSON POST or an OpenAI-compatible chat API. */
export const EndpointSchema = z.strictObject({
  url: z.url(),
  protocol: z.enum(['json', 'openai-chat']).default('json'),
  /** json: the field of the response holding the prediction (dot path), default `prediction`. */
  predictionField: z.string().min(1).default('prediction'),
  /** json: the field holding the positive-class probability (binary), if any. */
  scoreField: z.string().min(1).optional(),
  /** openai-chat: the model name and the user prompt, `{{column}}` replaced by the row's values. */
  model: z.string().min(1).optional(),
  prompt: z.string().min(1).optional(),
  /** openai-chat: an optional system message (same `{{column}}` substitution). */
  system: z.string().min(1).optional(),
  /** openai-chat: output token limit of each call. */
  maxTokens: z.number().int().min(1).max(1_000_000).optional(),
  /** openai-chat, generation: the price of `model` when the built-in price table lacks it (e.g. a local model at 0). */
  price: z
    .strictObject({ inputUsdPerMTok: z.number().nonnegative(), outputUsdPerMTok: z.number().nonnegative() })
    .optional(),
  concurrency: z.number().int().min(1).max(256).default(4),
  maxRetries: z.number().int().min(0).max(10).default(3),
  timeoutMs: z.number().int().min(1).max(600_000).default(30_000),
  /** Name of the environment variable holding a bearer key for the endpoint (never the key itself). */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/)
    .optional(),
});
export type EndpointSettings = z.infer<typeof EndpointSchema>;

/** Perturbations of a robustness suite (see services/robustness). */
export const RobustnessSchema = z.strictObject({
  seed: z.number().int().default(0),
  /** Text columns perturbed by typos, casing, whitespace and synonym swaps. */
  text: z.array(z.string().min(1)).default([]),
  /** Numeric columns perturbed by noise and missing values. */
  numeric: z.array(z.string().min(1)).default([]),
  /** Relative noise: each value × (1 + N(0, noise²)); default 0.05. */
  noise: z.number().positive().max(10).default(0.05),
  /** Share of values replaced by null in the missing-values perturbation; default 0.1. */
  missingRate: z.number().gt(0).max(1).default(0.1),
  /** Invariance expectation: at least this share of predictions unchanged under each perturbation. */
  minInvariance: z.number().min(0).max(1).default(0.9),
  /** Directional expectations: increasing `column` by `delta` must not move the positive-class score the wrong way. */
  directional: z
    .array(
      z.strictObject({
        column: z.string().min(1),
        delta: z.number(),
        expect: z.enum(['increase', 'decrease']),
        minShare: z.number().min(0).max(1).default(0.9),
      }),
    )
    .default([]),
});
export type RobustnessSettings = z.infer<typeof RobustnessSchema>;

/**
 * An evaluation suite (YAML): what the dataset's columns mean, which metrics and slices to compute,
 * and how to reach the model. See docs/REGISTRY.md for an annotated example.
 */
export const SuiteSchema = z
  .strictObject({
    name: z.string().min(1).max(200).default('suite'),
    task: z.enum(RUN_TASKS),
    /** Example id column (default: the row number). Predictions files are joined on it. */
    id: z.string().min(1).optional(),
    /** Classification and regression: the label column (required for them; generation uses `reference`). */
    label: z.string().min(1).optional(),
    /** Generation: the reference text column (optional: checks and reference-free rubrics need none). */
    reference: z.string().min(1).optional(),
    /** Generation: the input (prompt) column, sent to the judge and, by default, to the endpoint. */
    input: z.string().min(1).optional(),
    /** Generation: the context column (grounding documents) for rubrics that need one. */
    context: z.string().min(1).optional(),
    /** Generation: deterministic checks on every output (see docs/REGISTRY.md). */
    checks: z.array(GenerationCheckSchema).default([]),
    /** Generation: an LLM judge scoring every output under one or more rubrics. */
    judge: JudgeSuiteSchema.optional(),
    /** Binary classification: the positive class (score = its probability; fairness selection). */
    positive: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** Feature columns sent to an endpoint (default: every column but id, label and slices-only ones). */
    features: z.array(z.string().min(1)).optional(),
    slices: z.array(z.string().min(1)).default([]),
    /** Slices smaller than this are not reported (default 30). */
    minSliceSize: z.number().int().min(1).default(30),
    /** Sensitive feature for disparate impact (binary classification with `positive`). */
    sensitive: z.string().min(1).optional(),
    /** Restrict the reported headline metrics (default: every metric of the task). */
    metrics: z.array(z.string().min(1)).optional(),
    bootstrap: z
      .strictObject({
        resamples: z.number().int().min(100).max(100_000).default(1000),
        confidenceLevel: z.number().gt(0).lt(1).default(0.95),
        seed: z.number().int().default(0),
      })
      .default({ resamples: 1000, confidenceLevel: 0.95, seed: 0 }),
    calibrationBins: z.number().int().min(2).max(100).default(10),
    model: z
      .strictObject({
        /** A predictions file (CSV/Parquet/JSONL) with the id column, `prediction` and optionally `score`, `latency_ms`. */
        predictions: z.string().min(1).optional(),
        endpoint: EndpointSchema.optional(),
      })
      .default({}),
    robustness: RobustnessSchema.optional(),
    /** Label-leakage check: flag single features whose AUC / accuracy for the label reaches this. */
    leakageThreshold: z.number().gt(0.5).max(1).default(0.95),
  })
  .superRefine((suite, ctx) => {
    if (suite.task !== 'generation' && suite.label === undefined) {
      ctx.addIssue({ code: 'custom', path: ['label'], message: `a ${suite.task} suite needs a label column` });
    }
    if (suite.task !== 'generation') {
      for (const key of ['reference', 'input', 'context', 'judge'] as const) {
        if (suite[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `only generation suites take ${key}` });
        }
      }
      if (suite.checks.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['checks'], message: 'only generation suites take checks' });
      }
    }
    const names = new Set<string>();
    suite.checks.forEach((c, i) => {
      const name = c.name ?? c.type;
      if (names.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['checks', i, 'name'],
          message: `check names must be unique (${JSON.stringify(name)} is used twice; give one a name:)`,
        });
      }
      names.add(name);
    });
  });
export type Suite = z.infer<typeof SuiteSchema>;

/**
 * Parses a suite YAML document.
 * @throws {EvalRunError} `invalid` naming the file, the field, the expectation and the value.
 */
export function parseSuite(text: string, file = 'suite'): Suite {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new EvalRunError('invalid', `${file}: not valid YAML: ${(err as Error).message}`);
  }
  const parsed = SuiteSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  let value: unknown = raw;
  for (const k of issue?.path ?? []) value = (value as Record<PropertyKey, unknown> | undefined)?.[k];
  throw new EvalRunError(
    'invalid',
    `${file}: ${path === '' ? 'suite' : path}: ${issue?.message ?? 'invalid'} (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`,
    path,
  );
}
