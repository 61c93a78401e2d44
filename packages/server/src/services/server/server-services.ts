import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ServerConfig } from '../../domain/config.js';
import type { RouteGroup } from '../../http/app.js';
import { registerAlertRoutes } from '../../http/routes/alert-routes.js';
import { registerBaselineRoutes } from '../../http/routes/baseline-routes.js';
import { registerDashboardRoutes } from '../../http/routes/dashboard-routes.js';
import { registerEvalRunRoutes } from '../../http/routes/eval-run-routes.js';
import { registerExperimentRoutes } from '../../http/routes/experiment-routes.js';
import { registerIngestRoutes } from '../../http/routes/ingest-routes.js';
import { registerMetricsRoute } from '../../http/routes/metrics-route.js';
import { registerMonitorRoutes } from '../../http/routes/monitor-routes.js';
import { registerQueryRoutes } from '../../http/routes/query-routes.js';
import { registerRegistryRoutes } from '../../http/routes/registry-routes.js';
import { ClickHouseStore } from '../../storage/clickhouse/clickhouse-store.js';
import { DuckDbStore } from '../../storage/duckdb/duckdb-store.js';
import type { Store } from '../../storage/store.js';
import {
  AlertAdmin,
  AlertEngine,
  type AlertEngineOptions,
  DuckDbSloCounts,
  experimentAlertActions,
  experimentSignals,
  type MonitorSignal,
} from '../alerting/index.js';
import { runDemoTraffic } from '../demo/index.js';
import { DuckDbExperimentEvents, experimentServices } from '../experiments-server/index.js';
import { IngestService, type RecordKind } from '../ingest/index.js';
import { exportExperimentSignals, monitoringServices } from '../monitoring/index.js';
import { BaselineQueries, QueryService } from '../query/index.js';
import { projectRegistries } from '../registry/index.js';
import { TelemetryMetrics } from '../telemetry/index.js';
import { DEFAULT_PROJECT_ID } from './api-key-admin.js';
import { EvaluatorLoop, type EvaluatorStep } from './evaluator-loop.js';
import { storePath } from './open-store.js';
import type { ReadinessProbe } from './readiness.js';
import { retentionStep } from './retention-step.js';

/** Share of `ingest.queueSize` above which `/readyz` reports the ingest queue as backed up. */
export const INGEST_HIGH_WATER = 0.8;

/** What the services contribute to the server. */
export interface ServerServices {
  readonly routes: readonly RouteGroup[];
  readonly readiness: readonly ReadinessProbe[];
  /** Starts background work (evaluator loop, demo traffic) once the server listens. */
  start(log: ServicesLogger): void;
  /** Stops background work (before the app stops accepting requests). */
  stop(): Promise<void>;
  /** Waits until every queued ingest record is committed (after the app stopped accepting). */
  drain(): Promise<void>;
}

/** The logger background work reports through (Fastify's). */
export interface ServicesLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Builds the services of a server on `store`: ingest (queue bounded by `ingest.queueSize`, PII
 * redaction of `pii.redact`, per-key rate limit), the query API, the model registry, the Prometheus exporter
 * (`/metrics`, open to loopback under `metrics.auth: localhost`), experiments and rollouts (their API, and rollout
 * decisions in the evaluator loop every `evaluator.intervalSeconds`), and demo traffic into the
 * `default` project through the same ingest path (validated and redacted like real traffic). The
 * evaluator loop also enforces `retention.rawEventsDays` (hourly) and reports the store's size.
 */
