import { readFileSync } from 'node:fs';
import { meanEffect, sampleRatioMismatch } from '@modelwatch/core/experiments';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scope } from '../../domain/api-key.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { Authenticator, newApiKeySecret } from '../../services/auth/index.js';
import {
  type ExperimentFixture,
  experimentEvent,
  experimentFixture,
  FIXTURE_PROJECT as P,
  FIXTURE_T0 as T0,
} from '../../services/experiments-server/experiment-fixture.js';
import { installAuth } from '../auth.js';
import { registerExperimentRoutes } from './experiment-routes.js';

interface VectorFile {
  experiments: Record<
    string,
    {
      definition: {
        key: string;
        seed?: string;
        variants: string[];
        weights?: number[];
        coverage?: number;
        layer?: { key: string; start: number; end: number };
        holdout?: { key: string; share: number };
      };
      changes: { weights: number[]; coverage?: number; variants?: string[] }[];
      expected: { ranges: number[][][]; weights: number[] };
    }
  >;
  vectors: {
    experiment: string;
    unitId: string;
    bucket: number;
    variant: string;
    inExperiment: boolean;
    reason: string;
  }[];
}

const VECTORS = JSON.parse(
  readFileSync(new URL('../../../../../tools/test-vectors/assignment.json', import.meta.url), 'utf8'),
) as VectorFile;

