import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { CLICKHOUSE_SERVER, type ClickHouseCluster, startClickHouseCluster } from '../../../test/clickhouse-cluster.js';
import { itWithSystem } from '../../../test/system.js';
import { describeStoreContract, testEvent } from '../store-contract.js';
import { StoreError } from '../store-error.js';
import { ClickHouseHttp } from './clickhouse-http.js';
import { CLICKHOUSE_SCHEMA_VERSION } from './clickhouse-schema.js';
import { ClickHouseDegradedError, ClickHouseStore } from './clickhouse-store.js';

const MISSING = 'clickhouse-server is not installed (Debian package clickhouse-server)';
let cluster: ClickHouseCluster | undefined;

beforeAll(async () => {
  if (CLICKHOUSE_SERVER !== undefined) cluster = await startClickHouseCluster();
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
}, 60_000);

function fixture(options: { flushIntervalMs?: number; batchRows?: number } = {}) {
  const c = cluster as ClickHouseCluster;
  const database = `mw_${randomUUID().replace(/-/g, '')}`;
  return {
    database,
    create: () =>
      new ClickHouseStore({
        shards: c.urls,
        database,
        cluster: c.cluster,
        flushIntervalMs: options.flushIntervalMs ?? 5,
        ...(options.batchRows === undefined ? {} : { batchRows: options.batchRows }),
      }),
    dispose: async () => {
      for (const url of c.urls) await new ClickHouseHttp(url, undefined).exec(`DROP DATABASE IF EXISTS ${database}`);
    },
  };
}

if (CLICKHOUSE_SERVER !== undefined) {
  describeStoreContract('ClickHouse, two shards', async () => fixture());
} else {
  itWithSystem('Store contract: ClickHouse, two shards', false, MISSING, () => undefined);
}

