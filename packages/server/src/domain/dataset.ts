import { z } from 'zod';
import { NameSchema } from './identifiers.js';
import { Sha256Schema } from './registry.js';

/**
 * What an evaluation dataset is for: `golden` (curated, trusted labels), `holdout` (a sample kept
 * out of training), `adversarial` (inputs built to break the model), `edge_case` (rare but valid
 * inputs), `synthetic` (generated).
 */
export const DATASET_KINDS = ['golden', 'holdout', 'adversarial', 'edge_case', 'synthetic'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** A column of a dataset version with DuckDB's inferred type. */
export const DatasetColumnSchema = z.strictObject({ name: z.string(), type: z.string() });

/**
 * One immutable version of an evaluation dataset. `version` is the first 12 hex digits of
 * `sha256`, the SHA-256 of the dataset's canonical serialisation (see services/datasets), so the
 * same rows give the same version whatever file format they came in.
 */
export const DatasetVersionSchema = z.strictObject({
  name: NameSchema,
  version: z.string().regex(/^[0-9a-f]{12}$/, 'expected 12 lower-case hexadecimal digits'),
  sha256: Sha256Schema,
  kind: z.enum(DATASET_KINDS),
  rowCount: z.number().int().nonnegative(),
  columns: z.array(DatasetColumnSchema),
  /** The file it was added from (informational). */
  source: z.string(),
  description: z.string().max(2000).optional(),
  createdAt: z.number().int(),
});
export type DatasetVersion = z.infer<typeof DatasetVersionSchema>;

/** A row of a dataset: column name → JSON value (numbers, strings, booleans or null). */
export type DatasetRow = Readonly<Record<string, number | string | boolean | null>>;
