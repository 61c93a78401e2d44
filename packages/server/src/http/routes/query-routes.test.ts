import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceEventSchema } from '../../domain/inference-event.js';
import { QueryService } from '../../services/query/index.js';
import { openStore } from '../../services/server/open-store.js';
import { registerQueryRoutes } from './query-routes.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const NOW = T0 + 3_600_000;

describe('query routes', () => {
  let dir: string;
  let store: Awaited<ReturnType<typeof openStore>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'modelwatch-query-routes-'));
    store = await openStore({ dataDir: dir, store: 'duckdb' });
    const events = [0, 1, 2, 3].map((i) =>
      InferenceEventSchema.parse({
        requestId: `r${i}`,
        timestamp: T0 + i * 1000,
        model: 'clf',
        version: 'v1',
        segment: { region: i < 2 ? 'eu' : 'us' },
        output: { label: ['yes', 'no', 'no', 'no'][i], score: [0.9, 0.2, 0.4, 0.1][i], value: [1, 2, 3, 4][i] },
        latencyMs: 10 * (i + 1),
        ...(i === 3 ? { status: 'error', errorType: 'timeout' } : {}),
        inputs: { text: 'x'.repeat(i + 1) },
      }),
    );
    await store.appendEvents('p1', events, T0);
    await store.appendEvents('p2', events, T0);
    await store.appendOutcomes(
      'p1',
      ['yes', 'no', 'yes', 'no'].map((label, i) => ({ requestId: `r${i}`, timestamp: T0, label })),
      T0,
    );
    await store.appendOutcomes(
      'p1',
      [
        { requestId: 'r0', timestamp: T0, label: 'yes' },
        { requestId: 'r1', timestamp: T0, label: 'no' },
      ],
      T0,
    );
    app = Fastify();
    await registerQueryRoutes(app, {
      query: new QueryService(store),
      projectIdOf: () => 'p1',
      authorize: async () => undefined,
      now: () => NOW,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (url: string) => {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, body: r.json() };
  };

  it('answers the overview of the default window (the last 24 h) in 1-minute buckets', async () => {
    const { status, body } = await get('/v1/query/overview');
    expect(status).toBe(200);
    expect(body.method).toBe('rollup');
    expect(body.buckets).toHaveLength(1);
    expect(body.totals).toMatchObject({ requests: 4, errors: 1 });
    const iso = await get(`/v1/query/overview?from=${new Date(T0 + 1500).toISOString()}&to=${T0 + 60_000}&bucket=1s`);
    expect(iso.body.method).toBe('exact');
    expect(iso.body.buckets.map((b: { start: number }) => b.start)).toEqual([T0 + 2000, T0 + 3000]);
  });

  it('names the bad parameter', async () => {
    expect(await get('/v1/query/overview?bucket=7x')).toMatchObject({
      status: 400,
      body: { error: 'invalid', field: 'bucket' },
    });
    expect(await get('/v1/query/overview?from=yesterday')).toMatchObject({ status: 400, body: { field: 'from' } });
    expect(await get(`/v1/query/errors?from=${NOW}&to=${T0}`)).toMatchObject({ status: 400, body: { field: 'from' } });
    expect(await get('/v1/query/errors?variant=blue')).toMatchObject({ status: 400, body: { field: 'variant' } });
    expect(await get('/v1/query/samples?kind=lowest_score')).toMatchObject({ status: 400, body: { field: 'score' } });
    expect(await get('/v1/query/slices?minCount=-1')).toMatchObject({ status: 400, body: { field: 'minCount' } });
    expect(await get('/v1/query/errors?segment.bad-key=1')).toMatchObject({
      status: 400,
      body: { field: 'segment.bad-key' },
    });
    const big = await get(`/v1/query/overview?from=0&to=${NOW}&bucket=1s`);
    expect(big).toMatchObject({ status: 400, body: { field: 'bucket' } });
  });

  it('computes quality from joined outcomes with the core metrics', async () => {
    const { status, body } = await get('/v1/query/quality');
    expect(status).toBe(200);
    expect(body.withOutcome).toBe(4);
    // actual yes,no,yes,no vs predicted yes,no,no,no: accuracy 3/4; F1 yes = 2/3, F1 no = 4/5.
    expect(body.classification.accuracy).toBe(0.75);
    expect(Math.abs(body.classification.f1Macro - (2 / 3 + 4 / 5) / 2)).toBeLessThan(1e-12);
    // Positives (yes) score 0.9 and 0.4, negatives 0.2 and 0.1: every pair ordered.
    expect(body.classification.rocAuc).toBe(1);
    expect(body.regression).toBeUndefined();
  });

  it('filters by segment and lists errors, models, distributions, samples and slices', async () => {
    expect((await get('/v1/query/errors')).body.errors).toEqual([{ errorType: 'timeout', count: 1, share: 0.25 }]);
    expect((await get('/v1/query/errors?segment.region=eu')).body.errors).toEqual([]);
    expect((await get('/v1/query/models')).body.models).toMatchObject([{ model: 'clf', version: 'v1', requests: 4 }]);
    const d = (await get('/v1/query/distributions?bins=3')).body;
    expect(d.inputLength).toEqual({ edges: [1, 2, 3, 4], counts: [1, 1, 2], count: 4 });
    expect(d.predictions.labels).toEqual([
      { label: 'no', count: 3 },
      { label: 'yes', count: 1 },
    ]);
    const s = (await get('/v1/query/samples?kind=errors')).body.samples;
    expect(s.map((x: { event: { requestId: string } }) => x.event.requestId)).toEqual(['r3']);
    const slices = (await get('/v1/query/slices?minCount=2')).body;
    expect(slices.window.requests).toBe(4);
    // us holds the error and the slower requests: worst first.
    expect(slices.slices.map((x: { value: string }) => x.value)).toEqual(['us', 'eu']);
    expect(slices.slices[0].score).toBeGreaterThan(0);
    expect((await get('/v1/query/feedback')).body).toMatchObject({ events: 4, thumbsUp: 0, thumbsUpRate: null });
    expect((await get('/v1/query/scores')).body).toEqual({ scores: [] });
  });

  it('returns one event with its outcome, and 404 for an unknown id', async () => {
    const { status, body } = await get('/v1/query/event/r0');
    expect(status).toBe(200);
    expect(body.event).toMatchObject({ requestId: 'r0', projectId: 'p1' });
    expect(body.outcome).toMatchObject({ label: 'yes' });
    expect(await get('/v1/query/event/nope')).toMatchObject({
      status: 404,
      body: { error: 'not_found', field: 'requestId' },
    });
  });
});
