import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseExposition, sumOf } from '../../../test/prometheus-text.js';
import type { ApiKeyRecord, Scope } from '../../domain/api-key.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import { TelemetryMetrics } from '../../services/telemetry/index.js';
import { installAuth, requireScope } from '../auth.js';
import { type MetricsRouteOptions, registerMetricsRoute } from './metrics-route.js';

/** Keys as the store holds them (hashed), looked up by the real Authenticator. */
function keyring() {
  const records = new Map<string, ApiKeyRecord>();
  const issue = (projectId: string, scopes: Scope[]): string => {
    const k = newApiKeySecret();
    records.set(k.hash, {
      id: `key-${records.size}`,
      projectId,
      name: 'test',
      prefix: k.prefix,
      hash: k.hash,
      scopes,
      createdAt: 0,
    });
    return k.secret;
  };
  const authenticator = new Authenticator({ findApiKeyByHash: async (hash: string) => records.get(hash) });
  return { issue, authenticator };
}

function event(model: string): InferenceEvent {
  return {
    requestId: 'r',
    timestamp: 0,
    model,
    version: 'v1',
    variant: 'production',
    segment: {},
    inputs: {},
    output: {},
    latencyMs: 42,
    status: 'ok',
  };
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setup(options: Omit<MetricsRouteOptions, 'metrics'> = {}) {
  const metrics = new TelemetryMetrics({ processMetrics: false });
  metrics.recordEvents('acme', [event('ranker'), event('ranker')]);
  metrics.recordEvents('globex', [event('fraud')]);
  const keys = keyring();
  app = Fastify();
  installAuth(app, keys.authenticator);
  registerMetricsRoute(app, { metrics, ...options });
  await app.ready();
  return { app, keys };
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('GET /metrics', () => {
  it('answers 401 without a key, 403 for a key without the read scope', async () => {
    const { app, keys } = await setup();
    const none = await app.inject({ method: 'GET', url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="modelwatch"');
    const ingestOnly = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: bearer(keys.issue('acme', ['ingest'])),
    });
    expect(ingestOnly.statusCode).toBe(403);
    expect(ingestOnly.json().message).toContain('lacks the "read" scope');
  });

  it("serves the key's project only, in Prometheus text format", async () => {
    const { app, keys } = await setup();
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(keys.issue('acme', ['read'])) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const s = parseExposition(res.body);
    expect(sumOf(s, 'model_inference_requests_total', { project_id: 'acme', model_id: 'ranker:v1' })).toBe(2);
    expect(res.body).not.toContain('globex');
    const admin = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: bearer(keys.issue('globex', ['admin'])),
    });
    expect(admin.statusCode).toBe(200);
    expect(sumOf(parseExposition(admin.body), 'model_inference_requests_total')).toBe(1);
    expect(admin.body).not.toContain('acme');
  });

  it('accepts a custom authorize preHandler', async () => {
    const { app, keys } = await setup({ authorize: requireScope('admin') });
    const read = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(keys.issue('acme', ['read'])) });
    expect(read.statusCode).toBe(403);
  });

  it('with loopbackWithoutKey: keyless loopback peers get every project, other peers still need a key', async () => {
    const { app, keys } = await setup({ loopbackWithoutKey: true });
    const local = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(sumOf(parseExposition(local.body), 'model_inference_requests_total')).toBe(3);
    const local6 = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' });
    expect(local6.statusCode).toBe(200);
    const remote = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(remote.statusCode).toBe(401);
    const remoteKeyed = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: bearer(keys.issue('globex', ['read'])),
    });
    expect(remoteKeyed.statusCode).toBe(200);
    expect(remoteKeyed.body).not.toContain('acme');
    const remoteIngest = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: bearer(keys.issue('globex', ['ingest'])),
    });
    expect(remoteIngest.statusCode).toBe(403);
  });

  it('refuses to serve when no auth hook has set a principal', async () => {
    const metrics = new TelemetryMetrics({ processMetrics: false });
    app = Fastify();
    app.decorateRequest('principal', null);
    registerMetricsRoute(app, { metrics, authorize: async () => undefined });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(401);
  });
});
