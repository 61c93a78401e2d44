import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../domain/api-key.js';
import type { MonitorResult } from '../../domain/monitor.js';
import { AlertAdmin, AlertEngine, DuckDbSloCounts } from '../../services/alerting/index.js';
import { startTestReceiver, type TestReceiver } from '../../services/alerting/test-receiver.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import {
  type ExperimentFixture,
  experimentEvent,
  experimentFixture,
  FIXTURE_PROJECT as P,
  FIXTURE_T0 as T0,
} from '../../services/experiments-server/experiment-fixture.js';
import { installAuth } from '../auth.js';
import { registerAlertRoutes } from './alert-routes.js';

describe('alert routes (app.inject, real DuckDB file)', () => {
  let f: ExperimentFixture;
  let app: FastifyInstance;
  let engine: AlertEngine;
  let receiver: TestReceiver;
  const keys: Record<Scope | 'other', string> = { admin: '', read: '', ingest: '', other: '' };

  beforeEach(async () => {
    f = await experimentFixture();
    receiver = await startTestReceiver();
    await f.store.putProject({ id: 'p2', name: 'Project 2', createdAt: T0 });
    for (const scope of ['admin', 'read', 'ingest', 'other'] as const) {
      const k = newApiKeySecret();
      await f.store.putApiKey({
        id: `key-${scope}`,
        projectId: scope === 'other' ? 'p2' : P,
        name: scope,
        prefix: k.prefix,
        hash: k.hash,
        scopes: [scope === 'other' ? 'admin' : scope],
        createdAt: T0,
      });
      keys[scope] = k.secret;
    }
    engine = new AlertEngine({ store: f.store, sloCounts: new DuckDbSloCounts(f.store), sleep: async () => undefined });
    app = Fastify();
    installAuth(app, new Authenticator(f.store));
    await registerAlertRoutes(app, { admin: new AlertAdmin(f.store, { now: () => f.now }), engine, now: () => f.now });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await engine.close();
    await receiver.close();
    await f.dispose();
  });

  const call = (key: keyof typeof keys, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${keys[key]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const rule = {
    id: 'latency',
    name: 'HighInferenceLatency',
    type: 'threshold',
    monitor: 'sli.latency_p95',
    op: '>',
    threshold: 5000,
    severity: 'page',
    annotations: { summary: 'p95 {{value}} ms' },
  };

  it('rules: admin creates (201), read lists, duplicates 409, bad input 400 naming the field, read key 403', async () => {
    expect((await call('admin', 'POST', '/v1/alerts/rules', rule)).statusCode).toBe(201);
    const list = await call('read', 'GET', '/v1/alerts/rules');
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual(['latency']);
    expect((await call('admin', 'POST', '/v1/alerts/rules', rule)).statusCode).toBe(409);
    const bad = await call('admin', 'POST', '/v1/alerts/rules', { ...rule, id: 'x', threshold: 'high' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid', field: 'rule.threshold' });
    expect(bad.json().message).toContain('(got "high")');
    expect((await call('read', 'POST', '/v1/alerts/rules', { ...rule, id: 'y' })).statusCode).toBe(403);
    expect((await call('other', 'GET', '/v1/alerts/rules/latency')).statusCode).toBe(404);
    const replaced = await call('admin', 'PUT', '/v1/alerts/rules/latency', { ...rule, threshold: 6000 });
    expect(replaced.json().threshold).toBe(6000);
    expect((await call('admin', 'DELETE', '/v1/alerts/rules/latency')).statusCode).toBe(204);
    expect((await call('read', 'GET', '/v1/alerts/rules/latency')).statusCode).toBe(404);
    const installed = await call('admin', 'POST', '/v1/alerts/rules/builtins');
    expect(installed.json().installed).toEqual([
      'model-quality-degraded',
      'model-quality-degraded-segment',
      'high-inference-latency',
      'input-drift-detected',
      'high-error-rate',
      'canary-rolled-back',
      'experiment-sample-ratio-mismatch',
      'model-silent',
    ]);
  });

  it('channels: only admin reads them, and the webhook secret is never returned', async () => {
    const channel = { id: 'hook', type: 'webhook', url: `${receiver.url}/hook`, secret: 'channel-secret-0123456789' };
    const created = await call('admin', 'POST', '/v1/alerts/channels', channel);
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain('channel-secret-0123456789');
    expect((await call('read', 'GET', '/v1/alerts/channels')).statusCode).toBe(403);
    const listed = await call('admin', 'GET', '/v1/alerts/channels');
    expect(listed.json().items[0].secret).toBe('[redacted]');
    const audit = await f.store.listAudit(P, { kind: 'alert_config' });
    expect(JSON.stringify(audit)).not.toContain('channel-secret-0123456789');
  });

  it('alerts by state, failed notifications and silences through the API', async () => {
    await call('admin', 'POST', '/v1/alerts/rules', rule);
    await call('admin', 'POST', '/v1/alerts/channels', {
      id: 'hook',
      type: 'webhook',
      url: `${receiver.url}/hook`,
      secret: 'channel-secret-0123456789',
      maxAttempts: 2,
      groupWaitMs: 0,
    });
    receiver.always(500);
    const r: MonitorResult = {
      projectId: P,
      model: 'ranker',
      version: 'v1',
      monitor: 'sli.latency_p95',
      at: T0,
      value: 7000,
      status: 'alert',
      details: {},
    };
    await engine.evaluate([r], T0);
    await engine.idle();
    const firing = await call('read', 'GET', '/v1/alerts?state=firing');
    expect(firing.json().alerts.map((a: { labels: { alertname: string } }) => a.labels.alertname)).toEqual([
      'HighInferenceLatency',
    ]);
    expect((await call('read', 'GET', '/v1/alerts?state=resolved')).json().alerts).toEqual([]);
    expect((await call('read', 'GET', '/v1/alerts?state=bogus')).json()).toMatchObject({ field: 'state' });
    const failed = await call('read', 'GET', '/v1/alerts/notifications?status=failed');
    expect(failed.json().notifications).toHaveLength(1);
    expect(failed.json().notifications[0]).toMatchObject({ status: 'failed', attempts: 2, channelId: 'hook' });
    expect((await call('other', 'GET', '/v1/alerts/notifications?status=failed')).json().notifications).toEqual([]);

    const silence = await call('admin', 'POST', '/v1/alerts/silences', {
      matchers: [{ name: 'alertname', value: 'HighInferenceLatency' }],
      endsAt: T0 + 3_600_000,
    });
    expect(silence.statusCode).toBe(201);
    expect(silence.json()).toMatchObject({ startsAt: T0, createdBy: expect.stringMatching(/^key:/) });
    const bad = await call('admin', 'POST', '/v1/alerts/silences', { matchers: [], endsAt: T0 + 1 });
    expect(bad.json()).toMatchObject({ error: 'invalid', field: 'silence.matchers' });
    f.now = T0 + 60_000;
    const expired = await call('admin', 'DELETE', `/v1/alerts/silences/${silence.json().id}`);
    expect(expired.json().endsAt).toBe(T0 + 60_000);
    expect((await call('read', 'GET', '/v1/alerts/silences')).json().items[0].status).toBe('expired');
  });

  it('SLO status: budget remaining and burn rates from stored events', async () => {
    // 200 requests in the last 5 minutes, 1 error: 0.5 % against 99 % → burn 0.5, budget remaining 0.5.
    const now = T0 + 300_000;
    f.now = now;
    const events = Array.from({ length: 200 }, (_, i) =>
      experimentEvent(`s${i}`, {
        timestamp: T0 + i * 1500,
        ...(i === 7 ? { status: 'error', errorType: 'upstream' } : {}),
      }),
    );
    await f.store.appendEvents(P, events, now);
    const slo = { id: 'avail', model: 'ranker', sli: { kind: 'availability' }, objective: 0.99 };
    expect((await call('admin', 'POST', '/v1/slos', slo)).statusCode).toBe(201);
    const status = (await call('read', 'GET', '/v1/slos/avail/status')).json();
    expect(status).toMatchObject({ good: 199, total: 200, objective: 0.99 });
    expect(status.budgetRemaining).toBeCloseTo(0.5, 9);
    expect(status.attainment).toBeCloseTo(0.995, 12);
    const fast = status.burnRates.find((b: { name: string }) => b.name === 'ErrorBudgetBurnFast');
    expect(fast.longBurnRate).toBeCloseTo(0.5, 9);
    expect(fast.firing).toBe(false);
    expect((await call('read', 'GET', '/v1/slos/nope/status')).statusCode).toBe(404);
  });
});
