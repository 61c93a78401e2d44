import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetProfile, DatasetProfileBuilder } from '@modelwatch/core/drift';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../demo/seeded-random.js';
import { BaselineService } from './baseline-service.js';
import { DuckDbProfileRows } from './duckdb-profile-rows.js';
import { MonitoringError } from './monitoring-error.js';
import {
  HOUR,
  type MonitoringFixture,
  monitorEvent,
  monitoringFixture,
  MONITOR_PROJECT as P,
  MONITOR_T0 as T0,
} from './monitoring-fixture.js';
import { storeProfileRows } from './profile-row-source.js';

describe('BaselineService (real DuckDB file)', () => {
  let f: MonitoringFixture;
  let service: BaselineService;
  const now = T0 + 10 * HOUR;
  beforeEach(async () => {
    f = await monitoringFixture();
    service = new BaselineService({ store: f.store, rows: new DuckDbProfileRows(f.store), now: () => now });
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('stores a profile state from `modelwatch drift profile` as the baseline, hashing its JSON', async () => {
    const rng = new SeededRandom(1);
    const builder = new DatasetProfileBuilder();
    builder.addChunk({
      age: Float64Array.from({ length: 500 }, () => rng.normal(40, 10)),
      plan: Array.from({ length: 500 }, () => (rng.chance(0.3) ? 'pro' : 'free')),
    });
    const state = builder.build({ createdAt: T0, tags: { source: 'train.parquet' } }).toState();
    const summary = await service.create(P, {
      model: 'churn',
      version: 'v2',
      profile: JSON.parse(JSON.stringify(state)),
    });
    expect(summary).toEqual({
      model: 'churn',
      version: 'v2',
      source: {
        type: 'dataset',
        fileName: 'train.parquet',
        sha256: createHash('sha256').update(JSON.stringify(state)).digest('hex'),
        sha256Of: 'profile',
      },
      rowCount: 500,
      columns: ['age', 'plan'],
      createdAt: now,
    });
    const stored = await service.get(P, 'churn', 'v2');
    expect(DatasetProfile.fromState(stored.profile as never).toState()).toEqual(state);
    const profile = await service.profile(P, 'churn', 'v2');
    expect(profile?.column('plan').count).toBe(500);
    expect(await service.list(P)).toEqual([summary]);
    expect(await service.list('other-project')).toEqual([]);

    const withFile = await service.create(P, {
      model: 'churn',
      version: 'v2',
      profile: state,
      dataset: { fileName: 'train-2026.parquet', sha256: 'ab'.repeat(32) },
    });
    expect(withFile.source).toEqual({
      type: 'dataset',
      fileName: 'train-2026.parquet',
      sha256: 'ab'.repeat(32),
      sha256Of: 'file',
    });
    expect(await service.list(P)).toEqual([withFile]);
  });

  it('rejects a bad body or profile with the field, the expectation and the value', async () => {
    const err = async (body: unknown) => {
      try {
        await service.create(P, body);
      } catch (e) {
        expect(e).toBeInstanceOf(MonitoringError);
        return {
          code: (e as MonitoringError).code,
          field: (e as MonitoringError).field,
          message: (e as Error).message,
        };
      }
      throw new Error('expected a MonitoringError');
    };
    expect(await err({ model: 'm', version: 'v1' })).toMatchObject({ code: 'invalid', field: 'traffic' });
    expect(await err({ model: 'bad model', version: 'v1', traffic: { from: 0, to: 1 } })).toMatchObject({
      code: 'invalid',
      field: 'model',
    });
    expect(await err({ model: 'm', version: 'v1', traffic: { from: 10, to: 5 } })).toMatchObject({
      field: 'traffic.to',
    });
    const state = new DatasetProfileBuilder()
      .addChunk({ a: [1, 2, 3] })
      .build({ createdAt: 1 })
      .toState();
    const bad = { ...state, columns: { a: { ...(state.columns.a as object), count: 'many' } } };
    const e = await err({ model: 'm', version: 'v1', profile: bad });
    expect(e.code).toBe('invalid');
    expect(e.message).toContain('state.columns.a.count');
    expect(e.message).toContain('"many"');
    expect(await err({ model: 'm', version: 'v1', profile: { type: 'nope' } })).toMatchObject({ code: 'invalid' });
    await expect(service.get(P, 'm', 'v1')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('profiles a traffic window, or answers no_data for an empty one', async () => {
    const events = Array.from({ length: 120 }, (_, i) =>
      monitorEvent(`e${i}`, {
        timestamp: T0 + i * 60_000,
        inputs: { features: i % 10 === 0 ? { n: i, $odd: 'x' } : { n: i } },
        output: { label: i % 2 === 0 ? 'a' : 'b', score: i / 120 },
        latencyMs: 10 + i,
      }),
    );
    events.push(monitorEvent('no-features', { timestamp: T0 + 30_000, latencyMs: 5 }));
    await f.store.appendEvents(P, events, T0);
    const summary = await service.create(P, {
      model: 'clf',
      version: 'v1',
      traffic: { from: T0, to: '2026-01-05T01:00:00Z' },
    });
    expect(summary.source).toEqual({ type: 'traffic', from: T0, to: T0 + HOUR });
    // 60 events in the first hour, plus the one without features (its prediction and latency count).
    expect(summary.rowCount).toBe(61);
    expect([...summary.columns].sort()).toEqual(
      ['$$odd', '$latency_ms', '$prediction.label', '$prediction.score', '$prediction.value', 'n'].sort(),
    );
    const profile = await service.profile(P, 'clf', 'v1');
    expect(profile?.column('n').missingCount).toBe(1);
    const odd = profile?.column('$$odd');
    expect((odd?.count ?? 0) - (odd?.missingCount ?? 0)).toBe(6);
    expect(profile?.column('$latency_ms').kll.quantile(0)).toBe(5);

    // The store's feature scan sees only the events with features, and no prediction columns.
    const featuresOnly = new BaselineService({ store: f.store, rows: storeProfileRows(f.store), now: () => now });
    const plain = await featuresOnly.captureFromTraffic(P, 'clf', 'v1', { from: T0, to: T0 + HOUR });
    expect(plain.rowCount).toBe(60);
    expect([...plain.columns].sort()).toEqual(['$$odd', 'n']);

    await expect(
      service.create(P, { model: 'clf', version: 'v9', traffic: { from: T0, to: T0 + HOUR } }),
    ).rejects.toMatchObject({ code: 'no_data', field: 'traffic' });
  });

  it('profiles a CSV data file with its SHA-256', async () => {
    const path = join(f.dir, 'reference.csv');
    const lines = ['x,colour'];
    for (let i = 0; i < 200; i++) lines.push(`${i % 17},${i % 3 === 0 ? 'red' : 'blue'}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const record = await service.fromDatasetFile(P, 'clf', 'v1', path);
    expect(record.source).toEqual({
      type: 'dataset',
      fileName: 'reference.csv',
      sha256: createHash('sha256')
        .update(`${lines.join('\n')}\n`)
        .digest('hex'),
      sha256Of: 'file',
    });
    expect(record.rowCount).toBe(200);
    expect(record.columns).toEqual(['x', 'colour']);
    await expect(service.fromDatasetFile(P, 'clf', 'v1', join(f.dir, 'missing.csv'))).rejects.toMatchObject({
      code: 'invalid',
      field: 'dataset',
    });
  });
});
