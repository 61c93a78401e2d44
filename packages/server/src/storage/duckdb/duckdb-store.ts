import { statSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue, listValue } from '@duckdb/node-api';
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
import type { AuditEntry, Store } from '../store.js';
import { StoreError } from '../store-error.js';
import { appendRows } from './append-rows.js';
import { migrateDuckDb } from './duckdb-schema.js';
import {
  eventColumns,
  feedbackColumns,
  outcomeColumns,
  type RollupStats,
  rollupBinColumns,
  rollupStatsColumns,
  type Sequenced,
  scoreColumns,
} from './duckdb-tables.js';
import { checkFilter, eventWhere } from './event-filter-sql.js';
import {
  errorsByType,
  feedbackRates,
  inputLengthHistogram,
  listModels,
  predictionDistribution,
  qualityPairs,
  sampleEvents,
  scoreSummaries,
  sliceStats,
} from './event-reads.js';
import {
  EVENT_SELECT,
  FEEDBACK_SELECT,
  feedbackOf,
  OUTCOME_SELECT,
  outcomeOf,
  SCORE_SELECT,
  scoreOf,
  storedEventOf,
} from './event-rows.js';
import { HotRollups } from './hot-rollups.js';
import { appendMonitorResults, listMonitorResults } from './monitor-results.js';
import { overviewOf } from './overview-sql.js';
import { RecentIds } from './recent-ids.js';
import { rollupOf } from './rollup.js';

export interface DuckDbStoreOptions {
  /** The database file (created when missing), or `':memory:'` for a throw-away store. */
  readonly path: string;
  /**
   * The idempotency window: how many of the most recent event request ids are remembered
   * (default 2 000 000, about 200 MB of heap at 60-character ids).
   */
  readonly recentIds?: number;
  /**
   * Hours of per-minute rollups kept in memory for the overview (default 48; 0 turns it off).
   * Windows starting inside the horizon are answered from memory, older ones from the tables.
   */
  readonly hotRollupHours?: number;
  /** DuckDB worker threads (default: DuckDB's, the number of cores). */
  readonly threads?: number;
  /**
   * Write-ahead-log size (bytes) at which a CHECKPOINT starts in the background, on its own
   * connection, outside every append's transaction (default 128 MiB, about a DuckDB row group of
   * 1 KB events). DuckDB's own in-commit checkpoint (`checkpoint_threshold`) is raised to
   * `max(1 GiB, 4 × this)` and only fires when the background one falls behind.
   */
  readonly checkpointWalBytes?: number;
  /** A background CHECKPOINT also starts after this long without writes when the WAL is not empty (default 2 000 ms; 0 turns it off). */
  readonly idleCheckpointMs?: number;
}

/** Default WAL size that starts a background checkpoint. */
export const DEFAULT_CHECKPOINT_WAL_BYTES = 128 * 2 ** 20;
/** Default size of the idempotency window, in events. */
export const DEFAULT_RECENT_IDS = 2_000_000;
const MINUTE_MS = 60_000;
/** Compact the per-minute rollups after this many appends (their rows are merged per group). */
const COMPACT_EVERY_APPENDS = 64;

const ROLLUP_GROUP = 'project_id, period, model, version, variant, experiment';

/**
 * The embedded store: one DuckDB file owned by this process.
 *
 * Writes go through one connection, one at a time; every append is one transaction (BEGIN,
 * appender data chunks, COMMIT), durable in DuckDB's write-ahead log when its promise resolves.
 * Reads use their own connections and see committed data only.
 *
 * Idempotency of events: the (project, requestId) pairs of the last `recentIds` stored events
 * (default 2 000 000) are kept in memory, first in first out, and loaded from the table at
 * `open()`, so a batch retried after a restart is still deduplicated. A request id older than the
 * window is stored again. Ids are remembered only after their transaction commits.
 *
 * Outcomes, feedback and scores are appended with a store-wide sequence number; readers take the
 * row with the highest sequence per key (last write wins).
 *
 * Each append also adds the batch's per-minute rollup rows (traffic sums and a latency sketch,
 * see latency-bins.ts) in the same transaction; they are merged in place every 64 appends.
 */
