/**
 * End to end: a real Prometheus (Debian's `prometheus` binary) scrapes a Fastify app serving
 * `/metrics` with a bearer API key, and its query API returns our samples.
 */
import Fastify from 'fastify';
import { describe, expect } from 'vitest';
import { pollUntil, startPrometheus } from '../../../test/prometheus-server.js';
import { commandPath, itWithSystem } from '../../../test/system.js';
import type { ApiKeyRecord } from '../../domain/api-key.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import { TelemetryMetrics } from '../../services/telemetry/index.js';
import { installAuth } from '../auth.js';
import { registerMetricsRoute } from './metrics-route.js';

interface QueryResponse {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

const prometheus = commandPath('prometheus');

describe('GET /metrics scraped by Prometheus', () => {
  itWithSystem(
    'a real Prometheus scrapes with a bearer key and answers model_inference_requests_total',
    prometheus !== undefined,
    'prometheus not found on PATH (Debian package `prometheus`)',
    async () => {
      const key = newApiKeySecret();
      const record: ApiKeyRecord = {
        id: 'k1',
        projectId: 'acme',
        name: 'prometheus',
        prefix: key.prefix,
        hash: key.hash,
        scopes: ['read'],
        createdAt: 0,
      };
      const metrics = new TelemetryMetrics();
      const base: InferenceEvent = {
        requestId: 'r',
        timestamp: 0,
        model: 'ranker',
        version: 'v7',
        variant: 'canary',
        segment: {},
        inputs: {},
        output: {},
        latencyMs: 250,
        status: 'ok',
      };
      metrics.recordEvents('acme', [base, base, { ...base, status: 'error', errorType: 'timeout' }]);
      const app = Fastify();
      installAuth(app, new Authenticator({ findApiKeyByHash: async (h) => (h === key.hash ? record : undefined) }));
      registerMetricsRoute(app, { metrics });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      const target = `127.0.0.1:${address.port}`;
      const server = await startPrometheus(prometheus as string, [
        { jobName: 'modelwatch', targets: [target], bearerToken: key.secret },
        { jobName: 'modelwatch-nokey', targets: [target] },
      ]);
      try {
        const query = async (q: string): Promise<QueryResponse> =>
          (await (await fetch(`${server.url}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as QueryResponse;
        const ok = await pollUntil(
          async () => {
            const r = await query('model_inference_requests_total{job="modelwatch",status="ok"}');
            return r.data.result.length > 0 ? r.data.result : undefined;
          },
          60_000,
          () => `no sample yet; prometheus log:\n${server.log()}`,
        );
        expect(ok).toHaveLength(1);
        expect(ok[0]?.metric).toMatchObject({ project_id: 'acme', model_id: 'ranker:v7', variant: 'canary' });
        expect(Number(ok[0]?.value[1])).toBe(2);
        const p95 = await query('histogram_quantile(0.95, model_inference_latency_seconds_bucket{job="modelwatch"})');
        // 250 ms is exactly the 0.25 bucket bound; linear interpolation inside (0.1, 0.25] stays within it.
        const q = Number(p95.data.result[0]?.value[1]);
        expect(q).toBeGreaterThan(0.1);
        expect(q).toBeLessThanOrEqual(0.25);
        // The job without a key is refused (401), so Prometheus marks it down.
        const down = await pollUntil(
          async () => {
            const r = await query('up{job="modelwatch-nokey"}');
            return r.data.result[0]?.value[1];
          },
          60_000,
          () => 'no up{job="modelwatch-nokey"} yet',
        );
        expect(down).toBe('0');
      } finally {
        await server.stop();
        await app.close();
      }
    },
    120_000,
  );
});
