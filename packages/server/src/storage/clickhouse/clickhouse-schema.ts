import { quoteClickHouseIdentifier } from '../sql.js';
import { StoreError } from '../store-error.js';
import type { ClickHouseHttp } from './clickhouse-http.js';

/**
 * The ClickHouse schema, as versioned migrations — the same mechanism as the DuckDB store
 * (`duckdb-schema.ts`): a list of steps by target version, applied in order, each recorded in
 * `schema_version`. Here every step runs on every shard (tables are per shard), and a shard records
 * the versions it has applied itself, so a shard that was down catches up at the next `open()`.
 * DDL uses `IF NOT EXISTS`, so a step interrupted half-way is safe to run again.
 *
 * Layout per shard (`D` the database):
 * - `events_local`: ReplacingMergeTree, partitioned by the event's UTC day, ordered by
 *   (project_id, model, version, variant, ts, request_id) — the query patterns filter by project,
 *   often model and version, and always a time window; a retried identical row collapses in
 *   merges and is removed at read time with FINAL.
 * - `outcomes_local`, `feedback_local`, `scores_local`: ReplacingMergeTree(version) keyed by the
 *   record key; readers take `argMax(…, version)` per key (last write wins) — no Nullable columns,
 *   because aggregate functions skip NULLs, which would resurrect an older value.
 * - `rollup_minute_local` (per-minute rollups written with each event batch) and
 *   `rollup_hourly_local` (what retention leaves): SummingMergeTree, so merges compact them; readers
 *   still `sum()`. One table holds both the traffic sums (the row with `bin` = `STATS_BIN`) and the
 *   latency sketch (one row per non-empty bin, `n` the count), so one insert — atomic, one part —
 *   carries a batch's whole rollup. Cost is Decimal128(15), so sums are exact in any merge order.
 * - Small tables (projects, api_keys, documents, audit_log, monitor_results, leases, retention)
 *   are mirrored: written to every reachable shard, read through their Distributed table and
 *   deduplicated by key (`argMax` by version) or by entry id.
 * - Each `X_local` has a Distributed table `X` over the cluster (reads only; the store chooses the
 *   shard of every row itself — by (project, request id) — so events, outcomes, feedback and scores
 *   of a request share a shard and joins run shard-locally).
 */

export const CLICKHOUSE_SCHEMA_VERSION = 1;

/** The `bin` of a rollup row that carries the traffic sums (latency bins are > -32 768 and < 950). */
export const STATS_BIN = 32_767;

const DAY = 'toYYYYMMDD(toDateTime(intDiv(ts, 1000)))';
const PERIOD_DAY = 'toYYYYMMDD(toDateTime(intDiv(period, 1000)))';

