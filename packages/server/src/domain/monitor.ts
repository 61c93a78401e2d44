import { z } from 'zod';
import { NameSchema } from './identifiers.js';

/**
 * What the evaluator concluded about one monitor in one window:
 * - `ok`: within its thresholds (or it has none);
 * - `warn`, `alert`: past its warning or alerting threshold (see docs/MONITORING.md);
 * - `skipped`: not computable this window (too few labelled outcomes, no baseline, …); `value` is
 *   null and `details.reason` says why.
 */
export const MONITOR_STATUSES = ['ok', 'warn', 'alert', 'skipped'] as const;
export type MonitorStatus = (typeof MONITOR_STATUSES)[number];

/**
 * A monitor name: dot-separated, e.g. `sli.error_rate`, `quality.accuracy`, `drift.share`,
 * `drift.feature.<feature name>`, `score.judge.<score name>`. 1–300 characters, no control
 * characters (feature names are free-form, so the last part may hold any printable character).
 */
export const MonitorNameSchema = z
  .string()
  .min(1, 'expected a non-empty monitor name')
  .max(300, 'expected at most 300 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects
  .regex(/^[a-z][a-z0-9_]*(\.[^\u0000-\u001f\u007f]+)*$/, 'expected a dotted name such as sli.error_rate');

/**
 * One monitor value of one (project, model, version) in one evaluator window, optionally of one
 * segment slice. `at` is the end of the window (exclusive, epoch milliseconds); the window start
 * is in `details.from`. `value` is a number for every status but `skipped` (then null).
 */
export interface MonitorResult {
  readonly projectId: string;
  readonly model: string;
  readonly version: string;
  readonly monitor: string;
  /** `key=value` of a segment slice; absent for the whole (model, version). */
  readonly segment?: string;
  readonly at: number;
  readonly value: number | null;
  readonly status: MonitorStatus;
  /** JSON: window, counts, thresholds, the statistics behind the value, or the reason it was skipped. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** What `Store.listMonitorResults` selects besides the project: a half-open window [from, to) on `at`. */
export interface MonitorResultQuery {
  readonly model?: string;
  readonly version?: string;
  /** A monitor name, or a prefix ending in `*` (`drift.*`). */
  readonly monitor?: string;
  /** `key=value` of a slice; `''` selects the whole-model results only. */
  readonly segment?: string;
  readonly from: number;
  readonly to: number;
  /** At most this many results, the most recent ones (returned oldest first). */
  readonly limit: number;
}

/** Most results one `listMonitorResults` call returns. */
export const MONITOR_RESULTS_MAX_LIMIT = 100_000;

/** The query of `GET /v1/monitors` (query-string values are strings). */
export const MonitorQueryInputSchema = z
  .object({
    model: NameSchema.optional(),
    version: NameSchema.optional(),
    monitor: z
      .string()
      .min(1, 'expected a monitor name or a prefix ending in *')
      .max(300, 'expected at most 300 characters')
      .optional(),
    segment: z.string().max(300, 'expected at most 300 characters').optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    limit: z
      .string()
      .regex(/^\d+$/, 'expected a positive integer')
      .transform(Number)
      .refine(
        (n) => n >= 1 && n <= MONITOR_RESULTS_MAX_LIMIT,
        `expected an integer in [1, ${MONITOR_RESULTS_MAX_LIMIT}]`,
      )
      .optional(),
  })
  .strict();
export type MonitorQueryInput = z.input<typeof MonitorQueryInputSchema>;
