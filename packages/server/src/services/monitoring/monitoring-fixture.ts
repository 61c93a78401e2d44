/**
 * Test fixture of the monitoring service (used by its tests only): a real DuckDB file in a
 * temporary directory with one project, event builders, and the services over the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type InferenceEvent, type InferenceEventInput, InferenceEventSchema } from '../../domain/inference-event.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';

/** 2026-01-05T00:00:00Z. */
export const MONITOR_T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
export const MONITOR_PROJECT = 'p1';
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export interface MonitoringFixture {
  readonly dir: string;
  readonly store: DuckDbStore;
  dispose(): Promise<void>;
}

export async function monitoringFixture(): Promise<MonitoringFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-monitoring-'));
  const store = new DuckDbStore({ path: join(dir, 'store.duckdb'), threads: 1 });
  await store.open();
  await store.putProject({ id: MONITOR_PROJECT, name: 'Project 1', createdAt: MONITOR_T0 });
  return {
    dir,
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A validated event; `overrides` are wire fields. */
export function monitorEvent(requestId: string, overrides: Partial<InferenceEventInput>): InferenceEvent {
  return InferenceEventSchema.parse({
    requestId,
    timestamp: MONITOR_T0,
    model: 'clf',
    version: 'v1',
    latencyMs: 50,
    ...overrides,
  });
}
