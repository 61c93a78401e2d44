import { z } from 'zod';
import { NameSchema } from './identifiers.js';
import { VARIANTS } from './inference-event.js';

/** A/B test, canary rollout or shadow (mirrored, not served) comparison. */
export const EXPERIMENT_TYPES = ['ab', 'canary', 'shadow'] as const;
export type ExperimentType = (typeof EXPERIMENT_TYPES)[number];

/** Lifecycle: only a `running` A/B or shadow experiment assigns units to variants. */
export const EXPERIMENT_STATUSES = ['draft', 'running', 'stopped', 'completed'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/**
 * What an experiment can measure, per event (request) or per unit (the sum over its requests):
 * - `latency_ms`, `cost_usd`, `input_tokens`, `output_tokens` — from the event;
 * - `error` — 1 when the event's status is `error`, else 0;
 * - `outcome_value` — the regression outcome joined by requestId;
 * - `correct` — 1 when the joined outcome label equals the output label, else 0;
 * - `thumbs_up` — 1 for a thumbs-up, 0 for a thumbs-down (requests without a thumb are left out);
 * - `escalated` — 1 when the request has an escalation feedback, else 0;
 * - `score:<name>` — the named judge or human score (the mean over sources when there are several).
 */
export const EXPERIMENT_METRICS = [
  'latency_ms',
  'error',
  'cost_usd',
  'input_tokens',
  'output_tokens',
  'outcome_value',
  'correct',
  'thumbs_up',
  'escalated',
] as const;

const SCORE_METRIC = /^score:[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/;

/** A metric name: one of EXPERIMENT_METRICS, or `score:<name>`. */
export const ExperimentMetricSchema = z
  .string()
  .refine((m) => (EXPERIMENT_METRICS as readonly string[]).includes(m) || (SCORE_METRIC.test(m) && m.length <= 206), {
    error: (issue) =>
      `expected one of ${EXPERIMENT_METRICS.join(', ')} or score:<name> (got ${JSON.stringify(issue.input)})`,
  });

export const METRIC_DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;

/**
 * How the primary metric is analysed: `mean` (Welch t, CUPED-ready), `proportion` (two-proportion
 * z on a 0/1 metric), `rank` (Mann–Whitney), `quantile` (bootstrap of the q-quantile, e.g. p95)
 * or `ratio` (delta method, Σ metric / Σ denominator per unit).
 */
export const PrimaryMetricSchema = z
  .object({
    metric: ExperimentMetricSchema,
    type: z.enum(['mean', 'proportion', 'rank', 'quantile', 'ratio']).default('mean'),
    direction: z.enum(METRIC_DIRECTIONS).default('higher-is-better'),
    /** The quantile of a `quantile` metric, in (0, 1). */
    q: z.number().gt(0, 'expected q in (0, 1)').lt(1, 'expected q in (0, 1)').optional(),
    /** The denominator metric of a `ratio` metric. */
    denominator: ExperimentMetricSchema.optional(),
  })
  .strict()
  .refine((m) => m.type !== 'quantile' || m.q !== undefined, {
    path: ['q'],
    message: 'expected q (e.g. 0.95) for a quantile metric',
  })
  .refine((m) => (m.type === 'ratio') === (m.denominator !== undefined), {
    path: ['denominator'],
    message: 'expected a denominator exactly when type is "ratio"',
  });
export type PrimaryMetric = z.output<typeof PrimaryMetricSchema>;

/**
 * A metric that must not get worse, tested one-sided for non-inferiority (core guardrailCheck):
 * it fails when the data show the treatment worse than control by more than `threshold`
 * (absolute, in the metric's units; or relative, a share of control: 0.1 = 10 %).
 */
export const GuardrailSpecSchema = z
  .object({
    metric: ExperimentMetricSchema,
    direction: z.enum(METRIC_DIRECTIONS),
    threshold: z.number().nonnegative('expected a threshold ≥ 0').refine(Number.isFinite, 'expected a finite number'),
    thresholdType: z.enum(['absolute', 'relative']).default('absolute'),
  })
  .strict();
export type GuardrailSpec = z.output<typeof GuardrailSpecSchema>;

export const ExperimentVariantSchema = z
  .object({
    name: NameSchema,
    weight: z.number().nonnegative('expected a weight ≥ 0').refine(Number.isFinite, 'expected a finite number'),
  })
  .strict();

const variantList = z
  .array(ExperimentVariantSchema)
  .min(2, 'expected at least 2 variants (the first is the control)')
  .max(20, 'expected at most 20 variants')
  .refine((vs) => new Set(vs.map((v) => v.name)).size === vs.length, 'expected unique variant names')
  .refine((vs) => vs.some((v) => v.weight > 0), 'expected at least one positive weight');

/**
 * An experiment as created (`POST /v1/experiments`). The id is also the assignment key: units are
 * hashed with `seed` (default: the id), so two experiments never share an assignment by accident.
 *
 * `armField` says which event field names the arm in the analysis: `variant` (default; the
 * variant names must then be event variants: production, control, treatment, canary, shadow) or
 * `version` (any names; the arm is the event's model version).
 */
export const ExperimentInputSchema = z
  .object({
    id: NameSchema,
    type: z.enum(EXPERIMENT_TYPES).default('ab'),
    description: z.string().max(2000).optional(),
    seed: z.string().max(200).optional(),
    variants: variantList,
    /** Share of eligible units that enter the experiment, in [0, 1] (default 1). */
    coverage: z.number().min(0).max(1).default(1),
    holdout: z
      .object({ key: z.string().min(1).max(200), share: z.number().min(0).lt(1, 'expected share < 1') })
      .strict()
      .optional(),
    layer: z
      .object({ key: z.string().min(1).max(200), start: z.number().min(0), end: z.number().max(1) })
      .strict()
      .refine((l) => l.start < l.end, { path: ['end'], message: 'expected start < end' })
      .optional(),
    armField: z.enum(['variant', 'version']).default('variant'),
    primaryMetric: PrimaryMetricSchema.default({ metric: 'error', type: 'proportion', direction: 'lower-is-better' }),
    guardrails: z.array(GuardrailSpecSchema).max(20).default([]),
    /** Smallest effect worth acting on: absolute (the effect's units) or relative (lift, 0.02 = 2 %). */
    minEffect: z
      .object({ value: z.number().nonnegative(), scale: z.enum(['absolute', 'relative']).default('absolute') })
      .strict()
      .optional(),
    /** Always-valid confidence sequences (look any time) instead of fixed-horizon tests. */
    sequential: z.boolean().default(false),
    /** N* of the confidence sequence (default: 2 × plannedUnitsPerArm, else 5 000). */
    tuning: z.number().int().positive().optional(),
    alpha: z.number().gt(0).lt(1).default(0.05),
    correction: z.enum(['holm', 'fdr_bh']).default('holm'),
    /** Planned units per arm (from `modelwatch ab plan`): decisions before it are flagged. */
    plannedUnitsPerArm: z.number().int().positive().optional(),
    status: z.enum(EXPERIMENT_STATUSES).default('draft'),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.armField === 'variant') {
      e.variants.forEach((v, i) => {
        if (!(VARIANTS as readonly string[]).includes(v.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['variants', i, 'name'],
            message: `with armField "variant" a variant name must be an event variant (${VARIANTS.join(', ')}); use armField "version" for other names (got ${JSON.stringify(v.name)})`,
          });
        }
      });
    }
    if (e.sequential && e.primaryMetric.type !== 'mean' && e.primaryMetric.type !== 'proportion') {
      ctx.addIssue({
        code: 'custom',
        path: ['sequential'],
        message: `sequential testing works with a mean or proportion primary metric (got type ${JSON.stringify(e.primaryMetric.type)})`,
      });
    }
    if (e.type === 'canary' && e.variants.length !== 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants'],
        message: `a canary has exactly 2 variants, stable then canary (got ${e.variants.length})`,
      });
    }
  });
