import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFilter, QualityPairs } from '../../domain/query.js';
import { registerDashboardRoutes } from './dashboard-routes.js';

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

describe('dashboard routes: GET /v1/dashboard/quality-detail', () => {
  let app: FastifyInstance;
  const seen: EventFilter[] = [];
  let pairs: QualityPairs;

  beforeAll(async () => {
    app = Fastify();
    await registerDashboardRoutes(app, {
      qualityPairs: async (filter) => {
        seen.push(filter);
        return pairs;
      },
      projectIdOf: () => 'p1',
      authorize: async () => undefined,
      now: () => NOW,
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers the confusion matrix (sklearn layout: actual rows, predicted columns) and a top-label reliability diagram', async () => {
    pairs = {
      labels: {
        actual: ['rain', 'rain', 'sun', 'sun', 'fog'],
        predicted: ['rain', 'sun', 'sun', 'sun', 'rain'],
        scores: [0.9, 0.6, 0.8, 0.7, 0.55],
      },
      values: { predicted: [], actual: [] },
      events: 9,
      withOutcome: 5,
    };
    const res = await app.inject({ url: '/v1/dashboard/quality-detail?bins=2&model=weather&segment.region=eu-west' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.labelled).toBe(5);
    expect(body.confusion.labels).toEqual(['fog', 'rain', 'sun']);
    expect(body.confusion.matrix).toEqual([
      [0, 1, 0],
      [0, 1, 1],
      [0, 0, 2],
    ]);
    // Two bins on [0, 1]: all five confidences fall in (0.5, 1]; 3 of 5 predictions were right.
    expect(body.reliability.kind).toBe('top-label');
    expect(body.reliability.bins).toHaveLength(1);
    expect(body.reliability.bins[0].count).toBe(5);
    expect(body.reliability.bins[0].observedFrequency).toBeCloseTo(0.6, 12);
    expect(body.reliability.bins[0].meanPredicted).toBeCloseTo((0.9 + 0.6 + 0.8 + 0.7 + 0.55) / 5, 12);
    // ECE of one bin = |0.6 − 0.71|.
    expect(body.reliability.expectedCalibrationError).toBeCloseTo(0.11, 12);
    const f = seen.at(-1);
    expect(f).toMatchObject({
      projectId: 'p1',
      model: 'weather',
      segment: { region: 'eu-west' },
      to: NOW,
      from: NOW - 86_400_000,
    });
  });

  it('leaves out the matrix and the diagram without labelled pairs', async () => {
    pairs = {
      labels: { actual: [], predicted: [], scores: [] },
      values: { predicted: [], actual: [] },
      events: 3,
      withOutcome: 0,
    };
    const res = await app.inject({ url: '/v1/dashboard/quality-detail' });
    expect(res.json()).toEqual({ labelled: 0, events: 3 });
  });

  it('skips scores outside [0, 1] in the diagram but keeps them in the matrix', async () => {
    pairs = {
      labels: { actual: ['a', 'b'], predicted: ['a', 'a'], scores: [Number.NaN, 0.8] },
      values: { predicted: [], actual: [] },
      events: 2,
      withOutcome: 2,
    };
    const body = (await app.inject({ url: '/v1/dashboard/quality-detail' })).json();
    expect(body.confusion.matrix).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(body.reliability.count).toBe(1);
  });

  it.each([
    ['from=yesterday', 'from'],
    ['bins=1', 'bins'],
    ['variant=blue', 'variant'],
    ['segment.bad-key=x', 'segment.bad-key'],
    ['from=2000&to=1000', 'from'],
    ['colour=red', 'colour'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await app.inject({ url: `/v1/dashboard/quality-detail?${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid', field });
  });
});
