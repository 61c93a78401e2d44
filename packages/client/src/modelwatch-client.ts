import { type BackoffOptions, backoffDelay } from './backoff-delay.js';
import { registerExitFlush } from './exit-flush.js';
import { gzipCodec } from './gzip-codec.js';
import { LruCache } from './lru-cache.js';
import {
  ModelwatchClientError,
  type ModelwatchClientErrorCode,
  type RecordRejection,
} from './modelwatch-client-error.js';
import { type QueuedRecord, RecordQueue } from './record-queue.js';
import type {
  Assignment,
  FeedbackInput,
  InferenceEventInput,
  OutcomeInput,
  RecordKind,
  ScoreInput,
} from './records.js';
import { retryAfterMs } from './retry-after.js';
import { type WrapDescription, wrapModelCall } from './wrap-model-call.js';

/** Why a record was dropped without being sent. */
export type DropReason =
  /** The queue held `maxQueue` records (see `dropPolicy`). */
  | 'queue_full'
  /** `log…` was called after `close()`. */
  | 'closed'
  /** The record was not an object, or could not be serialised to JSON (a cycle, a BigInt). */
  | 'invalid';

export interface DropNotice {
  reason: DropReason;
  kind: RecordKind;
  /** The dropped record's request id, when it had one. */
  requestId: string | undefined;
}

export interface ModelwatchClientOptions {
  /** The server, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** An API key with the ingest scope (sent as `Authorization: Bearer …`). */
  apiKey: string;
  /** Records per request; a full batch is sent at once. Default 500. */
  batchSize?: number;
  /** A partial batch is sent at most this long after its first record was logged. Default 1000. */
  flushIntervalMs?: number;
  /** Records waiting to be sent (in-flight ones not counted). Default 10 000. */
  maxQueue?: number;
  /** Which record a full queue gives up: the one being logged (default) or the oldest waiting one. */
  dropPolicy?: 'drop-newest' | 'drop-oldest';
  /** Requests in flight at once (a batch waiting to retry holds its slot). Default 2. */
  maxConcurrency?: number;
  /** gzip request bodies larger than `gzipMinBytes`. Default true. */
  gzip?: boolean;
  /** Default 1024. */
  gzipMinBytes?: number;
  /** Attempts per batch, the first included, before its records count as failed. Default 8. */
  maxAttempts?: number;
  /** Backoff between attempts: full jitter, base 200 ms, cap 30 s by default. */
  backoff?: BackoffOptions;
  /** Per-request timeout (ms), response body included. Default 10 000. */
  timeoutMs?: number;
  /** Undelivered records and failed requests. Exceptions thrown here are ignored. */
  onError?: (error: ModelwatchClientError) => void;
  /** Called once per dropped record. Exceptions thrown here are ignored. */
  onDrop?: (notice: DropNotice) => void;
  /** The fetch implementation. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Flush on `beforeExit`, SIGTERM and SIGINT (see exit-flush.ts). Default true. */
  flushOnExit?: boolean;
  /** Longest wait for the flush at exit (ms). Default 5000. */
  exitTimeoutMs?: number;
  /** Assignment cache: entries (default 10 000; 0 disables) and time to live (default 10 min). */
  assignmentCache?: { maxEntries?: number; ttlMs?: number };
  /** Uniform [0, 1) source for jitter. Default `Math.random`. */
  random?: () => number;
  /** Waits between attempts. Default an unref'd `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
  /** Wall clock (epoch ms) for default timestamps and Retry-After dates. Default `Date.now`. */
  now?: () => number;
  /** Monotonic clock (ms) for `wrap` latencies. Default `performance.now`. */
  monotonicNow?: () => number;
}

/** Counters since the client was created. Every logged record ends in exactly one of
 * sent, dropped, failed or rejected, or is still queued or in flight. */
