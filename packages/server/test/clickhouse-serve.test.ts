/**
 * `modelwatch serve --store clickhouse://…` end to end: two servers (`startServer`, the code
 * behind `serve`) on free ports, both on one real two-shard ClickHouse 18.16 cluster — a
 * stateless ingest tier. Demo traffic is off; everything goes through HTTP:
 * - the admin key printed by the first server works on the second (keys are mirrored tables);
 * - events ingested through both are seen exactly once by queries through either;
 * - a batch retried through the OTHER server is not counted twice;
 * - a stopped shard makes query routes answer 503 `store_degraded` (never a partial answer) and
 *   `/readyz` not ready; after the shard restarts, queries answer again;
 * - the evaluator runs once per cluster under the lease; when the holder dies, the other server
 *   takes over after the lease's TTL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { DEFAULT_CONFIG, type ServerConfig } from '../src/domain/config.js';
import { type ServerHandle, startServer } from '../src/services/server/index.js';
import { ClickHouseHttp } from '../src/storage/clickhouse/clickhouse-http.js';
import { CLICKHOUSE_SERVER, type ClickHouseCluster, startClickHouseCluster } from './clickhouse-cluster.js';
import { freePort } from './free-port.js';
import { pollUntil } from './prometheus-server.js';
import { itWithSystem } from './system.js';

const MISSING = 'clickhouse-server is not installed (Debian package clickhouse-server)';
const AVAILABLE = CLICKHOUSE_SERVER !== undefined;
const DATABASE = `mw_serve_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
/** Evaluator interval of both servers; the lease's TTL is then its floor, 10 s. */
const INTERVAL_SECONDS = 1;

/** A server with its captured JSON log lines. */
interface Served {
  readonly name: string;
  readonly handle: ServerHandle;
  readonly banner: string[];
  readonly log: Record<string, unknown>[];
  readonly dir: string;
}

let cluster: ClickHouseCluster | undefined;
const servers: Served[] = [];
let adminKey = '';
let ingestKey = '';
let readKey = '';
/** Request ids ingested so far (each exactly once expected). */
const ingested = new Set<string>();

function logSink(into: Record<string, unknown>[]): Writable {
  let rest = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() === '') continue;
        try {
          into.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          into.push({ msg: line });
        }
      }
      done();
    },
  });
}

async function serve(name: string): Promise<Served> {
  const c = cluster as ClickHouseCluster;
  const dir = mkdtempSync(join(tmpdir(), `modelwatch-ch-serve-${name}-`));
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    host: '127.0.0.1',
    port: await freePort(),
    dataDir: join(dir, 'data'),
    store: c.storeUrl(DATABASE),
    logLevel: 'info',
    rateLimit: { perKeyPerMinute: 0 },
    evaluator: { intervalSeconds: INTERVAL_SECONDS },
    demo: { enabled: false, eventsPerSecond: 1 },
  };
  const banner: string[] = [];
  const log: Record<string, unknown>[] = [];
  const handle = await startServer(config, {
    out: (text) => banner.push(text),
    logStream: logSink(log),
    handleSignals: false,
  });
  return { name, handle, banner, log, dir };
}

function event(requestId: string, at: number, i: number): Record<string, unknown> {
  return {
    requestId,
    timestamp: new Date(at).toISOString(),
    model: 'ranker',
    version: i % 3 === 0 ? 'v2' : 'v1',
    latencyMs: 5 + (i % 97),
    ...(i % 10 === 0 ? { status: 'error', errorType: 'timeout' } : {}),
  };
}

