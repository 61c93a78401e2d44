import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { describeStoreContract, testEvent } from '../store-contract.js';
import { StoreError } from '../store-error.js';
import { DuckDbStore } from './duckdb-store.js';

function tempFixture(options: { recentIds?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-duckdb-'));
  const path = join(dir, 'store.duckdb');
  return {
    path,
    create: () => new DuckDbStore({ path, threads: 2, ...options }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

describeStoreContract('DuckDB file', async () => tempFixture());

describe('DuckDbStore', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await dispose?.();
    dispose = undefined;
  });

  it('does not remember the ids of a failed transaction, so the retry is stored', async () => {
    const f = tempFixture();
    dispose = f.dispose;
    const store = f.create();
    await store.open();
    const broken = { ...testEvent('a'), latencyMs: undefined } as unknown as InferenceEvent;
    await expect(store.appendEvents('p1', [testEvent('ok-1'), broken], 1)).rejects.toBeInstanceOf(StoreError);
    expect(await store.countEvents({ projectId: 'p1', from: 0, to: Number.MAX_SAFE_INTEGER })).toBe(0);
    expect(await store.appendEvents('p1', [testEvent('ok-1'), testEvent('a')], 1)).toMatchObject({
      inserted: 2,
      duplicates: 0,
    });
    await store.close();
  });

  it('forgets ids beyond its window (first in, first out), also when reloaded at open', async () => {
    const f = tempFixture({ recentIds: 3 });
    dispose = f.dispose;
    let store = f.create();
    await store.open();
    await store.appendEvents(
      'p1',
      ['a', 'b', 'c', 'd'].map((id) => testEvent(id)),
      1,
    );
    expect(await store.appendEvents('p1', [testEvent('b'), testEvent('d')], 2)).toMatchObject({
      inserted: 0,
      duplicates: 2,
    });
    expect(await store.appendEvents('p1', [testEvent('a')], 3)).toMatchObject({ inserted: 1, duplicates: 0 });
    await store.close();
    store = f.create();
    await store.open();
    // The window reloads the three most recently received events: a (received at 3), then d and c.
    expect(await store.appendEvents('p1', [testEvent('a'), testEvent('c')], 4)).toMatchObject({
      inserted: 0,
      duplicates: 2,
    });
    expect(await store.appendEvents('p1', [testEvent('b')], 5)).toMatchObject({ inserted: 1, duplicates: 0 });
    await store.close();
  });

  it('answers recent overviews from in-memory rollups exactly as the rollup tables do', async () => {
    const f = tempFixture();
    dispose = f.dispose;
    const now = Date.now();
    const start = Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000;
    const events = Array.from({ length: 900 }, (_, i) =>
      testEvent(`r-${i}`, {
        timestamp: start + i * 4000,
        version: i % 4 === 0 ? 'v2' : 'v1',
        experiment: i % 3 === 0 ? 'exp' : undefined,
        latencyMs: 5 + ((i * 37) % 211),
        status: i % 9 === 0 ? 'error' : 'ok',
        ...(i % 9 === 0 ? { errorType: 'timeout' as const } : {}),
        tokens: { input: i % 13 },
        costUsd: (i % 5) * 0.001,
      }),
    );
    const hot = new DuckDbStore({ path: f.path, threads: 2 });
    await hot.open();
    await hot.appendEvents('p1', events.slice(0, 400), now);
    await hot.appendEvents('p1', events.slice(400), now);
    const filters = [
      { projectId: 'p1', from: start, to: start + 2 * 3_600_000 },
      { projectId: 'p1', from: start + 5 * 60_000, to: start + 50 * 60_000, version: 'v2' },
      { projectId: 'p1', from: start, to: start + 3_600_000, experiment: 'exp' },
    ];
    const fromMemory = [];
    for (const filter of filters) fromMemory.push(await hot.overview(filter, 5 * 60_000));
    await hot.close();
    const cold = new DuckDbStore({ path: f.path, threads: 2, hotRollupHours: 0 });
    await cold.open();
    for (const [i, filter] of filters.entries()) {
      const fromTables = await cold.overview(filter, 5 * 60_000);
      const mem = fromMemory[i];
      expect(mem?.buckets.length).toBeGreaterThan(0);
      expect(
        mem?.buckets.map((b) => [
          b.start,
          b.requests,
          b.errors,
          b.inputTokens,
          b.latencyP50,
          b.latencyP95,
          b.latencyP99,
        ]),
      ).toEqual(
        fromTables.buckets.map((b) => [
          b.start,
          b.requests,
          b.errors,
          b.inputTokens,
          b.latencyP50,
          b.latencyP95,
          b.latencyP99,
        ]),
      );
      expect(mem?.totals.latencyP99).toBe(fromTables.totals.latencyP99);
      expect(Math.abs((mem?.totals.costUsd ?? 0) - fromTables.totals.costUsd)).toBeLessThanOrEqual(
        1e-12 * fromTables.totals.costUsd,
      );
    }
    await cold.close();
  });

  it('refuses use before open and names the path', async () => {
    const f = tempFixture();
    dispose = f.dispose;
    const store = f.create();
    await expect(store.appendEvents('p1', [testEvent('a')], 1)).rejects.toThrow(/call open\(\) first/);
    expect(() => new DuckDbStore({ path: '' })).toThrow(/path must be a non-empty string/);
  });
});