describe('ClickHouseStore', () => {
  const all = { projectId: 'p1', from: 0, to: Number.MAX_SAFE_INTEGER };

  itWithSystem(
    'spreads events over both shards and records the schema version on each',
    CLICKHOUSE_SERVER !== undefined,
    MISSING,
    async () => {
      const f = fixture();
      const store = f.create();
      await store.open();
      try {
        const events = Array.from({ length: 2000 }, (_, i) =>
          testEvent(`r-${i}`, { timestamp: 1_767_614_400_000 + i }),
        );
        expect(await store.appendEvents('p1', events, 1)).toMatchObject({ inserted: 2000, duplicates: 0 });
        const c = cluster as ClickHouseCluster;
        const perShard: number[] = [];
        for (const url of c.urls) {
          const http = new ClickHouseHttp(url, undefined);
          perShard.push(Number((await http.query(`SELECT count() FROM ${f.database}.events_local`)).data[0]?.[0]));
          const version = await http.query(`SELECT max(version) FROM ${f.database}.schema_version`);
          expect(Number(version.data[0]?.[0])).toBe(CLICKHOUSE_SCHEMA_VERSION);
        }
        expect(perShard.reduce((a, b) => a + b, 0)).toBe(2000);
        // FNV-1a over 2000 ids: both shards get a real share (binomial, p = 0.5: far inside 35–65 %).
        for (const n of perShard) expect(n).toBeGreaterThan(700);
        expect(await store.countEvents(all)).toBe(2000);
      } finally {
        await store.close();
        await f.dispose();
      }
    },
  );

  itWithSystem(
    'shares one insert among concurrent appends and flushes at batchRows',
    CLICKHOUSE_SERVER !== undefined,
    MISSING,
    async () => {
      // A flush interval no test waits for: only the batch size can trigger the insert.
      const f = fixture({ flushIntervalMs: 3_600_000, batchRows: 300 });
      const store = f.create();
      await store.open();
      try {
        const appends = [0, 1, 2].map((k) =>
          store.appendEvents(
            'p1',
            Array.from({ length: 100 }, (_, i) => testEvent(`c-${k}-${i}`)),
            1,
          ),
        );
        const results = await Promise.all(appends);
        expect(results.map((r) => r.inserted)).toEqual([100, 100, 100]);
        expect(await store.countEvents(all)).toBe(300);
      } finally {
        await store.close();
        await f.dispose();
      }
    },
  );

  itWithSystem(
    'reports a read as degraded while a shard is down (never a partial answer), and recovers',
    CLICKHOUSE_SERVER !== undefined,
    MISSING,
    async () => {
      const c = cluster as ClickHouseCluster;
      const f = fixture();
      const store = f.create();
      await store.open();
      try {
        const events = Array.from({ length: 200 }, (_, i) => testEvent(`d-${i}`));
        await store.appendEvents('p1', events, 1);
        await store.putDocument('p1', 'slo', 's1', { target: 0.99 });
        await c.stopShard(1);
        const err = await store.countEvents(all).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ClickHouseDegradedError);
        expect((err as StoreError).code).toBe('unavailable');
        expect((err as ClickHouseDegradedError).degraded.map((d) => [d.shard, d.url])).toEqual([[2, c.urls[1]]]);
        await expect(store.overview({ ...all, from: 0, to: 60_000 * 1000 }, 60_000)).rejects.toBeInstanceOf(
          ClickHouseDegradedError,
        );
        // Mirrored small tables still answer from the shard that is up.
        expect(await store.getDocument('p1', 'slo', 's1')).toEqual({ target: 0.99 });
        await c.startShard(1);
        expect(await store.countEvents(all)).toBe(200);
      } finally {
        await c.startShard(1).catch(() => undefined);
        await store.close();
        await f.dispose();
      }
    },
    180_000,
  );

  itWithSystem(
    'fails an append whose shard is down, and a retry stores only what is missing',
    CLICKHOUSE_SERVER !== undefined,
    MISSING,
    async () => {
      const c = cluster as ClickHouseCluster;
      const f = fixture();
      const store = new ClickHouseStore({
        shards: c.urls,
        database: f.database,
        cluster: c.cluster,
        flushIntervalMs: 5,
        insertAttempts: 2,
      });
      await store.open();
      try {
        const events = Array.from({ length: 100 }, (_, i) => testEvent(`w-${i}`));
        await c.stopShard(0);
        await expect(store.appendEvents('p1', events, 1)).rejects.toThrow(/were not stored/);
        await c.startShard(0);
        const retry = await store.appendEvents('p1', events, 2);
        expect(retry.inserted + retry.duplicates).toBe(100);
        expect(retry.inserted).toBeGreaterThan(0);
        expect(retry.duplicates).toBeGreaterThan(0);
        expect(await store.countEvents(all)).toBe(100);
        const overview = await store.overview(
          { projectId: 'p1', from: 0, to: 1_767_614_400_000 + 86_400_000 },
          86_400_000,
        );
        expect(overview.totals.requests).toBe(100);
      } finally {
        await c.startShard(0).catch(() => undefined);
        await store.close();
        await f.dispose();
      }
    },
    180_000,
  );

  itWithSystem(
    'events already stored by another store object (another process) are duplicates: counted once, rollups too',
    CLICKHOUSE_SERVER !== undefined,
    MISSING,
    async () => {
      const f = fixture();
      const a = f.create();
      const b = f.create();
      await a.open();
      await b.open();
      try {
        const t0 = 1_767_614_400_000;
        const events = Array.from({ length: 300 }, (_, i) => testEvent(`x-${i}`, { timestamp: t0 + i * 1000 }));
        expect(await a.appendEvents('p1', events, 1)).toMatchObject({ inserted: 300, duplicates: 0 });
        // b never saw these ids in memory: it finds them on their shards.
        const retried = await b.appendEvents('p1', [...events.slice(100), testEvent('new-1', { timestamp: t0 })], 2);
        expect(retried.inserted).toBe(1);
        expect(retried.duplicates).toBe(200);
        expect(retried.duplicateIndexes).toEqual(Array.from({ length: 200 }, (_, i) => i));
        // And remembers them: a second retry is answered from memory, the same way.
        expect(await b.appendEvents('p1', events.slice(0, 10), 3)).toMatchObject({ inserted: 0, duplicates: 10 });
        for (const store of [a, b]) {
          expect(await store.countEvents(all)).toBe(301);
          // The rollup path (whole minutes): each event counted once.
          const o = await store.overview({ projectId: 'p1', from: t0, to: t0 + 3_600_000 }, 60_000);
          expect(o.method).toBe('rollup');
          expect(o.totals.requests).toBe(301);
        }
      } finally {
        await a.close();
        await b.close();
        await f.dispose();
      }
    },
  );

  itWithSystem(
    'grants a lease to one holder at a time, across store objects on the same cluster',
    CLICKHOUSE_SERVER !== undefined,
    MISSING,
    async () => {
      const f = fixture();
      const a = f.create();
      const b = f.create();
      await a.open();
      await b.open();
      try {
        expect(await a.acquireLease('evaluator', 'proc-a', 60_000)).toBe(true);
        expect(await b.acquireLease('evaluator', 'proc-b', 60_000)).toBe(false);
        expect(await a.acquireLease('evaluator', 'proc-a', 60_000)).toBe(true);
        expect(await b.acquireLease('other', 'proc-b', 60_000)).toBe(true);
        await expect(a.acquireLease('x', 'h', 0)).rejects.toThrow(/ttlMs must be an integer/);
      } finally {
        await a.close();
        await b.close();
        await f.dispose();
      }
    },
  );

  itWithSystem('rejects bad options naming the field', true, '', () => {
    expect(() => new ClickHouseStore({ shards: [], database: 'd', cluster: 'c' })).toThrow(
      /shards must be a non-empty/,
    );
    expect(() => new ClickHouseStore({ shards: ['http://h:1/x'], database: 'd', cluster: 'c' })).toThrow(
      /without a path/,
    );
    expect(() => new ClickHouseStore({ shards: ['http://h:1'], database: 'd; DROP', cluster: 'c' })).toThrow(
      /database and cluster/,
    );
    expect(() => new ClickHouseStore({ shards: ['http://h:1'], database: 'd', cluster: 'c', batchRows: 0 })).toThrow(
      /batchRows must be a positive integer/,
    );
  });
});
