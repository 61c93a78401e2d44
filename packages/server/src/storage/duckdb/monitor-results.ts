import { BIGINT, DOUBLE, type DuckDBConnection, type DuckDBValue, VARCHAR } from '@duckdb/node-api';
import { type MonitorResult, type MonitorResultQuery, type MonitorStatus } from '../../domain/monitor.js';
import { checkMonitorResultQuery, checkMonitorResults } from '../monitor-result-checks.js';
import { StoreError } from '../store-error.js';
import { appendRows, type ColumnSpec, createTableSql } from './append-rows.js';

/**
 * Columns of `monitor_results`: one row per monitor value of an evaluator run. `segment` is `''`
 * for the whole (model, version); `value` is NULL for a skipped monitor; `details` is JSON text.
 */
export function monitorResultColumns(): ColumnSpec<MonitorResult>[] {
  return [
    { name: 'project_id', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.projectId },
    { name: 'model', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.model },
    { name: 'version', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.version },
    { name: 'monitor', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.monitor },
    { name: 'segment', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.segment ?? '' },
    { name: 'at_ms', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => BigInt(Math.trunc(r.at)) },
    { name: 'value', ddl: 'DOUBLE', type: DOUBLE, value: (r) => r.value },
    { name: 'status', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => r.status },
    { name: 'details', ddl: 'VARCHAR NOT NULL', type: VARCHAR, value: (r) => JSON.stringify(r.details ?? {}) },
  ];
}

/** The DDL of `monitor_results` (schema migration 2). */
export const MONITOR_RESULTS_DDL: readonly string[] = [
  createTableSql('monitor_results', monitorResultColumns()),
  'CREATE INDEX IF NOT EXISTS monitor_results_at ON monitor_results (project_id, at_ms)',
];

/** Appends monitor results in one transaction (the caller holds the write connection). */
export async function appendMonitorResults(c: DuckDBConnection, results: readonly MonitorResult[]): Promise<void> {
  checkMonitorResults(results);
  if (results.length === 0) return;
  await c.run('BEGIN TRANSACTION');
  try {
    await appendRows(c, 'monitor_results', monitorResultColumns(), results);
    await c.run('COMMIT');
  } catch (err) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw new StoreError('write_failed', `appendMonitorResults: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

/**
 * The project's results with `at` in [from, to), filtered by model, version, monitor (exact, or a
 * prefix ending in `*`) and segment (`''`: whole-model results only), the most recent `limit`,
 * returned oldest first (then by model, version, monitor, segment). Every value is bound.
 * @throws {StoreError} 'invalid_argument' for a bad window or limit.
 */
export async function listMonitorResults(
  c: DuckDBConnection,
  projectId: string,
  query: MonitorResultQuery,
): Promise<readonly MonitorResult[]> {
  checkMonitorResultQuery(projectId, query);
  const params: DuckDBValue[] = [];
  const bind = (v: DuckDBValue): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [
    `project_id = ${bind(projectId)}`,
    `at_ms >= ${bind(BigInt(Math.ceil(query.from)))}`,
    `at_ms < ${bind(BigInt(Math.ceil(query.to)))}`,
  ];
  if (query.model !== undefined) where.push(`model = ${bind(query.model)}`);
  if (query.version !== undefined) where.push(`version = ${bind(query.version)}`);
  if (query.monitor !== undefined) {
    where.push(
      query.monitor.endsWith('*')
        ? `starts_with(monitor, ${bind(query.monitor.slice(0, -1))})`
        : `monitor = ${bind(query.monitor)}`,
    );
  }
  if (query.segment !== undefined) where.push(`segment = ${bind(query.segment)}`);
  const order = 'at_ms, model, version, monitor, segment';
  const sql = `SELECT project_id, model, version, monitor, segment, at_ms, value, status, details FROM (
      SELECT *, rowid AS r FROM monitor_results WHERE ${where.join(' AND ')}
      ORDER BY at_ms DESC, model DESC, version DESC, monitor DESC, segment DESC, r DESC LIMIT ${bind(query.limit)}
    ) ORDER BY ${order}, r`;
  const rows = (await c.runAndReadAll(sql, params)).getRows();
  return rows.map((r) => {
    const segment = String(r[4]);
    return {
      projectId: String(r[0]),
      model: String(r[1]),
      version: String(r[2]),
      monitor: String(r[3]),
      ...(segment === '' ? {} : { segment }),
      at: Number(r[5]),
      value: r[6] === null ? null : Number(r[6]),
      status: String(r[7]) as MonitorStatus,
      details: JSON.parse(String(r[8])) as Record<string, unknown>,
    };
  });
}
