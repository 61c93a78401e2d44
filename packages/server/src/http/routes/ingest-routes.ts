import { getHeapStatistics } from 'node:v8';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  DEFAULT_MAX_DECOMPRESSED_BYTES,
  DEFAULT_MAX_RECORDS,
  decodeIngestBody,
  IngestError,
  type IngestService,
  type RecordKind,
} from '../../services/ingest/index.js';
import { projectOf, requireScope } from '../auth.js';

/** Per-key request rate limit of the ingest routes. */
export interface IngestRateLimit {
  /** Requests per window per API key (default 10 000). */
  readonly max: number;
  /** Window length in milliseconds (default 10 000). */
  readonly timeWindowMs: number;
}

/** Event-loop and memory backpressure of the ingest routes (503 + Retry-After when exceeded). */
export interface IngestPressure {
  /** Event-loop delay in ms above which requests are refused (default 1 000; 0 disables). */
  readonly maxEventLoopDelayMs?: number;
  /** Heap bytes above which requests are refused (default 85 % of V8's heap limit; 0 disables). */
  readonly maxHeapUsedBytes?: number;
  /** Resident set bytes above which requests are refused (default 0: off). */
  readonly maxRssBytes?: number;
  /** Retry-After in seconds (default 2). */
  readonly retryAfterSeconds?: number;
  /** How often event-loop delay and memory are sampled, in ms (default 1 000). */
  readonly sampleIntervalMs?: number;
}

/** Options of `registerIngestRoutes`. */
export interface IngestRoutesOptions {
  readonly ingest: IngestService;
  /** Largest request body as sent (compressed when gzip), in bytes (default 16 MiB). */
  readonly bodyLimitBytes?: number;
  /** Largest body after gzip decompression, in bytes (default 64 MiB). */
  readonly maxDecompressedBytes?: number;
  /** Records per request (default 100 000). */
  readonly maxRecordsPerRequest?: number;
  /** Per-API-key rate limit (429 + Retry-After); `false` turns it off. */
  readonly rateLimit?: IngestRateLimit | false;
  /** Backpressure (503 + Retry-After); `false` leaves it to the host app. */
  readonly pressure?: IngestPressure | false;
}

const ROUTES: readonly { url: string; kind: RecordKind; what: string }[] = [
  { url: '/v1/events', kind: 'events', what: 'inference events' },
  { url: '/v1/outcomes', kind: 'outcomes', what: 'outcomes (delayed ground truth)' },
  { url: '/v1/feedback', kind: 'feedback', what: 'user feedback' },
  { url: '/v1/scores', kind: 'scores', what: 'judge or human scores' },
];

const JSON_TYPES = ['application/json'];
const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

