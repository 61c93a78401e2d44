import { z } from 'zod';
import { AssignmentLayoutSchema, GuardrailSpecSchema } from './experiment.js';
import { NameSchema } from './identifiers.js';

const count = z.number().int('expected an integer').nonnegative('expected an integer ≥ 0');
const duration = z
  .number()
  .nonnegative('expected milliseconds ≥ 0')
  .refine(Number.isFinite, 'expected a finite number of milliseconds');

/**
 * A canary rollout as started (`POST /v1/rollouts`). It drives the canary experiment of the same
 * id (type `canary`, variants [stable, canary]): the current step's percentage is the canary's
 * share of units. Policy fields default as core rolloutPolicy does (steps 1 → 5 → 10 → 25 → 50 →
 * 100 %, 1000 canary units and 10 minutes per step, an analysis every minute, Argo's limits). The
 * guardrails default to the experiment's.
 */
export const RolloutInputSchema = z
  .object({
    /** The canary experiment to drive; the rollout has the same id. */
    experimentId: NameSchema,
    steps: z.array(z.number()).min(1).optional(),
    minSamplesPerStep: count.optional(),
    minDurationPerStepMs: duration.optional(),
    analysisIntervalMs: duration.refine((x) => x > 0, 'expected an interval > 0').optional(),
    /**
     * Requests each analysis compares: those of the last `analysisWindowMs` of the step (default:
     * the analysis interval, as Flagger queries its metrics over the last interval), so a breach is
     * not diluted by the step's earlier healthy traffic.
     */
    analysisWindowMs: duration.refine((x) => x > 0, 'expected a window > 0').optional(),
    minAnalysesPerStep: count.optional(),
    failureLimit: count.optional(),
    consecutiveErrorLimit: count.optional(),
    inconclusiveLimit: count.optional(),
    burnRateRollback: z.number().nonnegative().optional(),
    burnRatePause: z.number().nonnegative().optional(),
    /** Overrides the experiment's guardrails. */
    guardrails: z.array(GuardrailSpecSchema).max(20).optional(),
    /**
     * Availability objective of the canary (e.g. 0.99): its error rate over the last analysis
     * interval divided by 1 − sloTarget is the burn rate checked against burnRateRollback/Pause.
     */
    sloTarget: z.number().gt(0).lt(1, 'expected an objective < 1').optional(),
    /** Requests each arm needs in the window before an analysis is run (default 20). */
    minRequestsPerAnalysis: z.number().int().min(2, 'expected at least 2').default(20),
    /**
     * true: a guardrail that is only inconclusive (non-inferiority not shown) makes the run
     * Inconclusive; false (default, Flagger's reading): only a guardrail shown worse fails a run.
     */
    requireNonInferiority: z.boolean().default(false),
    /** One-sided level of the guardrail tests (default 0.05). */
    alpha: z.number().gt(0).lt(1).default(0.05),
  })
  .strict();
export type RolloutInput = z.input<typeof RolloutInputSchema>;
export type RolloutSpec = z.output<typeof RolloutInputSchema>;

/** A canary rollout as stored (document kind `rollout`, id = the experiment id). */
export const RolloutRecordSchema = z
  .object({
    id: NameSchema,
    spec: RolloutInputSchema,
    /** The guardrails in force (the spec's, else the experiment's at the start). */
    guardrails: z.array(GuardrailSpecSchema),
    /** The stable and canary variant names (the experiment's variants 0 and 1). */
    stable: z.string().min(1),
    canary: z.string().min(1),
    /** core CanaryRollout.toState(): policy, status, step, counters. Validated by CanaryRollout.fromState. */
    state: z.record(z.string(), z.unknown()),
    /** The units' assignment at the current canary weight (reweighted at every weight change). */
    assignment: AssignmentLayoutSchema,
    /** When the controller runs the next analysis. */
    nextAnalysisAt: z.number(),
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
    /** Incremented at every persisted change. */
    revision: z.number().int().positive(),
  })
  .strict();
export type RolloutRecord = z.output<typeof RolloutRecordSchema>;
