import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../domain/api-key.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import { projectRegistries, RegistryApiClient } from '../../services/registry/index.js';
import { openStore } from '../../services/server/open-store.js';
import { installAuth } from '../auth.js';
import { registerRegistryRoutes } from './registry-routes.js';

const SHA = 'b'.repeat(64);

describe('registry routes (app.inject and the HTTP client, real DuckDB file)', () => {
  let dir: string;
  let store: Awaited<ReturnType<typeof openStore>>;
  let app: FastifyInstance;
  const keys: Record<string, string> = {};

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-registry-routes-'));
    store = await openStore({ dataDir: dir, store: 'duckdb' });
    for (const [project, scope] of [
      ['p1', 'admin'],
      ['p1', 'read'],
      ['p2', 'admin'],
    ] as const) {
      const k = newApiKeySecret();
      await store.putApiKey({
        id: `${project}-${scope}`,
        projectId: project,
        name: scope,
        prefix: k.prefix,
        hash: k.hash,
        scopes: [scope as Scope],
        createdAt: 1,
      });
      keys[`${project}-${scope}`] = k.secret;
    }
    app = Fastify();
    installAuth(app, new Authenticator(store));
    await registerRegistryRoutes(app, { registryOf: projectRegistries(store) });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${keys[key]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('registers with admin, reads with read, refuses writes with read (403) and isolates projects', async () => {
    const body = { version: '1', artifactUri: 's3://b/m1', artifactSha256: SHA, lineage: { trainingData: 'ds@abc' } };
    expect((await call('POST', '/v1/models/churn/versions', 'p1-read', body)).statusCode).toBe(403);
    const created = await call('POST', '/v1/models/churn/versions', 'p1-admin', body);
    expect(created.statusCode).toBe(201);
    expect(created.json().version).toMatchObject({ model: 'churn', version: '1', stage: 'none' });
    expect((await call('POST', '/v1/models/churn/versions', 'p1-admin', body)).statusCode).toBe(409);
    const bad = await call('POST', '/v1/models/churn/versions', 'p1-admin', {
      ...body,
      version: '2',
      artifactSha256: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid', field: 'artifactSha256' });
    const got = await call('GET', '/v1/models/churn/versions/1', 'p1-read');
    expect(got.json().history.map((h: { action: string }) => h.action)).toEqual(['register']);
    expect((await call('GET', '/v1/models', 'p1-read')).json().models).toHaveLength(1);
    expect((await call('GET', '/v1/models', 'p2-admin')).json().models).toHaveLength(0);
    expect((await call('GET', '/v1/models/churn/versions/1', 'p2-admin')).statusCode).toBe(404);
  });

  it('answers 409 gate_failed for a promotion over a failed gate, and accepts an override', async () => {
    await call('POST', '/v1/models/churn/versions', 'p1-admin', {
      version: '1',
      artifactUri: 'u',
      artifactSha256: SHA,
    });
    const gate = {
      passed: false,
      runId: 'r',
      gates: 'g.yaml',
      evaluatedAt: 2,
      conditions: [{ condition: 'accuracy >= 0.9', passed: false, detail: '0.5' }],
    };
    expect((await call('PUT', '/v1/models/churn/versions/1/gate', 'p1-admin', gate)).statusCode).toBe(200);
    const refused = await call('POST', '/v1/models/churn/versions/1/transitions', 'p1-admin', { stage: 'production' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('gate_failed');
    const ok = await call('POST', '/v1/models/churn/versions/1/transitions', 'p1-admin', {
      stage: 'production',
      overrideReason: 'approved',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version.stage).toBe('production');
  });

  it('the CLI’s HTTP client maps the API’s errors back to RegistryError codes', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const client = new RegistryApiClient(`http://127.0.0.1:${address.port}`, keys['p1-admin'] as string);
    await client.register({ model: 'm', version: '1', artifactUri: 'u', artifactSha256: SHA }, 'x');
    await client.attachGateResult(
      'm',
      '1',
      { passed: false, runId: 'r', gates: 'g', evaluatedAt: 1, conditions: [] },
      'x',
    );
    await expect(client.transition('m', '1', { stage: 'production' }, 'x')).rejects.toMatchObject({
      code: 'gate_failed',
    });
    await expect(client.getVersion('m', '9')).rejects.toMatchObject({ code: 'not_found' });
    expect((await client.listVersions('m')).map((v) => v.version)).toEqual(['1']);
    expect((await client.history('m', '1')).map((h) => h.action)).toEqual(['register', 'gate']);
  });
});
