/**
 * A real HTTP server (node:http on 127.0.0.1, port 0) speaking the modelwatch ingest and
 * assignment protocol, for the client's tests. Ingest requests consume scripted steps in order
 * (429 with Retry-After, 503, 500, 413, a dropped connection, a slow answer, …); with no step left
 * they are answered normally. Stored records are deduplicated like the real server, so a retried
 * batch is idempotent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type ScriptStep =
  /** Answer normally. */
  | { type: 'ok' }
  /** Answer with this status (no processing); `retryAfter` sets the header. */
  | { type: 'status'; status: number; retryAfter?: string }
  /** Destroy the socket before storing anything. */
  | { type: 'drop-before' }
  /** Store the records, then destroy the socket (the client never sees the acknowledgement). */
  | { type: 'drop-after' }
  /** Wait, then answer normally. */
  | { type: 'slow'; delayMs: number };

export interface ReceivedRequest {
  kind: string;
  contentType: string | undefined;
  gzipped: boolean;
  authorization: string | undefined;
  /** Parsed records, when the body parsed. */
  records: unknown[] | undefined;
  /** What the server did: a status code or 'dropped'. */
  outcome: number | 'dropped';
}

export interface ProtocolServerOptions {
  apiKey?: string;
  /** Answer 413 to a body with more records than this. */
  maxRecords?: number;
}

const KINDS = new Set(['events', 'outcomes', 'feedback', 'scores']);

export class ProtocolServer {
  readonly apiKey: string;
  maxRecords: number;
  readonly requests: ReceivedRequest[] = [];
  /** Stored records by kind, keyed like the server's idempotency key. */
  readonly stored = new Map<string, Map<string, Record<string, unknown>>>();
  readonly assignmentRequests: string[] = [];
  /** Steps for the next ingest requests, consumed in order. */
  readonly script: ScriptStep[] = [];
  /** Decides the step of ingest request n (0-based) when the script is empty. */
  stepFor: ((n: number) => ScriptStep) | undefined;
  /** Most requests handled at once. */
  maxConcurrent = 0;
  #concurrent = 0;
  #ingestCount = 0;
  readonly #server: Server;
  #url = '';

