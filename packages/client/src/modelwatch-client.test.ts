import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolServer } from '../test/protocol-server.js';
import { until } from '../test/until.js';
import { type DropNotice, ModelwatchClient, type ModelwatchClientOptions } from './modelwatch-client.js';
import type { ModelwatchClientError } from './modelwatch-client-error.js';
import type { InferenceEventInput } from './records.js';

let server: ProtocolServer;
beforeAll(async () => {
  server = await ProtocolServer.start();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

interface Harness {
  client: ModelwatchClient;
  sleeps: number[];
  errors: ModelwatchClientError[];
  drops: DropNotice[];
}

/** A client of the test server that records its backoff sleeps (and does not wait them out). */
function harness(options: Partial<ModelwatchClientOptions> = {}): Harness {
  const sleeps: number[] = [];
  const errors: ModelwatchClientError[] = [];
  const drops: DropNotice[] = [];
  const client = new ModelwatchClient({
    baseUrl: server.url,
    apiKey: server.apiKey,
    flushIntervalMs: 60_000,
    flushOnExit: false,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onError: (e) => errors.push(e),
    onDrop: (d) => drops.push(d),
    ...options,
  });
  return { client, sleeps, errors, drops };
}

const event = (i: number, extra: Partial<InferenceEventInput> = {}): InferenceEventInput => ({
  requestId: `r${i}`,
  timestamp: 1_767_225_600_000 + i,
  model: 'churn',
  version: '3',
  latencyMs: i,
  ...extra,
});

const ids = (records: Record<string, unknown>[]) => records.map((r) => r.requestId);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('options', () => {
  it('rejects a bad option naming it, the expectation and the value', () => {
    const base = { baseUrl: 'http://127.0.0.1:1', apiKey: 'k', flushOnExit: false };
    expect(() => new ModelwatchClient({ ...base, batchSize: 0 })).toThrow(
      'ModelwatchClient: options.batchSize must be an integer ≥ 1 (got 0)',
    );
    expect(() => new ModelwatchClient({ ...base, baseUrl: 'ftp://x' })).toThrow(
      'options.baseUrl must be an http(s) URL (got "ftp://x")',
    );
    expect(() => new ModelwatchClient({ ...base, apiKey: '' })).toThrow('options.apiKey must be a non-empty string');
    expect(() => new ModelwatchClient({ ...base, dropPolicy: 'drop-all' as 'drop-oldest' })).toThrow(
      /options\.dropPolicy .* \(got "drop-all"\)/,
    );
    try {
      new ModelwatchClient({ ...base, maxAttempts: 1.5 });
      expect.unreachable();
    } catch (error) {
      expect((error as ModelwatchClientError).code).toBe('invalid_option');
    }
  });
});

describe('batching', () => {
  it('sends a request as soon as batchSize records are queued, and keeps the remainder queued', async () => {
    const { client } = harness({ batchSize: 10 });
    for (const i of range(25)) client.log(event(i));
    await until(() => client.stats().sent === 20);
    expect(server.requests.map((r) => r.records?.length)).toEqual([10, 10]);
    expect(client.stats()).toMatchObject({ queued: 5, inFlight: 0, sent: 20 });
    await client.flush();
    expect(server.requests.map((r) => r.records?.length)).toEqual([10, 10, 5]);
    expect(ids(server.records())).toEqual(range(25).map((i) => `r${i}`));
    await client.close();
  });

  it('sends a partial batch when flushIntervalMs has passed, without flush()', async () => {
    const { client } = harness({ batchSize: 500, flushIntervalMs: 20 });
    for (const i of range(3)) client.log(event(i));
    await until(() => server.records().length === 3);
    expect(server.requests.map((r) => r.records?.length)).toEqual([3]);
    client.log(event(3));
    await until(() => server.records().length === 4);
    expect(server.requests.map((r) => r.records?.length)).toEqual([3, 1]);
    await client.close();
  });

  it('sends each kind to its endpoint with the bearer key and JSON content type', async () => {
    const { client } = harness();
    client.log(event(1));
    client.logOutcome({ requestId: 'r1', label: 'churned' });
    client.logFeedback({ requestId: 'r1', kind: 'thumbs', value: 'down' });
    client.logScore({ requestId: 'r1', name: 'faithfulness', value: 0.8, source: 'judge' });
    await client.flush();
    expect(server.requests.map((r) => r.kind).sort()).toEqual(['events', 'feedback', 'outcomes', 'scores']);
    for (const r of server.requests) {
      expect(r.authorization).toBe(`Bearer ${server.apiKey}`);
      expect(r.contentType).toBe('application/json');
    }
    expect(server.records('outcomes')).toEqual([expect.objectContaining({ requestId: 'r1', label: 'churned' })]);
    expect(server.records('scores')).toEqual([expect.objectContaining({ name: 'faithfulness', value: 0.8 })]);
    await client.close();
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    const { client } = harness({ batchSize: 1, maxConcurrency: 2 });
    for (const _ of range(8)) server.script.push({ type: 'slow', delayMs: 30 });
    for (const i of range(8)) client.log(event(i));
    await client.flush();
    expect(server.records()).toHaveLength(8);
    expect(server.maxConcurrent).toBeLessThanOrEqual(2);
    await client.close();
  });
});

describe('records', () => {
  it('fills a missing requestId (a UUID, returned by log) and timestamp (now), keeping given ones', async () => {
    const { client } = harness({ now: () => 1_767_225_600_123 });
    const generated = client.log({ model: 'm', version: '1', latencyMs: 5 });
    const given = client.log(event(7));
    await client.flush();
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(given).toBe('r7');
    expect(server.records()).toEqual([
      { model: 'm', version: '1', latencyMs: 5, requestId: generated, timestamp: 1_767_225_600_123 },
      event(7),
    ]);
    await client.close();
  });

  it('does not invent a requestId for outcomes, feedback or scores', async () => {
    const { client, errors } = harness();
    client.logOutcome({ label: 'x' } as unknown as { requestId: string; label: string });
    await client.flush();
    expect(server.records('outcomes')).toEqual([]);
    expect(client.stats().rejected).toBe(1);
    expect(errors[0]?.code).toBe('rejected');
    await client.close();
  });

  it('snapshots a record when it is logged', async () => {
    const { client } = harness();
    const e = event(1, { segment: { region: 'eu' } });
    client.log(e);
    (e.segment as Record<string, string>).region = 'us';
    await client.flush();
    expect(server.records()[0]?.segment).toEqual({ region: 'eu' });
    await client.close();
  });
});

describe('gzip', () => {
  const big = (i: number) => event(i, { inputs: { text: 'x'.repeat(2000) } });

  it('gzips bodies over 1 KB; they decode to the logged records', async () => {
    const { client } = harness();
    for (const i of range(3)) client.log(big(i));
    await client.flush();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.gzipped).toBe(true);
    expect(server.requests[0]?.records).toEqual(range(3).map(big));
    await client.close();
  });

  it('sends small bodies, and every body when gzip is false, uncompressed', async () => {
    const small = harness();
    small.client.log(event(1));
    await small.client.flush();
    const off = harness({ gzip: false });
    off.client.log(big(2));
    await off.client.flush();
    expect(server.requests.map((r) => r.gzipped)).toEqual([false, false]);
    expect(server.records()).toEqual([event(1), big(2)]);
    await small.client.close();
    await off.client.close();
  });
});

describe('retries', () => {
  it('backs off with full jitter, base 200 ms doubling, until a success', async () => {
    const randoms = [0.5, 0.25, 0.9];
    const { client, sleeps } = harness({ random: () => randoms.shift() ?? 0 });
    server.script.push(
      { type: 'status', status: 500 },
      { type: 'status', status: 503 },
      { type: 'status', status: 502 },
    );
    for (const i of range(4)) client.log(event(i));
    await client.flush();
    expect(sleeps).toEqual([0.5 * 200, 0.25 * 400, 0.9 * 800]);
    expect(server.requests.map((r) => r.outcome)).toEqual([500, 503, 502, 200]);
    expect(client.stats()).toMatchObject({ sent: 4, retries: 3, failed: 0 });
    await client.close();
  });

  it('caps the backoff ceiling at backoff.capMs', async () => {
    const { client, sleeps } = harness({ random: () => 0.999, backoff: { baseMs: 100, capMs: 250 }, maxAttempts: 5 });
    for (const _ of range(4)) server.script.push({ type: 'status', status: 500 });
    client.log(event(1));
    await client.flush();
    expect(sleeps.map((s) => s / 0.999)).toEqual([100, 200, 250, 250]);
    await client.close();
  });

  it('waits Retry-After seconds on 429 and 503', async () => {
    const { client, sleeps } = harness({ random: () => 0.5 });
    server.script.push(
      { type: 'status', status: 429, retryAfter: '2' },
      { type: 'status', status: 503, retryAfter: '0.5' },
      { type: 'status', status: 429 },
    );
    client.log(event(1));
    await client.flush();
    // The third answer had no Retry-After: third-retry backoff, 0.5 · 800.
    expect(sleeps).toEqual([2000, 500, 400]);
    expect(server.records()).toHaveLength(1);
    await client.close();
  });

  it('gives up after maxAttempts and reports the records as failed', async () => {
    const { client, errors } = harness({ maxAttempts: 3, random: () => 0 });
    server.stepFor = () => ({ type: 'status', status: 500 });
    for (const i of range(5)) client.log(event(i));
    await client.flush();
    expect(server.requests).toHaveLength(3);
    expect(client.stats()).toMatchObject({ sent: 0, failed: 5, retries: 2, queued: 0, inFlight: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'retries_exhausted', status: 500, kind: 'events' });
    expect(errors[0]?.requestIds).toEqual(range(5).map((i) => `r${i}`));
    await client.close();
  });

  it('retries a dropped connection, before or after the server stored the batch, storing it once', async () => {
    const { client } = harness({ random: () => 0 });
    server.script.push({ type: 'drop-before' }, { type: 'drop-after' });
    for (const i of range(3)) client.log(event(i));
    await client.flush();
    expect(server.requests.map((r) => r.outcome)).toEqual(['dropped', 'dropped', 200]);
    expect(ids(server.records())).toEqual(['r0', 'r1', 'r2']);
    expect(client.stats()).toMatchObject({ sent: 3, retries: 2, failed: 0 });
    await client.close();
  });

  it('times out a slow answer after timeoutMs and retries', async () => {
    const { client } = harness({ timeoutMs: 50, random: () => 0 });
    server.script.push({ type: 'slow', delayMs: 1000 });
    client.log(event(1));
    await client.flush();
    expect(client.stats()).toMatchObject({ sent: 1, retries: 1 });
    expect(server.records()).toHaveLength(1);
    await client.close();
  });

  it('does not retry 400 or 401; both are reported through onError', async () => {
    const bad = harness();
    server.script.push({ type: 'status', status: 400 });
    bad.client.log(event(1));
    await bad.client.flush();
    expect(server.requests).toHaveLength(1);
    expect(bad.errors.map((e) => [e.code, e.status])).toEqual([['bad_request', 400]]);

    const unauthorized = harness({ apiKey: 'wrong' });
    unauthorized.client.log(event(2));
    unauthorized.client.log(event(3));
    await unauthorized.client.flush();
    expect(server.requests).toHaveLength(2);
    expect(unauthorized.errors.map((e) => [e.code, e.status, e.requestIds])).toEqual([
      ['unauthorized', 401, ['r2', 'r3']],
    ]);
    expect(unauthorized.client.stats()).toMatchObject({ failed: 2, retries: 0, sent: 0 });
    await bad.client.close();
    await unauthorized.client.close();
  });

  it('splits a batch in halves on 413 until the pieces fit', async () => {
    server.maxRecords = 3;
    const { client } = harness();
    for (const i of range(10)) client.log(event(i));
    await client.flush();
    // 10 → 413; 5 → 413; 3 ok; 2 ok; 5 → 413; 3 ok; 2 ok.
    expect(server.requests.map((r) => [r.records?.length, r.outcome])).toEqual([
      [10, 413],
      [5, 413],
      [3, 200],
      [2, 200],
      [5, 413],
      [3, 200],
      [2, 200],
    ]);
    expect(ids(server.records())).toEqual(range(10).map((i) => `r${i}`));
    expect(client.stats()).toMatchObject({ sent: 10, failed: 0, retries: 0 });
    await client.close();
  });

  it('fails a single record the server refuses as too large', async () => {
    server.maxRecords = 0;
    const { client, errors } = harness();
    client.log(event(1));
    client.log(event(2));
    await client.flush();
    expect(client.stats()).toMatchObject({ failed: 2, sent: 0 });
    expect(errors.map((e) => [e.code, e.requestIds])).toEqual([
      ['payload_too_large', ['r1']],
      ['payload_too_large', ['r2']],
    ]);
    await client.close();
  });

  it('counts records the server rejects in a 200 and does not resend them', async () => {
    const { client, errors } = harness();
    client.log(event(0));
    client.log(event(1, { model: 'invalid' }));
    client.log(event(2));
    await client.flush();
    expect(server.requests).toHaveLength(1);
    expect(ids(server.records())).toEqual(['r0', 'r2']);
    expect(client.stats()).toMatchObject({ sent: 2, rejected: 1, failed: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('rejected');
    expect(errors[0]?.rejections).toEqual([{ requestId: 'r1', field: 'model', message: expect.any(String) }]);
    await client.close();
  });
});

describe('bounded queue', () => {
  it('drops the newest record by default when maxQueue records wait, counting each drop', async () => {
    const { client, drops } = harness({ maxQueue: 5 });
    for (const i of range(8)) client.log(event(i));
    expect(client.stats()).toMatchObject({ queued: 5, dropped: 3 });
    expect(drops).toEqual(['r5', 'r6', 'r7'].map((requestId) => ({ reason: 'queue_full', kind: 'events', requestId })));
    await client.flush();
    expect(ids(server.records())).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    await client.close();
  });

  it("drops the oldest waiting record with dropPolicy 'drop-oldest'", async () => {
    const { client, drops } = harness({ maxQueue: 5, dropPolicy: 'drop-oldest' });
    for (const i of range(8)) client.log(event(i));
    client.logOutcome({ requestId: 'r7', value: 1 });
    expect(client.stats()).toMatchObject({ queued: 5, dropped: 4 });
    expect(drops.map((d) => d.requestId)).toEqual(['r0', 'r1', 'r2', 'r3']);
    await client.flush();
    expect(ids(server.records())).toEqual(['r4', 'r5', 'r6', 'r7']);
    expect(ids(server.records('outcomes'))).toEqual(['r7']);
    await client.close();
  });

  it('holds at most maxQueue waiting records under a flood while the server is down', async () => {
    const { client } = harness({ maxQueue: 100, batchSize: 10, maxAttempts: 2, random: () => 0 });
    server.stepFor = () => ({ type: 'status', status: 503 });
    for (const i of range(1000)) {
      client.log(event(i));
      expect(client.stats().queued).toBeLessThanOrEqual(100);
    }
    await client.flush();
    const s = client.stats();
    expect(s.dropped + s.failed + s.sent).toBe(1000);
    expect(s.dropped).toBeGreaterThanOrEqual(1000 - 100 - 2 * 10);
    await client.close();
  });
});

describe('flush and close', () => {
  it('resolves at once with nothing queued, and after every earlier record settled otherwise', async () => {
    const { client } = harness({ batchSize: 2, maxConcurrency: 1, random: () => 0 });
    await client.flush();
    server.script.push({ type: 'status', status: 500 }, { type: 'slow', delayMs: 20 });
    for (const i of range(7)) client.log(event(i));
    await client.flush();
    expect(client.stats()).toMatchObject({ queued: 0, inFlight: 0, sent: 7 });
    expect(server.records()).toHaveLength(7);
    await client.close();
  });

  it('never throws from log: after close, for non-objects, unserialisable records or a throwing onDrop', async () => {
    const { client, drops } = harness({ maxQueue: 1 });
    const cyclic: Record<string, unknown> = { model: 'm', version: '1', latencyMs: 1 };
    cyclic.self = cyclic;
    expect(client.log(cyclic as unknown as InferenceEventInput)).toMatch(/-/);
    expect(client.log(null as unknown as InferenceEventInput)).toBe('');
    expect(client.log({ ...event(1), costUsd: 1n as unknown as number })).toBe('r1');
    await client.close();
    expect(client.log(event(2))).toBe('r2');
    expect(drops.map((d) => d.reason)).toEqual(['invalid', 'invalid', 'invalid', 'closed']);
    const throwing = harness({
      maxQueue: 0,
      onDrop: () => {
        throw new Error('boom');
      },
    });
    expect(() => throwing.client.log(event(3))).not.toThrow();
    await throwing.client.close();
    expect(client.stats().dropped).toBe(4);
  });
});

describe('wrap', () => {
  /** A monotonic clock that advances 37 ms per reading. */
  const ticking = () => {
    let t = 1000;
    return () => (t += 37);
  };

  it('logs latency from the monotonic clock, status ok and the mapped output; returns the result', async () => {
    const { client } = harness({ monotonicNow: ticking() });
    const predict = client.wrap(async (x: number) => ({ label: x > 0 ? 'pos' : 'neg', p: 0.7 }), {
      event: (x) => ({ model: 'sentiment', version: '2', requestId: `q${x}`, segment: { tier: 'free' } }),
      output: (r) => ({ label: r.label, score: r.p }),
    });
    await expect(predict(3)).resolves.toEqual({ label: 'pos', p: 0.7 });
    await client.flush();
    expect(server.records()).toEqual([
      expect.objectContaining({
        requestId: 'q3',
        model: 'sentiment',
        segment: { tier: 'free' },
        latencyMs: 37,
        status: 'ok',
        output: { label: 'pos', score: 0.7 },
      }),
    ]);
    await client.close();
  });

  it('rethrows the same error and logs status error with its type', async () => {
    const { client } = harness({ monotonicNow: ticking() });
    const failure = new Error('upstream exploded');
    const timeout = Object.assign(new Error('request aborted'), { name: 'TimeoutError' });
    const errors = [failure, timeout];
    const call = client.wrap(
      async (i: number) => {
        throw errors[i];
      },
      { event: (i) => ({ model: 'llm', version: '1', requestId: `e${i}` }) },
    );
    await expect(call(0)).rejects.toBe(failure);
    await expect(call(1)).rejects.toBe(timeout);
    const classified = client.wrap(
      () => {
        throw failure;
      },
      { event: { model: 'llm', version: '1', requestId: 'e2' }, classifyError: () => 'upstream' },
    );
    await expect(classified()).rejects.toBe(failure);
    await client.flush();
    expect(server.records().map((r) => [r.requestId, r.status, r.errorType, r.latencyMs])).toEqual([
      ['e0', 'error', 'internal', 37],
      ['e1', 'error', 'timeout', 37],
      ['e2', 'error', 'upstream', 37],
    ]);
    await client.close();
  });

  it('still returns the result and logs the event when the output mapper throws', async () => {
    const { client } = harness({ monotonicNow: ticking() });
    const call = client.wrap(() => 42, {
      event: { model: 'm', version: '1', requestId: 'w1' },
      output: () => {
        throw new Error('mapper bug');
      },
    });
    await expect(call()).resolves.toBe(42);
    await client.flush();
    expect(server.records()).toEqual([expect.objectContaining({ requestId: 'w1', status: 'ok', latencyMs: 37 })]);
    expect(server.records()[0]).not.toHaveProperty('output');
    await client.close();
  });
});

describe('getAssignment', () => {
  it('returns the server assignment and caches it until the TTL passes', async () => {
    let now = 1_767_225_600_000;
    const { client } = harness({ now: () => now, assignmentCache: { ttlMs: 1000 } });
    const a = await client.getAssignment('exp-1', 'user 7');
    expect(a).toMatchObject({ experimentId: 'exp-1', unitId: 'user 7' });
    expect(['control', 'treatment']).toContain(a.variant);
    expect(await client.getAssignment('exp-1', 'user 7')).toEqual(a);
    expect(server.assignmentRequests).toEqual(['exp-1/user 7']);
    await client.getAssignment('exp-1', 'user 8');
    expect(server.assignmentRequests).toHaveLength(2);
    now += 1001;
    expect(await client.getAssignment('exp-1', 'user 7')).toEqual(a);
    expect(server.assignmentRequests).toHaveLength(3);
    await client.close();
  });

  it('shares one request among concurrent lookups of the same unit', async () => {
    const { client } = harness();
    const all = await Promise.all(range(5).map(() => client.getAssignment('exp-2', 'u1')));
    expect(new Set(all.map((a) => a.bucket)).size).toBe(1);
    expect(server.assignmentRequests).toEqual(['exp-2/u1']);
    await client.close();
  });

  it('evicts the least recently used assignment beyond maxEntries', async () => {
    const { client } = harness({ assignmentCache: { maxEntries: 2 } });
    for (const u of ['a', 'b', 'a', 'c', 'a', 'b']) await client.getAssignment('exp-3', u);
    // a, b fetched; a hit; c evicts b; a hit; b fetched again.
    expect(server.assignmentRequests).toEqual(['exp-3/a', 'exp-3/b', 'exp-3/c', 'exp-3/b']);
    await client.close();
  });

  it('rejects with a coded error on 401 and on bad arguments, caching nothing', async () => {
    const { client } = harness({ apiKey: 'wrong' });
    await expect(client.getAssignment('exp', 'u')).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    await expect(client.getAssignment('exp', 'u')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(server.assignmentRequests).toHaveLength(2);
    await expect(client.getAssignment('exp', '')).rejects.toMatchObject({
      code: 'invalid_option',
      message: 'getAssignment: unitId must be a non-empty string (got "")',
    });
    await client.close();
  });
});
