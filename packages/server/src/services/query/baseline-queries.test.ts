import { DatasetProfileBuilder } from '@modelwatch/core/drift';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureColumnName, profileColumns } from '../monitoring/index.js';
import {
  MONITOR_PROJECT,
  MONITOR_T0,
  type MonitoringFixture,
  monitorEvent,
  monitoringFixture,
} from '../monitoring/monitoring-fixture.js';
import { BaselineQueries } from './baseline-queries.js';
import { featureDistribution } from './feature-distribution.js';
import { ProfileOodScorer } from './profile-ood-score.js';

/** Baseline: x = 1 … 100 (so, exactly, q0.5 % = 1, q99.5 % = 100, IQR = 75 − 25 = 50), c ∈ {a, b}. */
const baselineRows = Array.from({ length: 100 }, (_, i) => ({ x: i + 1, c: i % 2 === 0 ? 'a' : 'b' }));
const baseline = new DatasetProfileBuilder().addChunk(profileColumns(baselineRows)).build({ createdAt: 7 });

describe('ProfileOodScorer', () => {
  const scorer = new ProfileOodScorer(baseline, featureColumnName);

  it('scores a numeric value by baseline IQRs outside [q0.5 %, q99.5 %] (hand-computed)', () => {
    expect(scorer.score({ x: 200, c: 'a' })).toEqual({
      score: 2, // (200 − 100) / 50
      scored: 2,
      features: [{ feature: 'x', kind: 'above', value: 200, range: [1, 100], scale: 50, score: 2 }],
    });
    expect(scorer.score({ x: -49 }).score).toBe(1); // (1 − (−49)) / 50
    expect(scorer.score({ x: 50, c: 'b' })).toEqual({ score: 0, scored: 2, features: [] });
  });

  it('flags unseen categories and values of the wrong type; ignores missing values and unknown features', () => {
    const r = scorer.score({ x: 150, c: 'zzz', other: 1e9, y: null });
    expect(r.scored).toBe(2);
    expect(r.features.map((f) => [f.feature, f.kind, f.score])).toEqual([
      ['c', 'unseen_category', 1],
      ['x', 'above', 1],
    ]);
    expect(scorer.score({ x: 'high' }).features[0]).toMatchObject({ kind: 'unexpected_type', score: 1 });
    expect(scorer.score({ c: 3 }).features[0]).toMatchObject({ kind: 'unexpected_type' });
    expect(new ProfileOodScorer(baseline, featureColumnName, { unseenCategoryScore: 4 }).score({ c: 'q' }).score).toBe(
      4,
    );
  });

  it('scores every value inside the baseline’s range 0, and grows with the distance outside it', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const s = scorer.score({ x }).score;
        if (x >= 1 && x <= 100) return s === 0;
        const expected = x > 100 ? (x - 100) / 50 : (1 - x) / 50;
        return Math.abs(s - expected) <= 1e-12 * Math.max(1, expected);
      }),
    );
  });
});

describe('featureDistribution', () => {
  it('bins the window exactly and the baseline from its sketch over one set of equal-width edges', () => {
    const rows = [{ x: 1 }, { x: 50 }, { x: 150 }, { x: null }, {}];
    const d = featureDistribution('x', rows, baseline.column('x'), 3);
    if (d.kind !== 'numerical') throw new Error('expected numerical');
    expect(d.bins.map((b) => [b.low, b.high])).toEqual([
      [1, 1 + 149 / 3],
      [1 + 149 / 3, 1 + (2 * 149) / 3],
      [1 + (2 * 149) / 3, 150],
    ]);
    expect(d.bins.map((b) => b.window)).toEqual([2, 0, 1]);
    // Baseline values 1…100: 50 of them below 50.67, the other 50 in the second bin.
    expect(d.bins.map((b) => b.baseline)).toEqual([50, 50, 0]);
    expect(d.window).toEqual({ rows: 5, missing: 2 });
    expect(d.baseline).toEqual({ rows: 100, missing: 0 });
  });

  it('lists the top categories of both sides with the rest in other', () => {
    const d = featureDistribution('c', [{ c: 'a' }, { c: 'z' }, { c: 'z' }, { c: null }], baseline.column('c'), 2);
    if (d.kind !== 'categorical') throw new Error('expected categorical');
    // Combined shares: z 2/3 + 0, a 1/3 + 1/2, b 0 + 1/2.
    expect(d.categories).toEqual([
      { value: 'a', window: 1, baseline: 50 },
      { value: 'z', window: 2, baseline: 0 },
    ]);
    expect(d.other).toEqual({ window: 0, baseline: 50 });
    expect(d.window).toEqual({ rows: 4, missing: 1 });
  });
});

