import { PII_TYPES, type PiiType } from '@modelwatch/core/metrics';
import { z } from 'zod';

/** Stores the server can run on. `clickhouse` is planned; the schema accepts only what exists. */
export const STORE_KINDS = ['duckdb'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Fastify/pino log levels. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Who may scrape `/metrics`: `key` needs an API key with the `read` scope (the default; secure
 * when the port is reachable from elsewhere), `localhost` also answers unauthenticated requests
 * from the loopback interface (a Prometheus on the same host without a bearer token).
 */
export const METRICS_AUTH_MODES = ['key', 'localhost'] as const;
export type MetricsAuthMode = (typeof METRICS_AUTH_MODES)[number];

const positiveInt = (what: string) => z.number().int(`expected an integer ${what}`).positive(`expected ${what} > 0`);

/**
 * The server's configuration (`modelwatch.yaml`, `MODELWATCH_*` environment variables, `serve`
 * flags; `services/config` merges them). Every field is required here: the defaults are a layer
 * of their own (`DEFAULT_CONFIG`), so a value's origin is always known when it is rejected.
 */
export const ServerConfigSchema = z
  .object({
    /** Address to listen on. 127.0.0.1 keeps the server private to the host; 0.0.0.0 exposes it. */
    host: z.string().min(1, 'expected a host name or IP address'),
    /** TCP port; 0 picks a free one. */
    port: z
      .number()
      .int('expected an integer port')
      .min(0, 'expected a port in [0, 65535]')
      .max(65535, 'expected a port in [0, 65535]'),
    /** Directory of the embedded store's file (created if missing). */
    dataDir: z.string().min(1, 'expected a directory path'),
    /** `duckdb` (the file in dataDir) or a ClickHouse cluster URL `clickhouse://host:port/db?shards=…&cluster=…`. */
    store: z.union([
      z.enum(STORE_KINDS),
      z.string().regex(/^clickhouse:\/\/\S+$/, 'expected duckdb or clickhouse://host:port/database?shards=…'),
    ]),
    logLevel: z.enum(LOG_LEVELS),
    ingest: z
      .object({
        /** Largest accepted request body, in bytes (413 above it). */
        maxBodyBytes: positiveInt('number of bytes'),
        /** Records waiting to be written; above it ingest answers 503 and /readyz reports not ready. */
        queueSize: positiveInt('number of records'),
      })
      .strict(),
    rateLimit: z
      .object({
        /** Requests per minute per API key; 0 turns the limit off. */
        perKeyPerMinute: z.number().int('expected an integer').min(0, 'expected 0 (off) or more requests per minute'),
      })
      .strict(),
    pii: z
      .object({
        /** PII types redacted from text before it is stored; [] stores text as sent. */
        redact: z.array(z.enum(PII_TYPES as unknown as [PiiType, ...PiiType[]])),
      })
      .strict(),
    retention: z
      .object({
        /** Days raw inference events are kept; aggregates outlive them. */
        rawEventsDays: positiveInt('number of days'),
      })
      .strict(),
    evaluator: z
      .object({
        /** Seconds between evaluator runs (SLIs, drift, experiments, alerts). */
        intervalSeconds: positiveInt('number of seconds'),
      })
      .strict(),
    demo: z
      .object({
        /**
         * Generate demo traffic into the `default` project (a seeded stream of a demo model), so a
         * fresh `npm start` has something to show. On by default; turn it off in production.
         */
        enabled: z.boolean(),
        /** Demo requests per second (mean of Poisson arrivals over the demo's two models). */
        eventsPerSecond: z
          .number()
          .positive('expected events per second > 0')
          .max(10_000, 'expected at most 10000 events per second'),
      })
      .strict(),
    metrics: z
      .object({
        auth: z.enum(METRICS_AUTH_MODES),
      })
      .strict(),
  })
  .strict();
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

/** The values used when neither a flag, an environment variable nor the file sets one. */
export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: './data',
  store: 'duckdb',
  logLevel: 'info',
  ingest: { maxBodyBytes: 5 * 1024 * 1024, queueSize: 50_000 },
  rateLimit: { perKeyPerMinute: 6_000 },
  pii: { redact: [...PII_TYPES] },
  retention: { rawEventsDays: 30 },
  evaluator: { intervalSeconds: 60 },
  demo: { enabled: true, eventsPerSecond: 50 },
  metrics: { auth: 'key' },
};
