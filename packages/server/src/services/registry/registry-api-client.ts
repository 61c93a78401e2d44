import type { ModelSummary, ModelVersion, TransitionResult } from '../../domain/registry.js';
import type { AuditEntry } from '../../storage/store.js';
import type { RegistryApi } from './registry-api.js';
import { RegistryError, type RegistryErrorCode } from './registry-error.js';

const CODES: ReadonlySet<string> = new Set<RegistryErrorCode>(['invalid', 'not_found', 'conflict', 'gate_failed']);

/**
 * `RegistryApi` over a running server's `/v1/models` API with an API key (read scope to list, admin
 * to change). The server records its own actor (`key:<prefix>`) in the audit log; the `actor`
 * given here is sent as `who` and kept next to it.
 */
export class RegistryApiClient implements RegistryApi {
  readonly #url: string;
  readonly #apiKey: string;

  constructor(url: string, apiKey: string) {
    this.#url = url.replace(/\/+$/, '');
    this.#apiKey = apiKey;
  }

  async register(input: unknown, _actor: string): Promise<ModelVersion> {
    const model = (input as { model?: unknown } | null)?.model;
    const path = `/v1/models/${encodeURIComponent(String(model))}/versions`;
    return ((await this.#call('POST', path, input)) as { version: ModelVersion }).version;
  }

  async listModels(): Promise<readonly ModelSummary[]> {
    return ((await this.#call('GET', '/v1/models')) as { models: ModelSummary[] }).models;
  }

  async listVersions(model: string): Promise<readonly ModelVersion[]> {
    return (
      (await this.#call('GET', `/v1/models/${encodeURIComponent(model)}/versions`)) as { versions: ModelVersion[] }
    ).versions;
  }

  async getVersion(model: string, version: string): Promise<ModelVersion> {
    return ((await this.#call('GET', this.#versionPath(model, version))) as { version: ModelVersion }).version;
  }

  async production(model: string): Promise<ModelVersion | undefined> {
    return (await this.listVersions(model)).find((v) => v.stage === 'production');
  }

  async transition(model: string, version: string, input: unknown, _actor: string): Promise<TransitionResult> {
    return (await this.#call('POST', `${this.#versionPath(model, version)}/transitions`, input)) as TransitionResult;
  }

  async attachGateResult(model: string, version: string, result: unknown, _actor: string): Promise<ModelVersion> {
    return ((await this.#call('PUT', `${this.#versionPath(model, version)}/gate`, result)) as { version: ModelVersion })
      .version;
  }

  async history(model: string, version: string): Promise<readonly Omit<AuditEntry, 'projectId'>[]> {
    return (
      (await this.#call('GET', this.#versionPath(model, version))) as { history: Omit<AuditEntry, 'projectId'>[] }
    ).history;
  }

  #versionPath(model: string, version: string): string {
    return `/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
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
      throw new RegistryError(
        'unavailable',
        `cannot reach the modelwatch server at ${this.#url}: ${(err as Error).message}`,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new RegistryError(
        'unavailable',
        `${method} ${path}: the server answered ${res.status} with a non-JSON body`,
      );
    }
    if (!res.ok) {
      const { error, message, field } = (json ?? {}) as { error?: string; message?: string; field?: string };
      const code = error !== undefined && CODES.has(error) ? (error as RegistryErrorCode) : 'unavailable';
      throw new RegistryError(code, `${message ?? `${method} ${path} failed`} (HTTP ${res.status})`, field);
    }
    return json;
  }
}