export class DuckDbStore implements Store {
  readonly path: string;
  readonly #options: DuckDbStoreOptions;
  #instance: DuckDBInstance | undefined;
  #write: DuckDBConnection | undefined;
  readonly #idle: DuckDBConnection[] = [];
  #recent: RecentIds;
  #seq = 0n;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #dirtyFrom = Number.POSITIVE_INFINITY;
  #dirtyTo = Number.NEGATIVE_INFINITY;
  #appendsSinceCompaction = 0;
  #hot: HotRollups | undefined;
  /** Per project: the latest retention cutoff applied since open (hot rollups start after it). */
  readonly #projectFloors = new Map<string, number>();
  readonly #leases = new Map<string, { holder: string; expires: number }>();
  /** The running background checkpoint, if any. */
  #checkpoint: Promise<void> | undefined;
  #checkpointConnection: DuckDBConnection | undefined;
  #idleTimer: ReturnType<typeof setInterval> | undefined;
  #lastWriteAt = 0;
  #checkpoints = 0;

  constructor(options: DuckDbStoreOptions) {
    if (typeof options?.path !== 'string' || options.path.length === 0) {
      throw new StoreError(
        'invalid_argument',
        `DuckDbStore: path must be a non-empty string (got ${String(options?.path)})`,
      );
    }
    this.path = options.path;
    this.#options = options;
    this.#recent = new RecentIds(options.recentIds ?? DEFAULT_RECENT_IDS);
  }

  async open(): Promise<void> {
    if (this.#instance !== undefined) return;
    if (this.#closed) throw new StoreError('closed', `DuckDbStore(${this.path}): open after close`);
    const config: Record<string, string> = {
      // Checkpoints run in the background (#maybeCheckpoint); the in-commit one is the safety net.
      checkpoint_threshold: `${Math.max(2 ** 30, 4 * this.#checkpointWalBytes())}b`,
    };
    if (this.#options.threads !== undefined) config.threads = String(this.#options.threads);
    this.#instance = await DuckDBInstance.create(this.path, config);
    this.#write = await this.#instance.connect();
    await migrateDuckDb(this.#write, Date.now());
    await this.#loadRecentIds();
    const seq = await this.#write.runAndReadAll(
      `SELECT greatest(
         (SELECT coalesce(max(seq), 0) FROM outcomes), (SELECT coalesce(max(seq), 0) FROM feedback),
         (SELECT coalesce(max(seq), 0) FROM scores), (SELECT coalesce(max(seq), 0) FROM audit_log))`,
    );
    this.#seq = BigInt(seq.getRowsJS()[0]?.[0] as bigint);
    // close() compacts what it appended; after a crash, the last two hours may hold split rows.
    const last = (await this.#write.runAndReadAll('SELECT max(period) FROM events_minute')).getRowsJS()[0]?.[0];
    if (last !== null && last !== undefined)
      await this.#compactRollups(Number(last) - 2 * HOUR_MS, Number.POSITIVE_INFINITY);
    await this.#loadHotRollups();
    const idleMs = this.#options.idleCheckpointMs ?? 2000;
    if (idleMs > 0 && this.path !== ':memory:') {
      this.#idleTimer = setInterval(() => {
        if (Date.now() - this.#lastWriteAt >= idleMs) this.#maybeCheckpoint(1);
      }, idleMs);
      this.#idleTimer.unref();
    }
  }

  #checkpointWalBytes(): number {
    const bytes = this.#options.checkpointWalBytes ?? DEFAULT_CHECKPOINT_WAL_BYTES;
    if (!Number.isSafeInteger(bytes) || bytes < 1) {
      throw new StoreError(
        'invalid_argument',
        `DuckDbStore: checkpointWalBytes must be a positive integer (got ${bytes})`,
      );
    }
    return bytes;
  }

  /** Bytes in the write-ahead log now (0 when there is none, or for `:memory:`). */
  walBytes(): number {
    if (this.path === ':memory:') return 0;
    try {
      return statSync(`${this.path}.wal`).size;
    } catch {
      return 0;
    }
  }

  /** Background checkpoints completed since open (for tests and benchmarks). */
  get checkpoints(): number {
    return this.#checkpoints;
  }

  /**
   * Starts a CHECKPOINT on its own connection when the WAL holds at least `minBytes` and none is
   * running. It does not run inside any append's transaction, so an append's promise never waits
   * for one; DuckDB does hold commits back while it writes, so its length is set by
   * `checkpointWalBytes`. A failed checkpoint loses nothing (the WAL stays) and is retried later.
   */
  #maybeCheckpoint(minBytes: number): void {
    if (this.#checkpoint !== undefined || this.#closed || this.#instance === undefined) return;
    if (this.walBytes() < minBytes) return;
    const instance = this.#instance;
    this.#checkpoint = (async () => {
      this.#checkpointConnection ??= await instance.connect();
      await this.#checkpointConnection.run('CHECKPOINT');
      this.#checkpoints++;
    })()
      .catch(() => undefined)
      .finally(() => {
        this.#checkpoint = undefined;
      });
  }