export interface ClientStats {
  /** Records waiting to be sent. */
  queued: number;
  /** Records in requests not yet answered (including batches waiting to retry). */
  inFlight: number;
  /** Records the server acknowledged (accepted, or already stored: duplicates). */
  sent: number;
  /** Records dropped before sending (full queue, closed client, invalid record). */
  dropped: number;
  /** Records given up on: retries exhausted, 400, 401/403, 413 for one record, other 4xx. */
  failed: number;
  /** Attempts after the first, over all batches. */
  retries: number;
  /** Records the server rejected as invalid (in a 200 response). */
  rejected: number;
}

const ENDPOINT: Record<RecordKind, string> = {
  events: '/v1/events',
  outcomes: '/v1/outcomes',
  feedback: '/v1/feedback',
  scores: '/v1/scores',
};
const KINDS = Object.keys(ENDPOINT) as RecordKind[];

interface Batch {
  readonly kind: RecordKind;
  readonly records: readonly QueuedRecord[];
}

/** What one POST came to. */
type Attempt =
  | { type: 'delivered'; rejections: RecordRejection[]; status: number }
  | { type: 'split'; status: number }
  | { type: 'fatal'; code: ModelwatchClientErrorCode; status: number; message: string }
  | { type: 'retry'; status: number | undefined; delayMs: number | undefined; cause: unknown; message: string };

/**
 * Sends inference events, outcomes, feedback and scores to a modelwatch server. `log…` never
 * blocks and never throws: it serialises the record, queues it and returns its request id. Batches
 * go out when `batchSize` records are waiting or `flushIntervalMs` after the first one, at most
 * `maxConcurrency` at a time, gzipped above 1 KB, retried with full-jitter backoff (or after
 * `Retry-After`) on 429, 5xx and network errors, split in halves on 413. Memory is bounded by
 * `maxQueue` + `batchSize · maxConcurrency` records.
 */
export class ModelwatchClient {
  readonly exitTimeoutMs: number;
  readonly #baseUrl: string;
  readonly #apiKey: string;
  readonly #batchSize: number;
  readonly #flushIntervalMs: number;
  readonly #maxQueue: number;
  readonly #dropOldest: boolean;
  readonly #maxConcurrency: number;
  readonly #gzip: boolean;
  readonly #gzipMinBytes: number;
  readonly #maxAttempts: number;
  readonly #backoff: BackoffOptions;
  readonly #timeoutMs: number;
  readonly #onError: ((error: ModelwatchClientError) => void) | undefined;
  readonly #onDrop: ((notice: DropNotice) => void) | undefined;
  readonly #fetch: typeof fetch;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  readonly #monotonicNow: () => number;
  readonly #assignments: LruCache<Assignment>;
  readonly #assignmentsInFlight = new Map<string, Promise<Assignment>>();
  readonly #unregisterExit: () => void;

