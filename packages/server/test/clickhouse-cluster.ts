import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { pollUntil } from './prometheus-server.js';
import { commandPath } from './system.js';

/**
 * A two-shard ClickHouse cluster for tests and benchmarks: two `clickhouse-server` processes
 * (Debian's 18.16 package) on 127.0.0.1, each with its own temp directory, free HTTP, TCP and
 * interserver ports, and the same `remote_servers` entry naming both as shards of one cluster (no
 * replicas, so no ZooKeeper). Started and stopped by PID; a shard can be stopped and started
 * again on the same data and ports to test degraded reads.
 */
export interface ClickHouseCluster {
  /** The cluster name in `remote_servers`. */
  readonly cluster: string;
  /** HTTP base URLs, one per shard, in shard order (`http://127.0.0.1:port`). */
  readonly urls: readonly string[];
  /** `clickhouse://host:port/db?shards=host:port&cluster=name` for `modelwatch serve --store`. */
  storeUrl(database: string): string;
  /** Stops shard `i` (SIGTERM, then SIGKILL after 10 s); its data stays. */
  stopShard(i: number): Promise<void>;
  /** Starts shard `i` again (same directory and ports) and waits until it answers; a no-op while it runs. */
  startShard(i: number): Promise<void>;
  /** The server logs of shard `i` (for failure messages). */
  log(i: number): Promise<string>;
  /** Stops every shard and removes the directories. */
  stop(): Promise<void>;
}

/** The `clickhouse-server` binary on PATH, or undefined (tests use `itWithSystem`). */
export const CLICKHOUSE_SERVER = commandPath('clickhouse-server');

interface Shard {
  readonly dir: string;
  readonly http: number;
  readonly tcp: number;
  readonly interserver: number;
  child: ChildProcess | undefined;
  output: string;
}

function configXml(shard: Shard, cluster: string, shards: readonly Shard[]): string {
  const remote = shards
    .map((s) => `      <shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`)
    .join('\n');
  const d = shard.dir;
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${d}/server.log</log><errorlog>${d}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${shard.http}</http_port>
  <tcp_port>${shard.tcp}</tcp_port>
  <interserver_http_port>${shard.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <listen_host>127.0.0.1</listen_host>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <mark_cache_size>134217728</mark_cache_size>
  <path>${d}/data/</path>
  <tmp_path>${d}/tmp/</tmp_path>
  <user_files_path>${d}/user_files/</user_files_path>
  <format_schema_path>${d}/format_schemas/</format_schema_path>
  <users_config>${d}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <${cluster}>
${remote}
    </${cluster}>
  </remote_servers>
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage><load_balancing>random</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function answers(url: string): Promise<true | undefined> {
  try {
    const res = await fetch(`${url}/?query=SELECT%201`, { signal: AbortSignal.timeout(2000) });
    return res.ok && (await res.text()).trim() === '1' ? true : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a two-shard cluster named `cluster` (default `modelwatch`) and waits until both shards
 * answer over HTTP (at most `readyTimeoutMs`).
 * @throws Error when `clickhouse-server` is not on PATH or a shard does not come up.
 */
export async function startClickHouseCluster(
  options: { cluster?: string; readyTimeoutMs?: number; shards?: number } = {},
): Promise<ClickHouseCluster> {
  const binary = CLICKHOUSE_SERVER;
  if (binary === undefined) throw new Error('startClickHouseCluster: clickhouse-server is not on PATH');
  const cluster = options.cluster ?? 'modelwatch';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(cluster)) {
    throw new Error(`startClickHouseCluster: cluster must be an XML/SQL identifier (got ${JSON.stringify(cluster)})`);
  }
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const count = options.shards ?? 2;
  const root = await mkdtemp(join(tmpdir(), 'mw-clickhouse-'));
  const shards: Shard[] = [];
  const ports = new Set<number>();
  const port = async (): Promise<number> => {
    for (;;) {
      const p = await freePort();
      if (!ports.has(p)) {
        ports.add(p);
        return p;
      }
    }
  };
  for (let i = 0; i < count; i++) {
    const dir = join(root, `shard-${i + 1}`);
    await mkdir(dir, { recursive: true });
    shards.push({
      dir,
      http: await port(),
      tcp: await port(),
      interserver: await port(),
      child: undefined,
      output: '',
    });
  }
  for (const s of shards) {
    await writeFile(join(s.dir, 'config.xml'), configXml(s, cluster, shards));
    await writeFile(join(s.dir, 'users.xml'), USERS_XML);
  }
  const urls = shards.map((s) => `http://127.0.0.1:${s.http}`);

  const start = async (i: number): Promise<void> => {
    const s = shards[i] as Shard;
    if (s.child !== undefined && s.child.exitCode === null) return; // already running
    const child = spawn(binary, [`--config-file=${join(s.dir, 'config.xml')}`], {
      cwd: s.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    s.child = child;
    const keep = (chunk: Buffer) => {
      s.output = (s.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await pollUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`clickhouse-server shard ${i + 1} exited: ${s.output}`);
        return answers(urls[i] as string);
      },
      readyTimeoutMs,
      () => `clickhouse-server shard ${i + 1} on ${urls[i]} did not answer: ${s.output}`,
    );
  };
  const stopShard = async (i: number): Promise<void> => {
    const s = shards[i];
    const child = s?.child;
    if (s === undefined || child === undefined || child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
    s.child = undefined;
  };

  try {
    await Promise.all(shards.map((_, i) => start(i)));
  } catch (err) {
    for (let i = 0; i < shards.length; i++) await stopShard(i);
    await rm(root, { recursive: true, force: true });
    throw err;
  }
  return {
    cluster,
    urls,
    storeUrl: (database) => {
      const [first, ...rest] = shards;
      const shardList = rest.map((s) => `127.0.0.1:${s.http}`).join(',');
      return `clickhouse://127.0.0.1:${first?.http}/${database}?shards=${shardList}&cluster=${cluster}`;
    },
    stopShard,
    startShard: start,
    log: async (i) => {
      const s = shards[i] as Shard;
      const err = await readFile(join(s.dir, 'server.err.log'), 'utf8').catch(() => '');
      return `${s.output}\n${err}`;
    },
    stop: async () => {
      await Promise.all(shards.map((_, i) => stopShard(i)));
      await rm(root, { recursive: true, force: true });
    },
  };
}
