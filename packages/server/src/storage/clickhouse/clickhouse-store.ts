import { randomUUID } from 'node:crypto';
import { type ApiKeyRecord, ApiKeyRecordSchema, type Project, ProjectSchema } from '../../domain/api-key.js';
import type { Feedback } from '../../domain/feedback.js';
import type { InferenceEvent } from '../../domain/inference-event.js';
import type { MonitorResult, MonitorResultQuery } from '../../domain/monitor.js';
import type { Outcome } from '../../domain/outcome.js';
import type {
  AppendResult,
  ErrorTypeCount,
  EventDetail,
  EventFilter,
  EventSample,
  FeatureRow,
  FeedbackRates,
  Histogram,
  ModelVersionSummary,
  OverviewResult,
  PredictionDistribution,
  QualityPairs,
  RetentionResult,
  SampleOptions,
  ScoreSummary,
  SliceStats,
} from '../../domain/query.js';
import type { Score } from '../../domain/score.js';
import { checkFilter } from '../duckdb/event-filter-sql.js';
import { RecentIds } from '../duckdb/recent-ids.js';
import { checkMonitorResultQuery, checkMonitorResults } from '../monitor-result-checks.js';
import { quoteClickHouseLiteral as lit, quoteClickHouseIdentifier } from '../sql.js';
import type { AuditEntry, Store } from '../store.js';
import { StoreError } from '../store-error.js';
import { ClickHouseHttp, ClickHouseHttpError, type ClickHouseSettings, UNREACHABLE_CODES } from './clickhouse-http.js';
import * as reads from './clickhouse-reads.js';
import {
  EVENT_SELECT,
  eventRow,
  FEEDBACK_LATEST,
  feedbackOf,
  feedbackRow,
  OUTCOME_LATEST,
  outcomeOf,
  outcomeRow,
  rollupRows,
  SCORE_LATEST,
  scoreOf,
  scoreRow,
  storedEventOf,
} from './clickhouse-rows.js';
import { migrateClickHouseShard } from './clickhouse-schema.js';

export interface ClickHouseStoreOptions {
  /** HTTP base URL of each shard (`http://host:8123`), in the order of the cluster's `remote_servers`. */
  readonly shards: readonly string[];
  /** Database (created when missing). */
  readonly database: string;
  /** The cluster name in every server's `remote_servers` (the Distributed tables use it). */
  readonly cluster: string;
  /** Flush the event buffer when it holds this many events (default 10 000). */
  readonly batchRows?: number;
  /** …or this long after the first buffered event (default 1000 ms). */
  readonly flushIntervalMs?: number;
  /** Events whose (project, request id) this process remembers, for idempotency (default 2 000 000). */
  readonly recentIds?: number;
  /** Attempts per insert before an append fails (default 5), with backoff from 100 ms doubling to 2 s. */
  readonly insertAttempts?: number;
  /** Per-request HTTP timeout (default 60 s). */
  readonly timeoutMs?: number;
}

/** Shards that could not be reached, reported with a degraded read. */
export interface DegradedShard {
  readonly shard: number;
  readonly url: string;
  readonly error: string;
}

/**
 * A read that could not see every shard. The store never answers from a subset of the shards:
 * it throws this (code 'unavailable'), naming the shards that are down; the HTTP layer answers
 * 503 with `degraded` listing them.
 */
export class ClickHouseDegradedError extends StoreError {
  constructor(
    message: string,
    readonly degraded: readonly DegradedShard[],
    options?: { cause?: unknown },
  ) {
    super('unavailable', message, options);
  }
}

const DEFAULT_RECENT_IDS = 2_000_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Rows per insert statement: far below ClickHouse's max_insert_block_size (1 048 576), so one insert is one part. */
const MAX_INSERT_ROWS = 200_000;

interface PendingAppend {
  readonly projectId: string;
  readonly events: readonly InferenceEvent[];
  readonly keys: readonly string[];
  readonly receivedAt: number;
  /** Resolves to the keys found already stored on their shard (by another process): duplicates. */
  readonly done: Promise<ReadonlySet<string>>;
  resolve(alreadyStored: ReadonlySet<string>): void;
  reject(err: unknown): void;
}

/** Largest SQL text of one already-stored lookup (ClickHouse's max_query_size is 256 KiB). */
const LOOKUP_SQL_BYTES = 200_000;

/** FNV-1a (32-bit) of a string's UTF-16 code units: the shard of a (project, request id). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The scale-out store: a ClickHouse cluster of N shards (no replicas needed), over HTTP.
 *
 * Writes. The store picks the shard of every event, outcome, feedback and score by a hash of
 * (project, request id), so all records of a request share a shard and joins run shard-locally.
 * Events are buffered: an `appendEvents` promise resolves only after every shard holding its
 * events acknowledged the insert (ClickHouse answers an HTTP insert after the part is on disk);
 * the buffer is flushed at `batchRows` events or `flushIntervalMs` after its first event, so
 * concurrent appends share inserts. Per shard and UTC day, one insert carries the events and one
 * the batch's per-minute rollup rows (each one part, so atomic). Every insert has a random token
 * stored in its rows: after an ambiguous failure (no answer, a network error) the store counts the
 * token's rows on that shard before retrying, so a retried insert is never stored twice.
 *
 * Idempotency of events by (project, request id): a window of recently stored ids in memory
 * (loaded at `open()`, as in the DuckDB store), and ReplacingMergeTree ordered by the event's key
 * columns with FINAL at read time, which drops an identical row stored twice (e.g. the same
 * request retried into two ingest processes). A request id reused with *different* content in two
 * processes at once is stored twice — the window is per process.
 *
 * Outcomes, feedback and scores carry a version (microsecond clock, strictly increasing in the
 * process); readers take `argMax(…, version)` per key, so retries are harmless and the last write
 * wins (across processes: by clock).
 *
 * Small tables (projects, keys, documents, audit, monitor results, leases, retention cutoffs) are
 * mirrored to every reachable shard and read as the union of the reachable ones, deduplicated.
 *
 * Reads of events go through the Distributed tables; if a shard is down they throw
 * `ClickHouseDegradedError` (code 'unavailable') naming it — never a partial answer.
 */