  readonly #queues: Record<RecordKind, RecordQueue> = {
    events: new RecordQueue(),
    outcomes: new RecordQueue(),
    feedback: new RecordQueue(),
    scores: new RecordQueue(),
  };
  readonly #inFlight = new Set<Batch>();
  readonly #waiters: { through: number; resolve: () => void }[] = [];
  #seq = 0;
  /** Every waiting record with a seq up to this is sent without waiting for a full batch. */
  #flushThrough = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pumpScheduled = false;
  #closed = false;
  readonly #stats: ClientStats = { queued: 0, inFlight: 0, sent: 0, dropped: 0, failed: 0, retries: 0, rejected: 0 };

  /** @throws {ModelwatchClientError} code 'invalid_option' naming the option, the expectation and the value. */
  constructor(options: ModelwatchClientOptions) {
    const fail = (name: string, expected: string, value: unknown): never => {
      throw new ModelwatchClientError(
        'invalid_option',
        `ModelwatchClient: options.${name} must be ${expected} (got ${describeValue(value)})`,
      );
    };
    if (typeof options !== 'object' || options === null)
      throw new ModelwatchClientError(
        'invalid_option',
        `ModelwatchClient: options must be an object (got ${describeValue(options)})`,
      );
    let url: URL | undefined;
    try {
      url = new URL(options.baseUrl);
    } catch {
      // Reported below.
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      fail('baseUrl', 'an http(s) URL', options.baseUrl);
    this.#baseUrl = String(options.baseUrl).replace(/\/+$/, '');
    if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
      fail('apiKey', 'a non-empty string', options.apiKey);
    this.#apiKey = options.apiKey;
    const int = (name: keyof ModelwatchClientOptions, fallback: number, min: number): number => {
      const value = options[name] ?? fallback;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
        fail(name, `an integer ≥ ${min}`, value);
      return value as number;
    };
    this.#batchSize = int('batchSize', 500, 1);
    this.#flushIntervalMs = int('flushIntervalMs', 1000, 0);
    this.#maxQueue = int('maxQueue', 10_000, 0);
    this.#maxConcurrency = int('maxConcurrency', 2, 1);
    this.#gzipMinBytes = int('gzipMinBytes', 1024, 0);
    this.#maxAttempts = int('maxAttempts', 8, 1);
    this.#timeoutMs = int('timeoutMs', 10_000, 1);
    this.exitTimeoutMs = int('exitTimeoutMs', 5000, 0);
    const policy = options.dropPolicy ?? 'drop-newest';
    if (policy !== 'drop-newest' && policy !== 'drop-oldest')
      fail('dropPolicy', "'drop-newest' or 'drop-oldest'", options.dropPolicy);
    this.#dropOldest = policy === 'drop-oldest';
    this.#gzip = options.gzip ?? true;
    const backoff = options.backoff ?? {};
    for (const key of ['baseMs', 'capMs'] as const) {
      const value = backoff[key];
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0))
        fail(`backoff.${key}`, 'a finite number ≥ 0', value);
    }
    this.#backoff = backoff;
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') fail('fetch', 'a function (no global fetch here)', fetchImpl);
    this.#fetch = fetchImpl;
    this.#onError = options.onError;
    this.#onDrop = options.onDrop;
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? unrefSleep;
    this.#now = options.now ?? Date.now;
    this.#monotonicNow = options.monotonicNow ?? (() => performance.now());
    const cache = options.assignmentCache ?? {};
    this.#assignments = new LruCache<Assignment>({
      maxEntries: cache.maxEntries ?? 10_000,
      ttlMs: cache.ttlMs ?? 600_000,
      now: this.#now,
    });
    this.#unregisterExit = (options.flushOnExit ?? true) ? registerExitFlush(this) : () => {};
  }

  /** Queues an inference event and returns its request id (generated when missing). Never throws. */
  log(event: InferenceEventInput): string {
    return this.#enqueue('events', event, true);
  }

  /** Queues the ground truth of a request. Never throws. */
  logOutcome(outcome: OutcomeInput): string {
    return this.#enqueue('outcomes', outcome, false);
  }

  /** Queues user feedback on a request. Never throws. */
  logFeedback(feedback: FeedbackInput): string {
    return this.#enqueue('feedback', feedback, false);
  }

  /** Queues a judge or human score of a request. Never throws. */
  logScore(score: ScoreInput): string {
    return this.#enqueue('scores', score, false);
  }

  /** A copy of the counters. */
  stats(): ClientStats {
    return { ...this.#stats };
  }

  /** Records buffered or in flight. */
  pending(): number {
    return this.#stats.queued + this.#stats.inFlight;
  }

  /**
   * Resolves when every record logged before the call was delivered, dropped, rejected or given up
   * on (after its retries). Never rejects; failures go to `onError` and `stats()`.
   */
  flush(): Promise<void> {
    const through = this.#seq;
    if (this.#oldestUnsettled() > through) return Promise.resolve();
    this.#flushThrough = Math.max(this.#flushThrough, through);
    const settled = new Promise<void>((resolve) => this.#waiters.push({ through, resolve }));
    this.#pump();
    return settled;
  }

  /** Flushes, stops the timer and the exit hooks. Records logged afterwards are dropped ('closed'). */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#unregisterExit();
    }
    await this.flush();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Wraps a model call: each call is timed and logged as an event (status ok or error, with
   * `errorType` from `describe.classifyError`), its result returned and its error rethrown unchanged.
   * @example
   * const classify = client.wrap(model.predict, {
   *   event: { model: 'churn', version: '3' },
   *   output: (p) => ({ label: p.label, score: p.score }),
   * });
   */
  wrap<A extends unknown[], R>(
    fn: (...args: A) => R | Promise<R>,
    describe: WrapDescription<A, R>,
  ): (...args: A) => Promise<R> {
    return wrapModelCall((event) => this.log(event), this.#monotonicNow, fn, describe);
  }

  /**
   * The variant `unitId` is assigned in `experimentId` (sticky, so cached: LRU, `assignmentCache`).
   * Concurrent lookups of the same pair share one request.
   * @throws {ModelwatchClientError} 'invalid_option', 'unauthorized', 'http_error', 'network' or 'bad_response'.
   */
  async getAssignment(experimentId: string, unitId: string): Promise<Assignment> {
    for (const [name, value] of [
      ['experimentId', experimentId],
      ['unitId', unitId],
    ] as const) {
      if (typeof value !== 'string' || value === '')
        throw new ModelwatchClientError(
          'invalid_option',
          `getAssignment: ${name} must be a non-empty string (got ${describeValue(value)})`,
        );
    }
    const key = `${experimentId}\u0000${unitId}`;
    const cached = this.#assignments.get(key);
    if (cached !== undefined) return cached;
    const pending = this.#assignmentsInFlight.get(key);
    if (pending !== undefined) return pending;
    const request = this.#fetchAssignment(experimentId, unitId).finally(() => this.#assignmentsInFlight.delete(key));
    this.#assignmentsInFlight.set(key, request);
    const assignment = await request;
    this.#assignments.set(key, assignment);
    return assignment;
  }

  async #fetchAssignment(experimentId: string, unitId: string): Promise<Assignment> {
    const url = `${this.#baseUrl}/v1/experiments/${encodeURIComponent(experimentId)}/assignment?unitId=${encodeURIComponent(unitId)}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    unref(timer);
    let status: number;
    let text: string;
    try {
      const response = await this.#fetch(url, {
        headers: { authorization: `Bearer ${this.#apiKey}`, accept: 'application/json' },
        signal: controller.signal,
      });
      status = response.status;
      text = await response.text();
    } catch (cause) {
      throw new ModelwatchClientError(
        'network',
        `getAssignment: GET ${url} failed: ${controller.signal.aborted ? `timed out after ${this.#timeoutMs} ms` : describeCause(cause)}`,
        { cause },
      );
    } finally {
      clearTimeout(timer);
    }
    if (status === 401 || status === 403)
      throw new ModelwatchClientError('unauthorized', `getAssignment: ${status} ${serverMessage(text)}`, { status });
    if (status < 200 || status > 299)
      throw new ModelwatchClientError('http_error', `getAssignment: ${status} ${serverMessage(text)}`, { status });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const a = body as Partial<Assignment> | undefined;
    if (typeof a !== 'object' || a === null || typeof a.variant !== 'string' || typeof a.bucket !== 'number')
      throw new ModelwatchClientError(
        'bad_response',
        `getAssignment: expected { variant: string, bucket: number } (got ${text.slice(0, 200)})`,
        { status },
      );
    const assignment: Assignment = { experimentId, unitId, variant: a.variant, bucket: a.bucket };
    if (typeof a.inExperiment === 'boolean') assignment.inExperiment = a.inExperiment;
    if (typeof a.reason === 'string') assignment.reason = a.reason;
    if (typeof a.mirrorTo === 'string') assignment.mirrorTo = a.mirrorTo;
    return assignment;
  }

  #enqueue(kind: RecordKind, record: object, fillRequestId: boolean): string {
    const input = (typeof record === 'object' && record !== null ? record : undefined) as
      | { requestId?: unknown; timestamp?: unknown }
      | undefined;
    let requestId = typeof input?.requestId === 'string' ? input.requestId : undefined;
    if (input === undefined) {
      this.#drop(kind, undefined, 'invalid');
      return '';
    }
    const fill: { requestId?: string; timestamp?: number } = {};
    if (requestId === undefined && fillRequestId) {
      requestId = newRequestId();
      fill.requestId = requestId;
    }
    if (input.timestamp === undefined) fill.timestamp = Math.round(this.#now());
    if (this.#closed) {
      this.#drop(kind, requestId, 'closed');
      return requestId ?? '';
    }
    let json: string;
    try {
      json = JSON.stringify(
        fill.requestId === undefined && fill.timestamp === undefined ? input : { ...input, ...fill },
      );
    } catch {
      this.#drop(kind, requestId, 'invalid');
      return requestId ?? '';
    }
    if (this.#stats.queued >= this.#maxQueue) {
      const oldest = this.#dropOldest ? this.#oldestQueue() : undefined;
      const victim = oldest?.[1].shift();
      if (oldest === undefined || victim === undefined) {
        this.#drop(kind, requestId, 'queue_full');
        return requestId ?? '';
      }
      this.#stats.queued -= 1;
      this.#drop(oldest[0], victim.requestId, 'queue_full');
    }
    this.#seq += 1;
    this.#queues[kind].push({ seq: this.#seq, requestId: requestId ?? '', json });
    this.#stats.queued += 1;
    if (this.#queues[kind].length >= this.#batchSize) this.#schedulePump();
    else this.#armTimer();
    return requestId ?? '';
  }

  #drop(kind: RecordKind, requestId: string | undefined, reason: DropReason): void {
    this.#stats.dropped += 1;
    safeCall(this.#onDrop, { reason, kind, requestId });
    if (this.#waiters.length > 0) this.#settleWaiters();
  }

  #armTimer(): void {
    if (this.#timer !== undefined || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#flushThrough = Math.max(this.#flushThrough, this.#seq);
      this.#pump();
    }, this.#flushIntervalMs);
    unref(this.#timer);
  }

  /** Pumps on a microtask, so records logged in the same tick share a batch. */
  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  /** Starts batches while there is a free slot and a ready batch (full, or due to a flush). */
  #pump(): void {
    while (this.#inFlight.size < this.#maxConcurrency) {
      const kind = this.#readyKind();
      if (kind === undefined) break;
      const records = this.#queues[kind].take(this.#batchSize);
      this.#stats.queued -= records.length;
      this.#stats.inFlight += records.length;
      const batch: Batch = { kind, records };
      this.#inFlight.add(batch);
      void this.#send(kind, records).then(() => {
        this.#inFlight.delete(batch);
        this.#stats.inFlight -= records.length;
        this.#settleWaiters();
        this.#pump();
      });
    }
    // Records logged after the last flush point still need the timer.
    if (this.#stats.queued > 0 && this.#seq > this.#flushThrough) this.#armTimer();
  }

  /** The kind whose oldest waiting record is oldest among those with a batch ready to go. */
  #readyKind(): RecordKind | undefined {
    let best: RecordKind | undefined;
    let bestSeq = Number.POSITIVE_INFINITY;
    for (const kind of KINDS) {
      const queue = this.#queues[kind];
      const head = queue.peek();
      if (head === undefined) continue;
      const ready = queue.length >= this.#batchSize || head.seq <= this.#flushThrough;
      if (ready && head.seq < bestSeq) {
        best = kind;
        bestSeq = head.seq;
      }
    }
    return best;
  }

  #oldestQueue(): [RecordKind, RecordQueue] | undefined {
    let best: [RecordKind, RecordQueue] | undefined;
    for (const kind of KINDS) {
      const head = this.#queues[kind].peek();
      if (head !== undefined && (best === undefined || head.seq < (best[1].peek()?.seq ?? 0)))
        best = [kind, this.#queues[kind]];
    }
    return best;
  }

  /** The smallest seq not yet settled (waiting or in flight); +∞ when none. */
  #oldestUnsettled(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const kind of KINDS) oldest = Math.min(oldest, this.#queues[kind].peek()?.seq ?? oldest);
    for (const batch of this.#inFlight) oldest = Math.min(oldest, batch.records[0]?.seq ?? oldest);
    return oldest;
  }

  #settleWaiters(): void {
    const oldest = this.#oldestUnsettled();
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const waiter = this.#waiters[i];
      if (waiter !== undefined && waiter.through < oldest) {
        this.#waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  /** Delivers one batch (splitting it on 413); settles every record in it. Never rejects. */
  async #send(kind: RecordKind, records: readonly QueuedRecord[]): Promise<void> {
    try {
      const { body, gzipped } = await this.#encode(records);
      for (let attempt = 1; ; attempt++) {
        const result = await this.#post(kind, body, gzipped);
        if (result.type === 'delivered') {
          this.#delivered(kind, records, result.rejections, result.status);
          return;
        }
        if (result.type === 'split') {
          if (records.length === 1) {
            this.#failed('payload_too_large', kind, records, 'the server refused one record as too large (413)', {
              status: result.status,
            });
            return;
          }
          const half = Math.ceil(records.length / 2);
          await this.#send(kind, records.slice(0, half));
          await this.#send(kind, records.slice(half));
          return;
        }
        if (result.type === 'fatal') {
          this.#failed(result.code, kind, records, result.message, { status: result.status });
          return;
        }
        if (attempt >= this.#maxAttempts) {
          this.#failed(
            'retries_exhausted',
            kind,
            records,
            `gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${result.message}`,
            { status: result.status, cause: result.cause },
          );
          return;
        }
        this.#stats.retries += 1;
        await this.#sleep(result.delayMs ?? backoffDelay(attempt, this.#random, this.#backoff));
      }
    } catch (cause) {
      // Only a bug or a throwing injected dependency gets here; the records must still settle.
      this.#failed('retries_exhausted', kind, records, `unexpected failure: ${describeCause(cause)}`, { cause });
    }
  }

  async #encode(records: readonly QueuedRecord[]): Promise<{ body: Uint8Array; gzipped: boolean }> {
    const plain = new TextEncoder().encode(`[${records.map((r) => r.json).join(',')}]`);
    if (!this.#gzip || plain.byteLength <= this.#gzipMinBytes) return { body: plain, gzipped: false };
    const gzip = await gzipCodec();
    if (gzip === undefined) return { body: plain, gzipped: false };
    try {
      return { body: await gzip(plain), gzipped: true };
    } catch {
      return { body: plain, gzipped: false };
    }
  }

  async #post(kind: RecordKind, body: Uint8Array, gzipped: boolean): Promise<Attempt> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#apiKey}`,
      'content-type': 'application/json',
    };
    if (gzipped) headers['content-encoding'] = 'gzip';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    unref(timer);
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.#baseUrl}${ENDPOINT[kind]}`, {
        method: 'POST',
        headers,
        body: body as BodyInit,
        signal: controller.signal,
      });
      text = await response.text();
    } catch (cause) {
      const message = controller.signal.aborted ? `timed out after ${this.#timeoutMs} ms` : describeCause(cause);
      return { type: 'retry', status: undefined, delayMs: undefined, cause, message };
    } finally {
      clearTimeout(timer);
    }
    const status = response.status;
    if (status >= 200 && status <= 299) return { type: 'delivered', rejections: parseRejections(text), status };
    const message = `${status} ${serverMessage(text)}`;
    if (status === 413) return { type: 'split', status };
    if (status === 429 || status === 503) {
      const delayMs = retryAfterMs(response.headers.get('retry-after'), this.#now());
      return { type: 'retry', status, delayMs, cause: undefined, message };
    }
    if (status >= 500 || status === 408)
      return { type: 'retry', status, delayMs: undefined, cause: undefined, message };
    if (status === 400) return { type: 'fatal', code: 'bad_request', status, message };
    if (status === 401 || status === 403) return { type: 'fatal', code: 'unauthorized', status, message };
    return { type: 'fatal', code: 'http_error', status, message };
  }

  #delivered(kind: RecordKind, records: readonly QueuedRecord[], rejected: RecordRejection[], status: number): void {
    const rejections: RecordRejection[] = [];
    const seen = new Set<number>();
    for (const r of rejected) {
      const index = Number(r.requestId);
      const record = records[index];
      if (record === undefined || seen.has(index)) continue;
      seen.add(index);
      rejections.push({ requestId: record.requestId, field: r.field, message: r.message });
    }
    this.#stats.sent += records.length - rejections.length;
    if (rejections.length === 0) return;
    this.#stats.rejected += rejections.length;
    const first = rejections[0];
    safeCall(
      this.#onError,
      new ModelwatchClientError(
        'rejected',
        `${rejections.length} of ${records.length} ${kind} rejected by the server` +
          (first ? `; first: ${first.field}: ${first.message}` : ''),
        { kind, status, rejections, requestIds: rejections.map((r) => r.requestId) },
      ),
    );
  }

  #failed(
    code: ModelwatchClientErrorCode,
    kind: RecordKind,
    records: readonly QueuedRecord[],
    message: string,
    details: { status?: number | undefined; cause?: unknown },
  ): void {
    this.#stats.failed += records.length;
    const extra: { status?: number; cause?: unknown } = {};
    if (details.status !== undefined) extra.status = details.status;
    if (details.cause !== undefined) extra.cause = details.cause;
    safeCall(
      this.#onError,
      new ModelwatchClientError(code, `POST ${ENDPOINT[kind]} (${records.length} records): ${message}`, {
        kind,
        requestIds: records.map((r) => r.requestId),
        ...extra,
      }),
    );
  }
}

