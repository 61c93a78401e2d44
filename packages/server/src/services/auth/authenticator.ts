import type { ApiKeyRecord, Scope } from '../../domain/api-key.js';
import type { Store } from '../../storage/store.js';
import { apiKeyHash, looksLikeApiKey } from './api-key-secret.js';

/** Who is calling: the project a key belongs to and what it may do. */
export interface Principal {
  readonly projectId: string;
  readonly keyId: string;
  readonly keyPrefix: string;
  readonly scopes: ReadonlySet<Scope>;
}

/** Options of `Authenticator`. */
export interface AuthenticatorOptions {
  /** How long a looked-up key is trusted before it is read again (default 30 s); revocation through `forget` is immediate. */
  readonly cacheTtlMs?: number;
  /** Most keys cached, unknown ones included (default 10 000). */
  readonly cacheSize?: number;
  readonly now?: () => number;
}

interface Cached {
  readonly principal: Principal | undefined;
  readonly until: number;
}

/**
 * Resolves a bearer secret to its principal: hashes it, looks the hash up in the store, rejects
 * revoked keys. Lookups are cached (hits and misses, bounded, with a TTL) so a flood of requests
 * does not become a flood of store reads. The secret itself is never kept.
 */
export class Authenticator {
  readonly #store: Pick<Store, 'findApiKeyByHash'>;
  readonly #ttl: number;
  readonly #size: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, Cached>();

  constructor(store: Pick<Store, 'findApiKeyByHash'>, options: AuthenticatorOptions = {}) {
    this.#store = store;
    this.#ttl = options.cacheTtlMs ?? 30_000;
    this.#size = options.cacheSize ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  /** The principal of `secret`, or undefined for a malformed, unknown or revoked key. */
  async authenticate(secret: string): Promise<Principal | undefined> {
    if (!looksLikeApiKey(secret)) return undefined;
    const hash = apiKeyHash(secret);
    const now = this.#now();
    const hit = this.#cache.get(hash);
    if (hit && hit.until > now) return hit.principal;
    const record = await this.#store.findApiKeyByHash(hash);
    const principal = record && record.revokedAt === undefined ? principalOf(record) : undefined;
    if (this.#cache.size >= this.#size) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(hash, { principal, until: now + this.#ttl });
    return principal;
  }

  /** Drops every cached lookup (after a key is revoked or created). */
  forget(): void {
    this.#cache.clear();
  }
}

function principalOf(record: ApiKeyRecord): Principal {
  return { projectId: record.projectId, keyId: record.id, keyPrefix: record.prefix, scopes: new Set(record.scopes) };
}
