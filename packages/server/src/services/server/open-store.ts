import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerConfig } from '../../domain/config.js';
import { ClickHouseStore } from '../../storage/clickhouse/clickhouse-store.js';
import { CLICKHOUSE_STORE_URL, clickHouseStoreOptions } from '../../storage/clickhouse/clickhouse-store-url.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import type { Store } from '../../storage/store.js';
import { ServerError } from './server-error.js';

/** The embedded store's file name inside the data directory. */
export const STORE_FILE = 'modelwatch.duckdb';

/** Path of the store file of a data directory. */
export function storePath(dataDir: string): string {
  return join(dataDir, STORE_FILE);
}

/**
 * Opens the configured store (creating the data directory and the schema when missing).
 * @throws {ServerError} `store_locked` when another process (a running server) owns the file.
 */
export async function openStore(config: Pick<ServerConfig, 'dataDir' | 'store'>): Promise<Store> {
  // The data directory holds more than the DuckDB file (server.json, evaluation runs): always create it.
  mkdirSync(config.dataDir, { recursive: true });
  if (CLICKHOUSE_STORE_URL.test(config.store)) {
    const clickhouse = new ClickHouseStore(clickHouseStoreOptions(config.store));
    try {
      await clickhouse.open();
    } catch (err) {
      await clickhouse.close().catch(() => undefined);
      throw err;
    }
    return clickhouse;
  }
  const path = storePath(config.dataDir);
  const store = new DuckDbStore({ path });
  try {
    await store.open();
  } catch (err) {
    await store.close().catch(() => undefined);
    const message = err instanceof Error ? err.message : String(err);
    if (/lock/i.test(message)) {
      throw new ServerError(
        'store_locked',
        `the store ${path} is in use by another process (a running modelwatch server?): ${message}`,
        { cause: err },
      );
    }
    throw err;
  }
  return store;
}
