/**
 * The experiment gauges of `/metrics` on a RUNNING server: `startServer` on a DuckDB file in a
 * temporary directory (demo traffic off, evaluator every second, `/metrics` behind a key), driven
 * over HTTP only. A canary whose canary arm fails half its requests is rolled back by the rollout
 * controller in the evaluator loop (guardrail `error`), and an A/B experiment gets traffic routed
 * by the assignment endpoint. After an evaluator run that saw both, `GET /metrics` with a read
 * key shows `model_rollout_rollbacks{project_id,experiment}` ≥ 1 for the canary and
 * `model_experiment_srm_p_value{project_id,experiment}` in [0, 1] for the A/B experiment — as
 * server-services exports the evaluator's experiment signals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ServerConfig } from '../src/domain/config.js';
import { type ServerHandle, startServer } from '../src/services/server/index.js';
import { freePort } from './free-port.js';
import { pollUntil } from './prometheus-server.js';
import { type ExpositionSample, parseExposition, samplesOf } from './prometheus-text.js';

const PROJECT = 'default';
const CANARY = 'checkout-canary';
const AB = 'prompt-ab';
/** Generous bound on waiting for the evaluator (it runs every second); a limit, not a measurement. */
const WAIT_MS = 60_000;

const quiet = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

let dir: string;
let server: ServerHandle;
let adminKey: string;
let readKey: string;
let ingestKey: string;

