import { DatasetProfileBuilder } from '@modelwatch/core/drift';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../domain/api-key.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import { type MonitoringServices, monitoringServices } from '../../services/monitoring/index.js';
import {
  HOUR,
  type MonitoringFixture,
  monitorEvent,
  monitoringFixture,
  MONITOR_PROJECT as P,
  MONITOR_T0 as T0,
} from '../../services/monitoring/monitoring-fixture.js';
import { installAuth } from '../auth.js';
import { registerBaselineRoutes } from './baseline-routes.js';

describe('baseline routes (app.inject, real DuckDB file)', () => {
  let f: MonitoringFixture;
  let app: FastifyInstance;
  let monitoring: MonitoringServices;
  const keys: Record<Scope, string> = { admin: '', read: '', ingest: '' };
  let otherProjectKey = '';

  beforeEach(async () => {
    f = await monitoringFixture();
    await f.store.putProject({ id: 'p2', name: 'Project 2', createdAt: T0 });
    for (const [scope, project] of [
      ['admin', P],
      ['read', P],
      ['ingest', P],
      ['read', 'p2'],
    ] as const) {
      const k = newApiKeySecret();
      await f.store.putApiKey({
        id: `key-${scope}-${project}`,
        projectId: project,
        name: scope,
        prefix: k.prefix,
        hash: k.hash,
        scopes: [scope],
        createdAt: T0,
      });
      if (project === P) keys[scope] = k.secret;
      else otherProjectKey = k.secret;
    }
    monitoring = monitoringServices(f.store);
    app = Fastify();
    installAuth(app, new Authenticator(f.store));
    await registerBaselineRoutes(app, { monitoring });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await f.dispose();
  });

  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('creates a baseline from a traffic window (admin) and lists and reads it (read), within the project', async () => {
    await f.store.appendEvents(
      P,
      Array.from({ length: 30 }, (_, i) =>
        monitorEvent(`e${i}`, { timestamp: T0 + i * 60_000, inputs: { features: { n: i } }, output: { label: 'a' } }),
      ),
      T0,
    );
    const body = { model: 'clf', version: 'v1', traffic: { from: T0, to: T0 + HOUR } };
    expect((await call('POST', '/v1/baselines', keys.read, body)).statusCode).toBe(403);
    expect((await call('POST', '/v1/baselines', keys.ingest, body)).statusCode).toBe(403);
    const created = await call('POST', '/v1/baselines', keys.admin, body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      model: 'clf',
      version: 'v1',
      rowCount: 30,
      source: { type: 'traffic', from: T0, to: T0 + HOUR },
    });

    const list = await call('GET', '/v1/baselines', keys.read);
    expect(list.statusCode).toBe(200);
    expect(list.json().baselines).toEqual([created.json()]);
    const one = await call('GET', '/v1/baselines/clf/v1', keys.read);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ ...created.json(), profile: { type: 'dataset_profile', rowCount: 30 } });

    expect((await call('GET', '/v1/baselines', keys.ingest)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/baselines' })).statusCode).toBe(401);
    expect((await call('GET', '/v1/baselines', otherProjectKey)).json()).toEqual({ baselines: [] });
    expect((await call('GET', '/v1/baselines/clf/v1', otherProjectKey)).statusCode).toBe(404);
  });

  it('stores an uploaded profile state and answers 400, 404 and 422 with the field', async () => {
    const state = new DatasetProfileBuilder()
      .addChunk({ x: [1, 2, 3, 4] })
      .build({ createdAt: T0 })
      .toState();
    const created = await call('POST', '/v1/baselines', keys.admin, { model: 'clf', version: 'v7', profile: state });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      rowCount: 4,
      columns: ['x'],
      source: { type: 'dataset', sha256Of: 'profile' },
    });

    const bad = await call('POST', '/v1/baselines', keys.admin, {
      model: 'clf',
      version: 'v7',
      profile: { ...state, rowCount: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid', field: 'profile.rowCount' });
    expect(bad.json().message).toContain('-1');

    const both = await call('POST', '/v1/baselines', keys.admin, {
      model: 'clf',
      version: 'v7',
      profile: state,
      traffic: { from: T0, to: T0 + 1 },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ field: 'traffic' });

    const unknown = await call('POST', '/v1/baselines', keys.admin, {
      model: 'clf',
      version: 'v7',
      traffic: { from: T0, to: T0 + HOUR },
      extra: 1,
    });
    expect(unknown.statusCode).toBe(400);

    const empty = await call('POST', '/v1/baselines', keys.admin, {
      model: 'clf',
      version: 'v8',
      traffic: { from: T0, to: T0 + HOUR },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ error: 'no_data', field: 'traffic' });

    const missing = await call('GET', '/v1/baselines/clf/v9', keys.read);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('no baseline for model "clf" version "v9" in this project');
  });
});