  private constructor(options: ProtocolServerOptions) {
    this.apiKey = options.apiKey ?? 'test-key';
    this.maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
    this.#server = createServer((req, res) => {
      this.#concurrent += 1;
      this.maxConcurrent = Math.max(this.maxConcurrent, this.#concurrent);
      res.on('close', () => {
        this.#concurrent -= 1;
      });
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.#json(res, 500, { message: String(error) });
      });
    });
  }

  static async start(options: ProtocolServerOptions = {}): Promise<ProtocolServer> {
    const server = new ProtocolServer(options);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    const { port } = server.#server.address() as AddressInfo;
    server.#url = `http://127.0.0.1:${port}`;
    return server;
  }

  get url(): string {
    return this.#url;
  }

  /** Forgets requests, stored records and the script. */
  reset(): void {
    this.requests.length = 0;
    this.stored.clear();
    this.assignmentRequests.length = 0;
    this.script.length = 0;
    this.stepFor = undefined;
    this.maxRecords = Number.POSITIVE_INFINITY;
    this.maxConcurrent = 0;
    this.#ingestCount = 0;
  }

  /** Stored records of one kind, in arrival order. */
  records(kind = 'events'): Record<string, unknown>[] {
    return [...(this.stored.get(kind)?.values() ?? [])];
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    const authorized = req.headers.authorization === `Bearer ${this.apiKey}`;
    const assignment = /^\/v1\/experiments\/([^/]+)\/assignment$/.exec(url.pathname);
    if (req.method === 'GET' && assignment) {
      const experimentId = decodeURIComponent(assignment[1] ?? '');
      const unitId = url.searchParams.get('unitId');
      this.assignmentRequests.push(`${experimentId}/${unitId}`);
      if (!authorized) return this.#json(res, 401, { message: 'unknown API key' });
      if (!unitId) return this.#json(res, 400, { message: 'unitId: expected a non-empty string' });
      const bucket = fnv1a(`${experimentId}:${unitId}`) % 10_000;
      return this.#json(res, 200, { experimentId, unitId, variant: bucket < 5000 ? 'control' : 'treatment', bucket });
    }
    const kind = /^\/v1\/([a-z]+)$/.exec(url.pathname)?.[1];
    if (req.method !== 'POST' || kind === undefined || !KINDS.has(kind))
      return this.#json(res, 404, { message: 'not found' });

    const gzipped = req.headers['content-encoding'] === 'gzip';
    const contentType = req.headers['content-type'];
    const request: ReceivedRequest = {
      kind,
      contentType,
      gzipped,
      authorization: req.headers.authorization,
      records: parseRecords(body, gzipped, contentType),
      outcome: 200,
    };
    this.requests.push(request);
    const n = this.#ingestCount++;
    const step = this.script.shift() ?? this.stepFor?.(n) ?? { type: 'ok' };

    if (!authorized) return this.#answer(request, res, 401, { message: 'unknown API key' });
    if (step.type === 'drop-before') return this.#drop(request, req);
    if (step.type === 'status') {
      if (step.retryAfter !== undefined) res.setHeader('retry-after', step.retryAfter);
      return this.#answer(request, res, step.status, { message: `scripted ${step.status}` });
    }
    if (step.type === 'slow') await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (request.records === undefined) return this.#answer(request, res, 400, { message: 'malformed body' });
    if (request.records.length > this.maxRecords)
      return this.#answer(request, res, 413, { message: `more than ${this.maxRecords} records` });
    const result = this.#store(kind, request.records);
    if (step.type === 'drop-after') return this.#drop(request, req);
    this.#answer(request, res, 200, result);
  }

  #store(kind: string, records: unknown[]) {
    let accepted = 0;
    let duplicates = 0;
    const rejected: { index: number; field: string; message: string }[] = [];
    const table = this.stored.get(kind) ?? new Map<string, Record<string, unknown>>();
    this.stored.set(kind, table);
    records.forEach((value, index) => {
      const record = value as Record<string, unknown>;
      const problem = recordProblem(kind, record);
      if (problem !== undefined) {
        rejected.push({ index, ...problem });
        return;
      }
      const key = idempotencyKey(kind, record);
      if (table.has(key)) duplicates += 1;
      else {
        table.set(key, record);
        accepted += 1;
      }
    });
    return { accepted, duplicates, rejected };
  }

  #answer(request: ReceivedRequest, res: ServerResponse, status: number, body: unknown): void {
    request.outcome = status;
    this.#json(res, status, body);
  }

  #drop(request: ReceivedRequest, req: IncomingMessage): void {
    request.outcome = 'dropped';
    req.socket.destroy();
  }

  #json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseRecords(body: Buffer, gzipped: boolean, contentType: string | undefined): unknown[] | undefined {
  try {
    const text = (gzipped ? gunzipSync(body) : body).toString('utf8');
    if (contentType?.startsWith('application/x-ndjson'))
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line));
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** A few of the server's checks, enough to exercise partial success. */
function recordProblem(kind: string, r: Record<string, unknown>): { field: string; message: string } | undefined {
  if (typeof r !== 'object' || r === null) return { field: '', message: 'expected an object' };
  if (typeof r.requestId !== 'string' || r.requestId === '')
    return { field: 'requestId', message: 'expected a non-empty string' };
  if (kind === 'events') {
    if (typeof r.model !== 'string' || r.model === 'invalid')
      return { field: 'model', message: 'expected letters, digits and . _ : / @ + -' };
    if (typeof r.latencyMs !== 'number' || r.latencyMs < 0)
      return { field: 'latencyMs', message: 'expected a number ≥ 0' };
  }
  return undefined;
}

function idempotencyKey(kind: string, r: Record<string, unknown>): string {
  const id = String(r.requestId);
  if (kind === 'feedback') return String(r.feedbackId ?? `${id}:${String(r.kind)}`);
  if (kind === 'scores') return `${id}:${String(r.name)}:${String(r.source)}`;
  return id;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
