/**
 * A real ingest stack for tests: a DuckDB file in a temporary directory, a project with an
 * ingest key and a read-only key, the authenticator, and a Fastify app with the ingest routes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Scope } from '../src/domain/api-key.js';
import { installAuth } from '../src/http/auth.js';
import { type IngestRoutesOptions, registerIngestRoutes } from '../src/http/routes/ingest-routes.js';
import { Authenticator, newApiKeySecret } from '../src/services/auth/index.js';
import { IngestService, type IngestServiceOptions } from '../src/services/ingest/index.js';
import { DuckDbStore } from '../src/storage/duckdb/duckdb-store.js';

export const PROJECT = 'acme';

export interface IngestFixture {
  readonly app: FastifyInstance;
  readonly store: DuckDbStore;
  readonly ingest: IngestService;
  /** Bearer secrets: `ingest` scope, `read` scope only. */
  readonly keys: { readonly ingest: string; readonly read: string };
  readonly dir: string;
  close(): Promise<void>;
}

export interface IngestFixtureOptions {
  readonly service?: Omit<IngestServiceOptions, 'store'>;
  readonly routes?: Omit<IngestRoutesOptions, 'ingest'>;
}

/** Creates an API key with `scopes` in `projectId` and returns its secret. */
export async function createKey(store: DuckDbStore, projectId: string, id: string, scopes: Scope[]): Promise<string> {
  const k = newApiKeySecret();
  await store.putApiKey({ id, projectId, name: id, prefix: k.prefix, hash: k.hash, scopes, createdAt: Date.now() });
  return k.secret;
}

export async function ingestFixture(options: IngestFixtureOptions = {}): Promise<IngestFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-ingest-'));
  const store = new DuckDbStore({ path: join(dir, 'store.duckdb'), threads: 2 });
  await store.open();
  await store.putProject({ id: PROJECT, name: 'Acme', createdAt: Date.now() });
  const keys = {
    ingest: await createKey(store, PROJECT, 'k-ingest', ['ingest']),
    read: await createKey(store, PROJECT, 'k-read', ['read']),
  };
  const ingest = new IngestService({ store, ...options.service });
  const app = Fastify({ logger: false });
  installAuth(app, new Authenticator(store));
  await registerIngestRoutes(app, { ingest, pressure: false, ...options.routes });
  await app.ready();
  return {
    app,
    store,
    ingest,
    keys,
    dir,
    close: async () => {
      await app.close();
      await ingest.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid event; `overrides` replace fields (undefined removes one). */
export function wireEvent(requestId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const e: Record<string, unknown> = {
    requestId,
    timestamp: Date.now() - 1000,
    model: 'ranker',
    version: 'v1',
    segment: { region: 'eu' },
    inputs: { features: { age: 41, country: 'FR' }, text: 'hello' },
    output: { label: 'spam', score: 0.7 },
    latencyMs: 12.5,
    ...overrides,
  };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  return e;
}