export class ClickHouseStore implements Store {
  readonly #options: ClickHouseStoreOptions;
  readonly #shards: readonly ClickHouseHttp[];
  readonly #db: string;
  readonly #recent: RecentIds;
  /** Keys buffered or being inserted → the append that carries them. */
  readonly #inFlight = new Map<string, Promise<unknown>>();
  #pending: PendingAppend[] = [];
  #pendingRows = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #open = false;
  #closed = false;
  #version = 0;
  /** Rotates the shard that coordinates a Distributed read. */
  #initiator = 0;

  constructor(options: ClickHouseStoreOptions) {
    if (!Array.isArray(options?.shards) || options.shards.length === 0) {
      throw new StoreError(
        'invalid_argument',
        `ClickHouseStore: shards must be a non-empty list of http://host:port URLs (got ${JSON.stringify(options?.shards)})`,
      );
    }
    for (const url of options.shards) {
      if (typeof url !== 'string' || !/^https?:\/\/[^/?#]+$/.test(url)) {
        throw new StoreError(
          'invalid_argument',
          `ClickHouseStore: each shard must be an http(s)://host:port URL without a path (got ${JSON.stringify(url)})`,
        );
      }
    }
    try {
      this.#db = quoteClickHouseIdentifier(options.database);
      quoteClickHouseIdentifier(options.cluster);
    } catch (err) {
      throw new StoreError('invalid_argument', `ClickHouseStore: database and cluster: ${(err as Error).message}`);
    }
    const positive = (v: number | undefined, what: string) => {
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
        throw new StoreError('invalid_argument', `ClickHouseStore: ${what} must be a positive integer (got ${v})`);
      }
    };
    positive(options.batchRows, 'batchRows');
    positive(options.flushIntervalMs, 'flushIntervalMs');
    positive(options.insertAttempts, 'insertAttempts');
    this.#options = options;
    this.#shards = options.shards.map((url) => new ClickHouseHttp(url, undefined, options.timeoutMs ?? 60_000));
    this.#recent = new RecentIds(options.recentIds ?? DEFAULT_RECENT_IDS);
  }

  /** The number of shards. */
  get shardCount(): number {
    return this.#shards.length;
  }

  async open(): Promise<void> {
    if (this.#open) return;
    if (this.#closed) throw new StoreError('closed', 'ClickHouseStore: open after close');
    const now = Date.now();
    for (const shard of this.#shards) {
      await migrateClickHouseShard(shard, this.#options.database, this.#options.cluster, now);
    }
    this.#open = true;
    const versions = await this.#rows(
      ['outcomes', 'feedback', 'scores', 'documents', 'projects', 'api_keys']
        .map((t) => `SELECT max(version) AS v FROM ${this.#t(t)}`)
        .join(' UNION ALL '),
    );
    for (const r of versions) this.#version = Math.max(this.#version, Number(r[0] ?? 0));
    await this.#loadRecentIds();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length > 0) this.#flush();
    await this.#flushing.catch(() => undefined);
    this.#open = false;
  }

  // ---- names and plumbing -------------------------------------------------------------------

  #t(name: string): string {
    return `${this.#db}.${name}`;
  }

  #l(name: string): string {
    return `${this.#db}.${name}_local`;
  }

  #check(what: string): void {
    if (!this.#open) {
      throw new StoreError(this.#closed ? 'closed' : 'not_open', `ClickHouseStore ${what}: call open() first`);
    }
  }