export type ExperimentInput = z.input<typeof ExperimentInputSchema>;
export type ExperimentDefinition = z.output<typeof ExperimentInputSchema>;

/**
 * A change to an experiment (`PATCH /v1/experiments/:id`). The id, type, seed, holdout, layer and
 * armField are fixed once created (changing them would re-randomise or re-label every unit).
 * New weights (or variants added or dropped by name) go through core reweightedExperiment, which
 * moves the fewest units possible.
 */
export const ExperimentUpdateSchema = z
  .object({
    description: z.string().max(2000).optional(),
    variants: variantList.optional(),
    coverage: z.number().min(0).max(1).optional(),
    primaryMetric: PrimaryMetricSchema.optional(),
    guardrails: z.array(GuardrailSpecSchema).max(20).optional(),
    minEffect: z
      .object({ value: z.number().nonnegative(), scale: z.enum(['absolute', 'relative']).default('absolute') })
      .strict()
      .nullable()
      .optional(),
    sequential: z.boolean().optional(),
    tuning: z.number().int().positive().optional(),
    alpha: z.number().gt(0).lt(1).optional(),
    correction: z.enum(['holm', 'fdr_bh']).optional(),
    plannedUnitsPerArm: z.number().int().positive().optional(),
    status: z.enum(EXPERIMENT_STATUSES).optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'expected at least one field to change');
export type ExperimentUpdate = z.output<typeof ExperimentUpdateSchema>;

/** The bucket layout of core assignmentExperiment / reweightedExperiment, as stored. */
export const AssignmentLayoutSchema = z
  .object({
    key: z.string().min(1),
    seed: z.string(),
    variants: z.array(z.string().min(1)).min(2),
    weights: z.array(z.number().min(0).max(1)),
    coverage: z.number().min(0).max(1),
    ranges: z.array(z.array(z.tuple([z.number(), z.number()]))),
    layer: z.object({ key: z.string(), start: z.number(), end: z.number() }).strict().optional(),
    holdout: z.object({ key: z.string(), share: z.number() }).strict().optional(),
  })
  .strict();
export type AssignmentLayout = z.output<typeof AssignmentLayoutSchema>;

/** An experiment as stored (document kind `experiment`): the definition plus server fields. */
export const ExperimentRecordSchema = z
  .object({
    definition: ExperimentInputSchema,
    assignment: AssignmentLayoutSchema,
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
    /** When it first went to `running` (the analysis window starts here). */
    startedAt: z.number().int().nonnegative().optional(),
    /** When it left `running`. */
    endedAt: z.number().int().nonnegative().optional(),
    /** Incremented by every update. */
    revision: z.number().int().positive(),
  })
  .strict();
export type ExperimentRecord = z.output<typeof ExperimentRecordSchema>;
