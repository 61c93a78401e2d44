import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from '../store-error.js';
import { createTableSql } from './append-rows.js';
import {
  eventColumns,
  feedbackColumns,
  outcomeColumns,
  rollupBinColumns,
  rollupStatsColumns,
  scoreColumns,
} from './duckdb-tables.js';
import { MONITOR_RESULTS_DDL } from './monitor-results.js';

/** The schema version this code writes; `schema_version` records what a file holds. */
export const DUCKDB_SCHEMA_VERSION = 2;

/**
 * Migrations by target version: the statements that take a file from version v − 1 to v. Each
 * runs in one transaction with its `schema_version` row. Add a new entry for every change; never
 * edit an applied one.
 */
const MIGRATIONS: readonly (readonly string[])[] = [
  [],
  [
    createTableSql('events', eventColumns('', 0n)),
    createTableSql('outcomes', outcomeColumns('', 0n)),
    createTableSql('feedback', feedbackColumns('', 0n)),
    createTableSql('scores', scoreColumns('', 0n)),
    createTableSql('events_minute', rollupStatsColumns()),
    createTableSql('latency_minute', rollupBinColumns()),
    createTableSql('events_hourly', rollupStatsColumns()),
    createTableSql('latency_hourly', rollupBinColumns()),
    'CREATE TABLE IF NOT EXISTS projects (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, created_at BIGINT NOT NULL)',
    `CREATE TABLE IF NOT EXISTS api_keys (id VARCHAR PRIMARY KEY, project_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
       prefix VARCHAR NOT NULL, hash VARCHAR NOT NULL UNIQUE, scopes VARCHAR[] NOT NULL, created_at BIGINT NOT NULL,
       revoked_at BIGINT)`,
    `CREATE TABLE IF NOT EXISTS documents (project_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, id VARCHAR NOT NULL,
       body VARCHAR NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (project_id, kind, id))`,
    `CREATE TABLE IF NOT EXISTS audit_log (seq BIGINT NOT NULL, project_id VARCHAR NOT NULL, at_ms BIGINT NOT NULL,
       kind VARCHAR NOT NULL, subject VARCHAR NOT NULL, action VARCHAR NOT NULL, details VARCHAR NOT NULL)`,
    /** Per project: raw events before this time were rolled up into the hourly tables and deleted. */
    'CREATE TABLE IF NOT EXISTS retention (project_id VARCHAR PRIMARY KEY, cutoff BIGINT NOT NULL)',
  ],
  /** 2: the evaluator's monitor history. */
  [...MONITOR_RESULTS_DDL],
];

/**
 * Brings the file to `DUCKDB_SCHEMA_VERSION`, applying each missing migration in its own
 * transaction.
 * @throws {StoreError} code 'migration' when the file is newer than this code, or a step fails.
 */
export async function migrateDuckDb(connection: DuckDBConnection, now: number): Promise<void> {
  await connection.run(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const read = await connection.runAndReadAll('SELECT coalesce(max(version), 0) FROM schema_version');
  const current = Number(read.getRowsJS()[0]?.[0] ?? 0);
  if (current > DUCKDB_SCHEMA_VERSION) {
    throw new StoreError(
      'migration',
      `DuckDB store: the file has schema version ${current}, newer than this modelwatch understands (${DUCKDB_SCHEMA_VERSION}); upgrade modelwatch`,
    );
  }
  for (let version = current + 1; version <= DUCKDB_SCHEMA_VERSION; version++) {
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const statement of MIGRATIONS[version] ?? []) await connection.run(statement);
      await connection.run('INSERT INTO schema_version VALUES ($1, $2)', [version, BigInt(now)]);
      await connection.run('COMMIT');
    } catch (err) {
      await connection.run('ROLLBACK');
      throw new StoreError('migration', `DuckDB store: migration to schema version ${version} failed: ${String(err)}`, {
        cause: err,
      });
    }
  }
}
