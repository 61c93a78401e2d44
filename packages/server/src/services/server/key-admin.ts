import type { ApiKeyRecord, Project, Scope } from '../../domain/api-key.js';

/** A key as shown to people and over the API: everything but the hash. */
export type PublicApiKey = Omit<ApiKeyRecord, 'hash'>;

/** A key just created: its record and the secret, which is shown this once and never stored. */
export interface CreatedApiKey {
  readonly key: PublicApiKey;
  readonly secret: string;
}

/** A project just created, with its first admin key. */
export interface CreatedProject {
  readonly project: Project;
  readonly adminKey: CreatedApiKey;
}

/** Input of `KeyAdmin.createKey`. */
export interface CreateKeyInput {
  readonly projectId: string;
  readonly scopes: readonly Scope[];
  readonly name?: string;
}

/**
 * Key and project administration as the CLI uses it: implemented on the store file directly
 * (`ApiKeyAdmin`, when no server owns the file) and over a running server's admin API
 * (`AdminApiClient`, which the server checks against the caller's key).
 */
export interface KeyAdmin {
  createKey(input: CreateKeyInput): Promise<CreatedApiKey>;
  listKeys(projectId: string): Promise<readonly PublicApiKey[]>;
  /** Revokes key `id` (of `projectId`, when given); returns it as revoked. */
  revokeKey(id: string, projectId?: string): Promise<PublicApiKey>;
  createProject(id: string, name?: string): Promise<CreatedProject>;
  listProjects(): Promise<readonly Project[]>;
}

/** The record without its hash. */
export function publicApiKey(record: ApiKeyRecord): PublicApiKey {
  const { hash: _hash, ...rest } = record;
  return rest;
}
