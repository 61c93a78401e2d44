/**
 * A real modelwatch server for the dashboard's browser tests and benchmark: `startServer` on a
 * temporary data directory and a free port, fed by the demo simulator through the HTTP ingest API
 * (validated and redacted like real traffic) on a compressed incident schedule, so an incident
 * happens within seconds. The evaluator runs every second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DEFAULT_CONFIG, type ServerConfig } from '../src/domain/config.js';
import { type DemoTrafficRun, type IncidentSchedule, runDemoTraffic } from '../src/services/demo/index.js';
import { type ServerHandle, startServer } from '../src/services/server/index.js';
import { freePort } from './free-port.js';

export interface DemoServer {
  readonly url: string;
  /** The server's data directory (evaluation runs are files under `runs/`). */
  readonly dataDir: string;
  readonly adminKey: string;
  /** A key with the read scope only: what the dashboard signs in with. */
  readonly readKey: string;
  /** What the server printed at start-up (its banner, with the admin key and the dashboard login link). */
  readonly banner: string;
  /** When the traffic started (epoch ms). */
  readonly startedAt: number;
  readonly traffic: DemoTrafficRun;
  /** Posts JSON with the admin key; throws unless 2xx. */
  post(path: string, body: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Requests per second of demo traffic (default 120). */
  readonly ratePerSecond?: number;
  /** The incident schedule (offsets from the start, wall-clock ms). */
  readonly schedule: IncidentSchedule;
  /** Time compression of the simulator (default 1): schedule offsets and record delays are divided by it. */
  readonly speed?: number;
  /** Milliseconds per simulated day at speed 1 (default 10¹⁰: the season stands still, so only incidents drift). */
  readonly msPerDay?: number;
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'modelwatch-dashboard-e2e-'));
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    dataDir,
    port: await freePort(),
    logLevel: 'warn',
    demo: { enabled: false, eventsPerSecond: 1 },
    evaluator: { intervalSeconds: 1 },
    rateLimit: { perKeyPerMinute: 0 },
  };
  let server: ServerHandle | undefined;
  const abort = new AbortController();
  try {
    let banner = '';
    server = await startServer(config, { out: (t) => (banner += t), handleSignals: false, logStream: devNull() });
    const adminKey = server.initialAdminKey?.secret;
    if (adminKey === undefined) throw new Error('startDemoServer: the server created no admin key');
    const url = server.url;
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text === '' ? undefined : JSON.parse(text);
    };
    const created = (await call('POST', '/v1/admin/keys', { scopes: ['read'], name: 'dashboard e2e' })) as {
      secret: string;
    };
    const post = (kind: string) => async (records: readonly unknown[]) => call('POST', `/v1/${kind}`, records);
    const startedAt = Date.now();
    const traffic = runDemoTraffic({
      sink: { events: post('events'), outcomes: post('outcomes'), feedback: post('feedback'), scores: post('scores') },
      ratePerSecond: options.ratePerSecond ?? 120,
      speed: options.speed ?? 1,
      msPerDay: options.msPerDay ?? 1e10,
      schedule: options.schedule,
      startMs: startedAt,
      tickMs: 250,
      signal: abort.signal,
      logger: { info: () => {}, warn: (d, m) => console.warn(m, d) },
    });
    const running = server;
    return {
      url,
      dataDir,
      adminKey,
      readKey: created.secret,
      banner,
      startedAt,
      traffic,
      post: (path, body) => call('POST', path, body),
      get: (path) => call('GET', path),
      close: async () => {
        abort.abort();
        await traffic.done;
        await running.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    abort.abort();
    await server?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Discards the server's JSON log (the tests read the API, not the log). */
function devNull(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
