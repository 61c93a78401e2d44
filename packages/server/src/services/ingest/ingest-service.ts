import { performance } from 'node:perf_hooks';
import type { InferenceEvent } from '../../domain/inference-event.js';
import type { AppendResult } from '../../domain/query.js';
import type { Store } from '../../storage/store.js';
import type { DecodedBody } from './decode-ingest-body.js';
import { IngestError } from './ingest-error.js';
import { PiiRedactor, type PiiRedactorOptions } from './pii-redactor.js';
import type { IngestRecord, RecordKind, RecordOfKind } from './record-kind.js';
import type { RecordRejection } from './record-rejection.js';
import { validateRecords } from './validate-records.js';

/** The part of the store the ingest path writes to. */
export type IngestStore = Pick<Store, 'appendEvents' | 'appendOutcomes' | 'appendFeedback' | 'appendScores'>;

/** The metric label of a record kind: `event`, `outcome`, `feedback`, `score`. */
export const KIND_LABELS: Readonly<Record<RecordKind, string>> = {
  events: 'event',
  outcomes: 'outcome',
  feedback: 'feedback',
  scores: 'score',
};

/**
 * Observers of the ingest path; the telemetry service's `TelemetryMetrics` fits this shape. Every
 * method is optional and must not throw. `kind` is a `KIND_LABELS` value (low cardinality).
 */
export interface IngestHooks {
  /** Events newly stored (not duplicates), after their commit: per-model traffic metrics. */
  recordEvents?(projectId: string, events: readonly InferenceEvent[]): void;
  /** Records newly stored, of any kind. */
  recordAccepted?(kind: string, n: number): void;
  /** Records refused; `reason` is `invalid_record`, `invalid_json` (an NDJSON line) or `timestamp_out_of_range`. */
  recordRejected?(kind: string, reason: string, n: number): void;
  /** Records already stored (retries), acknowledged but not stored again. */
  recordDuplicates?(kind: string, n: number): void;
  /** Records waiting for or in a commit. */
  setQueueDepth?(n: number): void;
  /** One store append (one transaction): its duration and size. */
  observeCommit?(seconds: number, records: number): void;
}

/** Options of `IngestService`. */
export interface IngestServiceOptions {
  readonly store: IngestStore;
  /** Records queued or committing before `ingest` answers `overloaded` (default 200 000). */
  readonly maxQueuedRecords?: number;
  /** Decompressed body bytes queued or committing before `overloaded` (default 256 MiB). */
  readonly maxQueuedBytes?: number;
  /** Records per store append; a round takes whole requests up to this (default 50 000). */
  readonly maxCommitRecords?: number;
  /** PII redaction (default: every type); `false` stores text as sent. */
  readonly redaction?: PiiRedactorOptions | false;
  /** Retry-After of an `overloaded` answer, in seconds (default 1). */
  readonly retryAfterSeconds?: number;
  /** Server clock (epoch ms) for the timestamp range check and `receivedAt`. */
  readonly now?: () => number;
  readonly hooks?: IngestHooks;
}

/** What one ingest request achieved. */
export interface IngestResult {
  /** Records newly stored. */
  readonly accepted: number;
  /** Records already stored before (a retry), acknowledged without being stored again. */
  readonly duplicates: number;
  readonly rejected: readonly RecordRejection[];
}

interface Pending {
  readonly projectId: string;
  readonly kind: RecordKind;
  readonly records: readonly IngestRecord[];
  readonly bytes: number;
  readonly resolve: (r: AppendResult) => void;
  readonly reject: (e: unknown) => void;
}

/**
 * The ingest write path: validates and redacts the records of a request, queues them, and
 * acknowledges the request only once its records are committed. A single writer loop (group
 * commit) drains everything pending into one store append — one transaction — per project and
 * kind per round, so many concurrent requests share one commit. The queue is bounded in records
 * and bytes; when full, `ingest` fails fast with `IngestError('overloaded')` before any work.
 */
export class IngestService {
  readonly #store: IngestStore;
  readonly #maxRecords: number;
  readonly #maxBytes: number;
  readonly #maxCommit: number;
  readonly #retryAfter: number;
  readonly #now: () => number;
  readonly #hooks: IngestHooks;
  readonly #redactor: PiiRedactor | undefined;
  #pending: Pending[] = [];
  #queuedRecords = 0;
  #queuedBytes = 0;
  #writer: Promise<void> | undefined;
  #closed = false;

  constructor(options: IngestServiceOptions) {
    this.#store = options.store;
    this.#maxRecords = positive('maxQueuedRecords', options.maxQueuedRecords ?? 200_000);
    this.#maxBytes = positive('maxQueuedBytes', options.maxQueuedBytes ?? 256 * 1024 * 1024);
    this.#maxCommit = positive('maxCommitRecords', options.maxCommitRecords ?? 50_000);
    this.#retryAfter = positive('retryAfterSeconds', options.retryAfterSeconds ?? 1);
    this.#now = options.now ?? Date.now;
    this.#hooks = safeHooks(options.hooks ?? {});
    this.#redactor = options.redaction === false ? undefined : new PiiRedactor(options.redaction ?? {});
  }

