import { z } from 'zod';
import { NameSchema } from './identifiers.js';

/** Document kind of an SLO. */
export const SLO_DOCUMENT = 'slo';

/** One multi-window burn-rate alert: fires while the burn rate exceeds `factor` over both windows. */
export const BurnRateWindowSchema = z
  .object({
    /** The alert name, e.g. `ErrorBudgetBurnFast`. */
    name: z.string().regex(/^ErrorBudgetBurn[A-Za-z0-9_]*$/, 'expected ErrorBudgetBurn<Suffix>'),
    factor: z.number().positive('expected a burn-rate factor > 0'),
    longWindowMs: z.number().int().positive(),
    shortWindowMs: z.number().int().positive(),
    severity: z.enum(['page', 'ticket', 'info']),
  })
  .strict()
  .refine((w) => w.shortWindowMs < w.longWindowMs, {
    message: 'expected shortWindowMs < longWindowMs',
    path: ['shortWindowMs'],
  });
export type BurnRateWindow = z.output<typeof BurnRateWindowSchema>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The SRE workbook's multi-window, multi-burn-rate alerts (chapter 5, "Alerting on SLOs",
 * table 5-8): 2 % of a 30-day budget in 1 h (14.4×, checked over 5 min too), 5 % in 6 h (6×, and
 * 30 min), 10 % in 3 days (1×, and 6 h). The first two page, the third opens a ticket.
 */
export const DEFAULT_BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  { name: 'ErrorBudgetBurnFast', factor: 14.4, longWindowMs: HOUR, shortWindowMs: 5 * MINUTE, severity: 'page' },
  {
    name: 'ErrorBudgetBurnMedium',
    factor: 6,
    longWindowMs: 6 * HOUR,
    shortWindowMs: 30 * MINUTE,
    severity: 'page',
  },
  { name: 'ErrorBudgetBurnSlow', factor: 1, longWindowMs: 72 * HOUR, shortWindowMs: 6 * HOUR, severity: 'ticket' },
];

/**
 * What a request must satisfy to count as good:
 * - `availability`: status `ok` (not an error);
 * - `latency`: latencyMs ≤ `thresholdMs`, among all requests (an error counts by its latency too);
 * - `quality`: among labelled requests (`source: outcome`: the outcome label equals the predicted
 *   label) or judged requests (`source: score`: the latest score named `scoreName` ≥ `minScore`).
 */
export const SliSchema = z.union([
  z.object({ kind: z.literal('availability') }).strict(),
  z.object({ kind: z.literal('latency'), thresholdMs: z.number().positive('expected a threshold > 0 ms') }).strict(),
  z.object({ kind: z.literal('quality'), source: z.literal('outcome') }).strict(),
  z
    .object({
      kind: z.literal('quality'),
      source: z.literal('score'),
      scoreName: NameSchema,
      minScore: z.number().refine(Number.isFinite, 'expected a finite number'),
    })
    .strict(),
]);
export type Sli = z.output<typeof SliSchema>;

/**
 * A service-level objective (document kind `slo`): `objective` of the model's requests over
 * `periodMs` (default 30 days) are good. The error budget is 1 − objective.
 */
export const SloSchema = z
  .object({
    id: NameSchema,
    model: NameSchema,
    version: NameSchema.optional(),
    sli: SliSchema,
    objective: z.number().gt(0, 'expected an objective in (0, 1)').lt(1, 'expected an objective in (0, 1)'),
    periodMs: z
      .number()
      .int()
      .min(HOUR, 'expected a period of at least one hour')
      .max(400 * 24 * HOUR)
      .default(30 * 24 * HOUR),
    burnRateAlerts: z
      .array(BurnRateWindowSchema)
      .max(10)
      .default([...DEFAULT_BURN_RATE_WINDOWS]),
    /**
     * Seed 002: while the burn rate is above this over both 5 min and 1 h, the project's active
     * rollouts are paused (once per episode, audited). 0 turns it off.
     */
    pauseRolloutsAboveBurn: z.number().nonnegative().default(2),
    labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string().max(200)).default({}),
    description: z.string().max(1000).default(''),
  })
  .strict();
export type SloInput = z.input<typeof SloSchema>;
export type Slo = z.output<typeof SloSchema>;
