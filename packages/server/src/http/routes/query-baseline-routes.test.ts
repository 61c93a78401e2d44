import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatasetProfileBuilder } from '@modelwatch/core/drift';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../domain/api-key.js';
import { InferenceEventSchema } from '../../domain/inference-event.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import { profileColumns } from '../../services/monitoring/index.js';
import { BaselineQueries, QueryService } from '../../services/query/index.js';
import { openStore } from '../../services/server/open-store.js';
import { installAuth } from '../auth.js';
import { registerQueryRoutes } from './query-routes.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const baseline = new DatasetProfileBuilder()
  .addChunk(profileColumns(Array.from({ length: 100 }, (_, i) => ({ x: i + 1 }))))
  .build({ createdAt: T0 });

describe('query routes against baselines: samples?kind=ood and feature-distribution', () => {
  let dir: string;
  let store: Awaited<ReturnType<typeof openStore>>;
  let app: FastifyInstance;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-query-baseline-routes-'));
    store = await openStore({ dataDir: dir, store: 'duckdb' });
    for (const [project, scope] of [
      ['p1', 'read'],
      ['p1', 'ingest'],
      ['p2', 'read'],
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
    const event = (requestId: string, x: number) =>
      InferenceEventSchema.parse({
        requestId,
        timestamp: T0,
        model: 'clf',
        version: 'v1',
        latencyMs: 5,
        inputs: { features: { x } },
      });
    await store.appendEvents('p1', [event('a', 50), event('b', 400), event('c', 60)], T0);
    await store.appendEvents('p2', [event('z', 9000)], T0);
    app = Fastify();
    installAuth(app, new Authenticator(store));
    await registerQueryRoutes(app, {
      query: new QueryService(store),
      // Every project has this baseline for clf v1: isolation must come from the events.
      baselines: new BaselineQueries(store, async (_p, model, version) =>
        model === 'clf' && version === 'v1' ? baseline : undefined,
      ),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const window = `from=${T0 - 1000}&to=${T0 + 1000}`;
  const get = (url: string, key?: string) =>
    app.inject({ method: 'GET', url, headers: key === undefined ? {} : { authorization: `Bearer ${keys[key]}` } });

  it('needs a key (401) with the read scope (403)', async () => {
    for (const url of [`/v1/query/samples?kind=ood&${window}`, `/v1/query/feature-distribution?${window}`]) {
      expect((await get(url)).statusCode).toBe(401);
      expect((await get(url, 'p1-ingest')).statusCode).toBe(403);
    }
  });

  it('answers the caller’s project’s OOD events with their score and features', async () => {
    const p1 = await get(`/v1/query/samples?kind=ood&limit=5&${window}`, 'p1-read');
    expect(p1.statusCode).toBe(200);
    const body = p1.json();
    expect(
      body.samples.map((s: { event: { requestId: string }; score: number }) => [s.event.requestId, s.score]),
    ).toEqual(
      [['b', 6]], // (400 − 100) / IQR 50
    );
    expect(body.samples[0].features[0]).toMatchObject({ feature: 'x', kind: 'above', range: [1, 100] });
    expect(body).toMatchObject({ scanned: 3, scored: 3, outOfDistribution: 1 });
    const p2 = (await get(`/v1/query/samples?kind=ood&${window}`, 'p2-read')).json();
    expect(p2.samples.map((s: { event: { requestId: string } }) => s.event.requestId)).toEqual(['z']);
    const bad = await get(`/v1/query/samples?kind=ood&minScore=-2&${window}`, 'p1-read');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid', field: 'minScore' });
  });

  it('bins a feature for the window and the baseline, per project', async () => {
    const r = await get(`/v1/query/feature-distribution?feature=x&bins=4&${window}`, 'p1-read');
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d).toMatchObject({ model: 'clf', version: 'v1', feature: 'x', kind: 'numerical', features: ['x'] });
    expect(d.window).toEqual({ rows: 3, missing: 0 });
    expect(d.bins.reduce((a: number, b: { window: number }) => a + b.window, 0)).toBe(3);
    expect(d.bins.reduce((a: number, b: { baseline: number }) => a + b.baseline, 0)).toBe(100);
    expect(d.bins[d.bins.length - 1].high).toBe(400);
    const p2 = (await get(`/v1/query/feature-distribution?feature=x&bins=4&${window}`, 'p2-read')).json();
    expect(p2.bins[p2.bins.length - 1].high).toBe(9000);
    const missing = await get(`/v1/query/feature-distribution?feature=nope&${window}`, 'p1-read');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found', field: 'feature' });
    const bad = await get(`/v1/query/feature-distribution?bins=1&${window}`, 'p1-read');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'bins' });
  });
});