describe('experiment routes (app.inject, real DuckDB file)', () => {
  let f: ExperimentFixture;
  let app: FastifyInstance;
  const keys: Record<Scope, string> = { admin: '', read: '', ingest: '' };

  beforeEach(async () => {
    f = await experimentFixture();
    for (const scope of ['admin', 'read', 'ingest'] as const) {
      const k = newApiKeySecret();
      await f.store.putApiKey({
        id: `key-${scope}`,
        projectId: P,
        name: scope,
        prefix: k.prefix,
        hash: k.hash,
        scopes: [scope],
        createdAt: T0,
      });
      keys[scope] = k.secret;
    }
    app = Fastify();
    installAuth(app, new Authenticator(f.store));
    await registerExperimentRoutes(app, f.services);
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await f.dispose();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, scope: Scope, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${keys[scope]}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('serves the published assignment test vectors through the endpoint, after the same weight changes', async () => {
    for (const [name, vector] of Object.entries(VECTORS.experiments)) {
      const d = vector.definition;
      const created = await call('POST', '/v1/experiments', 'admin', {
        id: d.key,
        ...(d.seed === undefined ? {} : { seed: d.seed }),
        armField: 'version',
        variants: d.variants.map((v, i) => ({ name: v, weight: d.weights?.[i] ?? 1 })),
        ...(d.coverage === undefined ? {} : { coverage: d.coverage }),
        ...(d.layer === undefined ? {} : { layer: d.layer }),
        ...(d.holdout === undefined ? {} : { holdout: d.holdout }),
        status: 'running',
      });
      expect(created.statusCode, created.body).toBe(201);
      let variants = d.variants;
      for (const change of vector.changes) {
        variants = change.variants ?? variants;
        const res = await call('PATCH', `/v1/experiments/${d.key}`, 'admin', {
          variants: variants.map((v, i) => ({ name: v, weight: change.weights[i] })),
          ...(change.coverage === undefined ? {} : { coverage: change.coverage }),
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const stored = (await call('GET', `/v1/experiments/${d.key}`, 'read')).json();
      expect(stored.assignment.ranges, name).toEqual(vector.expected.ranges);
      expect(stored.assignment.weights, name).toEqual(vector.expected.weights);
    }
    // A unit id with a lone UTF-16 surrogate cannot travel in a URL (the vectors show it hashes as
    // U+FFFD); every other vector goes through the endpoint.
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const sendable = VECTORS.vectors.filter((v) => !loneSurrogate.test(v.unitId));
    expect(VECTORS.vectors.length - sendable.length).toBeLessThanOrEqual(VECTORS.vectors.length / 20);
    let checked = 0;
    for (const v of sendable) {
      const key = VECTORS.experiments[v.experiment]?.definition.key as string;
      const res = await call(
        'GET',
        `/v1/experiments/${encodeURIComponent(key)}/assignment?unitId=${encodeURIComponent(v.unitId)}`,
        'ingest',
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json(), `${v.experiment} / ${v.unitId}`).toEqual({
        experimentId: key,
        unitId: v.unitId,
        variant: v.variant,
        bucket: v.bucket,
        inExperiment: v.inExperiment,
        reason: v.reason,
      });
      checked++;
    }
    expect(checked).toBe(sendable.length);
    expect(checked).toBeGreaterThan(150);
  });

  it('answers 403 to a read key on every admin route, and 403 to an ingest key on read routes', async () => {
    await f.services.registry.create(P, {
      id: 'c1',
      type: 'canary',
      variants: [
        { name: 'production', weight: 1 },
        { name: 'canary', weight: 0 },
      ],
    });
    await f.services.rollouts.start(P, { experimentId: 'c1' });
    const admin: ['POST' | 'PATCH', string, unknown][] = [
      ['POST', '/v1/experiments', { id: 'x', variants: [] }],
      ['PATCH', '/v1/experiments/c1', { description: 'x' }],
      ['POST', '/v1/rollouts', { experimentId: 'c1' }],
      ['POST', '/v1/rollouts/c1/pause', {}],
      ['POST', '/v1/rollouts/c1/resume', {}],
      ['POST', '/v1/rollouts/c1/abort', {}],
    ];
    for (const [method, url, body] of admin) {
      const res = await call(method, url, 'read', body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().message).toContain('lacks the "admin" scope');
    }
    expect((await call('GET', '/v1/rollouts/c1', 'ingest')).statusCode).toBe(403);
    expect((await call('GET', '/v1/experiments', 'ingest')).statusCode).toBe(403);
    expect((await call('GET', '/v1/experiments/c1/analysis', 'ingest')).statusCode).toBe(403);
    // The assignment takes a read or an ingest key; no key is 401.
    expect((await call('GET', '/v1/experiments/c1/assignment?unitId=u1', 'read')).statusCode).toBe(200);
    expect((await call('GET', '/v1/experiments/c1/assignment?unitId=u1', 'ingest')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/experiments/c1/assignment?unitId=u1' })).statusCode).toBe(401);
    // Nothing changed: the rollout is still progressing at its first step.
    expect((await call('GET', '/v1/rollouts/c1', 'read')).json().rollout).toMatchObject({
      status: 'progressing',
      weight: 1,
    });
  });

  it('drives a rollout over HTTP: start, state with audit, pause, abort; errors name the field', async () => {
    const bad = await call('POST', '/v1/experiments', 'admin', {
      id: 'c2',
      type: 'canary',
      variants: [
        { name: 'production', weight: -1 },
        { name: 'canary', weight: 0 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid', field: 'experiment.variants.0.weight' });
    expect(bad.json().message).toContain('experiment.variants.0.weight: expected a weight ≥ 0 (got -1)');
    const created = await call('POST', '/v1/experiments', 'admin', {
      id: 'c2',
      type: 'canary',
      variants: [
        { name: 'production', weight: 1 },
        { name: 'canary', weight: 0 },
      ],
    });
    expect(created.statusCode).toBe(201);
    const start = await call('POST', '/v1/rollouts', 'admin', { experimentId: 'c2', steps: [5, 100] });
    expect(start.statusCode, start.body).toBe(201);
    expect(start.json()).toMatchObject({ id: 'c2', status: 'progressing', step: 0, weight: 5 });
    const patch = await call('PATCH', '/v1/experiments/c2', 'admin', {
      variants: [
        { name: 'production', weight: 1 },
        { name: 'canary', weight: 1 },
      ],
    });
    expect(patch.statusCode).toBe(409);
    expect((await call('POST', '/v1/rollouts/c2/resume', 'admin', {})).statusCode).toBe(409);
    const paused = await call('POST', '/v1/rollouts/c2/pause', 'admin', { reason: 'look at dashboards' });
    expect(paused.json()).toMatchObject({ status: 'paused', weight: 5 });
    const aborted = await call('POST', '/v1/rollouts/c2/abort', 'admin', {});
    expect(aborted.json()).toMatchObject({ status: 'rolled-back', weight: 0 });
    const state = (await call('GET', '/v1/rollouts/c2', 'read')).json();
    expect(state.rollout.status).toBe('rolled-back');
    expect(state.audit.map((a: { action: string }) => a.action)).toEqual(['start', 'pause', 'abort']);
    expect(state.audit[1].details.reason.message).toBe('look at dashboards');
    expect(state.audit[2].details.actor).toMatch(/^key:mw_/);
    expect((await call('GET', '/v1/rollouts/nope', 'read')).statusCode).toBe(404);
    const missing = await call('GET', '/v1/experiments/c2/assignment', 'ingest');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('unitId');
  });

  it('analyses an A/B experiment from its stored events (Welch t and SRM as core computes them)', async () => {
    const created = await call('POST', '/v1/experiments', 'admin', {
      id: 'ab-latency',
      variants: [
        { name: 'control', weight: 1 },
        { name: 'treatment', weight: 1 },
      ],
      primaryMetric: { metric: 'latency_ms', type: 'mean', direction: 'lower-is-better' },
      guardrails: [{ metric: 'error', direction: 'lower-is-better', threshold: 0.05 }],
      status: 'running',
    });
    expect(created.statusCode).toBe(201);
    // 600 units, two requests each, routed by the assignment endpoint; treatment is ~8 ms faster.
    const events: InferenceEvent[] = [];
    const perUnit = new Map<string, { variant: string; latency: number }>();
    for (let i = 0; i < 600; i++) {
      const unitId = `user-${i}`;
      const a = (await call('GET', `/v1/experiments/ab-latency/assignment?unitId=${unitId}`, 'ingest')).json();
      for (let r = 0; r < 2; r++) {
        const latency = 100 + ((i * 7 + r * 13) % 29) - (a.variant === 'treatment' ? 8 : 0);
        events.push(
          experimentEvent(`req-${i}-${r}`, {
            timestamp: T0 + 1000 + i * 100 + r,
            variant: a.variant,
            experiment: 'ab-latency',
            unitId,
            latencyMs: latency,
          }),
        );
        const u = perUnit.get(unitId) ?? { variant: a.variant, latency: 0 };
        u.latency += latency;
        perUnit.set(unitId, u);
      }
    }
    await f.store.appendEvents(P, events, T0 + 100_000);
    f.now = T0 + 200_000;
    const res = await call('GET', '/v1/experiments/ab-latency/analysis', 'read');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const arm = (v: string) => [...perUnit.values()].filter((u) => u.variant === v).map((u) => u.latency);
    const expected = meanEffect(arm('control'), arm('treatment'));
    const comparison = body.analysis.comparisons[0];
    expect(body.events).toEqual({
      total: 1200,
      unknownArm: 0,
      missingMetric: 0,
      unitsInSeveralArms: 0,
      analysed: 1200,
    });
    expect(comparison.arm).toBe('treatment');
    expect(comparison.primary.effect).toBeCloseTo(expected.effect, 9);
    expect(comparison.primary.pValue / expected.pValue).toBeCloseTo(1, 9);
    expect(comparison.primary.effect).toBeLessThan(-10);
    expect(comparison.guardrails[0]).toMatchObject({ name: 'error', status: 'pass' });
    const srm = sampleRatioMismatch([arm('control').length, arm('treatment').length], [0.5, 0.5]);
    expect(body.analysis.srm.pValue).toBeCloseTo(srm.pValue, 12);
    expect(body.analysis.decision).toBe('promote');

    // Sequential testing on: the always-valid confidence sequence answers instead.
    await call('PATCH', '/v1/experiments/ab-latency', 'admin', { sequential: true });
    const sequential = (await call('GET', '/v1/experiments/ab-latency/analysis', 'read')).json();
    expect(sequential.analysis.sequential).toBe(true);
    expect(sequential.analysis.comparisons[0].primary.method).toBe('asymptotic-confidence-sequence');

    // A window with no events is unprocessable, and says why.
    const empty = await call('GET', `/v1/experiments/ab-latency/analysis?from=${T0 - 10_000}&to=${T0}`, 'read');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().message).toContain('units per variant: control: 0, treatment: 0; 0 events in the window');
  });
});
