import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbStore } from '../src/storage/duckdb/duckdb-store.js';
import { type ChildServer, SERVER_BUILT, startChildServer, testKey } from './ingest-child-server.js';

/*
 * Durability: an acknowledged event is never lost and never stored twice, across kill -9.
 * The real server runs as a child process on a DuckDB file; a client sends batches with unique
 * request ids from a few concurrent loops and records which batches were acknowledged (200 and
 * every record accounted for). The server is killed with SIGKILL at random moments 20 times and
 * restarted; unacknowledged batches are retried after each restart (they may or may not have
 * been committed: a retry must then count them as duplicates). Finally the file is opened
 * directly: every acknowledged id is stored exactly once.
 */

const KILLS = 20;
const BATCH = 50;
const LOOPS = 4;

interface Batch {
  readonly id: number;
  readonly body: string;
  readonly ids: readonly string[];
}

function makeBatch(id: number): Batch {
  const now = Date.now();
  const events = Array.from({ length: BATCH }, (_, i) => ({
    requestId: `b${id}-e${i}`,
    timestamp: now,
    model: 'ranker',
    version: 'v1',
    inputs: { features: { x: i }, text: `batch ${id}` },
    latencyMs: i,
  }));
  return { id, body: JSON.stringify(events), ids: events.map((e) => e.requestId) };
}

/** Seeded PRNG (mulberry32) for the kill moments, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function send(server: ChildServer, key: string, batch: Batch): Promise<boolean> {
  try {
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: batch.body,
    });
    if (res.status !== 200) return false;
    const r = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
    return r.accepted + r.duplicates === BATCH && r.rejected.length === 0;
  } catch {
    return false;
  }
}

describe('ingest durability', () => {
  it.runIf(SERVER_BUILT)(
    `every acknowledged event is stored exactly once across ${KILLS} SIGKILLs`,
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'modelwatch-durability-'));
      const db = join(dir, 'events.duckdb');
      const key = testKey();
      const seed = Number(process.env.FC_SEED ?? Date.now()) % 2 ** 31;
      const random = rng(seed);
      const acked = new Set<number>();
      let unacked: Batch[] = [];
      let next = 0;
      let sentAfterAck = 0;
      try {
        for (let round = 0; round <= KILLS; round++) {
          const server = await startChildServer(db, key);
          // Retry what was not acknowledged before the last kill.
          const retry = unacked;
          unacked = [];
          for (const b of retry) (await send(server, key, b)) ? acked.add(b.id) : unacked.push(b);
          if (round === KILLS) {
            // Last round: drain every retry, then stop gracefully.
            for (let attempt = 0; unacked.length > 0 && attempt < 5; attempt++) {
              const again = unacked;
              unacked = [];
              for (const b of again) (await send(server, key, b)) ? acked.add(b.id) : unacked.push(b);
            }
            await server.kill('SIGTERM');
            break;
          }
          let killed = false;
          const loop = async () => {
            while (!killed) {
              const b = makeBatch(next++);
              if (await send(server, key, b)) {
                acked.add(b.id);
                if (killed) sentAfterAck++;
              } else unacked.push(b);
            }
          };
          const loops = Array.from({ length: LOOPS }, loop);
          await new Promise((r) => setTimeout(r, 100 + random() * 600));
          killed = true;
          await server.kill('SIGKILL');
          await Promise.all(loops);
        }
        expect(unacked, `seed ${seed}: batches never acknowledged`).toEqual([]);

        const store = new DuckDbStore({ path: db });
        await store.open();
        try {
          const rows = await store.withReader(async (c) => {
            const r = await c.runAndReadAll(
              "SELECT request_id, count(*)::INTEGER AS n FROM events WHERE project_id = 'acme' GROUP BY request_id",
            );
            return r.getRows() as [string, number][];
          });
          const stored = new Map(rows.map(([id, n]) => [id, n]));
          const twice = rows.filter(([, n]) => n > 1).map(([id]) => id);
          expect(twice, `seed ${seed}: stored more than once`).toEqual([]);
          const lost: string[] = [];
          for (const b of acked) for (const id of makeBatch(b).ids) if (!stored.has(id)) lost.push(id);
          expect(lost, `seed ${seed}: acknowledged but lost`).toEqual([]);
          // Every batch ever sent was eventually acknowledged, so the file holds exactly them.
          expect(acked.size).toBe(next);
          expect(stored.size).toBe(next * BATCH);
          expect(next).toBeGreaterThan(KILLS * LOOPS);
          console.info(
            `durability: ${next} batches (${next * BATCH} events), ${KILLS} SIGKILLs, seed ${seed}; ${sentAfterAck} acknowledged just before a kill`,
          );
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );

  it.runIf(!SERVER_BUILT)('needs the built server (npm run build)', () => {
    throw new Error('packages/server/dist is missing: run `npm run build` before this test');
  });
});
