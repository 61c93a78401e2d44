import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../domain/api-key.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import type { EvalRun } from '../../services/eval-runs/index.js';
import { RunArchive } from '../../services/eval-runs/index.js';
import { recordRunProject } from '../../services/eval-runs/project-runs.js';
import { projectRegistries } from '../../services/registry/index.js';
import { openStore } from '../../services/server/open-store.js';
import { installAuth } from '../auth.js';
import { registerEvalRunRoutes } from './eval-run-routes.js';

const SHA = 'c'.repeat(64);

function run(runId: string, version: string, createdAt: number): EvalRun {
  return {
    runId,
    createdAt,
    suite: 'suite.yaml',
    task: 'classification',
    model: { name: 'churn', version },
    dataset: { name: 'churn-eval', version: 'abc123', sha256: SHA, kind: 'csv' },
    source: { kind: 'predictions', file: 'preds.csv' },
    labels: ['no', 'yes'],
    metrics: { accuracy: { value: 0.9, low: 0.85, high: 0.94 }, f1_macro: { value: 0.8 } },
    confidenceLevel: 0.95,
    slices: [],
    failures: 0,
    warnings: [],
  };
}

const gate = (runId: string, passed: boolean) => ({
  passed,
  runId,
  gates: 'gates.yaml',
  evaluatedAt: 1000,
  conditions: [{ condition: 'accuracy >= 0.8', passed, detail: 'accuracy 0.9' }],
});

describe('GET /v1/eval-runs (app.inject, real DuckDB file and run files)', () => {
  let dir: string;
  let store: Awaited<ReturnType<typeof openStore>>;
  let app: FastifyInstance;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-eval-run-routes-'));
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
    const archive = new RunArchive(dir);
    // run-a: recorded for p1, gated on p1's v1 and then replaced by run-c's gate.
    // run-b: recorded for p2; p1's v2 gate names it too, which must not make it p1's.
    // run-c: no project recorded, claimed by p1's current gate on v1.
    // run-d: no project, no gate: nobody's.
    for (const [id, version, at] of [
      ['run-a', 'v1', 100],
      ['run-b', 'v2', 200],
      ['run-c', 'v1', 300],
      ['run-d', 'v1', 400],
    ] as const) {
      archive.save(run(id, version, at), []);
    }
    recordRunProject(dir, 'run-a', 'p1');
    recordRunProject(dir, 'run-b', 'p2');
    const registryOf = projectRegistries(store);
    for (const project of ['p1', 'p2']) {
      for (const version of ['v1', 'v2']) {
        await registryOf(project).register(
          { model: 'churn', version, artifactUri: `s3://m/${version}`, artifactSha256: SHA },
          'test',
        );
      }
    }
    await registryOf('p1').attachGateResult('churn', 'v1', gate('run-a', false), 'test');
    await registryOf('p1').attachGateResult('churn', 'v1', gate('run-c', true), 'test');
    await registryOf('p1').attachGateResult('churn', 'v2', gate('run-b', true), 'test');
    await registryOf('p2').attachGateResult('churn', 'v2', gate('run-b', false), 'test');
    app = Fastify();
    installAuth(app, new Authenticator(store));
    await registerEvalRunRoutes(app, { dataDir: dir, registryOf });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, key?: string) =>
    app.inject({ method: 'GET', url, headers: key === undefined ? {} : { authorization: `Bearer ${keys[key]}` } });

  it('needs a key (401) with the read scope (403)', async () => {
    expect((await get('/v1/eval-runs')).statusCode).toBe(401);
    expect((await get('/v1/eval-runs', 'p1-ingest')).statusCode).toBe(403);
  });

  it('lists only the caller’s project’s runs, newest first, with the gate result that names each', async () => {
    const p1 = await get('/v1/eval-runs?limit=20', 'p1-read');
    expect(p1.statusCode).toBe(200);
    const runs = p1.json().runs as { id: string; status: string; gate?: { current: boolean; failed: string[] } }[];
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      ['run-c', 'passed'],
      ['run-a', 'failed'],
    ]);
    expect(runs[0]?.gate?.current).toBe(true);
    // run-a's gate was replaced on the version: it comes from the audit log.
    expect(runs[1]?.gate).toMatchObject({ current: false, failed: ['accuracy >= 0.8'] });
    expect(runs[0]).toMatchObject({
      model: 'churn',
      version: 'v1',
      dataset: 'churn-eval@abc123',
      createdAt: 300,
      passed: true,
      metrics: { accuracy: { value: 0.9, low: 0.85, high: 0.94 } },
    });
    const p2 = (await get('/v1/eval-runs', 'p2-read')).json().runs as { id: string; status: string }[];
    expect(p2.map((r) => [r.id, r.status])).toEqual([['run-b', 'failed']]);
  });

  it('filters by model version and limit, and names a bad parameter', async () => {
    const v1 = (await get('/v1/eval-runs?version=v1&limit=1', 'p1-read')).json().runs as { id: string }[];
    expect(v1.map((r) => r.id)).toEqual(['run-c']);
    const none = (await get('/v1/eval-runs?model=other', 'p1-read')).json().runs;
    expect(none).toEqual([]);
    const bad = await get('/v1/eval-runs?limit=0', 'p1-read');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid', field: 'limit' });
  });
});