  /** Loads the per-minute rollups inside the hot horizon (after the latest hourly aggregate). */
  async #loadHotRollups(): Promise<void> {
    const hours = this.#options.hotRollupHours ?? 48;
    if (hours <= 0) return;
    const c = this.#connection();
    const hot = new HotRollups(hours * HOUR_MS, Date.now());
    const hourly = await c.runAndReadAll('SELECT max(period) FROM events_hourly');
    const lastHour = hourly.getRowsJS()[0]?.[0];
    if (lastHour !== null && lastHour !== undefined) hot.raiseFloor(Number(lastHour) + HOUR_MS);
    const floor = BigInt(hot.floor);
    const groups = new Map<string, RollupStats>();
    const key = (r: readonly DuckDBValue[]) =>
      `${r[0]}\u0001${r[1]}\u0001${r[2]}\u0001${r[3]}\u0001${r[4]}\u0001${r[5]}`;
    const stats = await c.runAndReadAll(
      `SELECT ${ROLLUP_GROUP}, requests, errors, input_tokens, output_tokens, cost_usd, latency_sum
       FROM events_minute WHERE period >= $1`,
      [floor],
    );
    for (const r of stats.getRows()) {
      groups.set(key(r), {
        projectId: String(r[0]),
        period: Number(r[1]),
        model: String(r[2]),
        version: String(r[3]),
        variant: String(r[4]),
        experiment: String(r[5]),
        requests: Number(r[6]),
        errors: Number(r[7]),
        inputTokens: Number(r[8]),
        outputTokens: Number(r[9]),
        costUsd: Number(r[10]),
        latencySum: Number(r[11]),
        bins: new Map(),
      });
    }
    const bins = await c.runAndReadAll(`SELECT ${ROLLUP_GROUP}, bin, n FROM latency_minute WHERE period >= $1`, [
      floor,
    ]);
    for (const r of bins.getRows()) groups.get(key(r))?.bins.set(Number(r[6]), Number(r[7]));
    hot.add([...groups.values()]);
    this.#hot = hot;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#idleTimer !== undefined) clearInterval(this.#idleTimer);
    await this.#queue.catch(() => undefined);
    await this.#checkpoint;
    this.#checkpointConnection?.closeSync();
    if (this.#write !== undefined && this.#dirtyFrom <= this.#dirtyTo) {
      await this.#compactRollups(this.#dirtyFrom, this.#dirtyTo).catch(() => undefined);
    }
    for (const c of this.#idle.splice(0)) c.closeSync();
    this.#write?.closeSync();
    this.#instance?.closeSync();
    this.#write = undefined;
    this.#instance = undefined;
  }

  // ---- appends ------------------------------------------------------------------------------