/** Tables (local name → column list, engine clause) created in migration 1. */
function tablesV1(): readonly [string, string, string][] {
  const rollupKey = `project_id String, period Int64, model String, version String, variant String, experiment String`;
  return [
    [
      'events',
      `project_id String, request_id String, ts Int64, model String, version String, variant String,
       experiment Nullable(String), unit_id Nullable(String), segment_keys Array(String), segment_values Array(String),
       features Nullable(String), input_text Nullable(String), output_label Nullable(String),
       output_score Nullable(Float64), output_value Nullable(Float64), output_text Nullable(String),
       probabilities Nullable(String), input_tokens Nullable(Int32), output_tokens Nullable(Int32), latency_ms Float64,
       cost_usd Nullable(Float64), status String, error_type Nullable(String), embedding Array(Float32),
       has_embedding UInt8, received_at Int64, insert_token String`,
      `ReplacingMergeTree() PARTITION BY ${DAY} ORDER BY (project_id, model, version, variant, ts, request_id)`,
    ],
    [
      'outcomes',
      `project_id String, request_id String, ts Int64, label String, has_label UInt8, value Float64, has_value UInt8,
       received_at Int64, version UInt64`,
      `ReplacingMergeTree(version) PARTITION BY toYYYYMM(toDateTime(intDiv(ts, 1000))) ORDER BY (project_id, request_id)`,
    ],
    [
      'feedback',
      `project_id String, feedback_id String, request_id String, ts Int64, kind String, thumb String,
       correction String, has_correction UInt8, comment String, has_comment UInt8, received_at Int64, version UInt64`,
      `ReplacingMergeTree(version) PARTITION BY toYYYYMM(toDateTime(intDiv(ts, 1000))) ORDER BY (project_id, request_id, feedback_id)`,
    ],
    [
      'scores',
      `project_id String, request_id String, name String, source String, value Float64, scorer String,
       has_scorer UInt8, rationale String, has_rationale UInt8, ts Int64, received_at Int64, version UInt64`,
      `ReplacingMergeTree(version) PARTITION BY toYYYYMM(toDateTime(intDiv(ts, 1000))) ORDER BY (project_id, request_id, name, source)`,
    ],
    [
      'rollup_minute',
      `${rollupKey}, bin Int16, requests UInt64, errors UInt64, input_tokens UInt64, output_tokens UInt64,
       cost_usd Decimal128(15), latency_sum Float64, n UInt64, insert_token String`,
      `SummingMergeTree((requests, errors, input_tokens, output_tokens, cost_usd, latency_sum, n)) PARTITION BY ${PERIOD_DAY}
       ORDER BY (project_id, period, model, version, variant, experiment, bin)`,
    ],
    [
      'rollup_hourly',
      `${rollupKey}, bin Int16, requests UInt64, errors UInt64, input_tokens UInt64, output_tokens UInt64,
       cost_usd Decimal128(15), latency_sum Float64, n UInt64`,
      `SummingMergeTree((requests, errors, input_tokens, output_tokens, cost_usd, latency_sum, n))
       PARTITION BY toYYYYMM(toDateTime(intDiv(period, 1000))) ORDER BY (project_id, period, model, version, variant, experiment, bin)`,
    ],
    ['projects', 'id String, name String, created_at Int64, version UInt64', 'ReplacingMergeTree(version) ORDER BY id'],
    [
      'api_keys',
      `id String, project_id String, name String, prefix String, hash String, scopes Array(String), created_at Int64,
       revoked_at Int64, has_revoked UInt8, version UInt64`,
      'ReplacingMergeTree(version) ORDER BY id',
    ],
    [
      'documents',
      'project_id String, kind String, id String, body String, deleted UInt8, version UInt64',
      'ReplacingMergeTree(version) ORDER BY (project_id, kind, id)',
    ],
    [
      'audit_log',
      'entry_id String, seq UInt64, project_id String, at_ms Int64, kind String, subject String, action String, details String',
      'ReplacingMergeTree() ORDER BY (project_id, at_ms, seq, entry_id)',
    ],
    [
      'monitor_results',
      `entry_id String, seq UInt64, project_id String, model String, version String, monitor String, segment String,
       at_ms Int64, value Float64, has_value UInt8, status String, details String`,
      `ReplacingMergeTree() PARTITION BY toYYYYMM(toDateTime(intDiv(at_ms, 1000)))
       ORDER BY (project_id, at_ms, model, version, monitor, segment, seq, entry_id)`,
    ],
    [
      'leases',
      'name String, holder String, at_ms Int64, expires_ms Int64, seq UInt64',
      'MergeTree() ORDER BY (name, at_ms, seq, holder)',
    ],
    ['retention', 'project_id String, cutoff Int64, version UInt64', 'ReplacingMergeTree(version) ORDER BY project_id'],
  ];
}

/** The local tables of the schema (names without `_local`). */
export const CLICKHOUSE_TABLES: readonly string[] = tablesV1().map(([name]) => name);

/** Migration `v` as statements for database `db` of cluster `cluster` (both quoted identifiers). */
function migration(version: number, db: string, cluster: string): readonly string[] {
  if (version === 1) {
    return tablesV1().flatMap(([name, columns, engine]) => [
      `CREATE TABLE IF NOT EXISTS ${db}.${name}_local (${columns}) ENGINE = ${engine}`,
      `CREATE TABLE IF NOT EXISTS ${db}.${name} AS ${db}.${name}_local ENGINE = Distributed(${cluster}, ${db}, ${name}_local)`,
    ]);
  }
  return [];
}

/**
 * Brings one shard to `CLICKHOUSE_SCHEMA_VERSION`: creates the database and `schema_version` when
 * missing, then applies each missing step and records it.
 * @throws {StoreError} 'migration' when the shard is newer than this code, or a step fails.
 */
export async function migrateClickHouseShard(
  shard: ClickHouseHttp,
  database: string,
  cluster: string,
  now: number,
): Promise<number> {
  const db = quoteClickHouseIdentifier(database);
  const cl = quoteClickHouseIdentifier(cluster);
  try {
    await shard.exec(`CREATE DATABASE IF NOT EXISTS ${db}`);
    await shard.exec(
      `CREATE TABLE IF NOT EXISTS ${db}.schema_version (version UInt32, applied_at Int64) ENGINE = MergeTree() ORDER BY version`,
    );
    const read = await shard.query(`SELECT max(version) FROM ${db}.schema_version`);
    const current = Number(read.data[0]?.[0] ?? 0);
    if (current > CLICKHOUSE_SCHEMA_VERSION) {
      throw new StoreError(
        'migration',
        `ClickHouse store: shard ${shard.url} has schema version ${current}, newer than this modelwatch understands (${CLICKHOUSE_SCHEMA_VERSION}); upgrade modelwatch`,
      );
    }
    for (let version = current + 1; version <= CLICKHOUSE_SCHEMA_VERSION; version++) {
      for (const statement of migration(version, db, cl)) await shard.exec(statement);
      await shard.insert(`${db}.schema_version`, [{ version, applied_at: Math.trunc(now) }]);
    }
    return CLICKHOUSE_SCHEMA_VERSION;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(
      'migration',
      `ClickHouse store: migrating shard ${shard.url} failed: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}