  #nextVersion(): number {
    this.#version = Math.max(Date.now() * 1000, this.#version + 1);
    return this.#version;
  }

  #shardOf(projectId: string, requestId: string): number {
    return fnv1a(`${projectId}\u0000${requestId}`) % this.#shards.length;
  }

  /**
   * The shards that do not answer `SELECT 1` now (empty when all do), for readiness probes: with
   * one of them down, event reads throw `ClickHouseDegradedError` and appends touching it fail.
   */
  unreachableShards(): Promise<readonly DegradedShard[]> {
    return this.#probe();
  }

  /** Which shards answer `SELECT 1` now. */
  async #probe(): Promise<DegradedShard[]> {
    const down: DegradedShard[] = [];
    await Promise.all(
      this.#shards.map(async (s, i) => {
        if (!(await s.ping())) down.push({ shard: i + 1, url: s.url, error: 'does not answer SELECT 1' });
      }),
    );
    return down.sort((a, b) => a.shard - b.shard);
  }

  /**
   * Runs a read on the cluster through one shard (the next reachable one). With `partialOk` (the
   * mirrored small tables) shards that are down are skipped; otherwise a down shard makes the read
   * fail with `ClickHouseDegradedError`.
   */
  async #rows(sql: string, partialOk = false): Promise<readonly (readonly unknown[])[]> {
    const settings: ClickHouseSettings = partialOk ? { skip_unavailable_shards: 1 } : {};
    let last: unknown;
    for (let attempt = 0; attempt < this.#shards.length; attempt++) {
      const i = (this.#initiator + attempt) % this.#shards.length;
      const shard = this.#shards[i] as ClickHouseHttp;
      try {
        const result = await shard.query(sql, settings);
        this.#initiator = (i + 1) % this.#shards.length;
        return result.data;
      } catch (err) {
        last = err;
        if (err instanceof ClickHouseHttpError && (err.kind === 'network' || UNREACHABLE_CODES.has(err.code))) continue;
        throw new StoreError(
          'read_failed',
          `ClickHouseStore read: ${err instanceof Error ? err.message : String(err)}`,
          { cause: err },
        );
      }
    }
    const down = await this.#probe();
    const names = down.map((d) => `shard ${d.shard} (${d.url})`).join(', ');
    throw new ClickHouseDegradedError(
      `ClickHouseStore read: degraded — ${down.length === 0 ? 'a shard' : names} unreachable, so the answer would be partial; not answering (${last instanceof Error ? last.message : String(last)})`,
      down,
      { cause: last },
    );
  }

  #reader(partialOk = false): reads.ClickHouseReader {
    return { rows: (sql) => this.#rows(sql, partialOk), t: (n) => this.#t(n), l: (n) => this.#l(n) };
  }

  /**
   * Inserts rows into one shard's local table, retrying ambiguous failures: before a retry the
   * rows carrying `token` are counted (`tokenWhere` narrows the scan to the insert's partition),
   * and the insert is not repeated when they are there.
   */
  async #insertOnce(
    shard: ClickHouseHttp,
    table: string,
    rows: readonly object[],
    token: string | undefined,
    tokenWhere = '1',
  ): Promise<void> {
    const attempts = this.#options.insertAttempts ?? 5;
    let delay = 100;
    for (let attempt = 1; ; attempt++) {
      try {
        await shard.insert(table, rows);
        return;
      } catch (err) {
        const retryable =
          err instanceof ClickHouseHttpError && (err.kind === 'network' || UNREACHABLE_CODES.has(err.code));
        if (!retryable || attempt >= attempts) throw err;
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
        if (token !== undefined) {
          try {
            const landed = await shard.query(
              `SELECT count() FROM ${table} WHERE insert_token = ${lit(token)} AND ${tokenWhere}`,
            );
            if (Number(landed.data[0]?.[0] ?? 0) > 0) return;
          } catch {
            // The shard is still unreachable: try the insert again (or give up after the last attempt).
          }
        }
      }
    }
  }

  /** Inserts rows into every reachable shard (mirrored small tables); fails only when none took them. */
  async #mirror(what: string, table: string, rows: readonly object[]): Promise<void> {
    this.#check(what);
    const results = await Promise.allSettled(
      this.#shards.map((s) => this.#insertOnce(s, this.#l(table), rows, undefined)),
    );
    if (results.every((r) => r.status === 'rejected')) {
      const first = results[0] as PromiseRejectedResult;
      throw new StoreError(
        'write_failed',
        `ClickHouseStore ${what}: no shard accepted the write: ${first.reason instanceof Error ? first.reason.message : String(first.reason)}`,
        { cause: first.reason },
      );
    }
  }

  // ---- appends ------------------------------------------------------------------------------

  async appendEvents(projectId: string, events: readonly InferenceEvent[], receivedAt: number): Promise<AppendResult> {
    this.#check('appendEvents');
    const fresh: InferenceEvent[] = [];
    const keys: string[] = [];
    const inCall = new Set<string>();
    const duplicateIndexes: number[] = [];
    const waitFor = new Set<Promise<unknown>>();
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as InferenceEvent;
      const key = `${projectId}\u0000${e.requestId}`;
      const flight = this.#inFlight.get(key);
      if (this.#recent.has(key) || inCall.has(key) || flight !== undefined) {
        if (flight !== undefined) waitFor.add(flight);
        duplicateIndexes.push(i);
        continue;
      }
      inCall.add(key);
      keys.push(key);
      fresh.push(e);
    }
    let alreadyStored: ReadonlySet<string> = new Set();
    if (fresh.length > 0) {
      let resolve!: (alreadyStored: ReadonlySet<string>) => void;
      let reject!: (err: unknown) => void;
      const done = new Promise<ReadonlySet<string>>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      done.catch(() => undefined);
      const pending: PendingAppend = { projectId, events: fresh, keys, receivedAt, done, resolve, reject };
      for (const key of keys) this.#inFlight.set(key, done);
      this.#pending.push(pending);
      this.#pendingRows += fresh.length;
      if (this.#pendingRows >= (this.#options.batchRows ?? 10_000)) this.#flush();
      else this.#timer ??= setTimeout(() => this.#flush(), this.#options.flushIntervalMs ?? 1000);
      alreadyStored = await done;
    }
    // A duplicate of an id still being inserted by another append is only a duplicate if that insert succeeds.
    await Promise.all(waitFor);
    if (alreadyStored.size > 0) {
      // Stored before by another process (the same batch retried through another ingest server).
      for (let i = 0; i < events.length; i++) {
        if (alreadyStored.has(`${projectId}\u0000${(events[i] as InferenceEvent).requestId}`)) duplicateIndexes.push(i);
      }
      duplicateIndexes.sort((x, y) => x - y);
    }
    const duplicates = duplicateIndexes.length;
    return { inserted: events.length - duplicates, duplicates, duplicateIndexes };
  }

  /** Starts inserting everything buffered (after the previous flush). */
  #flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    this.#pendingRows = 0;
    if (batch.length === 0) return;
    this.#flushing = this.#flushing.then(() => this.#insertBatch(batch)).catch(() => undefined);
  }

  async #insertBatch(batch: readonly PendingAppend[]): Promise<void> {
    // Group by shard, then by (UTC day, project): one events insert and one rollup insert each.
    type Group = { day: number; projectId: string; rows: object[]; events: InferenceEvent[]; keys: string[] };
    const perShard = this.#shards.map(() => new Map<string, Group>());
    for (const p of batch) {
      p.events.forEach((e, i) => {
        const shard = this.#shardOf(p.projectId, e.requestId);
        const day = Math.floor(e.timestamp / DAY_MS);
        const k = `${day}\u0000${p.projectId}`;
        const groups = perShard[shard] as Map<string, Group>;
        let g = groups.get(k);
        if (g === undefined || g.rows.length >= MAX_INSERT_ROWS) {
          if (g !== undefined) groups.set(`${k}\u0000${randomUUID()}`, g);
          g = { day, projectId: p.projectId, rows: [], events: [], keys: [] };
          groups.set(k, g);
        }
        g.events.push(e);
        g.keys.push(p.keys[i] as string);
        g.rows.push(eventRow(p.projectId, e, p.receivedAt, ''));
      });
    }
    const failedKeys = new Set<string>();
    const storedKeys = new Set<string>();
    const errors: unknown[] = [];
    await Promise.all(
      this.#shards.map(async (shard, s) => {
        for (const found of (perShard[s] as Map<string, Group>).values()) {
          let g = found;
          try {
            // Events another process stored (a batch retried through another ingest server) are
            // dropped here, so their rollup rows are not added twice. Not covered: two processes
            // inserting the same request id at the same moment (both miss it; raw reads still count
            // it once, via FINAL, but the rollups count it twice). See docs/SCALING.md.
            const stored = await this.#storedOnShard(shard, g.projectId, g.events);
            if (stored.size > 0) {
              const keep = g.events.map((e) => !stored.has(e.requestId));
              for (const [i, k] of g.keys.entries()) if (!keep[i]) storedKeys.add(k);
              g = {
                ...g,
                rows: g.rows.filter((_, i) => keep[i]),
                events: g.events.filter((_, i) => keep[i]),
                keys: g.keys.filter((_, i) => keep[i]),
              };
              for (const k of storedKeys) this.#recent.add(k);
              if (g.rows.length === 0) continue;
            }
          } catch (err) {
            for (const key of g.keys) failedKeys.add(key);
            errors.push(err);
            continue;
          }
          const token = randomUUID();
          for (const row of g.rows) (row as { insert_token: string }).insert_token = token;
          const from = g.day * DAY_MS;
          const dayWhere = `ts >= ${from} AND ts < ${from + DAY_MS}`;
          const periodWhere = `period >= ${from} AND period < ${from + DAY_MS}`;
          try {
            await this.#insertOnce(shard, this.#l('events'), g.rows, token, dayWhere);
            await this.#insertOnce(
              shard,
              this.#l('rollup_minute'),
              rollupRows(g.projectId, g.events, token),
              token,
              periodWhere,
            );
            for (const key of g.keys) this.#recent.add(key);
          } catch (err) {
            // Not remembered: a retry inserts these events again (an identical row collapses at read
            // time) and their rollup rows (not stored yet, or the insert would have succeeded).
            for (const key of g.keys) failedKeys.add(key);
            errors.push(err);
          }
        }
      }),
    );
    for (const p of batch) {
      for (const key of p.keys) this.#inFlight.delete(key);
      const failed = p.keys.filter((k) => failedKeys.has(k)).length;
      if (failed === 0) p.resolve(new Set(p.keys.filter((k) => storedKeys.has(k))));
      else {
        const first = errors[0];
        p.reject(
          new StoreError(
            'write_failed',
            `ClickHouseStore appendEvents: ${failed} of ${p.keys.length} events were not stored (the others were; a retry stores only the missing ones): ${first instanceof Error ? first.message : String(first)}`,
            { cause: first },
          ),
        );
      }
    }
  }

  /**
   * The request ids of `events` (one project, one UTC day) already stored on `shard`: looked up in
   * the local table within the events' time range (identical retried events have identical times),
   * in slices of at most LOOKUP_SQL_BYTES of SQL.
   */
  async #storedOnShard(
    shard: ClickHouseHttp,
    projectId: string,
    events: readonly InferenceEvent[],
  ): Promise<ReadonlySet<string>> {
    const stored = new Set<string>();
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const e of events) {
      lo = Math.min(lo, e.timestamp);
      hi = Math.max(hi, e.timestamp);
    }
    const head = `SELECT DISTINCT request_id FROM ${this.#l('events')} WHERE project_id = ${lit(projectId)}
      AND ts >= ${reads.sqlInt(Math.floor(lo), 'ts')} AND ts <= ${reads.sqlInt(Math.ceil(hi), 'ts')} AND request_id IN (`;
    let ids: string[] = [];
    let bytes = head.length;
    const lookup = async () => {
      if (ids.length === 0) return;
      for (const r of await this.#queryRetrying(shard, `${head}${ids.join(',')})`)) stored.add(String(r[0]));
      ids = [];
      bytes = head.length;
    };
    for (const e of events) {
      const quoted = lit(e.requestId);
      if (bytes + quoted.length + 1 > LOOKUP_SQL_BYTES) await lookup();
      ids.push(quoted);
      bytes += quoted.length + 1;
    }
    await lookup();
    return stored;
  }

  /** A read on one shard, retried like an insert (unreachable: up to `insertAttempts`, backing off). */
  async #queryRetrying(shard: ClickHouseHttp, sql: string): Promise<readonly (readonly unknown[])[]> {
    const attempts = this.#options.insertAttempts ?? 5;
    let delay = 100;
    for (let attempt = 1; ; attempt++) {
      try {
        return (await shard.query(sql)).data;
      } catch (err) {
        const retryable =
          err instanceof ClickHouseHttpError && (err.kind === 'network' || UNREACHABLE_CODES.has(err.code));
        if (!retryable || attempt >= attempts) throw err;
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
      }
    }
  }

  /** Inserts versioned records, each on the shard of its (project, request id); all count as inserted. */
  async #appendVersioned<T extends { requestId: string }>(
    what: string,
    table: string,
    projectId: string,
    records: readonly T[],
    row: (record: T, version: number) => object,
  ): Promise<AppendResult> {
    this.#check(what);
    if (records.length === 0) return { inserted: 0, duplicates: 0 };
    const perShard = this.#shards.map(() => [] as object[]);
    for (const r of records) perShard[this.#shardOf(projectId, r.requestId)]?.push(row(r, this.#nextVersion()));
    try {
      await Promise.all(
        this.#shards.map((s, i) => this.#insertOnce(s, this.#l(table), perShard[i] as object[], undefined)),
      );
    } catch (err) {
      throw new StoreError(
        'write_failed',
        `ClickHouseStore ${what}: ${err instanceof Error ? err.message : String(err)} (the records are versioned: retrying is safe)`,
        { cause: err },
      );
    }
    return { inserted: records.length, duplicates: 0 };
  }

  appendOutcomes(projectId: string, outcomes: readonly Outcome[], receivedAt: number): Promise<AppendResult> {
    return this.#appendVersioned('appendOutcomes', 'outcomes', projectId, outcomes, (o, v) =>
      outcomeRow(projectId, o, receivedAt, v),
    );
  }

  appendFeedback(projectId: string, feedback: readonly Feedback[], receivedAt: number): Promise<AppendResult> {
    return this.#appendVersioned('appendFeedback', 'feedback', projectId, feedback, (f, v) =>
      feedbackRow(projectId, f, receivedAt, v),
    );
  }

  appendScores(projectId: string, scores: readonly Score[], receivedAt: number): Promise<AppendResult> {
    return this.#appendVersioned('appendScores', 'scores', projectId, scores, (s, v) =>
      scoreRow(projectId, s, receivedAt, v),
    );
  }

  // ---- projects, keys, documents, audit (mirrored) ------------------------------------------

  putProject(project: Project): Promise<void> {
    const p = ProjectSchema.parse(project);
    return this.#mirror('putProject', 'projects', [
      { id: p.id, name: p.name, created_at: p.createdAt, version: this.#nextVersion() },
    ]);
  }

  async listProjects(): Promise<readonly Project[]> {
    this.#check('listProjects');
    const rows = await this.#rows(
      `SELECT id, argMax(name, version), argMax(created_at, version) FROM ${this.#t('projects')} GROUP BY id ORDER BY id`,
      true,
    );
    return rows.map((r) => ProjectSchema.parse({ id: r[0], name: r[1], createdAt: Number(r[2]) }));
  }

  async putApiKey(key: ApiKeyRecord): Promise<void> {
    const k = ApiKeyRecordSchema.parse(key);
    // Hash and prefix never change: keep the stored ones when the key exists.
    const existing = (await this.#apiKeys(`id = ${lit(k.id)}`))[0];
    await this.#mirror('putApiKey', 'api_keys', [
      {
        id: k.id,
        project_id: existing?.projectId ?? k.projectId,
        name: k.name,
        prefix: existing?.prefix ?? k.prefix,
        hash: existing?.hash ?? k.hash,
        scopes: k.scopes,
        created_at: existing?.createdAt ?? k.createdAt,
        revoked_at: k.revokedAt ?? 0,
        has_revoked: k.revokedAt === undefined ? 0 : 1,
        version: this.#nextVersion(),
      },
    ]);
  }

  async #apiKeys(where: string): Promise<ApiKeyRecord[]> {
    this.#check('api keys');
    const rows = await this.#rows(
      `SELECT * FROM (SELECT id, argMax(project_id, version) AS project_id, argMax(name, version) AS name,
         argMax(prefix, version) AS prefix, argMax(hash, version) AS hash, argMax(scopes, version) AS scopes,
         argMax(created_at, version) AS created_at, argMax(revoked_at, version) AS revoked_at,
         argMax(has_revoked, version) AS has_revoked
       FROM ${this.#t('api_keys')} GROUP BY id) WHERE ${where} ORDER BY created_at, id`,
      true,
    );
    return rows.map((r) =>
      ApiKeyRecordSchema.parse({
        id: r[0],
        projectId: r[1],
        name: r[2],
        prefix: r[3],
        hash: r[4],
        scopes: (r[5] as unknown[]).map(String),
        createdAt: Number(r[6]),
        ...(Number(r[8]) === 1 ? { revokedAt: Number(r[7]) } : {}),
      }),
    );
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    return (await this.#apiKeys(`hash = ${lit(hash)}`))[0];
  }

  listApiKeys(projectId: string): Promise<readonly ApiKeyRecord[]> {
    return this.#apiKeys(`project_id = ${lit(projectId)}`);
  }

  putDocument(projectId: string, kind: string, id: string, document: unknown): Promise<void> {
    const body = JSON.stringify(document);
    if (body === undefined) {
      throw new StoreError(
        'invalid_argument',
        `putDocument: document must be JSON-serialisable (got ${typeof document})`,
      );
    }
    return this.#mirror('putDocument', 'documents', [
      { project_id: projectId, kind, id, body, deleted: 0, version: this.#nextVersion() },
    ]);
  }

  async #documents(projectId: string, kind: string, id?: string): Promise<{ id: string; document: unknown }[]> {
    this.#check('documents');
    const one = id === undefined ? '' : ` AND id = ${lit(id)}`;
    const rows = await this.#rows(
      `SELECT id, body FROM (SELECT id, argMax(body, version) AS body, argMax(deleted, version) AS deleted
         FROM ${this.#t('documents')} WHERE project_id = ${lit(projectId)} AND kind = ${lit(kind)}${one} GROUP BY id)
       WHERE deleted = 0 ORDER BY id`,
      true,
    );
    return rows.map((r) => ({ id: String(r[0]), document: JSON.parse(String(r[1])) }));
  }

  async getDocument(projectId: string, kind: string, id: string): Promise<unknown | undefined> {
    return (await this.#documents(projectId, kind, id))[0]?.document;
  }

  listDocuments(projectId: string, kind: string): Promise<readonly { id: string; document: unknown }[]> {
    return this.#documents(projectId, kind);
  }

  deleteDocument(projectId: string, kind: string, id: string): Promise<void> {
    return this.#mirror('deleteDocument', 'documents', [
      { project_id: projectId, kind, id, body: 'null', deleted: 1, version: this.#nextVersion() },
    ]);
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    return this.#mirror('appendAudit', 'audit_log', [
      {
        entry_id: randomUUID(),
        seq: this.#nextVersion(),
        project_id: entry.projectId,
        at_ms: Math.trunc(entry.at),
        kind: entry.kind,
        subject: entry.subject,
        action: entry.action,
        details: JSON.stringify(entry.details ?? null),
      },
    ]);
  }

  async listAudit(
    projectId: string,
    options: { kind?: string; subject?: string; limit?: number } = {},
  ): Promise<readonly AuditEntry[]> {
    this.#check('listAudit');
    const where = [`project_id = ${lit(projectId)}`];
    if (options.kind !== undefined) where.push(`kind = ${lit(options.kind)}`);
    if (options.subject !== undefined) where.push(`subject = ${lit(options.subject)}`);
    const limit = options.limit === undefined ? '' : ` LIMIT ${reads.sqlInt(options.limit, 'listAudit limit')}`;
    const rows = await this.#rows(
      `SELECT e_at, e_kind, e_subject, e_action, e_details FROM (
         SELECT entry_id, any(at_ms) AS e_at, any(seq) AS e_seq, any(kind) AS e_kind, any(subject) AS e_subject,
           any(action) AS e_action, any(details) AS e_details
         FROM ${this.#t('audit_log')} WHERE ${where.join(' AND ')} GROUP BY entry_id
         ORDER BY e_at DESC, e_seq DESC${limit}) ORDER BY e_at, e_seq`,
      true,
    );
    return rows.map((r) => ({
      projectId,
      at: Number(r[0]),
      kind: String(r[1]),
      subject: String(r[2]),
      action: String(r[3]),
      details: JSON.parse(String(r[4])),
    }));
  }

  // ---- monitor results (mirrored history) ---------------------------------------------------

  async appendMonitorResults(results: readonly MonitorResult[]): Promise<void> {
    checkMonitorResults(results);
    if (results.length === 0) return;
    await this.#mirror(
      'appendMonitorResults',
      'monitor_results',
      results.map((r) => ({
        entry_id: randomUUID(),
        seq: this.#nextVersion(),
        project_id: r.projectId,
        model: r.model,
        version: r.version,
        monitor: r.monitor,
        segment: r.segment ?? '',
        at_ms: Math.trunc(r.at),
        value: r.value ?? 0,
        has_value: r.value === null ? 0 : 1,
        status: r.status,
        details: JSON.stringify(r.details ?? {}),
      })),
    );
  }

  async listMonitorResults(projectId: string, query: MonitorResultQuery): Promise<readonly MonitorResult[]> {
    checkMonitorResultQuery(projectId, query);
    this.#check('listMonitorResults');
    const where = [
      `project_id = ${lit(projectId)}`,
      `at_ms >= ${reads.sqlInt(Math.ceil(query.from), 'from')}`,
      `at_ms < ${reads.sqlInt(Math.ceil(Math.min(query.to, Number.MAX_SAFE_INTEGER)), 'to')}`,
    ];
    if (query.model !== undefined) where.push(`model = ${lit(query.model)}`);
    if (query.version !== undefined) where.push(`version = ${lit(query.version)}`);
    if (query.monitor !== undefined) {
      where.push(
        query.monitor.endsWith('*')
          ? `startsWith(monitor, ${lit(query.monitor.slice(0, -1))})`
          : `monitor = ${lit(query.monitor)}`,
      );
    }
    if (query.segment !== undefined) where.push(`segment = ${lit(query.segment)}`);
    const rows = await this.#rows(
      `SELECT r_project, r_model, r_version, r_monitor, r_segment, r_at, r_value, r_has_value, r_status, r_details FROM (
         SELECT entry_id, any(project_id) AS r_project, any(model) AS r_model, any(version) AS r_version,
           any(monitor) AS r_monitor, any(segment) AS r_segment, any(at_ms) AS r_at, any(value) AS r_value,
           any(has_value) AS r_has_value, any(status) AS r_status, any(details) AS r_details, any(seq) AS r_seq
         FROM ${this.#t('monitor_results')} WHERE ${where.join(' AND ')} GROUP BY entry_id
         ORDER BY r_at DESC, r_model DESC, r_version DESC, r_monitor DESC, r_segment DESC, r_seq DESC
         LIMIT ${reads.sqlInt(query.limit, 'limit')})
       ORDER BY r_at, r_model, r_version, r_monitor, r_segment, r_seq`,
      true,
    );
    return rows.map((r) => {
      const segment = String(r[4]);
      return {
        projectId: String(r[0]),
        model: String(r[1]),
        version: String(r[2]),
        monitor: String(r[3]),
        ...(segment === '' ? {} : { segment }),
        at: Number(r[5]),
        value: Number(r[7]) === 1 ? Number(r[6]) : null,
        status: String(r[8]) as MonitorResult['status'],
        details: JSON.parse(String(r[9])) as Record<string, unknown>,
      };
    });
  }

  // ---- lease --------------------------------------------------------------------------------

  /**
   * Acquires or renews the lease `name` for `holder` for `ttlMs`: appends an attempt (mirrored),
   * then replays the recent attempts in (time, sequence) order — an attempt takes the lease when it
   * is free (expired) or already its holder's — and answers whether `holder` holds it now. Every
   * process replays the same records, so they agree once the attempts are visible; two attempts
   * racing within one insert latency can both see themselves winning until the next renewal (the
   * evaluator's work is idempotent, so this is tolerated; see docs/SCALING.md).
   */
  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    if (!Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > 1_800_000) {
      throw new StoreError(
        'invalid_argument',
        `acquireLease: ttlMs must be an integer in [1, 1 800 000] (got ${ttlMs})`,
      );
    }
    const now = Date.now();
    await this.#mirror('acquireLease', 'leases', [
      { name, holder, at_ms: now, expires_ms: now + ttlMs, seq: this.#nextVersion() },
    ]);
    const rows = await this.#rows(
      `SELECT holder, at_ms, expires_ms, seq FROM ${this.#t('leases')}
       WHERE name = ${lit(name)} AND at_ms >= ${now - 2 * HOUR_MS}
       GROUP BY holder, at_ms, expires_ms, seq ORDER BY at_ms, seq, holder`,
      true,
    );
    let current: { holder: string; expires: number } | undefined;
    for (const r of rows) {
      const [h, at, expires] = [String(r[0]), Number(r[1]), Number(r[2])];
      if (current === undefined || current.expires <= at || current.holder === h) current = { holder: h, expires };
    }
    return current !== undefined && current.holder === holder && current.expires > now;
  }

  // ---- reads --------------------------------------------------------------------------------

  async countEvents(filter: EventFilter): Promise<number> {
    checkFilter(filter, 'countEvents');
    this.#check('countEvents');
    return reads.countEvents(this.#reader(), filter);
  }

  async getEvent(projectId: string, requestId: string): Promise<EventDetail | undefined> {
    this.#check('getEvent');
    const p = lit(projectId);
    const id = lit(requestId);
    const events = await this.#rows(
      `SELECT ${EVENT_SELECT} FROM ${this.#t('events')} FINAL WHERE project_id = ${p} AND request_id = ${id}
       ORDER BY received_at LIMIT 1`,
    );
    if (events.length === 0) return undefined;
    const [outcomes, feedback, scores] = await Promise.all([
      this.#rows(
        `SELECT ${OUTCOME_LATEST} FROM ${this.#t('outcomes')} WHERE project_id = ${p} AND request_id = ${id} GROUP BY request_id`,
      ),
      this.#rows(
        `SELECT * FROM (SELECT feedback_id, ${FEEDBACK_LATEST} FROM ${this.#t('feedback')}
           WHERE project_id = ${p} AND request_id = ${id} GROUP BY feedback_id)
         ORDER BY \`max(version)\``,
      ),
      this.#rows(
        `SELECT name, source, ${SCORE_LATEST} FROM ${this.#t('scores')} WHERE project_id = ${p} AND request_id = ${id}
         GROUP BY name, source ORDER BY name, source`,
      ),
    ]);
    return {
      event: storedEventOf(events[0] as readonly unknown[]),
      ...(outcomes.length === 0 ? {} : { outcome: outcomeOf(requestId, outcomes[0] as readonly unknown[]) }),
      feedback: feedback.filter((r) => String(r[1]) === requestId).map((r) => feedbackOf(String(r[0]), r.slice(1))),
      scores: scores.map((r) => scoreOf(requestId, String(r[0]), String(r[1]), r.slice(2))),
    };
  }

  async #cutoff(projectId: string): Promise<number> {
    const rows = await this.#rows(
      `SELECT argMax(cutoff, version) FROM ${this.#t('retention')} WHERE project_id = ${lit(projectId)} GROUP BY project_id`,
      true,
    );
    return rows.length === 0 ? 0 : Number(rows[0]?.[0] ?? 0);
  }

  async overview(filter: EventFilter, bucketMs: number): Promise<OverviewResult> {
    checkFilter(filter, 'overview');
    this.#check('overview');
    if (!Number.isInteger(bucketMs) || bucketMs < 1000) {
      throw new StoreError('invalid_argument', `overview: bucketMs must be an integer ≥ 1000 (got ${bucketMs})`);
    }
    if ((filter.to - filter.from) / bucketMs > 100_000) {
      throw new StoreError(
        'invalid_argument',
        `overview: at most 100 000 buckets per query (got ${Math.ceil((filter.to - filter.from) / bucketMs)} of ${bucketMs} ms)`,
      );
    }
    if (reads.rollupAnswers(filter, bucketMs)) {
      return reads.rollupOverview(this.#reader(), filter, bucketMs, await this.#cutoff(filter.projectId));
    }
    return reads.exactOverview(this.#reader(), filter, bucketMs);
  }

  errorsByType(filter: EventFilter): Promise<readonly ErrorTypeCount[]> {
    checkFilter(filter, 'errorsByType');
    this.#check('errorsByType');
    return reads.errorsByType(this.#reader(), filter);
  }

  listModels(filter: EventFilter): Promise<readonly ModelVersionSummary[]> {
    checkFilter(filter, 'listModels');
    this.#check('listModels');
    return reads.listModels(this.#reader(), filter);
  }

  feedbackRates(filter: EventFilter): Promise<FeedbackRates> {
    checkFilter(filter, 'feedbackRates');
    this.#check('feedbackRates');
    return reads.feedbackRates(this.#reader(), filter);
  }

  scoreSummaries(filter: EventFilter): Promise<readonly ScoreSummary[]> {
    checkFilter(filter, 'scoreSummaries');
    this.#check('scoreSummaries');
    return reads.scoreSummaries(this.#reader(), filter);
  }

  inputLengthHistogram(filter: EventFilter, bins: number): Promise<Histogram> {
    checkFilter(filter, 'inputLengthHistogram');
    this.#check('inputLengthHistogram');
    return reads.inputLengthHistogram(this.#reader(), filter, bins);
  }

  predictionDistribution(filter: EventFilter, bins: number): Promise<PredictionDistribution> {
    checkFilter(filter, 'predictionDistribution');
    this.#check('predictionDistribution');
    return reads.predictionDistribution(this.#reader(), filter, bins);
  }

  qualityPairs(filter: EventFilter, limit: number): Promise<QualityPairs> {
    checkFilter(filter, 'qualityPairs');
    checkLimit(limit, 'qualityPairs', 10_000_000);
    this.#check('qualityPairs');
    return reads.qualityPairs(this.#reader(), filter, limit);
  }

  sliceStats(
    filter: EventFilter,
    minCount: number,
  ): Promise<{ window: SliceStats; slices: readonly (SliceStats & { key: string; value: string })[] }> {
    checkFilter(filter, 'sliceStats');
    checkLimit(minCount, 'sliceStats minCount', Number.MAX_SAFE_INTEGER);
    this.#check('sliceStats');
    return reads.sliceStats(this.#reader(), filter, minCount);
  }

  sampleEvents(filter: EventFilter, options: SampleOptions): Promise<readonly EventSample[]> {
    checkFilter(filter, 'sampleEvents');
    checkLimit(options.limit, 'sampleEvents', 10_000);
    this.#check('sampleEvents');
    return reads.sampleEvents(this.#reader(), filter, options);
  }

  /** Feature maps in (ts, request id) order, fetched `chunkRows` at a time by keyset pagination. */
  async *scanFeatures(filter: EventFilter, chunkRows = 16_384): AsyncIterable<readonly FeatureRow[]> {
    checkFilter(filter, 'scanFeatures');
    checkLimit(chunkRows, 'scanFeatures chunkRows', 1_000_000);
    this.#check('scanFeatures');
    const where = reads.eventWhere(filter);
    let after = '';
    for (;;) {
      const rows = await this.#rows(
        `SELECT ts, request_id, features FROM ${this.#t('events')} FINAL
         WHERE ${where} AND isNotNull(features)${after} ORDER BY ts, request_id LIMIT ${chunkRows}`,
      );
      if (rows.length === 0) return;
      yield rows.map((r) => JSON.parse(String(r[2])) as FeatureRow);
      if (rows.length < chunkRows) return;
      const last = rows[rows.length - 1] as readonly unknown[];
      const ts = reads.sqlInt(Number(last[0]), 'ts');
      after = ` AND (ts > ${ts} OR (ts = ${ts} AND request_id > ${lit(String(last[1]))}))`;
    }
  }

  /**
   * Retention, per project: (1) the minute rollups before the hour of `cutoffMs` are summed into
   * `rollup_hourly` (on each shard, from its own rows); (2) the project's cutoff is recorded —
   * from then on the overview reads hourly rows before it and minute rows after, so no period is
   * counted twice; (3) raw events, outcomes, feedback, scores and minute rollups before it are
   * deleted (ALTER … DELETE mutations, awaited). Re-running after a failure is safe: step 1 only
   * takes minute rows at or after the previous cutoff.
   */
  async deleteEventsBefore(projectId: string | undefined, cutoffMs: number): Promise<RetentionResult> {
    if (!Number.isFinite(cutoffMs)) {
      throw new StoreError(
        'invalid_argument',
        `deleteEventsBefore: cutoffMs must be finite epoch milliseconds (got ${cutoffMs})`,
      );
    }
    this.#check('deleteEventsBefore');
    const cutoff = Math.floor(cutoffMs / HOUR_MS) * HOUR_MS;
    const projects =
      projectId !== undefined
        ? [projectId]
        : (
            await this.#rows(
              `SELECT DISTINCT project_id FROM ${this.#t('rollup_minute')} WHERE period < ${cutoff}
               UNION ALL SELECT DISTINCT project_id FROM ${this.#t('events')} WHERE ts < ${cutoff}`,
            )
          ).map((r) => String(r[0]));
    let deleted = 0;
    for (const project of new Set(projects)) {
      const previous = await this.#cutoff(project);
      if (cutoff <= previous) continue;
      const p = lit(project);
      deleted += await reads.countEvents(this.#reader(), { projectId: project, from: 0, to: cutoff });
      const cols = 'project_id, period, model, version, variant, experiment, bin';
      try {
        await Promise.all(
          this.#shards.map((s) =>
            s.exec(
              `INSERT INTO ${this.#l('rollup_hourly')} SELECT project_id, intDiv(period, ${HOUR_MS}) * ${HOUR_MS} AS hour,
                 model, version, variant, experiment, bin, sum(requests), sum(errors), sum(input_tokens), sum(output_tokens),
                 sum(cost_usd), sum(latency_sum), sum(n)
               FROM ${this.#l('rollup_minute')} WHERE project_id = ${p} AND period >= ${previous} AND period < ${cutoff}
               GROUP BY ${cols.replace('period', 'hour')}`,
            ),
          ),
        );
      } catch (err) {
        throw new StoreError(
          'write_failed',
          `deleteEventsBefore: rolling up project ${JSON.stringify(project)} failed (safe to retry): ${(err as Error).message}`,
          { cause: err },
        );
      }
      await this.#mirror('deleteEventsBefore', 'retention', [
        { project_id: project, cutoff, version: this.#nextVersion() },
      ]);
      for (const s of this.#shards) {
        for (const [table, column] of [
          ['events', 'ts'],
          ['outcomes', 'ts'],
          ['feedback', 'ts'],
          ['scores', 'ts'],
          ['rollup_minute', 'period'],
        ] as const) {
          await s.exec(`ALTER TABLE ${this.#l(table)} DELETE WHERE project_id = ${p} AND ${column} < ${cutoff}`);
        }
        await this.#awaitMutations(s);
      }
    }
    return { cutoff, deletedEvents: deleted };
  }

  /** Waits until the shard has no unfinished mutation in this database (18.16 has no mutations_sync). */
  async #awaitMutations(shard: ClickHouseHttp): Promise<void> {
    const database = lit(this.#options.database);
    for (let i = 0; ; i++) {
      const r = await shard.query(`SELECT count() FROM system.mutations WHERE database = ${database} AND is_done = 0`);
      if (Number(r.data[0]?.[0] ?? 0) === 0) return;
      if (i > 600) throw new StoreError('write_failed', `deleteEventsBefore: mutations on ${shard.url} did not finish`);
      await sleep(50);
    }
  }

  /** Loads the (project, request id) pairs of the most recently received events, oldest first. */
  async #loadRecentIds(): Promise<void> {
    const rows = await this.#rows(
      `SELECT project_id, request_id FROM ${this.#t('events')} ORDER BY received_at DESC LIMIT ${this.#recent.capacity}`,
    );
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i] as readonly unknown[];
      this.#recent.add(`${String(r[0])}\u0000${String(r[1])}`);
    }
  }
}

function checkLimit(value: number, what: string, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new StoreError('invalid_argument', `${what}: expected an integer in [1, ${max}] (got ${value})`);
  }
}