describe('BaselineQueries on a DuckDB store', () => {
  let fx: MonitoringFixture;
  let queries: BaselineQueries;
  const window = { projectId: MONITOR_PROJECT, from: MONITOR_T0, to: MONITOR_T0 + 3_600_000 };

  beforeAll(async () => {
    fx = await monitoringFixture();
    const events = [
      ...Array.from({ length: 40 }, (_, i) =>
        monitorEvent(`in-${i}`, { timestamp: MONITOR_T0 + i, inputs: { features: { x: 10 + i, c: 'a' } } }),
      ),
      monitorEvent('far', { timestamp: MONITOR_T0 + 100, inputs: { features: { x: 600, c: 'a' } } }),
      monitorEvent('near', { timestamp: MONITOR_T0 + 101, inputs: { features: { x: 115, c: 'b' } } }),
      monitorEvent('new-cat', { timestamp: MONITOR_T0 + 102, inputs: { features: { x: 20, c: 'new' } } }),
      monitorEvent('no-baseline', {
        timestamp: MONITOR_T0 + 103,
        version: 'v9',
        inputs: { features: { x: 1e6 } },
      }),
    ];
    await fx.store.appendEvents(MONITOR_PROJECT, events, MONITOR_T0);
    // Another project's events, far out of distribution, must never show up in p1's answers.
    await fx.store.appendEvents(
      'p2',
      [monitorEvent('other-project', { timestamp: MONITOR_T0 + 5, inputs: { features: { x: 1e9, c: 'a' } } })],
      MONITOR_T0,
    );
    queries = new BaselineQueries(fx.store, async (projectId, model, version) =>
      model === 'clf' && version === 'v1' && (projectId === MONITOR_PROJECT || projectId === 'p2')
        ? baseline
        : undefined,
    );
  });
  afterAll(() => fx.dispose());

  it('returns the most out-of-distribution recent events of the project, highest score first', async () => {
    const r = await queries.oodSamples(window, { limit: 10 });
    expect(r.samples.map((s) => [s.event.requestId, s.score])).toEqual([
      ['far', 10], // (600 − 100) / 50
      ['new-cat', 1],
    ]);
    expect(r.samples[0]?.features[0]).toMatchObject({ feature: 'x', kind: 'above' });
    expect(r).toMatchObject({ scanned: 44, scored: 43, outOfDistribution: 2, minScore: 0.5 });
    expect(r.withoutBaseline).toEqual(['clf v9']);
    // A lower threshold lets the event 0.3 IQR outside in (115); the limit keeps the top ones.
    const lower = await queries.oodSamples(window, { limit: 2, minScore: 0.1 });
    expect(lower.samples.map((s) => s.event.requestId)).toEqual(['far', 'new-cat']);
    expect(lower.outOfDistribution).toBe(3);
    const other = await queries.oodSamples({ ...window, projectId: 'p2' }, { limit: 10 });
    expect(other.samples.map((s) => s.event.requestId)).toEqual(['other-project']);
  });

  it('rejects a bad sample size or threshold naming the field', async () => {
    await expect(queries.oodSamples(window, { limit: 5, sample: 20_000 })).rejects.toMatchObject({ field: 'sample' });
    await expect(queries.oodSamples(window, { limit: 5, minScore: -1 })).rejects.toMatchObject({ field: 'minScore' });
  });

  it('bins a feature of the busiest version with a baseline, and names what is missing', async () => {
    const d = await queries.featureDistribution(window, { bins: 5 });
    expect(d).toMatchObject({ model: 'clf', version: 'v1', feature: 'c', features: ['c', 'x'], baselineCreatedAt: 7 });
    const x = await queries.featureDistribution({ ...window, model: 'clf', version: 'v1' }, { feature: 'x', bins: 4 });
    if (x.kind !== 'numerical') throw new Error('expected numerical');
    expect(x.bins.reduce((a, b) => a + b.window, 0)).toBe(43);
    expect(x.bins.reduce((a, b) => a + b.baseline, 0)).toBe(100);
    await expect(queries.featureDistribution(window, { feature: 'nope', bins: 4 })).rejects.toMatchObject({
      code: 'not_found',
      field: 'feature',
    });
    await expect(
      queries.featureDistribution({ ...window, model: 'clf', version: 'v9' }, { bins: 4 }),
    ).rejects.toMatchObject({ code: 'not_found', field: 'baseline' });
    await expect(queries.featureDistribution(window, { bins: 1 })).rejects.toMatchObject({ field: 'bins' });
  });
});
