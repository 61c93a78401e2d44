/**
 * Test fixture of the experiments service (used by its tests only): a real DuckDB file in a
 * temporary directory, a project, a settable clock, and the services over them. `reopen` closes
 * the store and builds everything anew over the same file, as a server restart does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type InferenceEvent, type InferenceEventInput, InferenceEventSchema } from '../../domain/inference-event.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import { DuckDbExperimentEvents } from './duckdb-experiment-events.js';
import { type ExperimentServices, experimentServices } from './experiment-services.js';

/** 2026-01-05T12:00:00Z: the fixture's clock starts here. */
export const FIXTURE_T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
export const FIXTURE_PROJECT = 'p1';

export interface ExperimentFixture {
  readonly path: string;
  store: DuckDbStore;
  services: ExperimentServices;
  /** The clock of the services (API-driven transitions). */
  now: number;
  /** Closes the store and opens a new store, registry and controller over the same file. */
  reopen(): Promise<void>;
  dispose(): Promise<void>;
}

export async function experimentFixture(): Promise<ExperimentFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'modelwatch-experiments-'));
  const path = join(dir, 'store.duckdb');
  const build = async (f: { now: number }) => {
    const store = new DuckDbStore({ path, threads: 1 });
    await store.open();
    const services = experimentServices({ store, events: new DuckDbExperimentEvents(store), now: () => f.now });
    return { store, services };
  };
  const fixture = { now: FIXTURE_T0 } as ExperimentFixture;
  const first = await build(fixture);
  await first.store.putProject({ id: FIXTURE_PROJECT, name: 'Project 1', createdAt: FIXTURE_T0 });
  Object.assign(fixture, {
    path,
    ...first,
    async reopen() {
      await fixture.store.close();
      Object.assign(fixture, await build(fixture));
    },
    async dispose() {
      await fixture.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return fixture;
}

/** A validated event of experiment traffic; `overrides` are wire fields. */
export function experimentEvent(requestId: string, overrides: Partial<InferenceEventInput>): InferenceEvent {
  return InferenceEventSchema.parse({
    requestId,
    timestamp: FIXTURE_T0,
    model: 'ranker',
    version: 'v1',
    latencyMs: 100,
    ...overrides,
  });
}