  /** Records waiting for or in a commit. */
  get queuedRecords(): number {
    return this.#queuedRecords;
  }

  /** Body bytes waiting for or in a commit. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /**
   * Validates, redacts and durably stores the records of one request; resolves after the commit.
   * @throws {IngestError} `overloaded` when the queue is full (nothing was stored), `closed`
   *   after `close()`, `store_failed` when the commit failed (nothing of this request was stored).
   */
  async ingest(projectId: string, kind: RecordKind, body: DecodedBody): Promise<IngestResult> {
    this.#admit(body.values.length, body.bytes);
    const { records, rejected } = validateRecords(kind, body.values, this.#now(), body.indexes);
    let allRejected = body.rejected.length === 0 ? rejected : mergeByIndex(body.rejected, rejected);
    // Rejection messages quote what was received; mask PII there too (they may end up in logs).
    const redactor = this.#redactor;
    if (redactor !== undefined && allRejected.length > 0) {
      allRejected = allRejected.map((r) => {
        const message = redactor.text(r.message);
        return message === r.message ? r : { ...r, message };
      });
    }
    if (allRejected.length > 0) this.#countRejections(kind, body.rejected.length, rejected);
    if (this.#redactor !== undefined) for (const r of records) this.#redactor.record(kind, r);
    const result =
      records.length === 0 ? { inserted: 0, duplicates: 0 } : await this.append(projectId, kind, records, body.bytes);
    return { accepted: result.inserted, duplicates: result.duplicates, rejected: allRejected };
  }

  /**
   * Queues already validated and redacted records for the next group commit; resolves with this
   * call's own inserted/duplicate counts once they are committed.
   * @throws {IngestError} `overloaded`, `closed` or `store_failed` as `ingest`.
   */
  append<K extends RecordKind>(
    projectId: string,
    kind: K,
    records: readonly RecordOfKind[K][],
    bytes: number,
  ): Promise<AppendResult> {
    this.#admit(records.length, bytes);
    return new Promise<AppendResult>((resolve, reject) => {
      this.#pending.push({ projectId, kind, records, bytes, resolve, reject });
      this.#queuedRecords += records.length;
      this.#queuedBytes += bytes;
      this.#hooks.setQueueDepth?.(this.#queuedRecords);
      this.#writer ??= this.#drain();
    });
  }

  /** Stops accepting requests and waits until everything queued is committed (or failed). */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#writer !== undefined) await this.#writer;
  }

  #countRejections(kind: RecordKind, unparseable: number, rejected: readonly RecordRejection[]): void {
    const hook = this.#hooks.recordRejected;
    if (hook === undefined) return;
    const label = KIND_LABELS[kind];
    if (unparseable > 0) hook(label, 'invalid_json', unparseable);
    let timestamps = 0;
    for (const r of rejected) if (r.field === 'timestamp' && r.message.includes('server clock')) timestamps++;
    if (timestamps > 0) hook(label, 'timestamp_out_of_range', timestamps);
    if (rejected.length - timestamps > 0) hook(label, 'invalid_record', rejected.length - timestamps);
  }

