/**
 * The delivery contract under random server failures: every logged record ends in exactly one
 * of sent (then the server stored it), dropped (then the server never saw it), rejected, or failed
 * (the server may or may not have stored it: an acknowledgement can be lost with the connection),
 * and the server stores each request id at most once however often a batch is retried.
 */
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolServer, type ScriptStep } from '../test/protocol-server.js';
import { ModelwatchClient } from './modelwatch-client.js';

let server: ProtocolServer;
beforeAll(async () => {
  server = await ProtocolServer.start();
});
afterAll(async () => {
  await server.close();
});

const step: fc.Arbitrary<ScriptStep> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<ScriptStep>({ type: 'ok' }) },
  { weight: 2, arbitrary: fc.constantFrom(500, 502, 503).map((status): ScriptStep => ({ type: 'status', status })) },
  { weight: 1, arbitrary: fc.constant<ScriptStep>({ type: 'status', status: 429, retryAfter: '1' }) },
  { weight: 1, arbitrary: fc.constant<ScriptStep>({ type: 'status', status: 413 }) },
  { weight: 1, arbitrary: fc.constantFrom(400, 401).map((status): ScriptStep => ({ type: 'status', status })) },
  { weight: 1, arbitrary: fc.constant<ScriptStep>({ type: 'drop-before' }) },
  { weight: 1, arbitrary: fc.constant<ScriptStep>({ type: 'drop-after' }) },
  { weight: 1, arbitrary: fc.constant<ScriptStep>({ type: 'slow', delayMs: 100 }) },
);

const scenario = fc.record({
  script: fc.array(step, { maxLength: 30 }),
  bursts: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 4 }),
  invalidEvery: fc.integer({ min: 0, max: 7 }),
  batchSize: fc.integer({ min: 1, max: 12 }),
  maxQueue: fc.integer({ min: 0, max: 40 }),
  dropPolicy: fc.constantFrom<'drop-newest' | 'drop-oldest'>('drop-newest', 'drop-oldest'),
  maxAttempts: fc.integer({ min: 1, max: 4 }),
  maxConcurrency: fc.integer({ min: 1, max: 3 }),
  maxRecords: fc.integer({ min: 1, max: 30 }),
});

let run = 0;

describe('delivery', () => {
  it('property: each record is sent (and stored once), dropped, rejected or failed — exactly one', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        // A request the client timed out may still be stored after this reset: ids carry the run.
        server.reset();
        run += 1;
        const prefix = `run${run}-`;
        server.script.push(...s.script);
        server.maxRecords = s.maxRecords;
        const dropped = new Set<string>();
        const failed = new Set<string>();
        const rejected = new Set<string>();
        const logged: string[] = [];
        const acknowledged: string[] = [];
        // The responses the client actually received, read in full before the client sees them.
        const recordingFetch: typeof fetch = async (input, init) => {
          const response = await fetch(input, init);
          const text = await response.text();
          if (response.status === 200 && init?.body instanceof Uint8Array) {
            const headers = new Headers(init.headers);
            const raw = headers.get('content-encoding') === 'gzip' ? gunzipSync(init.body) : Buffer.from(init.body);
            for (const r of JSON.parse(raw.toString('utf8')) as { requestId: string }[]) acknowledged.push(r.requestId);
          }
          return new Response(text, { status: response.status, headers: response.headers });
        };
        const client = new ModelwatchClient({
          baseUrl: server.url,
          apiKey: server.apiKey,
          batchSize: s.batchSize,
          maxQueue: s.maxQueue,
          dropPolicy: s.dropPolicy,
          maxAttempts: s.maxAttempts,
          maxConcurrency: s.maxConcurrency,
          flushIntervalMs: 5,
          timeoutMs: 50,
          flushOnExit: false,
          fetch: recordingFetch,
          sleep: async () => {},
          onDrop: (d) => dropped.add(d.requestId ?? ''),
          onError: (e) => {
            for (const id of e.requestIds) (e.code === 'rejected' ? rejected : failed).add(id);
          },
        });
        for (const burst of s.bursts) {
          for (let i = 0; i < burst; i++) {
            const n = logged.length;
            const model = s.invalidEvery > 0 && n % s.invalidEvery === 0 ? 'invalid' : 'm';
            logged.push(client.log({ requestId: `${prefix}${n}`, model, version: '1', latencyMs: n }));
          }
          await new Promise((resolve) => setImmediate(resolve));
        }
        await client.close();

        const stats = client.stats();
        const stored = new Set(
          server
            .records()
            .map((r) => String(r.requestId))
            .filter((id) => id.startsWith(prefix)),
        );
        const sent = logged.filter((id) => !dropped.has(id) && !failed.has(id) && !rejected.has(id));
        expect(stats).toMatchObject({
          queued: 0,
          inFlight: 0,
          dropped: dropped.size,
          failed: failed.size,
          rejected: rejected.size,
          sent: sent.length,
        });
        // The buckets are disjoint and cover every logged record.
        expect(dropped.size + failed.size + rejected.size + sent.length).toBe(logged.length);
        for (const id of sent) expect(stored.has(id)).toBe(true);
        for (const id of dropped) expect(stored.has(id)).toBe(false);
        for (const id of rejected) expect(stored.has(id)).toBe(false);
        for (const id of stored) expect(logged).toContain(id);
        // Exactly once: no record is sent again after the client received a 200 for it.
        expect(new Set(acknowledged).size).toBe(acknowledged.length);
      }),
      { numRuns: 60 },
    );
  });
});
