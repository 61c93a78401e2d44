import type { Project } from '../../domain/api-key.js';
import type { CreatedApiKey, CreatedProject, CreateKeyInput, KeyAdmin, PublicApiKey } from './key-admin.js';
import { ServerError } from './server-error.js';

/**
 * `KeyAdmin` over a running server's admin API (`/v1/admin/*`), authenticated with an admin key.
 * The server enforces what the key may do (its own project's keys; projects only for `default`).
 */
export class AdminApiClient implements KeyAdmin {
  readonly #url: string;
  readonly #apiKey: string;

  constructor(url: string, apiKey: string) {
    this.#url = url.replace(/\/+$/, '');
    this.#apiKey = apiKey;
  }

  async createKey(input: CreateKeyInput): Promise<CreatedApiKey> {
    const body = { scopes: input.scopes, project: input.projectId, ...(input.name ? { name: input.name } : {}) };
    return (await this.#call('POST', '/v1/admin/keys', body)) as CreatedApiKey;
  }

  async listKeys(projectId: string): Promise<readonly PublicApiKey[]> {
    const { keys } = (await this.#call('GET', '/v1/admin/keys')) as { keys: PublicApiKey[] };
    if (keys.some((k) => k.projectId !== projectId)) {
      throw new ServerError(
        'forbidden',
        `the admin key given belongs to another project than ${JSON.stringify(projectId)}`,
      );
    }
    return keys;
  }

  async revokeKey(id: string): Promise<PublicApiKey> {
    const { key } = (await this.#call('DELETE', `/v1/admin/keys/${encodeURIComponent(id)}`)) as { key: PublicApiKey };
    return key;
  }

  async createProject(id: string, name?: string): Promise<CreatedProject> {
    return (await this.#call('POST', '/v1/admin/projects', { id, ...(name ? { name } : {}) })) as CreatedProject;
  }

  async listProjects(): Promise<readonly Project[]> {
    return ((await this.#call('GET', '/v1/admin/projects')) as { projects: Project[] }).projects;
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.#url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#apiKey}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new ServerError(
        'admin_api',
        `cannot reach the modelwatch server at ${this.#url}: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
    const text = await res.text();
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
    if (!res.ok) {
      const message = (payload as { message?: string } | undefined)?.message ?? text.slice(0, 200);
      const code =
        res.status === 401 || res.status === 403
          ? 'forbidden'
          : res.status === 404
            ? 'not_found'
            : res.status === 409
              ? 'conflict'
              : res.status === 400
                ? 'invalid_argument'
                : 'admin_api';
      throw new ServerError(code, `${method} ${path}: ${res.status}: ${message}`);
    }
    return payload;
  }
}
