import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InferenceEvent } from '../../domain/inference-event.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { retentionStep } from './retention-step.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 5, 15, 12, 30);

function event(requestId: string, timestamp: number): InferenceEvent {
  return {
    requestId,
    timestamp,
    model: 'm',
    version: 'v1',
    variant: 'production',
    segment: {},
    inputs: {},
    output: {},
    latencyMs: 10,
    status: 'ok',
  };
}

let dir: string;
let store: DuckDbStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'modelwatch-retention-'));
  store = new DuckDbStore({ path: join(dir, 'store.duckdb') });
  await store.open();
  await store.putProject({ id: 'p', name: 'p', createdAt: NOW });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ids(): Promise<string[]> {
  const rows = await store.sampleEvents({ projectId: 'p', from: 0, to: NOW }, { kind: 'recent', limit: 10 });
  return rows.map((r) => r.event.requestId).sort();
}

describe('retentionStep', () => {
  it('deletes raw events older than the retention, keeps the rest, and runs at most hourly', async () => {
    await store.appendEvents(
      'p',
      [event('old', NOW - 31 * DAY), event('edge', NOW - 29 * DAY), event('new', NOW - DAY)],
      NOW,
    );
    const deleted: number[] = [];
    const step = retentionStep(store, 30, (n) => deleted.push(n));
    await step.run(NOW);
    expect(deleted).toEqual([1]);
    expect(await ids()).toEqual(['edge', 'new']);
    // Another expired event: not deleted within the hour of the last run, deleted after it.
    await store.appendEvents('p', [event('late', NOW - 40 * DAY)], NOW);
    await step.run(NOW + HOUR - 1);
    expect(await ids()).toEqual(['edge', 'late', 'new']);
    await step.run(NOW + HOUR);
    expect(deleted).toEqual([1, 1]);
    expect(await ids()).toEqual(['edge', 'new']);
  });

  it('rejects a bad retention naming it', () => {
    expect(() => retentionStep(store, 0)).toThrow('rawEventsDays must be an integer > 0 (got 0)');
  });
});