export function serverServices(store: Store, config: ServerConfig): ServerServices {
  const telemetry = new TelemetryMetrics();
  const ingest = new IngestService({
    store,
    maxQueuedRecords: config.ingest.queueSize,
    redaction: config.pii.redact.length === 0 ? false : { types: config.pii.redact },
    hooks: telemetry,
  });
  const highWater = Math.max(1, Math.floor(config.ingest.queueSize * INGEST_HIGH_WATER));
  const perKey = config.rateLimit.perKeyPerMinute;
  const stops: (() => Promise<void>)[] = [];

  const routes: RouteGroup[] = [
    {
      register: (app) =>
        registerIngestRoutes(app, {
          ingest,
          bodyLimitBytes: config.ingest.maxBodyBytes,
          rateLimit: perKey > 0 ? { max: perKey, timeWindowMs: 60_000 } : false,
        }),
      ownRateLimit: true,
    },
    {
      register: (app) =>
        registerQueryRoutes(app, {
          query: new QueryService(store),
          // The monitoring services below own the baselines; the routes only call this once serving.
          baselines: new BaselineQueries(store, (p, m, v) => monitoring.baselines.profile(p, m, v)),
        }),
    },
    {
      register: (app) =>
        registerDashboardRoutes(app, { qualityPairs: (filter, limit) => store.qualityPairs(filter, limit) }),
    },
    { register: (app) => registerRegistryRoutes(app, { registryOf: projectRegistries(store) }) },
    {
      register: (app) => registerEvalRunRoutes(app, { dataDir: config.dataDir, registryOf: projectRegistries(store) }),
    },
    {
      register: (app) =>
        registerMetricsRoute(app, { metrics: telemetry, loopbackWithoutKey: config.metrics.auth === 'localhost' }),
    },
  ];

  const steps: EvaluatorStep[] = [];
  let evaluator: EvaluatorLoop | undefined;
  let log: ServicesLogger | undefined;
  // Alerts: rules over the monitors' results, SLO burn rates, absence; actions on rollouts.
  const alertOptions: { -readonly [K in keyof AlertEngineOptions]: AlertEngineOptions[K] } = {
    store,
    hooks: telemetry,
    onError: (what, err) => log?.warn({ err, what }, 'alerting failed'),
  };
  // Signals over rollout and experiment states (rollbacks, SRM) join each run's monitor results.
  let experimentSignalsOf: (now: number) => Promise<MonitorSignal[]> = async () => [];
  if (store instanceof DuckDbStore) {
    const experiments = experimentServices({ store, events: new DuckDbExperimentEvents(store) });
    experimentSignalsOf = (now) =>
      experimentSignals(store, experiments, now, {
        onError: (what, err) => log?.warn({ err, what }, 'experiment signal failed'),
      })
        .then((signals) => {
          // /metrics: model_rollout_rollbacks, model_experiment_srm_p_value (a run that failed keeps the last values).
          try {
            exportExperimentSignals(telemetry, signals);
          } catch (err) {
            log?.warn({ err }, 'experiment signal export failed');
          }
          return signals;
        })
        .catch((err: unknown) => {
          log?.warn({ err }, 'experiment signals failed');
          return [];
        });
    routes.push({ register: (app) => registerExperimentRoutes(app, experiments) });
    steps.push({ name: 'rollouts', run: (now) => experiments.rollouts.tick(now) });
    alertOptions.sloCounts = new DuckDbSloCounts(store);
    alertOptions.actions = experimentAlertActions({ store, ...experiments });
  }
  const alerts = new AlertEngine(alertOptions);
  routes.push({ register: (app) => registerAlertRoutes(app, { admin: new AlertAdmin(store), engine: alerts }) });
  stops.push(() => alerts.close());
  // Monitors (SLIs, quality, drift against baselines, slices) and their history, each interval;
  // the loop below reports the run time and lag.
  const monitoring = monitoringServices(store, {
    telemetry,
    reportRunTiming: false,
    onError: (err, scope) => log?.warn({ err, ...scope }, 'evaluator monitor failed'),
  });
  routes.push(
    { register: (app) => registerBaselineRoutes(app, { monitoring }) },
    { register: (app) => registerMonitorRoutes(app, { monitoring }) },
  );
  steps.push({ name: 'monitors', run: (now) => monitoring.evaluator.runOnce(now) });
  monitoring.evaluator.onRun(async (results, now) =>
    alerts
      .evaluate([...results, ...(await experimentSignalsOf(now))], now)
      .catch((err: unknown) => log?.warn({ err }, 'alert evaluation failed')),
  );
  steps.push(
    retentionStep(store, config.retention.rawEventsDays, (deletedEvents, cutoff) =>
      log?.info(
        { deletedEvents, cutoff: new Date(cutoff).toISOString() },
        'retention: raw events rolled up and deleted',
      ),
    ),
  );
  if (store instanceof DuckDbStore) {
    steps.push({
      name: 'store_size',
      run: async () => telemetry.setStoreSizeBytes(statSync(storePath(config.dataDir)).size),
    });
  }

  const readiness: ReadinessProbe[] = [
    {
      name: 'ingest_queue',
      check: () => {
        const queued = ingest.queuedRecords;
        return queued < highWater
          ? undefined
          : `${queued} records queued, at or above the high-water mark ${highWater} (${INGEST_HIGH_WATER * 100} % of ingest.queueSize ${config.ingest.queueSize})`;
      },
    },
    { name: 'evaluator', check: () => evaluator?.stuckReason() },
  ];
  if (store instanceof ClickHouseStore) {
    // The store probe reads a mirrored table, which answers with a shard down; this one does not.
    readiness.push({
      name: 'store_shards',
      check: async () => {
        const down = await store.unreachableShards();
        return down.length === 0
          ? undefined
          : `degraded: ${down.map((d) => `shard ${d.shard} (${d.url}) ${d.error}`).join(', ')}; event queries answer 503 store_degraded and appends to it fail`;
      },
    });
  }

  const start = (logger: ServicesLogger): void => {
    log = logger;
    // One evaluator per cluster: several servers may share a (ClickHouse) store; each run starts by
    // acquiring or renewing the lease, and a server without it skips the run's steps.
    const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
    const lease = { held: false };
    const leaseTtlMs = Math.min(1_800_000, Math.max(3 * config.evaluator.intervalSeconds * 1000, 10_000));
    const leased: EvaluatorStep[] = [
      {
        name: 'lease',
        run: async () => {
          const before = lease.held;
          lease.held = false;
          try {
            lease.held = await store.acquireLease('evaluator', holder, leaseTtlMs);
          } finally {
            // Transitions only (not every renewal), so the log says which server evaluates.
            if (lease.held !== before) {
              logger.info(
                { holder, ttlMs: leaseTtlMs },
                lease.held ? 'evaluator lease acquired' : 'evaluator lease lost',
              );
            }
          }
        },
      },
      ...steps.map((step) => ({
        name: step.name,
        run: (now: number) => (lease.held ? step.run(now) : Promise.resolve()),
      })),
    ];
    evaluator = new EvaluatorLoop(leased, {
      intervalMs: config.evaluator.intervalSeconds * 1000,
      // A run evaluates the data up to its start, so its results are `seconds` old when it ends.
      onRun: (seconds) => {
        telemetry.observeEvaluatorRun(seconds);
        telemetry.setEvaluatorLag(seconds);
      },
      onError: (step, err) => logger.warn({ step, err }, 'evaluator step failed'),
    });
    evaluator.start();
    const running = evaluator;
    stops.push(() => running.stop());
    if (config.demo.enabled) {
      const abort = new AbortController();
      const sinkOf =
        (kind: RecordKind) =>
        (records: readonly unknown[]): Promise<unknown> =>
          ingest.ingest(DEFAULT_PROJECT_ID, kind, {
            values: [...records],
            rejected: [],
            bytes: JSON.stringify(records).length,
          });
      const run = runDemoTraffic({
        sink: {
          events: sinkOf('events'),
          outcomes: sinkOf('outcomes'),
          feedback: sinkOf('feedback'),
          scores: sinkOf('scores'),
        },
        ratePerSecond: config.demo.eventsPerSecond,
        signal: abort.signal,
        logger,
      });
      stops.push(async () => {
        abort.abort();
        await run.done;
      });
    }
  };

  return {
    routes,
    readiness,
    start,
    stop: async () => {
      // Reverse order of start: demo traffic, then the evaluator loop, then the alert engine.
      for (const stop of stops.splice(0).reverse()) await stop();
    },
    drain: () => ingest.close(),
  };
}
