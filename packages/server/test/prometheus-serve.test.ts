/**
 * Prometheus (Debian's `prometheus`) scrapes a RUNNING modelwatch server — `startServer` on a
 * free port with demo traffic through its real ingest path — with a read-scoped key, and loads
 * the exported rules (`modelwatch export prometheus-rules`, with `forScale` small so `for`
 * durations are seconds). The rules evaluate on the scraped series: every rule group is healthy
 * with no evaluation error, and every recording rule has a value.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect } from 'vitest';
import { DEFAULT_CONFIG, type ServerConfig } from '../src/domain/config.js';
import { prometheusRules, prometheusRulesYaml } from '../src/services/exports/index.js';
import { type ServerHandle, startServer } from '../src/services/server/index.js';
import { freePort } from './free-port.js';
import { pollUntil, startPrometheus } from './prometheus-server.js';
import { commandPath, itWithSystem } from './system.js';

const PROMETHEUS = commandPath('prometheus');

interface RuleView {
  name: string;
  type: 'recording' | 'alerting';
  health: string;
  lastError?: string;
  query: string;
}
interface RulesResponse {
  status: string;
  data: { groups: { name: string; rules: RuleView[] }[] };
}
interface QueryResponse {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

const quiet = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('Prometheus scraping a running server', () => {
  itWithSystem(
    "the exported rules evaluate on the server's scraped series: healthy, no errors, every recording rule has a value",
    PROMETHEUS !== undefined,
    'prometheus not found on PATH (Debian package `prometheus`)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'modelwatch-prometheus-serve-'));
      const config: ServerConfig = {
        ...DEFAULT_CONFIG,
        host: '127.0.0.1',
        port: await freePort(),
        dataDir: join(dir, 'data'),
        logLevel: 'warn',
        evaluator: { intervalSeconds: 2 },
        demo: { enabled: true, eventsPerSecond: 20 },
        metrics: { auth: 'key' },
      };
      let server: ServerHandle | undefined;
      let prometheus: Awaited<ReturnType<typeof startPrometheus>> | undefined;
      try {
        server = await startServer(config, { out: () => undefined, logStream: quiet(), handleSignals: false });
        const admin = server.initialAdminKey?.secret as string;
        expect(admin).toBeDefined();
        const created = await fetch(`${server.url}/v1/admin/keys`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ scopes: ['read'], name: 'prometheus' }),
        });
        expect(created.status).toBe(201);
        const readKey = ((await created.json()) as { secret: string }).secret;
        // /metrics needs the key (metrics.auth 'key'): without it, 401.
        expect((await fetch(`${server.url}/metrics`)).status).toBe(401);

        const rulesFile = join(dir, 'modelwatch-rules.yaml');
        writeFileSync(
          rulesFile,
          prometheusRulesYaml({ forScale: 0.01, evaluatorIntervalSeconds: config.evaluator.intervalSeconds }),
        );
        const recording = prometheusRules({ forScale: 0.01 })
          .groups.flatMap((g) => g.rules)
          .filter((r): r is { record: string; expr: string } => 'record' in r);
        expect(recording.length).toBeGreaterThan(5);

        prometheus = await startPrometheus(
          PROMETHEUS as string,
          [{ jobName: 'modelwatch', targets: [new URL(server.url).host], bearerToken: readKey }],
          30_000,
          [rulesFile],
        );
        const prom = prometheus;

        // The scrape target is up (the read key was accepted).
        await pollUntil(
          async () => {
            const r = await getJson<QueryResponse>(
              `${prom.url}/api/v1/query?query=${encodeURIComponent('up{job="modelwatch"}')}`,
            );
            return r.data.result[0]?.value[1] === '1' ? true : undefined;
          },
          60_000,
          () => `target not up; log:\n${prom.log()}`,
        );

        // Every recording rule has a value on the scraped series; every rule is healthy.
        const missing = new Set(recording.map((r) => r.record));
        const groups = await pollUntil(
          async () => {
            for (const name of [...missing]) {
              const r = await getJson<QueryResponse>(`${prom.url}/api/v1/query?query=${encodeURIComponent(name)}`);
              if (r.data.result.some((s) => Number.isFinite(Number(s.value[1])))) missing.delete(name);
            }
            if (missing.size > 0) return undefined;
            const rules = await getJson<RulesResponse>(`${prom.url}/api/v1/rules`);
            const all = rules.data.groups.flatMap((g) => g.rules);
            return all.every((r) => r.health === 'ok') ? rules.data.groups : undefined;
          },
          90_000,
          () => `recording rules without a value: ${[...missing].join(', ')}; log:\n${prom.log()}`,
        );
        const all = groups.flatMap((g) => g.rules);
        expect(all.filter((r) => r.health !== 'ok' || (r.lastError ?? '') !== '')).toEqual([]);
        expect(
          all
            .filter((r) => r.type === 'recording')
            .map((r) => r.name)
            .sort(),
          // One entry per rule: the SLO ratios share a name (one rule per `slo` label).
        ).toEqual(recording.map((r) => r.record).sort());
        expect(all.filter((r) => r.type === 'alerting').length).toBeGreaterThan(5);

        // The request-rate recording rule carries the demo's models, as scraped from the server.
        const rate = await getJson<QueryResponse>(
          `${prom.url}/api/v1/query?query=${encodeURIComponent('project_model_variant:model_inference_requests:rate5m')}`,
        );
        const models = new Set(rate.data.result.map((s) => s.metric.model_id ?? ''));
        expect([...models].some((m) => m.startsWith('weather-classifier'))).toBe(true);
        expect([...models].some((m) => m.startsWith('support-assistant'))).toBe(true);
        expect(rate.data.result.every((s) => s.metric.project_id === 'default')).toBe(true);
        expect(rate.data.result.reduce((sum, s) => sum + Number(s.value[1]), 0)).toBeGreaterThan(0);
      } finally {
        await prometheus?.stop();
        await server?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