async function post(
  url: string,
  key: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function get(url: string, key?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Total requests of the last day through the overview route (rollup path) and the models route. */
async function counts(server: Served): Promise<{ overview: number; models: number; status: number }> {
  const o = await get(`${server.handle.url}/v1/query/overview?bucket=1h`, readKey);
  const m = await get(`${server.handle.url}/v1/query/models`, readKey);
  if (o.status !== 200 || m.status !== 200) return { overview: -1, models: -1, status: o.status };
  const totals = o.json.totals as { requests: number };
  const models = m.json.models as { requests?: number; count?: number }[];
  return {
    overview: totals.requests,
    models: models.reduce((s, r) => s + Number(r.requests ?? r.count ?? 0), 0),
    status: 200,
  };
}

/** Ingests `n` fresh events through `server` in batches of `batch`; returns their ids. */
async function ingest(server: Served, n: number, batch: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  const now = Date.now();
  for (let start = 0; start < n; start += batch) {
    const records = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const id = `${tag}-${i}`;
      ids.push(id);
      records.push(event(id, now - 60_000 + i, i));
    }
    const r = await post(`${server.handle.url}/v1/events`, ingestKey, records);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toMatchObject({ accepted: records.length, duplicates: 0, rejected: [] });
  }
  for (const id of ids) ingested.add(id);
  return ids;
}

beforeAll(async () => {
  if (!AVAILABLE) return;
  cluster = await startClickHouseCluster();
  // One after the other: the first start creates the default project and prints the admin key.
  servers.push(await serve('a'));
  servers.push(await serve('b'));
}, 180_000);

afterAll(async () => {
  for (const s of servers) {
    await s.handle.close().catch(() => undefined);
    rmSync(s.dir, { recursive: true, force: true });
  }
  await cluster?.stop();
}, 120_000);

describe('modelwatch serve --store clickhouse:// — two servers on one two-shard cluster', () => {
  itWithSystem(
    'the admin key printed by the first server works on the second; keys created on one work on the other',
    AVAILABLE,
    MISSING,
    async () => {
      const [a, b] = servers as [Served, Served];
      expect(a.handle.initialAdminKey).toBeDefined();
      expect(b.handle.initialAdminKey).toBeUndefined(); // the store already had a key
      adminKey = a.handle.initialAdminKey?.secret as string;
      expect(a.banner.join('')).toContain(`MODELWATCH_API_KEY=${adminKey}`);
      expect(b.banner.join('')).not.toContain('MODELWATCH_API_KEY=');
      expect(b.banner.join('')).not.toContain(adminKey);

      // Created on A, used on B and the other way round.
      const i = await post(`${a.handle.url}/v1/admin/keys`, adminKey, { scopes: ['ingest'], name: 'ingest' });
      expect(i.status).toBe(201);
      ingestKey = i.json.secret as string;
      const r = await post(`${b.handle.url}/v1/admin/keys`, adminKey, { scopes: ['read'], name: 'read' });
      expect(r.status).toBe(201);
      readKey = r.json.secret as string;
      expect((await get(`${b.handle.url}/v1/query/models`, readKey)).status).toBe(200);
      expect((await get(`${a.handle.url}/v1/query/models`, readKey)).status).toBe(200);
      // Scopes hold on either server: the ingest key cannot read.
      expect((await get(`${b.handle.url}/v1/query/models`, ingestKey)).status).toBe(403);
      // The key listing is the same through both.
      const listA = await get(`${a.handle.url}/v1/admin/keys`, adminKey);
      const listB = await get(`${b.handle.url}/v1/admin/keys`, adminKey);
      const ids = (l: typeof listA) => ((l.json.keys ?? []) as { id: string }[]).map((k) => k.id).sort();
      expect(ids(listA)).toHaveLength(3);
      expect(ids(listB)).toEqual(ids(listA));
    },
    60_000,
  );

  itWithSystem(
    'events ingested through both servers are counted exactly once by queries through either',
    AVAILABLE,
    MISSING,
    async () => {
      const [a, b] = servers as [Served, Served];
      await Promise.all([ingest(a, 1500, 250, 'a'), ingest(b, 1500, 250, 'b')]);
      expect(ingested.size).toBe(3000);
      for (const s of [a, b]) {
        expect(await counts(s)).toEqual({ overview: 3000, models: 3000, status: 200 });
        // One event of each server, read through the other.
        for (const id of ['a-7', 'b-7']) {
          const e = await get(`${s.handle.url}/v1/query/event/${id}`, readKey);
          expect(e.status).toBe(200);
          expect(JSON.stringify(e.json)).toContain(id);
        }
      }
      // Both shards hold a share (the store shards by (project, request id)).
      const c = cluster as ClickHouseCluster;
      const perShard: number[] = [];
      for (const url of c.urls) {
        const h = new ClickHouseHttp(url, undefined);
        perShard.push(Number((await h.query(`SELECT count() FROM ${DATABASE}.events_local`)).data[0]?.[0]));
      }
      expect(perShard.reduce((x, y) => x + y, 0)).toBe(3000);
      for (const n of perShard) expect(n).toBeGreaterThan(1000);
    },
    120_000,
  );

  itWithSystem(
    'a batch retried through the other server is reported as duplicates and not counted twice',
    AVAILABLE,
    MISSING,
    async () => {
      const [a, b] = servers as [Served, Served];
      const now = Date.now();
      const batch = Array.from({ length: 200 }, (_, i) => event(`retry-${i}`, now - 30_000 + i, i));
      const first = await post(`${a.handle.url}/v1/events`, ingestKey, batch);
      expect(first.json).toMatchObject({ accepted: 200, duplicates: 0 });
      for (const r of batch) ingested.add(r.requestId as string);
      // The same server knows the ids (its idempotency window): all duplicates.
      const again = await post(`${a.handle.url}/v1/events`, ingestKey, batch);
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ duplicates: 200 });
      // The other server does not know them in memory, but finds them stored on their shards.
      const other = await post(`${b.handle.url}/v1/events`, ingestKey, batch);
      expect(other.status).toBe(200);
      expect(other.json).toMatchObject({ accepted: 0, duplicates: 200, rejected: [] });
      // A batch half old, half new through the other server: only the new half is stored.
      const mixed = [...batch.slice(0, 100), ...Array.from({ length: 100 }, (_, i) => event(`mixed-${i}`, now + i, i))];
      const half = await post(`${b.handle.url}/v1/events`, ingestKey, mixed);
      expect(half.json).toMatchObject({ accepted: 100, duplicates: 100, rejected: [] });
      for (let i = 0; i < 100; i++) ingested.add(`mixed-${i}`);
      for (const s of [a, b]) expect(await counts(s)).toEqual({ overview: 3300, models: 3300, status: 200 });
    },
    60_000,
  );

  itWithSystem(
    'a stopped shard: query routes answer 503 store_degraded naming it, /readyz is not ready; after a restart, queries answer again',
    AVAILABLE,
    MISSING,
    async () => {
      const [a, b] = servers as [Served, Served];
      const c = cluster as ClickHouseCluster;
      await c.stopShard(1);
      try {
        for (const s of [a, b]) {
          for (const route of ['/v1/query/overview?bucket=1h', '/v1/query/models', '/v1/query/errors']) {
            const r = await get(`${s.handle.url}${route}`, readKey);
            expect(r.status, `${s.name} ${route}: ${JSON.stringify(r.json)}`).toBe(503);
            expect(r.json.error).toBe('store_degraded');
            const degraded = r.json.degraded as { shard: number; url: string }[];
            expect(degraded.map((d) => [d.shard, d.url])).toEqual([[2, c.urls[1]]]);
          }
          const ready = await get(`${s.handle.url}/readyz`);
          expect(ready.status).toBe(503);
          const checks = (ready.json.checks ?? ready.json.reasons ?? {}) as Record<string, string>;
          expect(checks.store_shards, JSON.stringify(ready.json)).toContain(`shard 2 (${c.urls[1]})`);
          // Authentication still works (keys are mirrored on every shard).
          expect((await get(`${s.handle.url}/v1/admin/keys`, adminKey)).status).toBe(200);
        }
      } finally {
        await c.startShard(1);
      }
      for (const s of [a, b]) {
        const after = await pollUntil(
          async () => {
            const r = await counts(s);
            return r.status === 200 ? r : undefined;
          },
          60_000,
          () => `${s.name}: queries still fail after the shard restarted`,
        );
        expect(after).toEqual({ overview: ingested.size, models: ingested.size, status: 200 });
        const ready = await pollUntil(
          async () => {
            const r = await get(`${s.handle.url}/readyz`);
            return r.status === 200 ? r : undefined;
          },
          60_000,
          () => `${s.name}: /readyz still not ready after the shard restarted`,
        );
        expect(ready.json).toMatchObject({ status: 'ready', checks: { store: 'ok', store_shards: 'ok' } });
      }
    },
    180_000,
  );

  itWithSystem(
    'the evaluator runs once per cluster under the lease; the other server takes over after the TTL when the holder dies',
    AVAILABLE,
    MISSING,
    async () => {
      const [a, b] = servers as [Served, Served];
      const leaseLog = (s: Served) =>
        s.log.filter((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('evaluator lease'));
      // Exactly one of the two holds the lease.
      const holderSide = await pollUntil(
        async () => {
          const held = [a, b].filter((s) => leaseLog(s).at(-1)?.msg === 'evaluator lease acquired');
          return held.length > 0 ? held : undefined;
        },
        60_000,
        () => 'no server acquired the evaluator lease',
      );
      expect(holderSide).toHaveLength(1);
      const holder = holderSide[0] as Served;
      const other = holder === a ? b : a;
      expect(leaseLog(other).filter((l) => l.msg === 'evaluator lease acquired')).toEqual([]);

      // Its runs write monitor results (SLIs over the ingested traffic), one run per held renewal.
      const results = async (): Promise<{ at: number }[]> => {
        const r = await get(`${other.handle.url}/v1/monitors?model=ranker&limit=10000`, readKey);
        expect(r.status).toBe(200);
        return (r.json.results ?? []) as { at: number }[];
      };
      await pollUntil(
        async () => ((await results()).length > 0 ? true : undefined),
        60_000,
        () => 'no monitor results written by the lease holder',
      );

      // The holder dies (its process stops; the lease is not released, as with kill -9).
      const killedAt = Date.now();
      await holder.handle.close();
      const runsBefore = new Set((await results()).map((r) => r.at)).size;
      const takeover = await pollUntil(
        async () => leaseLog(other).find((l) => l.msg === 'evaluator lease acquired'),
        60_000,
        () => `the other server never acquired the lease; its lease log: ${JSON.stringify(leaseLog(other))}`,
      );
      // Not before the dead holder's lease expired (TTL 10 s from its last renewal).
      expect(Number(takeover.time)).toBeGreaterThan(killedAt);
      // And the new holder's evaluator runs: new monitor results appear.
      await pollUntil(
        async () => (new Set((await results()).map((r) => r.at)).size > runsBefore ? true : undefined),
        60_000,
        () => 'no new monitor results after the takeover',
      );

      // Replaying every lease attempt as the store does: the lease never had two holders at once,
      // and the number of evaluator runs (distinct result times) is at most the number of winning
      // attempts — with both evaluators running unleashed it would be about twice as many.
      const c = cluster as ClickHouseCluster;
      const h = new ClickHouseHttp(c.urls[0] as string, undefined);
      const attempts = (
        await h.query(
          `SELECT holder, at_ms, expires_ms FROM ${DATABASE}.leases WHERE name = 'evaluator'
           GROUP BY holder, at_ms, expires_ms, seq ORDER BY at_ms, seq, holder`,
        )
      ).data.map((r) => ({ holder: String(r[0]), at: Number(r[1]), expires: Number(r[2]) }));
      let current: { holder: string; expires: number } | undefined;
      const winners: string[] = [];
      for (const t of attempts) {
        if (current === undefined || current.expires <= t.at || current.holder === t.holder) {
          current = { holder: t.holder, expires: t.expires };
          winners.push(t.holder);
        }
      }
      const holders = [...new Set(attempts.map((t) => t.holder))];
      expect(holders).toHaveLength(2);
      // The takeover came no earlier than the dead holder's last renewal expired.
      const dead = leaseLog(holder).find((l) => l.msg === 'evaluator lease acquired')?.holder;
      expect(holders).toContain(dead);
      const deadUntil = Math.max(...attempts.filter((t) => t.holder === dead).map((t) => t.expires));
      expect(Number(takeover.time)).toBeGreaterThanOrEqual(deadUntil);
      // The winners are one holder's run, then the other's: one hand-over, no alternation.
      const handOvers = winners.filter((w, i) => i > 0 && w !== winners[i - 1]).length;
      expect(handOvers).toBe(1);
      const runs = new Set((await results()).map((r) => r.at)).size;
      expect(runs).toBeLessThanOrEqual(winners.length);
      expect(winners.length).toBeLessThan(attempts.length);
    },
    180_000,
  );
});
