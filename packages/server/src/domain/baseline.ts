import { z } from 'zod';
import { NameSchema } from './identifiers.js';
import { TimestampSchema } from './timestamp.js';

/** Store document kind of baselines (one per project, model and version). */
export const BASELINE_DOCUMENT_KIND = 'baseline';

/**
 * Reserved profile columns beside the event's features: the prediction and the latency, so a
 * baseline covers prediction drift too. A feature whose name starts with `$` is stored with one
 * more `$` in front (`$x` → `$$x`), so it cannot collide with these.
 */
export const BASELINE_PREDICTION_COLUMNS = {
  label: '$prediction.label',
  score: '$prediction.score',
  value: '$prediction.value',
  latencyMs: '$latency_ms',
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (a SHA-256)');

/** Where a baseline's rows came from. */
export const BaselineSourceSchema = z.discriminatedUnion('type', [
  /** The version's own traffic in [from, to) (epoch ms), e.g. its first N hours. */
  z
    .object({
      type: z.literal('traffic'),
      from: z.number().int(),
      to: z.number().int(),
    })
    .strict(),
  /**
   * A data set: its file name and SHA-256. `sha256Of: 'file'` when the server profiled the file
   * (or the uploader gave the file's hash), `'profile'` when only the uploaded profile's JSON
   * text was hashed.
   */
  z
    .object({
      type: z.literal('dataset'),
      fileName: z.string().min(1).max(1000),
      sha256,
      sha256Of: z.enum(['file', 'profile']),
    })
    .strict(),
]);
export type BaselineSource = z.output<typeof BaselineSourceSchema>;

/** A baseline without its profile: what `GET /v1/baselines` lists. */
export const BaselineSummarySchema = z
  .object({
    model: NameSchema,
    version: NameSchema,
    source: BaselineSourceSchema,
    rowCount: z.number().int().nonnegative(),
    /** Profiled columns (features, then the reserved `$prediction.*` / `$latency_ms` ones present). */
    columns: z.array(z.string()),
    createdAt: z.number().int(),
  })
  .strict();
export type BaselineSummary = z.output<typeof BaselineSummarySchema>;

/**
 * A baseline as stored (document kind `baseline`): the summary plus the reference profile's
 * state (core `DatasetProfileState`; validated by `DatasetProfile.fromState` in the service, which
 * names the bad field).
 */
export const BaselineRecordSchema = BaselineSummarySchema.extend({
  profile: z.record(z.string(), z.unknown()),
}).strict();
export type BaselineRecord = z.output<typeof BaselineRecordSchema>;

/**
 * `POST /v1/baselines`: a model version and either a traffic window to profile, or a profile
 * state built elsewhere (`modelwatch drift profile data.parquet -o profile.json`), optionally
 * with the data file's name and SHA-256.
 */
export const BaselineInputSchema = z
  .object({
    model: NameSchema,
    version: NameSchema,
    traffic: z
      .object({ from: TimestampSchema, to: TimestampSchema })
      .strict()
      .refine((w) => w.from < w.to, { message: 'expected from < to', path: ['to'] })
      .optional(),
    profile: z.record(z.string(), z.unknown()).optional(),
    dataset: z
      .object({ fileName: z.string().min(1).max(1000), sha256: sha256.optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => (b.traffic === undefined) !== (b.profile === undefined), {
    message: 'expected exactly one of traffic (a window to profile) or profile (a profile state)',
    path: ['traffic'],
  })
  .refine((b) => b.dataset === undefined || b.profile !== undefined, {
    message: 'dataset describes an uploaded profile; give it with profile',
    path: ['dataset'],
  });
export type BaselineInput = z.input<typeof BaselineInputSchema>;
