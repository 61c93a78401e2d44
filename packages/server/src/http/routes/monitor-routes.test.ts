import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MonitorResult } from '../../domain/monitor.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import { monitoringServices } from '../../services/monitoring/index.js';
import {
  HOUR,
  MINUTE,
  type MonitoringFixture,
  monitoringFixture,
  MONITOR_PROJECT as P,
  MONITOR_T0 as T0,
} from '../../services/monitoring/monitoring-fixture.js';
import { installAuth } from '../auth.js';
import { registerMonitorRoutes } from './monitor-routes.js';

const result = (
  at: number,
  monitor: string,
  value: number | null,
  extra: Partial<MonitorResult> = {},
): MonitorResult => ({
  projectId: P,
  model: 'clf',
  version: 'v1',
  monitor,
  at,
  value,
  status: value === null ? 'skipped' : 'ok',
  details: value === null ? { reason: 'no baseline' } : { from: at - 15 * MINUTE },
  ...extra,
});

describe('GET /v1/monitors (app.inject, real DuckDB file)', () => {
  let f: MonitoringFixture;
  let app: FastifyInstance;
  let read = '';
  let ingest = '';

  beforeEach(async () => {
    f = await monitoringFixture();
    for (const scope of ['read', 'ingest'] as const) {
      const k = newApiKeySecret();
      await f.store.putApiKey({
        id: scope,
        projectId: P,
        name: scope,
        prefix: k.prefix,
        hash: k.hash,
        scopes: [scope],
        createdAt: T0,
      });
      if (scope === 'read') read = k.secret;
      else ingest = k.secret;
    }
    await f.store.appendMonitorResults([
      result(T0 + HOUR, 'sli.error_rate', 0.01),
      result(T0 + HOUR, 'drift.share', null),
      result(T0 + HOUR, 'sli.error_rate', 0.2, { segment: 'region=eu', status: 'alert' }),
      result(T0 + 2 * HOUR, 'sli.error_rate', 0.03, { status: 'warn' }),
      result(T0 + 2 * HOUR, 'drift.feature.x', 0.4, { status: 'alert', version: 'v2' }),
      result(T0 + 2 * HOUR, 'sli.error_rate', 0.5, { projectId: 'p2' }),
    ]);
    app = Fastify();
    installAuth(app, new Authenticator(f.store));
    await registerMonitorRoutes(app, { monitoring: monitoringServices(f.store), now: () => T0 + 3 * HOUR });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await f.dispose();
  });

  const get = (query: string, key = read) =>
    app.inject({ method: 'GET', url: `/v1/monitors${query}`, headers: { authorization: `Bearer ${key}` } });

  it('lists the project history over the last 24 hours by default, oldest first', async () => {
    const res = await get('');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.from).toBe(T0 + 3 * HOUR - 24 * HOUR);
    expect(body.to).toBe(T0 + 3 * HOUR);
    expect(body.results.map((r: MonitorResult) => [r.at - T0, r.monitor, r.segment ?? '', r.value])).toEqual([
      [HOUR, 'drift.share', '', null],
      [HOUR, 'sli.error_rate', '', 0.01],
      [HOUR, 'sli.error_rate', 'region=eu', 0.2],
      // Same time: by model, then version, then monitor.
      [2 * HOUR, 'sli.error_rate', '', 0.03],
      [2 * HOUR, 'drift.feature.x', '', 0.4],
    ]);
    expect(body.results[0]).toMatchObject({ status: 'skipped', details: { reason: 'no baseline' } });
  });

  it('filters by model, version, monitor (or prefix), segment, window and limit', async () => {
    const values = async (query: string) => (await get(query)).json().results.map((r: MonitorResult) => r.value);
    expect(await values('?monitor=sli.error_rate&segment=')).toEqual([0.01, 0.03]);
    expect(await values('?monitor=sli.error_rate&segment=region%3Deu')).toEqual([0.2]);
    expect(await values('?monitor=drift.*')).toEqual([null, 0.4]);
    expect(await values('?version=v2')).toEqual([0.4]);
    expect(await values('?model=other')).toEqual([]);
    expect(await values(`?from=${T0 + 2 * HOUR}&to=2026-01-05T03:00:00Z`)).toEqual([0.03, 0.4]);
    expect(await values('?monitor=sli.error_rate&segment=&limit=1')).toEqual([0.03]);
  });

  it('answers 400 naming the parameter, 403 without the read scope, 401 without a key', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=abc', 'limit'],
      ['?from=yesterday', 'from'],
      ['?from=2000&to=1000', 'from'],
      ['?model=bad%20name', 'model'],
      ['?colour=red', 'query'],
    ] as const) {
      const res = await get(query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().field, query).toBe(field);
    }
    expect((await get('?limit=abc')).json().message).toContain('"abc"');
    expect((await get('', ingest)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/monitors' })).statusCode).toBe(401);
  });
});
