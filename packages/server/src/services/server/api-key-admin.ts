import { randomBytes } from 'node:crypto';
import { type ApiKeyRecord, type Project, ProjectSchema, SCOPES, type Scope } from '../../domain/api-key.js';
import type { Store } from '../../storage/store.js';
import { newApiKeySecret } from '../auth/index.js';
import {
  type CreatedApiKey,
  type CreatedProject,
  type CreateKeyInput,
  type KeyAdmin,
  type PublicApiKey,
  publicApiKey,
} from './key-admin.js';
import { ServerError } from './server-error.js';

/** The project every installation has; its admin keys may create other projects. */
export const DEFAULT_PROJECT_ID = 'default';

/** Who performed an administrative action (recorded in the audit log). */
export interface AdminActor {
  readonly via: 'cli' | 'api' | 'startup';
  /** The admin key used, for `api`. */
  readonly keyId?: string;
}

/** Options of `ApiKeyAdmin`. */
export interface ApiKeyAdminOptions {
  /** Called after a key is created or revoked (the server drops its authentication cache). */
  readonly onChange?: () => void;
  readonly now?: () => number;
}

/**
 * Creates, lists and revokes API keys and creates projects, on a store. Secrets are generated
 * here, returned once and never stored: the store holds the SHA-256 only. Every creation and
 * revocation is written to the audit log (kind `api_key` or `project`, with the actor).
 */
export class ApiKeyAdmin implements KeyAdmin {
  readonly #store: Store;
  readonly #actor: AdminActor;
  readonly #onChange: () => void;
  readonly #now: () => number;

  constructor(store: Store, actor: AdminActor, options: ApiKeyAdminOptions = {}) {
    this.#store = store;
    this.#actor = actor;
    this.#onChange = options.onChange ?? (() => undefined);
    this.#now = options.now ?? Date.now;
  }

  /** The same store and options acting for someone else (one per request in the admin API). */
  as(actor: AdminActor): ApiKeyAdmin {
    return new ApiKeyAdmin(this.#store, actor, { onChange: this.#onChange, now: this.#now });
  }

  async createKey(input: CreateKeyInput): Promise<CreatedApiKey> {
    const scopes = checkedScopes(input.scopes);
    const name = input.name ?? `${scopes.join('+')} key`;
    if (name.length === 0 || name.length > 200) {
      throw new ServerError(
        'invalid_argument',
        `createKey: name must have 1–200 characters (got ${JSON.stringify(name)})`,
      );
    }
    await this.#existingProject(input.projectId);
    const { secret, hash, prefix } = newApiKeySecret();
    const record: ApiKeyRecord = {
      id: `key_${randomBytes(8).toString('hex')}`,
      projectId: input.projectId,
      name,
      prefix,
      hash,
      scopes: [...scopes],
      createdAt: this.#now(),
    };
    await this.#store.putApiKey(record);
    await this.#audit(record.projectId, 'api_key', record.id, 'create', { name, scopes, prefix });
    this.#onChange();
    return { key: publicApiKey(record), secret };
  }

  async listKeys(projectId: string): Promise<readonly PublicApiKey[]> {
    await this.#existingProject(projectId);
    return (await this.#store.listApiKeys(projectId)).map(publicApiKey);
  }

  async revokeKey(id: string, projectId?: string): Promise<PublicApiKey> {
    const projects = projectId !== undefined ? [projectId] : (await this.#store.listProjects()).map((p) => p.id);
    for (const p of projects) {
      const record = (await this.#store.listApiKeys(p)).find((k) => k.id === id);
      if (record === undefined) continue;
      if (record.revokedAt !== undefined) return publicApiKey(record);
      const revoked: ApiKeyRecord = { ...record, revokedAt: this.#now() };
      await this.#store.putApiKey(revoked);
      await this.#audit(p, 'api_key', id, 'revoke', { name: record.name, prefix: record.prefix });
      this.#onChange();
      return publicApiKey(revoked);
    }
    const where = projectId !== undefined ? ` in project ${JSON.stringify(projectId)}` : '';
    throw new ServerError('not_found', `revokeKey: no API key with id ${JSON.stringify(id)}${where}`);
  }

  async createProject(id: string, name?: string): Promise<CreatedProject> {
    const parsed = ProjectSchema.safeParse({ id, name: name ?? id, createdAt: this.#now() });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? 'id';
      const value = field === 'name' ? name : id;
      throw new ServerError(
        'invalid_argument',
        `createProject: ${field} ${issue?.message ?? 'is invalid'} (got ${JSON.stringify(value)})`,
      );
    }
    if ((await this.#store.listProjects()).some((p) => p.id === id)) {
      throw new ServerError('conflict', `createProject: project ${JSON.stringify(id)} already exists`);
    }
    await this.#store.putProject(parsed.data);
    await this.#audit(id, 'project', id, 'create', { name: parsed.data.name });
    const adminKey = await this.createKey({ projectId: id, scopes: ['admin'], name: 'initial admin key' });
    return { project: parsed.data, adminKey };
  }

  listProjects(): Promise<readonly Project[]> {
    return this.#store.listProjects();
  }

  /**
   * First start: makes sure the `default` project exists and, when the store holds no key at all
   * (revoked ones count), creates its admin key. Returns that key (to be shown once) or undefined.
   */
  async bootstrap(): Promise<CreatedApiKey | undefined> {
    const projects = await this.ensureDefaultProject();
    for (const p of projects) if ((await this.#store.listApiKeys(p.id)).length > 0) return undefined;
    return this.createKey({ projectId: DEFAULT_PROJECT_ID, scopes: ['admin'], name: 'initial admin key' });
  }

  /** Creates the `default` project if missing; returns the projects. */
  async ensureDefaultProject(): Promise<readonly Project[]> {
    const projects = await this.#store.listProjects();
    if (projects.some((p) => p.id === DEFAULT_PROJECT_ID)) return projects;
    const project = { id: DEFAULT_PROJECT_ID, name: 'Default project', createdAt: this.#now() };
    await this.#store.putProject(project);
    await this.#audit(DEFAULT_PROJECT_ID, 'project', DEFAULT_PROJECT_ID, 'create', { name: project.name });
    return [...projects, project];
  }

  async #existingProject(projectId: string): Promise<void> {
    if (!(await this.#store.listProjects()).some((p) => p.id === projectId)) {
      throw new ServerError(
        'not_found',
        `no project ${JSON.stringify(projectId)}; create it with \`modelwatch projects create ${projectId}\``,
      );
    }
  }

  #audit(projectId: string, kind: string, subject: string, action: string, details: object): Promise<void> {
    return this.#store.appendAudit({
      projectId,
      at: this.#now(),
      kind,
      subject,
      action,
      details: { ...details, actor: this.#actor },
    });
  }
}

/** Validates a scope list: non-empty, known scopes, no repeats. */
export function checkedScopes(scopes: readonly string[]): readonly Scope[] {
  if (!Array.isArray(scopes) || scopes.length === 0) {
    throw new ServerError('invalid_argument', `scopes must list at least one of ${SCOPES.join(', ')} (got none)`);
  }
  for (const s of scopes) {
    if (!(SCOPES as readonly string[]).includes(s)) {
      throw new ServerError('invalid_argument', `scopes: expected ${SCOPES.join(', ')} (got ${JSON.stringify(s)})`);
    }
  }
  return [...new Set(scopes)] as Scope[];
}
