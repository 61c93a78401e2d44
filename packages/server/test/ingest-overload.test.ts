import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ChildServer, SERVER_BUILT, startChildServer, testKey } from './ingest-child-server.js';

/*
 * Overload: the real server (child process, DuckDB file) is first measured at its capacity C
 * (closed loop, requests/s), then restarted with a per-key rate limit of 2·C and a queue bound,
 * and driven open-loop at 3·C. It must answer the excess with 429 (rate limit) or 503 (queue
 * full / under pressure), each with Retry-After, keep its queue and RSS bounded, and serve 2xx
 * again once the load drops.
 */

const BATCH = 500;
const MAX_QUEUED = 5000;

function bodies() {
  let n = 0;
  const now = Date.now();
  return () => {
    const b = n++;
    return JSON.stringify(
      Array.from({ length: BATCH }, (_, i) => ({
        requestId: `o${b}-${i}`,
        timestamp: now,
        model: 'ranker',
        version: 'v1',
        segment: { region: 'eu' },
        inputs: { features: { a: i, b: 'x', c: true }, text: 'a short prompt of some length to look realistic' },
        output: { label: 'yes', score: 0.5 },
        latencyMs: 10,
      })),
    );
  };
}

async function post(server: ChildServer, key: string, body: string): Promise<Response | undefined> {
  try {
    const res = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body,
    });
    await res.arrayBuffer();
    return res;
  } catch {
    return undefined;
  }
}

describe('ingest overload', () => {
  it.runIf(SERVER_BUILT)(
    'sheds 3× capacity with 429/503 + Retry-After, stays bounded, and recovers',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'modelwatch-overload-'));
      const key = testKey();
      const next = bodies();
      try {
        // 1. Capacity, closed loop with 4 connections for 3 s.
        const probe = await startChildServer(join(dir, 'probe.duckdb'), key);
        let done = 0;
        const until = Date.now() + 3000;
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (Date.now() < until) if ((await post(probe, key, next()))?.status === 200) done++;
          }),
        );
        await probe.kill('SIGTERM');
        const capacity = Math.max(1, done / 3);

        // 2. Overload at 3× capacity, open loop, against a rate limit of 2× capacity.
        const server = await startChildServer(join(dir, 'events.duckdb'), key, [
          `--max-queued-records=${MAX_QUEUED}`,
          `--rate-limit=${Math.max(1, Math.round(2 * capacity))}`,
        ]);
        const baseline = (await server.stats()).rss;
        const statuses = new Map<number, number>();
        let missingRetryAfter = 0;
        let maxRss = baseline;
        let maxQueued = 0;
        const rate = 3 * capacity;
        const inFlight = new Set<Promise<void>>();
        const start = Date.now();
        let sent = 0;
        const sampler = setInterval(async () => {
          const s = await server.stats();
          maxRss = Math.max(maxRss, s.rss);
          maxQueued = Math.max(maxQueued, s.queued);
        }, 200);
        while (Date.now() - start < 6000) {
          const due = Math.floor(((Date.now() - start) / 1000) * rate);
          while (sent < due && inFlight.size < 128) {
            sent++;
            const p = post(server, key, next()).then((res) => {
              const status = res?.status ?? 0;
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
              if ((status === 429 || status === 503) && !res?.headers.get('retry-after')) missingRetryAfter++;
            });
            inFlight.add(p);
            void p.finally(() => inFlight.delete(p));
          }
          await new Promise((r) => setTimeout(r, 10));
        }
        await Promise.all(inFlight);
        clearInterval(sampler);

        // 3. Recovery: once the queue drains, a request succeeds.
        for (let i = 0; i < 100 && (await server.stats()).queued > 0; i++) await new Promise((r) => setTimeout(r, 100));
        await new Promise((r) => setTimeout(r, 1100)); // the rate-limit window passes
        const after = await post(server, key, next());
        await server.kill('SIGTERM');

        const shed = (statuses.get(429) ?? 0) + (statuses.get(503) ?? 0);
        console.info(
          `overload: capacity ${capacity.toFixed(1)} req/s (${(capacity * BATCH).toFixed(0)} events/s); at 3×: ${JSON.stringify(Object.fromEntries(statuses))}; RSS ${(baseline / 2 ** 20).toFixed(0)} → max ${(maxRss / 2 ** 20).toFixed(0)} MiB; max queue ${maxQueued}`,
        );
        expect([...statuses.keys()].every((s) => s === 200 || s === 429 || s === 503)).toBe(true);
        expect(shed).toBeGreaterThan(0);
        expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
        expect(missingRetryAfter).toBe(0);
        // Bounded: the queue never exceeds its limit plus one admitted request, and memory stays
        // within a fixed budget over the idle server (the queue holds ≤ 5 000 small events).
        expect(maxQueued).toBeLessThanOrEqual(MAX_QUEUED + BATCH);
        expect(maxRss - baseline).toBeLessThan(512 * 2 ** 20);
        expect(after?.status).toBe(200);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
