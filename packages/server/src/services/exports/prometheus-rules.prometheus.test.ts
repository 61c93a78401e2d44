/**
 * End to end: a real Prometheus (Debian's `prometheus`) loads the exported rules and scrapes a
 * Fastify app serving a TelemetryMetrics registry; a model answering in 7.5 s (threshold 5 s)
 * makes HighInferenceLatency and the latency burn-rate alert fire, a model answering in 0.1 s
 * makes nothing fire; a rolled-back canary's `model_rollout_rollbacks` fires CanaryRolledBack. `for` durations are scaled down (`forScale`) so this takes seconds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect } from 'vitest';
import { pollUntil, startPrometheus } from '../../../test/prometheus-server.js';
import { commandPath, itWithSystem } from '../../../test/system.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { TelemetryMetrics } from '../telemetry/index.js';
import { prometheusRulesYaml } from './prometheus-rules-yaml.js';

interface AlertsResponse {
  status: string;
  data: {
    alerts: { labels: Record<string, string>; annotations: Record<string, string>; state: string; value: string }[];
  };
}

const prometheus = commandPath('prometheus');

function event(model: string, latencyMs: number): InferenceEvent {
  return {
    requestId: 'r',
    timestamp: 0,
    model,
    version: 'v1',
    variant: 'production',
    segment: {},
    inputs: {},
    output: {},
    latencyMs,
    status: 'ok',
  };
}

describe('exported rules in a real Prometheus', () => {
  itWithSystem(
    'HighInferenceLatency fires on scraped series that breach the latency threshold',
    prometheus !== undefined,
    'prometheus not found on PATH (Debian package `prometheus`)',
    async () => {
      const metrics = new TelemetryMetrics({ processMetrics: false });
      const slow = Array.from({ length: 20 }, () => event('slow-llm', 7500));
      const fast = Array.from({ length: 20 }, () => event('fast-clf', 100));
      const feed = (): void => {
        metrics.recordEvents('acme', slow);
        metrics.recordEvents('acme', fast);
      };
      feed();
      // A rolled-back canary and a healthy experiment, as the evaluator sets them from its signals.
      metrics.setRolloutRollbacks('acme', 'slow-llm-canary', 1);
      metrics.setExperimentSrmPValue('acme', 'fast-clf-ab', 0.4);
      // Steady traffic while Prometheus scrapes every second, so rates are not zero.
      const traffic = setInterval(feed, 250);
      const app = Fastify();
      app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()));
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('no TCP address');
      const dir = await mkdtemp(join(tmpdir(), 'mw-rules-e2e-'));
      const rules = join(dir, 'modelwatch-rules.yaml');
      // for: 5m → 3s (HighInferenceLatency), 2m → 1.2s (ErrorBudgetBurnFast).
      await writeFile(rules, prometheusRulesYaml({ forScale: 0.01, latencyThresholdMs: 5000 }));
      const server = await startPrometheus(
        prometheus as string,
        [{ jobName: 'modelwatch', targets: [`127.0.0.1:${address.port}`] }],
        30_000,
        [rules],
      );
      try {
        const firing = async (): Promise<AlertsResponse['data']['alerts']> => {
          const r = (await (await fetch(`${server.url}/api/v1/alerts`)).json()) as AlertsResponse;
          return r.data.alerts.filter((a) => a.state === 'firing');
        };
        const latency = await pollUntil(
          async () => {
            const all = await firing();
            const high = all.find((a) => a.labels.alertname === 'HighInferenceLatency');
            const burn = all.find((a) => a.labels.alertname === 'ErrorBudgetBurnFast' && a.labels.slo === 'latency');
            const canary = all.find((a) => a.labels.alertname === 'CanaryRolledBack');
            return high !== undefined && burn !== undefined && canary !== undefined
              ? { high, burn, canary, all }
              : undefined;
          },
          90_000,
          () =>
            `HighInferenceLatency, ErrorBudgetBurnFast and CanaryRolledBack not firing yet; prometheus log:\n${server.log()}`,
        );
        expect(latency.high.labels).toEqual({
          alertname: 'HighInferenceLatency',
          severity: 'page',
          project_id: 'acme',
          model_id: 'slow-llm:v1',
          variant: 'production',
        });
        // Every slow request is in the bucket (5, 10]: p95 = 5 + 5 × 0.95 = 9.75 s.
        expect(Number(latency.high.value)).toBeCloseTo(9.75, 6);
        expect(latency.high.annotations).toEqual({
          summary: 'p95 latency exceeded 5 seconds',
          description: 'p95 latency of slow-llm:v1 (production, project acme) is 9.75s over 5 min, above 5 s.',
          runbook_url: 'docs/runbooks.md#highinferencelatency',
        });
        // Every request is slower than the SLO threshold: the latency error ratio is 1.
        expect(latency.burn.labels).toMatchObject({ model_id: 'slow-llm:v1', severity: 'page', long_window: '1h' });
        expect(Number(latency.burn.value)).toBeCloseTo(1, 9);
        expect(latency.canary.labels).toMatchObject({
          severity: 'page',
          project_id: 'acme',
          experiment: 'slow-llm-canary',
        });
        expect(latency.canary.annotations.summary).toBe(
          'The rollout of experiment slow-llm-canary was rolled back (1 in the evaluator window)',
        );
        // A healthy SRM p-value (0.4, threshold 0.001) fires nothing.
        expect(latency.all.filter((a) => a.labels.alertname === 'ExperimentSampleRatioMismatch')).toEqual([]);
        // The fast model fires nothing.
        expect(latency.all.filter((a) => a.labels.model_id === 'fast-clf:v1')).toEqual([]);
      } finally {
        clearInterval(traffic);
        await server.stop();
        await app.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