async function api(method: 'GET' | 'POST', path: string, key: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function createKey(scopes: string[], name: string): Promise<string> {
  const res = await api('POST', '/v1/admin/keys', adminKey, { scopes, name });
  expect(res.status).toBe(201);
  return ((await res.json()) as { secret: string }).secret;
}

async function variantOf(experiment: string, unitId: string): Promise<string> {
  const res = await api('GET', `/v1/experiments/${experiment}/assignment?unitId=${unitId}`, ingestKey);
  return (await json<{ variant: string }>(res, `assignment of ${unitId}`)).variant;
}

async function ingestEvents(events: readonly Record<string, unknown>[]): Promise<void> {
  const res = await api('POST', '/v1/events', ingestKey, events);
  const result = await json<{ accepted: number; rejected: unknown[] }>(res, 'POST /v1/events');
  expect(result.rejected).toEqual([]);
  expect(result.accepted).toBe(events.length);
}

async function scrape(): Promise<ExpositionSample[]> {
  const res = await api('GET', '/metrics', readKey);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status} ${text}`);
  return parseExposition(text);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'modelwatch-experiment-metrics-'));
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    host: '127.0.0.1',
    port: await freePort(),
    dataDir: join(dir, 'data'),
    logLevel: 'warn',
    evaluator: { intervalSeconds: 1 },
    demo: { ...DEFAULT_CONFIG.demo, enabled: false },
    metrics: { auth: 'key' },
  };
  server = await startServer(config, { out: () => undefined, logStream: quiet(), handleSignals: false });
  adminKey = server.initialAdminKey?.secret as string;
  expect(adminKey).toBeDefined();
  readKey = await createKey(['read'], 'metrics reader');
  ingestKey = await createKey(['ingest'], 'traffic');
}, WAIT_MS);

afterAll(async () => {
  await server?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('experiment gauges on /metrics of a running server', () => {
  it('exports a controller rollback as model_rollout_rollbacks and an A/B split as model_experiment_srm_p_value', async () => {
    // /metrics needs a key (metrics.auth 'key').
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);

    // A canary guarded on errors; its rollout analyses every second over the whole step.
    const canary = await api('POST', '/v1/experiments', adminKey, {
      id: CANARY,
      type: 'canary',
      variants: [
        { name: 'production', weight: 1 },
        { name: 'canary', weight: 0 },
      ],
      guardrails: [{ metric: 'error', direction: 'lower-is-better', threshold: 0.02 }],
    });
    expect(canary.status, await canary.clone().text()).toBe(201);
    const started = await api('POST', '/v1/rollouts', adminKey, {
      experimentId: CANARY,
      steps: [50, 100],
      minSamplesPerStep: 1_000_000,
      minDurationPerStepMs: 3_600_000,
      analysisIntervalMs: 1000,
      analysisWindowMs: 3_600_000,
      minRequestsPerAnalysis: 20,
    });
    expect((await json<{ status: string; weight: number }>(started, 'POST /v1/rollouts')).weight).toBe(50);

    // An A/B experiment, 1:1.
    const ab = await api('POST', '/v1/experiments', adminKey, {
      id: AB,
      variants: [
        { name: 'control', weight: 1 },
        { name: 'treatment', weight: 1 },
      ],
      primaryMetric: { metric: 'latency_ms', type: 'mean', direction: 'lower-is-better' },
      status: 'running',
    });
    expect(ab.status, await ab.clone().text()).toBe(201);

    // Traffic routed by the assignment endpoint: the canary arm fails every other request, the
    // stable arm never; the A/B arms answer normally. Timestamps are after the rollout's start.
    const now = Date.now();
    const events: Record<string, unknown>[] = [];
    const abArms = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const unitId = `user-${i}`;
      const cv = await variantOf(CANARY, unitId);
      const failed = cv === 'canary' && i % 2 === 0;
      events.push({
        requestId: `canary-${i}`,
        timestamp: now + i,
        model: 'checkout',
        version: cv === 'canary' ? 'v2' : 'v1',
        variant: cv,
        experiment: CANARY,
        unitId,
        latencyMs: 80 + (i % 17),
        status: failed ? 'error' : 'ok',
        ...(failed ? { errorType: 'internal' } : {}),
      });
      const av = await variantOf(AB, unitId);
      abArms.set(av, (abArms.get(av) ?? 0) + 1);
      events.push({
        requestId: `ab-${i}`,
        timestamp: now + i,
        model: 'assistant',
        version: av === 'treatment' ? 'v8' : 'v7',
        variant: av,
        experiment: AB,
        unitId,
        latencyMs: 300 + (i % 23),
      });
    }
    // Both arms of both experiments have units (the assignment is a hash, so this is fixed).
    expect(events.filter((e) => e.variant === 'canary').length).toBeGreaterThanOrEqual(20);
    expect(Math.min(abArms.get('control') ?? 0, abArms.get('treatment') ?? 0)).toBeGreaterThanOrEqual(20);
    await ingestEvents(events);

    // The evaluator loop's rollout step rolls the canary back on its guardrail.
    const rollout = await pollUntil(
      async () => {
        const view = await json<{ rollout: { status: string }; audit: { action: string; details: unknown }[] }>(
          await api('GET', `/v1/rollouts/${CANARY}`, readKey),
          'GET rollout',
        );
        return view.rollout.status === 'rolled-back' ? view : undefined;
      },
      WAIT_MS,
      () => 'the canary was not rolled back',
    );
    expect(rollout.audit.find((a) => a.action === 'rollback')?.details).toMatchObject({
      reason: { code: 'guardrail_failed' },
    });

    // A later evaluator run exports both gauges; poll /metrics until it has.
    const rollbacksOf = (s: readonly ExpositionSample[]) =>
      samplesOf(s, 'model_rollout_rollbacks', { project_id: PROJECT, experiment: CANARY });
    const srmOf = (s: readonly ExpositionSample[]) =>
      samplesOf(s, 'model_experiment_srm_p_value', { project_id: PROJECT, experiment: AB });
    let last: ExpositionSample[] = [];
    const samples = await pollUntil(
      async () => {
        last = await scrape();
        return rollbacksOf(last).some((x) => x.value >= 1) && srmOf(last).length > 0 ? last : undefined;
      },
      WAIT_MS,
      () =>
        `no rollback/SRM sample yet; experiment samples: ${JSON.stringify(
          last.filter((x) => x.name.startsWith('model_rollout_') || x.name.startsWith('model_experiment_')),
        )}`,
    );

    // Exactly one series per (project, experiment), with exactly these labels.
    const rollbacks = rollbacksOf(samples);
    expect(rollbacks).toHaveLength(1);
    expect(rollbacks[0]?.labels).toEqual({ project_id: PROJECT, experiment: CANARY });
    expect(rollbacks[0]?.value).toBeGreaterThanOrEqual(1);
    const srm = srmOf(samples);
    expect(srm).toHaveLength(1);
    expect(srm[0]?.labels).toEqual({ project_id: PROJECT, experiment: AB });
    const p = srm[0]?.value as number;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    // The SRM p-value is that of the A/B experiment's analysis of the same traffic.
    const analysis = await json<{ analysis: { srm: { pValue: number; enoughData: boolean } } }>(
      await api('GET', `/v1/experiments/${AB}/analysis?from=${now - 1000}&to=${Date.now() + 1000}`, readKey),
      'GET analysis',
    );
    expect(analysis.analysis.srm.enoughData).toBe(true);
    const q = analysis.analysis.srm.pValue;
    expect(Math.abs(p - q)).toBeLessThanOrEqual(1e-9 * Math.abs(q));
    // The rolled-back canary is stopped: it reports rollbacks but no SRM series; the A/B
    // experiment has no rollout, so no rollback series.
    expect(samplesOf(samples, 'model_experiment_srm_p_value', { experiment: CANARY })).toEqual([]);
    expect(samplesOf(samples, 'model_rollout_rollbacks', { experiment: AB })).toEqual([]);
  }, 120_000);
});
