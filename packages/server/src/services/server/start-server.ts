import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../../domain/config.js';
import { buildApp } from '../../http/app.js';
import { CLICKHOUSE_STORE_URL } from '../../storage/clickhouse/clickhouse-store-url.js';
import { VERSION } from '../../version.js';
import { Authenticator } from '../auth/index.js';
import { ApiKeyAdmin, DEFAULT_PROJECT_ID } from './api-key-admin.js';
import type { CreatedApiKey } from './key-admin.js';
import { openStore, storePath } from './open-store.js';
import type { ReadinessProbe } from './readiness.js';
import { removeServerRuntimeInfo, writeServerRuntimeInfo } from './server-runtime-file.js';
import { type ServerServices, serverServices } from './server-services.js';

/** Options of `startServer`. */
export interface StartServerOptions {
  /** Where the start-up banner (URL and, on first start, the admin key) goes; default stdout. */
  readonly out?: (text: string) => void;
  /** Where JSON log lines go; default stderr, so the key on stdout never reaches a log file. */
  readonly logStream?: Writable;
  /** Close gracefully on SIGTERM and SIGINT, then exit (default true; tests pass false). */
  readonly handleSignals?: boolean;
}

/** A running server. */
export interface ServerHandle {
  /** Base URL (loopback when listening on every interface). */
  readonly url: string;
  readonly app: FastifyInstance;
  /** The admin key created on first start (shown once), else undefined. */
  readonly initialAdminKey: CreatedApiKey | undefined;
  /** Stops accepting connections, finishes in-flight requests, stops background work, closes the store; idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the modelwatch server: opens the store in `dataDir`, makes sure project `default` exists
 * and, on first start (no key in the store), creates its admin key and prints it once to `out`
 * (never to the log; the store keeps its hash only). Then builds the app with authentication and
 * every route group, listens, writes `server.json` (pid and URL, for the CLI's admin commands)
 * and starts the configured background work. SIGTERM/SIGINT close it gracefully.
 * @throws {ServerError} `store_locked` when another process owns the store file.
 */
export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<ServerHandle> {
  const out = options.out ?? ((text: string) => process.stdout.write(text));
  const store = await openStore(config);
  let services: ServerServices | undefined;
  let app: FastifyInstance | undefined;
  try {
    const authenticator = new Authenticator(store);
    const admin = new ApiKeyAdmin(store, { via: 'api' }, { onChange: () => authenticator.forget() });
    const initialAdminKey = await admin.as({ via: 'startup' }).bootstrap();
    let storeOpen = true;

    const readiness: ReadinessProbe[] = [
      {
        name: 'store',
        check: async () => {
          if (!storeOpen) return 'the store is closed';
          await store.listProjects();
          return undefined;
        },
      },
    ];
    services = serverServices(store, config);
    readiness.push(...services.readiness);

    app = await buildApp({
      logger: { level: config.logLevel, stream: options.logStream ?? process.stderr },
      auth: { authenticator, admin },
      readiness,
      bodyLimit: config.ingest.maxBodyBytes,
      rateLimitPerMinute: config.rateLimit.perKeyPerMinute,
      routes: services.routes,
    });
    await app.listen({ host: config.host, port: config.port });
    const url = baseUrl(app.server.address() as AddressInfo);
    writeServerRuntimeInfo(config.dataDir, { pid: process.pid, url, version: VERSION, startedAt: Date.now() });

    services.start(app.log);
    out(banner(config, url, initialAdminKey));

    let closing: Promise<void> | undefined;
    const running = app;
    const started = services;
    const onSignal = (signal: NodeJS.Signals) => {
      running.log.info({ signal }, 'shutting down');
      void handle.close().then(
        () => process.exit(0),
        (err: unknown) => {
          running.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    const handle: ServerHandle = {
      url,
      app: running,
      initialAdminKey,
      close: () => {
        closing ??= (async () => {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          // Stop producing, stop accepting (in-flight requests finish), commit what is queued, close.
          await started.stop();
          await running.close();
          await started.drain();
          storeOpen = false;
          await store.close();
          removeServerRuntimeInfo(config.dataDir);
        })();
        return closing;
      },
    };
    if (options.handleSignals ?? true) {
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }
    return handle;
  } catch (err) {
    await services?.stop().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await services?.drain().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
}

function baseUrl(address: AddressInfo): string {
  const host =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '[::1]' : hostOf(address.address);
  return `http://${host}:${address.port}`;
}

function hostOf(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function banner(config: ServerConfig, url: string, key: CreatedApiKey | undefined): string {
  const lines = [
    `modelwatch ${VERSION} listening on ${url} (host ${config.host})`,
    `  dashboard: ${url}/`,
    `  API:       ${url}/openapi.json`,
    `  store:     ${CLICKHOUSE_STORE_URL.test(config.store) ? config.store : storePath(config.dataDir)}`,
  ];
  if (config.demo.enabled) {
    lines.push(
      `  demo traffic: on, ${config.demo.eventsPerSecond} requests/s into project "${DEFAULT_PROJECT_ID}" (--no-demo turns it off)`,
    );
  }
  if (key !== undefined) {
    lines.push(
      '',
      `First start: created the admin key of project "${DEFAULT_PROJECT_ID}". It is shown only this once`,
      '(the store keeps its SHA-256, not the key). Keep it somewhere safe:',
      '',
      `  export MODELWATCH_API_KEY=${key.secret}`,
      '',
      // The key rides in the fragment, which the browser never sends: it stays out of access logs.
      `Dashboard (signs in with this key): ${url}/#key=${key.secret}`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