  /** Fails fast when the request cannot be queued; an empty queue admits any single request. */
  #admit(records: number, bytes: number): void {
    if (this.#closed) throw new IngestError('closed', 'the ingest service is shutting down', this.#retryAfter);
    if (this.#queuedRecords === 0) return;
    if (this.#queuedRecords + records > this.#maxRecords || this.#queuedBytes + bytes > this.#maxBytes) {
      throw new IngestError(
        'overloaded',
        `the ingest queue is full (${this.#queuedRecords} records, ${this.#queuedBytes} bytes queued; limits ${this.#maxRecords} records, ${this.#maxBytes} bytes); retry after ${this.#retryAfter} s`,
        this.#retryAfter,
      );
    }
  }

  /** The writer loop: one round at a time, each round every pending request (up to maxCommitRecords). */
  async #drain(): Promise<void> {
    try {
      // Let requests that arrive in the same tick join the first round.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.#pending.length > 0) {
        let take = 0;
        let n = 0;
        while (
          take < this.#pending.length &&
          (take === 0 || n + (this.#pending[take] as Pending).records.length <= this.#maxCommit)
        ) {
          n += (this.#pending[take] as Pending).records.length;
          take++;
        }
        const round = this.#pending.splice(0, take);
        const groups = new Map<string, Pending[]>();
        for (const p of round) {
          const key = `${p.kind}\u0000${p.projectId}`;
          const g = groups.get(key);
          if (g === undefined) groups.set(key, [p]);
          else g.push(p);
        }
        for (const group of groups.values()) {
          try {
            await this.#commit(group);
          } catch (error) {
            // #commit settles its requests itself; this only guards against a bug leaving them hanging.
            for (const p of group) p.reject(error);
          }
        }
        for (const p of round) {
          this.#queuedRecords -= p.records.length;
          this.#queuedBytes -= p.bytes;
        }
        this.#hooks.setQueueDepth?.(this.#queuedRecords);
      }
    } finally {
      this.#writer = undefined;
    }
  }

  /**
   * One store append for the requests of one (kind, project); settles each request. When the
   * append fails, each request is retried alone, then failed with `store_failed` if it fails again.
   */
  async #commit(group: Pending[]): Promise<void> {
    const first = group[0] as Pending;
    const { kind, projectId } = first;
    const records: IngestRecord[] =
      group.length === 1 ? (first.records as IngestRecord[]) : group.flatMap((p) => p.records);
    const started = performance.now();
    let result: AppendResult;
    try {
      result = await appendOf(this.#store, kind, projectId, records, this.#now());
    } catch (error) {
      if (group.length > 1) {
        // One request's records may be what the store refuses: commit each request on its own,
        // so the others are not failed with it.
        for (const p of group) await this.#commit([p]);
        return;
      }
      const failure = new IngestError(
        'store_failed',
        `the store failed to commit ${records.length} ${kind} records; nothing of this request was stored, retry it`,
        this.#retryAfter,
        { cause: error },
      );
      for (const p of group) p.reject(failure);
      return;
    }
    this.#hooks.observeCommit?.((performance.now() - started) / 1000, records.length);
    const duplicates = attributeDuplicates(group, result);
    let totalDup = 0;
    for (let i = 0; i < group.length; i++) {
      const p = group[i] as Pending;
      const d = duplicates[i] as number;
      totalDup += d;
      p.resolve({ inserted: p.records.length - d, duplicates: d });
    }
    this.#observe(kind, projectId, records, result, totalDup);
  }

  /** Reports a commit to the hooks. */
  #observe(kind: RecordKind, projectId: string, records: IngestRecord[], result: AppendResult, dup: number): void {
    const h = this.#hooks;
    const label = KIND_LABELS[kind];
    if (records.length - dup > 0) h.recordAccepted?.(label, records.length - dup);
    if (dup > 0) h.recordDuplicates?.(label, dup);
    if (kind === 'events' && h.recordEvents !== undefined) {
      let fresh = records as InferenceEvent[];
      if (dup > 0) {
        const skip = new Set(result.duplicateIndexes ?? []);
        fresh = fresh.filter((_, i) => !skip.has(i));
      }
      if (fresh.length > 0) h.recordEvents(projectId, fresh);
    }
  }
}

function appendOf(
  store: IngestStore,
  kind: RecordKind,
  projectId: string,
  records: IngestRecord[],
  receivedAt: number,
): Promise<AppendResult> {
  switch (kind) {
    case 'events':
      return store.appendEvents(projectId, records as RecordOfKind['events'][], receivedAt);
    case 'outcomes':
      return store.appendOutcomes(projectId, records as RecordOfKind['outcomes'][], receivedAt);
    case 'feedback':
      return store.appendFeedback(projectId, records as RecordOfKind['feedback'][], receivedAt);
    case 'scores':
      return store.appendScores(projectId, records as RecordOfKind['scores'][], receivedAt);
  }
}

/**
 * Each request's share of an append's duplicates: exact from `duplicateIndexes`, or trivially
 * when one request made up the append. Otherwise (a store that reports only a total) the
 * duplicates are assigned to the requests in order, which keeps the totals right.
 */
function attributeDuplicates(group: readonly Pending[], result: AppendResult): number[] {
  const out = new Array<number>(group.length).fill(0);
  if (result.duplicates === 0) return out;
  if (group.length === 1) {
    out[0] = result.duplicates;
    return out;
  }
  if (result.duplicateIndexes !== undefined) {
    let request = 0;
    let end = (group[0] as Pending).records.length;
    for (const index of result.duplicateIndexes) {
      while (index >= end && request < group.length - 1) {
        request++;
        end += (group[request] as Pending).records.length;
      }
      out[request] = (out[request] as number) + 1;
    }
    return out;
  }
  let left = result.duplicates;
  for (let i = 0; i < group.length && left > 0; i++) {
    const d = Math.min(left, (group[i] as Pending).records.length);
    out[i] = d;
    left -= d;
  }
  return out;
}

/** The hooks with every method wrapped: a throwing observer never fails a request. */
function safeHooks(hooks: IngestHooks): IngestHooks {
  const safe: Record<string, (...args: never[]) => void> = {};
  for (const name of [
    'recordEvents',
    'recordAccepted',
    'recordRejected',
    'recordDuplicates',
    'setQueueDepth',
    'observeCommit',
  ] as const) {
    const fn = hooks[name] as ((...args: unknown[]) => void) | undefined;
    if (fn === undefined) continue;
    safe[name] = (...args: unknown[]) => {
      try {
        fn.apply(hooks, args);
      } catch {
        // Metrics are best effort.
      }
    };
  }
  return safe as IngestHooks;
}

function mergeByIndex(a: readonly RecordRejection[], b: readonly RecordRejection[]): RecordRejection[] {
  return [...a, ...b].sort((x, y) => x.index - y.index);
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`IngestService: ${name} must be a positive number (got ${String(value)})`);
  }
  return value;
}