const RESPONSE_200 = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected'],
  properties: {
    accepted: { type: 'integer', description: 'records newly stored' },
    duplicates: { type: 'integer', description: 'records already stored (retries), not stored again' },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'field', 'message'],
        properties: { index: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/**
 * The ingest API: `POST /v1/events`, `/v1/outcomes`, `/v1/feedback`, `/v1/scores`, each behind
 * the `ingest` scope. A body is a JSON array of records (or one record), or NDJSON
 * (`application/x-ndjson`), optionally `Content-Encoding: gzip`. The answer is
 * `200 { accepted, duplicates, rejected: [{ index, field, message }] }` once the accepted records
 * are committed; 400 for a body that is not JSON (naming the position), 413 over a size limit
 * (naming it), 415 for another content type or encoding, 429 over the key's rate limit and 503
 * when overloaded (both with Retry-After). Registered in its own encapsulated scope, so its body
 * parsers, rate limit and backpressure apply to these routes only.
 */
export async function registerIngestRoutes(app: FastifyInstance, options: IngestRoutesOptions): Promise<void> {
  const bodyLimit = options.bodyLimitBytes ?? 16 * 1024 * 1024;
  const limits = {
    maxDecompressedBytes: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    maxRecords: options.maxRecordsPerRequest ?? DEFAULT_MAX_RECORDS,
  };
  const { ingest } = options;

  await app.register(async (scope) => {
    // Raw buffers: the service parses (JSON or NDJSON, after gunzip) in one place.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...JSON_TYPES, ...NDJSON_TYPES], { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
      done(null, body),
    );

    if (options.pressure !== false) {
      const p = options.pressure ?? {};
      const retryAfter = p.retryAfterSeconds ?? 2;
      await scope.register(underPressure, {
        maxEventLoopDelay: p.maxEventLoopDelayMs ?? 1000,
        maxHeapUsedBytes: p.maxHeapUsedBytes ?? Math.floor(getHeapStatistics().heap_size_limit * 0.85),
        maxRssBytes: p.maxRssBytes ?? 0,
        retryAfter,
        sampleInterval: p.sampleIntervalMs ?? 1000,
        pressureHandler: async (_req, reply, type, value) => {
          reply.header('retry-after', String(retryAfter));
          throw Object.assign(
            new Error(
              `the server is under pressure (${type}${value === undefined ? '' : ` = ${Math.round(value)}`}); retry after ${retryAfter} s`,
            ),
            { statusCode: 503 },
          );
        },
      });
    }

    if (options.rateLimit !== false) {
      const r = options.rateLimit ?? { max: 10_000, timeWindowMs: 10_000 };
      await scope.register(rateLimit, {
        global: true,
        max: r.max,
        timeWindow: r.timeWindowMs,
        hook: 'preHandler',
        keyGenerator: (request) => request.principal?.keyId ?? request.ip,
        errorResponseBuilder: (_request, context) => ({
          statusCode: context.statusCode,
          error: 'rate_limited',
          message: `this API key exceeded ${context.max} requests per ${r.timeWindowMs / 1000} s; retry after ${context.after}`,
        }),
      });
    }

    for (const route of ROUTES) {
      scope.post(route.url, {
        preHandler: requireScope('ingest'),
        schema: {
          summary: `Ingest ${route.what}`,
          response: { 200: RESPONSE_200 },
        },
        errorHandler: (error: FastifyError, _request, reply) => errorReply(error, reply, bodyLimit),
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          const encoding = contentEncoding(request);
          if (encoding === undefined) {
            return reply.code(415).send({
              error: 'unsupported_media_type',
              message: `expected Content-Encoding gzip or identity, got ${JSON.stringify(request.headers['content-encoding'])}`,
            });
          }
          if (!Buffer.isBuffer(request.body)) {
            // No body and no Content-Type: Fastify runs no parser at all.
            return reply.code(400).send({
              error: 'invalid_body',
              message: `the body is empty; expected a JSON array of records or one record object (Content-Type ${JSON_TYPES[0]}) or NDJSON (${NDJSON_TYPES[0]})`,
            });
          }
          const type = (request.headers['content-type'] ?? '').toLowerCase();
          const format = NDJSON_TYPES.some((t) => type.startsWith(t)) ? 'ndjson' : 'json';
          const body = await decodeIngestBody(request.body, { format, gzip: encoding === 'gzip' }, limits);
          const result = await ingest.ingest(projectOf(request), route.kind, body);
          return reply.code(200).send(result);
        },
      });
    }
  });
}

function contentEncoding(request: FastifyRequest): 'gzip' | 'identity' | undefined {
  const raw = request.headers['content-encoding'];
  if (raw === undefined) return 'identity';
  const e = String(raw).trim().toLowerCase();
  if (e === '' || e === 'identity') return 'identity';
  if (e === 'gzip' || e === 'x-gzip') return 'gzip';
  return undefined;
}

/** One place mapping ingest and framework errors to answers; client input never yields a 5xx. */
function errorReply(error: FastifyError | IngestError, reply: FastifyReply, bodyLimit: number): FastifyReply {
  if (error instanceof IngestError) {
    switch (error.code) {
      case 'invalid_body':
        return reply.code(400).send({ error: error.code, message: error.message });
      case 'too_large':
        return reply.code(413).send({ error: error.code, message: error.message });
      default:
        return reply
          .code(503)
          .header('retry-after', String(error.retryAfterSeconds ?? 1))
          .send({ error: error.code, message: error.message });
    }
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply
        .code(413)
        .send({ error: 'too_large', message: `the request body exceeds the limit of ${bodyLimit} bytes (as sent)` });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return reply.code(415).send({
        error: 'unsupported_media_type',
        message: `expected Content-Type ${[...JSON_TYPES, ...NDJSON_TYPES].join(' or ')}`,
      });
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const name = (error as { error?: unknown }).error;
    return reply
      .code(status)
      .send({ error: typeof name === 'string' ? name : (error.code ?? 'bad_request'), message: error.message });
  }
  if (status === 503) return reply.code(503).send({ error: 'overloaded', message: error.message });
  reply.log.error({ err: error }, 'ingest: unexpected error');
  return reply.code(500).send({ error: 'internal', message: 'internal error; the request was not stored' });
}
