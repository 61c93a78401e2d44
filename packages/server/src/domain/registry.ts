import { z } from 'zod';
import { NameSchema } from './identifiers.js';

/**
 * Stages of a model version. A new version starts in `none` (registered, not deployed anywhere);
 * `staging` and `production` are deployment targets; `archived` is terminal for serving but a
 * version can be brought back to staging or production.
 */
export const STAGES = ['none', 'staging', 'production', 'archived'] as const;
export type Stage = (typeof STAGES)[number];

/** A lower-case hex SHA-256 digest. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hexadecimal digits (SHA-256)');

/** Where a version came from: the data it was trained on and the version it was derived from. */
export const LineageSchema = z.strictObject({
  /** Training data version, e.g. a dataset version id `penguins@3f2a…` or a URI. */
  trainingData: z.string().min(1).max(500).optional(),
  /** The version of the same model this one was derived from (fine-tuned, retrained). */
  parentVersion: NameSchema.optional(),
});
export type Lineage = z.infer<typeof LineageSchema>;

/** Flat metadata: short strings, numbers or booleans (framework, hyper-parameters, git commit). */
export const MetadataSchema = z
  .record(z.string().min(1).max(100), z.union([z.string().max(2000), z.number(), z.boolean()]))
  .refine((m) => Object.keys(m).length <= 100, 'expected at most 100 metadata entries');

/** What `POST /v1/models/:model/versions` and `modelwatch models register` take. */
export const RegisterVersionInputSchema = z.strictObject({
  model: NameSchema,
  version: NameSchema,
  artifactUri: z.string().min(1).max(2000),
  artifactSha256: Sha256Schema,
  description: z.string().max(2000).optional(),
  metadata: MetadataSchema.optional(),
  lineage: LineageSchema.optional(),
});
export type RegisterVersionInput = z.infer<typeof RegisterVersionInputSchema>;

/** One gate condition's outcome as attached to a version (see domain/gate.ts for the full result). */
export const AttachedGateConditionSchema = z.strictObject({
  condition: z.string(),
  passed: z.boolean(),
  detail: z.string(),
});

/** The latest gate result of a version: promotion to production is refused while `passed` is false. */
export const AttachedGateResultSchema = z.strictObject({
  passed: z.boolean(),
  /** The evaluation run the gates were evaluated on. */
  runId: z.string().min(1).max(200),
  /** The gate file's name or label. */
  gates: z.string().min(1).max(500),
  evaluatedAt: z.number().int(),
  conditions: z.array(AttachedGateConditionSchema).max(500),
});
export type AttachedGateResult = z.infer<typeof AttachedGateResultSchema>;

/** A registered model version (the document stored under kind `registry_version`). */
export const ModelVersionSchema = z.strictObject({
  model: NameSchema,
  version: NameSchema,
  stage: z.enum(STAGES),
  artifactUri: z.string(),
  artifactSha256: Sha256Schema,
  description: z.string().optional(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  lineage: LineageSchema,
  createdAt: z.number().int(),
  createdBy: z.string(),
  stageChangedAt: z.number().int(),
  gate: AttachedGateResultSchema.optional(),
});
export type ModelVersion = z.infer<typeof ModelVersionSchema>;

/** A model with its versions' stages at a glance. */
export interface ModelSummary {
  readonly model: string;
  readonly versions: number;
  /** The production version, if any (there is at most one). */
  readonly production?: string;
  readonly staging: readonly string[];
  readonly latest: string;
  readonly updatedAt: number;
}

/** What a stage transition takes. */
export const TransitionInputSchema = z.strictObject({
  stage: z.enum(STAGES),
  /** Why (recorded in the audit log). */
  reason: z.string().trim().min(1).max(2000).optional(),
  /** Promote to production although the attached gate result failed; recorded in the audit log. */
  overrideReason: z.string().trim().min(1).max(2000).optional(),
});
export type TransitionInput = z.infer<typeof TransitionInputSchema>;

/** The result of a transition: the version, and the previous production version it archived. */
export interface TransitionResult {
  readonly version: ModelVersion;
  readonly archived?: ModelVersion;
}
