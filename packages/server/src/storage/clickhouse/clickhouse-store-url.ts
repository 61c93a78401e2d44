import { StoreError } from '../store-error.js';
import type { ClickHouseStoreOptions } from './clickhouse-store.js';

/** `clickhouse://host:port/database?shards=host:port,host:port&cluster=name` (ports are HTTP ports). */
export const CLICKHOUSE_STORE_URL = /^clickhouse:\/\//;

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/;

/**
 * The ClickHouse store options of a `--store` URL: the URL's host is the first shard, `shards`
 * lists the others (comma separated, in the cluster's `remote_servers` order), `cluster` names the
 * cluster (default `modelwatch`), the path the database (default `modelwatch`).
 * @throws {StoreError} 'invalid_argument' naming the part of the URL that is wrong.
 */
export function clickHouseStoreOptions(url: string): ClickHouseStoreOptions {
  const bad = (what: string): never => {
    throw new StoreError('invalid_argument', `store URL: ${what} (got ${JSON.stringify(url)})`);
  };
  if (!CLICKHOUSE_STORE_URL.test(url)) bad('expected clickhouse://host:port/database?shards=host:port,…');
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/^clickhouse:/, 'http:'));
  } catch {
    return bad('not a URL');
  }
  if (parsed.username !== '' || parsed.password !== '') bad('credentials in the URL are not supported');
  const first = `${parsed.hostname}:${parsed.port === '' ? '8123' : parsed.port}`;
  const others = (parsed.searchParams.get('shards') ?? '').split(',').filter((s) => s !== '');
  for (const s of others) if (!HOST_PORT.test(s)) bad(`shards: expected host:port entries, got ${JSON.stringify(s)}`);
  for (const key of parsed.searchParams.keys()) {
    if (key !== 'shards' && key !== 'cluster')
      bad(`unknown parameter ${JSON.stringify(key)} (expected shards, cluster)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'modelwatch';
  const cluster = parsed.searchParams.get('cluster') ?? 'modelwatch';
  for (const [what, v] of [
    ['database', database],
    ['cluster', cluster],
  ] as const) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) bad(`${what} must match [A-Za-z_][A-Za-z0-9_]*, got ${JSON.stringify(v)}`);
  }
  return { shards: [first, ...others].map((h) => `http://${h}`), database, cluster };
}