  appendEvents(projectId: string, events: readonly InferenceEvent[], receivedAt: number): Promise<AppendResult> {
    return this.#exclusive(async (c) => {
      const fresh: InferenceEvent[] = [];
      const keys: string[] = [];
      const inCall = new Set<string>();
      const duplicateIndexes: number[] = [];
      for (let i = 0; i < events.length; i++) {
        const e = events[i] as InferenceEvent;
        const key = `${projectId}\u0000${e.requestId}`;
        if (this.#recent.has(key) || inCall.has(key)) {
          duplicateIndexes.push(i);
          continue;
        }
        inCall.add(key);
        keys.push(key);
        fresh.push(e);
      }
      if (fresh.length > 0) {
        const { stats, bins } = rollupOf(projectId, fresh, MINUTE_MS);
        await this.#transaction(c, 'appendEvents', async () => {
          await appendRows(c, 'events', eventColumns(projectId, receivedAt), fresh);
          await appendRows(c, 'events_minute', rollupStatsColumns(), stats);
          await appendRows(c, 'latency_minute', rollupBinColumns(), bins);
        });
        for (const key of keys) this.#recent.add(key);
        this.#hot?.add(stats);
        for (const s of stats) {
          if (s.period < this.#dirtyFrom) this.#dirtyFrom = s.period;
          if (s.period > this.#dirtyTo) this.#dirtyTo = s.period;
        }
        if (++this.#appendsSinceCompaction >= COMPACT_EVERY_APPENDS) {
          await this.#compactRollups(this.#dirtyFrom, this.#dirtyTo);
        }
      }
      return { inserted: fresh.length, duplicates: events.length - fresh.length, duplicateIndexes };
    });
  }

  appendOutcomes(projectId: string, outcomes: readonly Outcome[], receivedAt: number): Promise<AppendResult> {
    return this.#appendSequenced('outcomes', outcomes, (seqd) =>
      appendRows(this.#connection(), 'outcomes', outcomeColumns(projectId, receivedAt), seqd),
    );
  }

  appendFeedback(projectId: string, feedback: readonly Feedback[], receivedAt: number): Promise<AppendResult> {
    return this.#appendSequenced('feedback', feedback, (seqd) =>
      appendRows(this.#connection(), 'feedback', feedbackColumns(projectId, receivedAt), seqd),
    );
  }

  appendScores(projectId: string, scores: readonly Score[], receivedAt: number): Promise<AppendResult> {
    return this.#appendSequenced('scores', scores, (seqd) =>
      appendRows(this.#connection(), 'scores', scoreColumns(projectId, receivedAt), seqd),
    );
  }

  /** Appends records numbered by the store-wide sequence; all count as inserted (readers keep the last per key). */
  #appendSequenced<T>(
    what: string,
    records: readonly T[],
    append: (rows: Sequenced<T>[]) => Promise<void>,
  ): Promise<AppendResult> {
    return this.#exclusive(async (c) => {
      if (records.length === 0) return { inserted: 0, duplicates: 0 };
      const start = this.#seq;
      const rows = records.map((record, i) => ({ seq: start + BigInt(i + 1), record }));
      await this.#transaction(c, `append ${what}`, () => append(rows));
      this.#seq = start + BigInt(records.length);
      return { inserted: records.length, duplicates: 0 };
    });
  }

  // ---- projects and keys --------------------------------------------------------------------

  putProject(project: Project): Promise<void> {
    const p = ProjectSchema.parse(project);
    return this.#exclusive(async (c) => {
      await c.run('INSERT OR REPLACE INTO projects VALUES ($1, $2, $3)', [p.id, p.name, BigInt(p.createdAt)]);
    });
  }

  async listProjects(): Promise<readonly Project[]> {
    const rows = await this.#readRows('SELECT id, name, created_at FROM projects ORDER BY id');
    return rows.map((r) => ProjectSchema.parse({ id: r[0], name: r[1], createdAt: Number(r[2]) }));
  }

  putApiKey(key: ApiKeyRecord): Promise<void> {
    const k = ApiKeyRecordSchema.parse(key);
    return this.#exclusive(async (c) => {
      await c.run(
        `INSERT INTO api_keys VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET
           name = excluded.name, scopes = excluded.scopes, revoked_at = excluded.revoked_at`,
        [
          k.id,
          k.projectId,
          k.name,
          k.prefix,
          k.hash,
          listValue(k.scopes),
          BigInt(k.createdAt),
          k.revokedAt === undefined ? null : BigInt(k.revokedAt),
        ],
      );
    });
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.#readRows(`${API_KEY_SELECT} WHERE hash = $1`, [hash]);
    return rows.length === 0 ? undefined : apiKeyOf(rows[0] as DuckRow);
  }

  async listApiKeys(projectId: string): Promise<readonly ApiKeyRecord[]> {
    const rows = await this.#readRows(`${API_KEY_SELECT} WHERE project_id = $1 ORDER BY created_at, id`, [projectId]);
    return rows.map(apiKeyOf);
  }

  // ---- documents and audit ------------------------------------------------------------------

  putDocument(projectId: string, kind: string, id: string, document: unknown): Promise<void> {
    const body = JSON.stringify(document);
    if (body === undefined) {
      throw new StoreError(
        'invalid_argument',
        `putDocument: document must be JSON-serialisable (got ${typeof document})`,
      );
    }
    return this.#exclusive(async (c) => {
      await c.run('INSERT OR REPLACE INTO documents VALUES ($1, $2, $3, $4, $5)', [
        projectId,
        kind,
        id,
        body,
        BigInt(Date.now()),
      ]);
    });
  }

  async getDocument(projectId: string, kind: string, id: string): Promise<unknown | undefined> {
    const rows = await this.#readRows('SELECT body FROM documents WHERE project_id = $1 AND kind = $2 AND id = $3', [
      projectId,
      kind,
      id,
    ]);
    return rows.length === 0 ? undefined : JSON.parse(String(rows[0]?.[0]));
  }

  async listDocuments(projectId: string, kind: string): Promise<readonly { id: string; document: unknown }[]> {
    const rows = await this.#readRows(
      'SELECT id, body FROM documents WHERE project_id = $1 AND kind = $2 ORDER BY id',
      [projectId, kind],
    );
    return rows.map((r) => ({ id: String(r[0]), document: JSON.parse(String(r[1])) }));
  }

  deleteDocument(projectId: string, kind: string, id: string): Promise<void> {
    return this.#exclusive(async (c) => {
      await c.run('DELETE FROM documents WHERE project_id = $1 AND kind = $2 AND id = $3', [projectId, kind, id]);
    });
  }

  appendAudit(entry: AuditEntry): Promise<void> {
    const details = JSON.stringify(entry.details ?? null);
    return this.#exclusive(async (c) => {
      const seq = this.#seq + 1n;
      await c.run('INSERT INTO audit_log VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        seq,
        entry.projectId,
        BigInt(Math.trunc(entry.at)),
        entry.kind,
        entry.subject,
        entry.action,
        details,
      ]);
      this.#seq = seq;
    });
  }

  async listAudit(
    projectId: string,
    options: { kind?: string; subject?: string; limit?: number } = {},
  ): Promise<readonly AuditEntry[]> {
    const where = ['project_id = $1'];
    const params: DuckDBValue[] = [projectId];
    if (options.kind !== undefined) {
      params.push(options.kind);
      where.push(`kind = $${params.length}`);
    }
    if (options.subject !== undefined) {
      params.push(options.subject);
      where.push(`subject = $${params.length}`);
    }
    let limit = '';
    if (options.limit !== undefined) {
      if (!Number.isInteger(options.limit) || options.limit < 0) {
        throw new StoreError('invalid_argument', `listAudit: limit must be an integer ≥ 0 (got ${options.limit})`);
      }
      params.push(options.limit);
      limit = ` LIMIT $${params.length}`;
    }
    const rows = await this.#readRows(
      `SELECT * FROM (SELECT project_id, at_ms, kind, subject, action, details, seq FROM audit_log
         WHERE ${where.join(' AND ')} ORDER BY at_ms DESC, seq DESC${limit}) ORDER BY at_ms, seq`,
      params,
    );
    return rows.map((r) => ({
      projectId: String(r[0]),
      at: Number(r[1]),
      kind: String(r[2]),
      subject: String(r[3]),
      action: String(r[4]),
      details: JSON.parse(String(r[5])),
    }));
  }

  // ---- lease --------------------------------------------------------------------------------

  /** One process owns the file, so the lease lives in memory (expiry by the clock). */
  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    if (!Number.isInteger(ttlMs) || ttlMs < 1 || ttlMs > 1_800_000) {
      throw new StoreError(
        'invalid_argument',
        `acquireLease: ttlMs must be an integer in [1, 1 800 000] (got ${ttlMs})`,
      );
    }
    const now = Date.now();
    const current = this.#leases.get(name);
    if (current !== undefined && current.holder !== holder && current.expires > now) return false;
    this.#leases.set(name, { holder, expires: now + ttlMs });
    return true;
  }

  // ---- monitor results (SQL in monitor-results.ts) -----------------------------------------

  appendMonitorResults(results: readonly MonitorResult[]): Promise<void> {
    return this.#exclusive((c) => appendMonitorResults(c, results));
  }

  listMonitorResults(projectId: string, query: MonitorResultQuery): Promise<readonly MonitorResult[]> {
    return this.#read('listMonitorResults', (c) => listMonitorResults(c, projectId, query));
  }

  // ---- reads --------------------------------------------------------------------------------

  async countEvents(filter: EventFilter): Promise<number> {
    checkFilter(filter, 'countEvents');
    const where = eventWhere(filter);
    const rows = await this.#readRows(`SELECT count(*) FROM events WHERE ${where.sql}`, where.params);
    return Number(rows[0]?.[0] ?? 0);
  }

  async getEvent(projectId: string, requestId: string): Promise<EventDetail | undefined> {
    const events = await this.#readRows(
      `SELECT ${EVENT_SELECT} FROM events WHERE project_id = $1 AND request_id = $2 ORDER BY received_at LIMIT 1`,
      [projectId, requestId],
    );
    if (events.length === 0) return undefined;
    const [outcomes, feedback, scores] = await Promise.all([
      this.#readRows(
        `SELECT ${OUTCOME_SELECT} FROM outcomes WHERE project_id = $1 AND request_id = $2 ORDER BY seq DESC LIMIT 1`,
        [projectId, requestId],
      ),
      this.#readRows(
        `SELECT ${FEEDBACK_SELECT} FROM (
           SELECT *, row_number() OVER (PARTITION BY feedback_id ORDER BY seq DESC) AS rn FROM feedback
           WHERE project_id = $1 AND feedback_id IN (SELECT feedback_id FROM feedback WHERE project_id = $1 AND request_id = $2)
         ) WHERE rn = 1 AND request_id = $2 ORDER BY seq`,
        [projectId, requestId],
      ),
      this.#readRows(
        `SELECT ${SCORE_SELECT} FROM (
           SELECT *, row_number() OVER (PARTITION BY name, source ORDER BY seq DESC) AS rn FROM scores
           WHERE project_id = $1 AND request_id = $2
         ) WHERE rn = 1 ORDER BY name, source`,
        [projectId, requestId],
      ),
    ]);
    return {
      event: storedEventOf(events[0] as DuckRow),
      ...(outcomes.length === 0 ? {} : { outcome: outcomeOf(outcomes[0] as DuckRow) }),
      feedback: feedback.map(feedbackOf),
      scores: scores.map(scoreOf),
    };
  }

  overview(filter: EventFilter, bucketMs: number): Promise<OverviewResult> {
    checkFilter(filter, 'overview');
    if (!Number.isInteger(bucketMs) || bucketMs < 1000) {
      throw new StoreError('invalid_argument', `overview: bucketMs must be an integer ≥ 1000 (got ${bucketMs})`);
    }
    if ((filter.to - filter.from) / bucketMs > 100_000) {
      throw new StoreError(
        'invalid_argument',
        `overview: at most 100 000 buckets per query (got ${Math.ceil((filter.to - filter.from) / bucketMs)} of ${bucketMs} ms)`,
      );
    }
    const hot = this.#hot;
    if (hot?.answers(filter, bucketMs, this.#projectFloors.get(filter.projectId) ?? Number.NEGATIVE_INFINITY)) {
      return Promise.resolve(hot.overview(filter, bucketMs));
    }
    return this.#read('overview', (c) => overviewOf(c, filter, bucketMs));
  }

  errorsByType(filter: EventFilter): Promise<readonly ErrorTypeCount[]> {
    checkFilter(filter, 'errorsByType');
    return this.#read('errorsByType', (c) => errorsByType(c, filter));
  }

  listModels(filter: EventFilter): Promise<readonly ModelVersionSummary[]> {
    checkFilter(filter, 'listModels');
    return this.#read('listModels', (c) => listModels(c, filter));
  }

  feedbackRates(filter: EventFilter): Promise<FeedbackRates> {
    checkFilter(filter, 'feedbackRates');
    return this.#read('feedbackRates', (c) => feedbackRates(c, filter));
  }

  scoreSummaries(filter: EventFilter): Promise<readonly ScoreSummary[]> {
    checkFilter(filter, 'scoreSummaries');
    return this.#read('scoreSummaries', (c) => scoreSummaries(c, filter));
  }

  inputLengthHistogram(filter: EventFilter, bins: number): Promise<Histogram> {
    checkFilter(filter, 'inputLengthHistogram');
    return this.#read('inputLengthHistogram', (c) => inputLengthHistogram(c, filter, bins));
  }

  predictionDistribution(filter: EventFilter, bins: number): Promise<PredictionDistribution> {
    checkFilter(filter, 'predictionDistribution');
    return this.#read('predictionDistribution', (c) => predictionDistribution(c, filter, bins));
  }

  qualityPairs(filter: EventFilter, limit: number): Promise<QualityPairs> {
    checkFilter(filter, 'qualityPairs');
    checkLimit(limit, 'qualityPairs', 10_000_000);
    return this.#read('qualityPairs', (c) => qualityPairs(c, filter, limit));
  }

  sliceStats(
    filter: EventFilter,
    minCount: number,
  ): Promise<{ window: SliceStats; slices: readonly (SliceStats & { key: string; value: string })[] }> {
    checkFilter(filter, 'sliceStats');
    checkLimit(minCount, 'sliceStats minCount', Number.MAX_SAFE_INTEGER);
    return this.#read('sliceStats', (c) => sliceStats(c, filter, minCount));
  }

  sampleEvents(filter: EventFilter, options: SampleOptions): Promise<readonly EventSample[]> {
    checkFilter(filter, 'sampleEvents');
    checkLimit(options.limit, 'sampleEvents', 10_000);
    return this.#read('sampleEvents', (c) => sampleEvents(c, filter, options));
  }

  async *scanFeatures(filter: EventFilter, chunkRows = 16_384): AsyncIterable<readonly FeatureRow[]> {
    checkFilter(filter, 'scanFeatures');
    checkLimit(chunkRows, 'scanFeatures chunkRows', 1_000_000);
    if (this.#instance === undefined) {
      throw new StoreError(this.#closed ? 'closed' : 'not_open', `DuckDbStore(${this.path}): call open() first`);
    }
    const c = this.#idle.pop() ?? (await this.#instance.connect());
    try {
      const where = eventWhere(filter);
      const result = await c.stream(
        `SELECT features FROM events WHERE ${where.sql} AND features IS NOT NULL ORDER BY ts, request_id`,
        where.params,
      );
      let out: FeatureRow[] = [];
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        for (const v of chunk.getColumnValues(0)) {
          out.push(JSON.parse(String(v)) as FeatureRow);
          if (out.length === chunkRows) {
            yield out;
            out = [];
          }
        }
      }
      if (out.length > 0) yield out;
    } finally {
      if (this.#closed) c.closeSync();
      else this.#idle.push(c);
    }
  }

  deleteEventsBefore(projectId: string | undefined, cutoffMs: number): Promise<RetentionResult> {
    if (!Number.isFinite(cutoffMs)) {
      throw new StoreError(
        'invalid_argument',
        `deleteEventsBefore: cutoffMs must be finite epoch milliseconds (got ${cutoffMs})`,
      );
    }
    const cutoff = Math.floor(cutoffMs / HOUR_MS) * HOUR_MS;
    return this.#exclusive(async (c) => {
      // Minute rows of the cutoff's range may be split over many appends: merge them first.
      if (this.#dirtyFrom <= this.#dirtyTo) await this.#compactRollups(this.#dirtyFrom, this.#dirtyTo);
      const params: DuckDBValue[] = [BigInt(cutoff)];
      let project = '';
      if (projectId !== undefined) {
        params.push(projectId);
        project = ' AND project_id = $2';
      }
      let deleted = 0;
      await this.#transaction(c, 'deleteEventsBefore', async () => {
        await c.run(
          `INSERT INTO events_hourly SELECT project_id, (period // ${HOUR_MS}) * ${HOUR_MS} AS hour, model, version, variant,
             experiment, sum(requests)::BIGINT, sum(errors)::BIGINT, sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT,
             sum(cost_usd), sum(latency_sum)
           FROM events_minute WHERE period < $1${project} GROUP BY ALL`,
          params,
        );
        await c.run(
          `INSERT INTO latency_hourly SELECT project_id, (period // ${HOUR_MS}) * ${HOUR_MS} AS hour, model, version, variant,
             experiment, bin, sum(n)::BIGINT
           FROM latency_minute WHERE period < $1${project} GROUP BY ALL`,
          params,
        );
        await c.run(`DELETE FROM events_minute WHERE period < $1${project}`, params);
        await c.run(`DELETE FROM latency_minute WHERE period < $1${project}`, params);
        const counted = await c.runAndReadAll(`SELECT count(*) FROM events WHERE ts < $1${project}`, params);
        deleted = Number(counted.getRowsJS()[0]?.[0] ?? 0);
        await c.run(`DELETE FROM events WHERE ts < $1${project}`, params);
        for (const table of ['outcomes', 'feedback', 'scores']) {
          await c.run(`DELETE FROM ${table} WHERE ts < $1${project}`, params);
        }
      });
      if (projectId === undefined) this.#hot?.raiseFloor(cutoff);
      else {
        this.#hot?.raiseFloor(cutoff, projectId);
        this.#projectFloors.set(projectId, Math.max(cutoff, this.#projectFloors.get(projectId) ?? cutoff));
      }
      return { cutoff, deletedEvents: deleted };
    });
  }

  // ---- internals ----------------------------------------------------------------------------

  #connection(): DuckDBConnection {
    if (this.#write === undefined) {
      throw new StoreError(this.#closed ? 'closed' : 'not_open', `DuckDbStore(${this.path}): call open() first`);
    }
    return this.#write;
  }

  /** Runs `fn` on the write connection after every earlier write has finished. */
  #exclusive<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => fn(this.#connection()));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #transaction(c: DuckDBConnection, what: string, fn: () => Promise<void>): Promise<void> {
    await c.run('BEGIN TRANSACTION');
    try {
      await fn();
      await c.run('COMMIT');
      this.#lastWriteAt = Date.now();
      this.#maybeCheckpoint(this.#checkpointWalBytes());
    } catch (err) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw new StoreError('write_failed', `DuckDbStore ${what}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
  }

  /** Merges the per-minute rollup rows of periods in [from, to] into one row per group (and bin). */
  async #compactRollups(from: number, to: number): Promise<void> {
    const c = this.#connection();
    const lo = Number.isFinite(from) ? BigInt(from) : -(2n ** 62n);
    const hi = Number.isFinite(to) ? BigInt(to) : 2n ** 62n;
    await this.#transaction(c, 'compact rollups', async () => {
      await c.run(
        `CREATE OR REPLACE TEMP TABLE compact_stats AS SELECT ${ROLLUP_GROUP}, sum(requests)::BIGINT, sum(errors)::BIGINT,
           sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT, sum(cost_usd), sum(latency_sum)
         FROM events_minute WHERE period BETWEEN $1 AND $2 GROUP BY ALL`,
        [lo, hi],
      );
      await c.run('DELETE FROM events_minute WHERE period BETWEEN $1 AND $2', [lo, hi]);
      await c.run('INSERT INTO events_minute SELECT * FROM compact_stats');
      await c.run(
        `CREATE OR REPLACE TEMP TABLE compact_bins AS SELECT ${ROLLUP_GROUP}, bin, sum(n)::BIGINT
         FROM latency_minute WHERE period BETWEEN $1 AND $2 GROUP BY ALL`,
        [lo, hi],
      );
      await c.run('DELETE FROM latency_minute WHERE period BETWEEN $1 AND $2', [lo, hi]);
      await c.run('INSERT INTO latency_minute SELECT * FROM compact_bins');
      await c.run('DROP TABLE compact_stats');
      await c.run('DROP TABLE compact_bins');
    });
    this.#dirtyFrom = Number.POSITIVE_INFINITY;
    this.#dirtyTo = Number.NEGATIVE_INFINITY;
    this.#appendsSinceCompaction = 0;
    // The horizon moves on with the clock.
    if (this.#hot !== undefined) this.#hot.raiseFloor(Date.now() - this.#hot.horizonMs);
  }

  /** Loads the (project, requestId) pairs of the most recent events, oldest first. */
  async #loadRecentIds(): Promise<void> {
    const c = this.#connection();
    const result = await c.stream(
      `SELECT project_id, request_id FROM (
         SELECT project_id, request_id, received_at, rowid AS r FROM events ORDER BY received_at DESC, r DESC LIMIT $1
       ) ORDER BY received_at, r`,
      [this.#recent.capacity],
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const projects = chunk.getColumnValues(0);
      const ids = chunk.getColumnValues(1);
      for (let i = 0; i < chunk.rowCount; i++) this.#recent.add(`${String(projects[i])}\u0000${String(ids[i])}`);
    }
  }

  /** Borrows a read connection (a pool of idle ones), so reads run beside writes. */
  async withReader<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.#instance === undefined) {
      throw new StoreError(this.#closed ? 'closed' : 'not_open', `DuckDbStore(${this.path}): call open() first`);
    }
    const c = this.#idle.pop() ?? (await this.#instance.connect());
    try {
      return await fn(c);
    } finally {
      if (this.#closed) c.closeSync();
      else this.#idle.push(c);
    }
  }

  #read<T>(what: string, fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.withReader(async (c) => {
      try {
        return await fn(c);
      } catch (err) {
        if (err instanceof StoreError) throw err;
        throw new StoreError(
          'read_failed',
          `DuckDbStore ${what}: ${err instanceof Error ? err.message : String(err)}`,
          {
            cause: err,
          },
        );
      }
    });
  }

  async #readRows(sql: string, params?: DuckDBValue[]): Promise<DuckRow[]> {
    return this.withReader(async (c) => {
      try {
        return (await c.runAndReadAll(sql, params)).getRows() as DuckRow[];
      } catch (err) {
        throw new StoreError('read_failed', `DuckDbStore read: ${err instanceof Error ? err.message : String(err)}`, {
          cause: err,
        });
      }
    });
  }
}

type DuckRow = readonly DuckDBValue[];

const HOUR_MS = 3_600_000;

function checkLimit(value: number, what: string, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new StoreError('invalid_argument', `${what}: expected an integer in [1, ${max}] (got ${value})`);
  }
}

const API_KEY_SELECT = 'SELECT id, project_id, name, prefix, hash, scopes, created_at, revoked_at FROM api_keys';

function apiKeyOf(r: DuckRow): ApiKeyRecord {
  const scopes = r[5] as { items: readonly DuckDBValue[] };
  return ApiKeyRecordSchema.parse({
    id: r[0],
    projectId: r[1],
    name: r[2],
    prefix: r[3],
    hash: r[4],
    scopes: scopes.items.map(String),
    createdAt: Number(r[6]),
    ...(r[7] === null ? {} : { revokedAt: Number(r[7]) }),
  });
}
