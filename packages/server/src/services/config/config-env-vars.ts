/** How an environment variable's text becomes a configuration value. */
export type EnvValueType = 'string' | 'integer' | 'number' | 'boolean' | 'list';

/** One `MODELWATCH_*` variable: the configuration key it sets and how its text is read. */
export interface ConfigEnvVar {
  readonly name: string;
  /** Dotted key in `ServerConfig` (`ingest.queueSize`). */
  readonly key: string;
  readonly type: EnvValueType;
  readonly description: string;
}

/** The environment variable naming the configuration file (the `--config` flag wins over it). */
export const CONFIG_FILE_ENV_VAR = 'MODELWATCH_CONFIG';

/**
 * Every environment variable the server reads for its configuration (README lists the same).
 * Booleans accept true/false, 1/0, yes/no, on/off; lists are comma separated (an empty value is
 * the empty list); an empty value of any other type counts as unset.
 */
export const CONFIG_ENV_VARS: readonly ConfigEnvVar[] = [
  { name: 'MODELWATCH_HOST', key: 'host', type: 'string', description: 'address to listen on' },
  { name: 'MODELWATCH_PORT', key: 'port', type: 'integer', description: 'port to listen on' },
  { name: 'MODELWATCH_DATA_DIR', key: 'dataDir', type: 'string', description: 'directory of the store file' },
  {
    name: 'MODELWATCH_STORE',
    key: 'store',
    type: 'string',
    description: 'store: duckdb, or clickhouse://host:port/db?shards=host:port,…&cluster=name',
  },
  { name: 'MODELWATCH_LOG_LEVEL', key: 'logLevel', type: 'string', description: 'log level (fatal … trace, silent)' },
  {
    name: 'MODELWATCH_INGEST_MAX_BODY_BYTES',
    key: 'ingest.maxBodyBytes',
    type: 'integer',
    description: 'largest ingest request body in bytes',
  },
  {
    name: 'MODELWATCH_INGEST_QUEUE_SIZE',
    key: 'ingest.queueSize',
    type: 'integer',
    description: 'records waiting to be written before ingest answers 503',
  },
  {
    name: 'MODELWATCH_RATE_LIMIT_PER_MINUTE',
    key: 'rateLimit.perKeyPerMinute',
    type: 'integer',
    description: 'requests per minute per API key (0: off)',
  },
  { name: 'MODELWATCH_PII_REDACT', key: 'pii.redact', type: 'list', description: 'PII types redacted before storage' },
  {
    name: 'MODELWATCH_RETENTION_DAYS',
    key: 'retention.rawEventsDays',
    type: 'integer',
    description: 'days raw events are kept',
  },
  {
    name: 'MODELWATCH_EVALUATOR_INTERVAL_SECONDS',
    key: 'evaluator.intervalSeconds',
    type: 'integer',
    description: 'seconds between evaluator runs',
  },
  { name: 'MODELWATCH_DEMO', key: 'demo.enabled', type: 'boolean', description: 'generate demo traffic' },
  {
    name: 'MODELWATCH_DEMO_EVENTS_PER_SECOND',
    key: 'demo.eventsPerSecond',
    type: 'number',
    description: 'demo events per second',
  },
  {
    name: 'MODELWATCH_METRICS_AUTH',
    key: 'metrics.auth',
    type: 'string',
    description: 'who may scrape /metrics: key or localhost',
  },
];
