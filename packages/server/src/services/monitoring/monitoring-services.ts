import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import type { Store } from '../../storage/store.js';
import { BaselineService } from './baseline-service.js';
import { DuckDbProfileRows } from './duckdb-profile-rows.js';
import { Evaluator, type EvaluatorOptions } from './evaluator.js';
import { type ProfileRowSource, storeProfileRows } from './profile-row-source.js';

/** What the HTTP routes and the server need of monitoring. */
export interface MonitoringServices {
  readonly store: Store;
  readonly baselines: BaselineService;
  readonly evaluator: Evaluator;
  readonly rows: ProfileRowSource;
}

/**
 * Builds baselines and the evaluator on a store: on DuckDB, profiles carry the prediction and
 * latency columns (`DuckDbProfileRows`); on any other store, the features (`store.scanFeatures`).
 */
export function monitoringServices(
  store: Store,
  options: Omit<EvaluatorOptions, 'store' | 'baselines' | 'rows'> = {},
): MonitoringServices {
  const rows = store instanceof DuckDbStore ? new DuckDbProfileRows(store) : storeProfileRows(store);
  const baselines = new BaselineService({
    store,
    rows,
    ...(options.clock === undefined ? {} : { now: options.clock }),
  });
  const evaluator = new Evaluator({ ...options, store, baselines, rows });
  return { store, baselines, evaluator, rows };
}
