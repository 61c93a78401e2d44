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

  it('refuses use before open and names the path', async () => {
    const f = tempFixture();
    dispose = f.dispose;
    const store = f.create();
    await expect(store.appendEvents('p1', [testEvent('a')], 1)).rejects.toThrow(/call open\(\) first/);
    expect(() => new DuckDbStore({ path: '' })).toThrow(/path must be a non-empty string/);
  });
});
