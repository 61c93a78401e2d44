import { z } from 'zod';
import { ProjectIdSchema } from './identifiers.js';

/** What a key may do: `ingest` writes records, `read` queries, `admin` manages keys and projects. */
export const SCOPES = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** A project: the tenant that owns models, records and keys. Keys see only their project. */
export const ProjectSchema = z
  .object({
    id: ProjectIdSchema,
    name: z.string().min(1).max(200),
    createdAt: z.number().int().nonnegative(),
  })
  .strict();
export type Project = z.infer<typeof ProjectSchema>;

/**
 * An API key as stored: never the secret, only its SHA-256 (`hash`, hex). The secret is shown once
 * when the key is created. `prefix` (the first characters of the secret) identifies a key in
 * listings and logs without revealing it.
 */
export const ApiKeyRecordSchema = z
  .object({
    id: z.string().min(1).max(64),
    projectId: ProjectIdSchema,
    name: z.string().min(1).max(200),
    prefix: z.string().min(1).max(32),
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256'),
    scopes: z.array(z.enum(SCOPES)).min(1),
    createdAt: z.number().int().nonnegative(),
    revokedAt: z.number().int().nonnegative().optional(),
  })
  .strict();
export type ApiKeyRecord = z.infer<typeof ApiKeyRecordSchema>;
