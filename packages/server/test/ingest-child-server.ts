/**
 * Runs `ingest-server-entry.mjs` (the built server: routes, auth, IngestService, DuckDB file) as
 * a child process, for tests that kill it or measure it from outside.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(here, 'ingest-server-entry.mjs');
const BUILT = join(here, '../dist/http/routes/ingest-routes.js');

/** Whether the built server exists (`npm run build`); the child runs compiled JavaScript. */
export const SERVER_BUILT = existsSync(BUILT);

/** A fresh ingest key secret of the right shape. */
export function testKey(): string {
  return `mw_${randomBytes(32).toString('base64url')}`;
}

export interface ChildServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly url: string;
  /** RSS, heap and queue depth of the child, over IPC. */
  stats(): Promise<{ rss: number; heapUsed: number; queued: number }>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startChildServer(db: string, key: string, args: string[] = []): Promise<ChildServer> {
  const child = fork(ENTRY, [`--db=${db}`, ...args], {
    env: { ...process.env, MODELWATCH_TEST_KEY: key },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve((JSON.parse(out.slice(0, nl)) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`ingest server exited before listening (code ${code}): ${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { rss: number; heapUsed: number; queued: number }));
        child.send({ cmd: 'stats' });
      }),
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
}