/**
 * The rejected list of a 200 response, with the batch index in `requestId` (as a string) until
 * `#delivered` maps it to the record's id. A body that is not the protocol's yields no rejections.
 */
function parseRejections(text: string): RecordRejection[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  const rejected = (body as { rejected?: unknown } | null)?.rejected;
  if (!Array.isArray(rejected)) return [];
  const out: RecordRejection[] = [];
  for (const r of rejected as { index?: unknown; field?: unknown; message?: unknown }[]) {
    if (typeof r !== 'object' || r === null || typeof r.index !== 'number' || !Number.isInteger(r.index)) continue;
    out.push({ requestId: String(r.index), field: String(r.field ?? ''), message: String(r.message ?? '') });
  }
  return out;
}

/** The server's error message (`{ message }` or `{ error }` JSON, else the text), short. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message = body.message ?? body.error;
    if (typeof message === 'string') return message.slice(0, 500);
  } catch {
    // Not JSON.
  }
  return text.slice(0, 500);
}

function newRequestId(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID();
  // Very old browsers: 128 random bits from Math.random, formatted as a v4 UUID.
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function unref(timer: unknown): void {
  (timer as { unref?: () => void }).unref?.();
}

function unrefSleep(ms: number): Promise<void> {
  return new Promise((resolve) => unref(setTimeout(resolve, ms)));
}

function safeCall<T>(callback: ((value: T) => void) | undefined, value: T): void {
  if (callback === undefined) return;
  try {
    callback(value);
  } catch {
    // A throwing callback must not break delivery or the caller of log().
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === null || value === undefined) return String(value);
  return typeof value;
}
