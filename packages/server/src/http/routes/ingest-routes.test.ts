import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type IngestFixture, ingestFixture, PROJECT, wireEvent } from '../../../test/ingest-fixture.js';

let fx: IngestFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function setup(options?: Parameters<typeof ingestFixture>[0]): Promise<IngestFixture> {
  fx = await ingestFixture(options);
  return fx;
}

function post(
  f: IngestFixture,
  url: string,
  payload: string | Buffer,
  headers: Record<string, string> = {},
  key: string | null = f.keys.ingest,
) {
  return f.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...headers,
    },
  });
}

const all = { projectId: PROJECT, from: 0, to: Number.MAX_SAFE_INTEGER };

describe('POST /v1/events', () => {
  it('answers 401 without a key and 403 for a key without the ingest scope', async () => {
    const f = await setup();
    const body = JSON.stringify([wireEvent('r1')]);
    const none = await post(f, '/v1/events', body, {}, null);
    expect(none.statusCode).toBe(401);
    const readOnly = await post(f, '/v1/events', body, {}, f.keys.read);
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json().message).toContain('lacks the "ingest" scope');
    expect(await f.store.countEvents(all)).toBe(0);
  });

  it('stores a batch and acknowledges it with the counts', async () => {
    const f = await setup();
    const res = await post(f, '/v1/events', JSON.stringify([wireEvent('r1'), wireEvent('r2'), wireEvent('r3')]));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    expect(await f.store.countEvents(all)).toBe(3);
    const stored = await f.store.getEvent(PROJECT, 'r2');
    expect(stored?.event.inputs.features).toEqual({ age: 41, country: 'FR' });
    expect(stored?.event.segment).toEqual({ region: 'eu' });
  });

  it('accepts a single object as a batch of one', async () => {
    const f = await setup();
    const res = await post(f, '/v1/events', JSON.stringify(wireEvent('solo')));
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('stores the good records of a batch and names field, expectation and value for each bad one', async () => {
    const f = await setup();
    const batch = [
      wireEvent('ok-1'),
      wireEvent('bad-latency', { latencyMs: 'fast' }),
      wireEvent('bad-feature', { inputs: { features: { temp: { c: 20 } } } }),
      wireEvent('ok-2'),
      wireEvent('typo', { lantency: 3 }),
      wireEvent('bad-ts', { timestamp: '2026-13-01T00:00:00Z' }),
      wireEvent('future', { timestamp: Date.now() + 3_600_000 }),
      wireEvent('bad-variant', { variant: 'beta' }),
      wireEvent('missing', { model: undefined }),
      7,
      wireEvent('long', { model: 'm'.repeat(300) }),
    ];
    const res = await post(f, '/v1/events', JSON.stringify(batch));
    expect(res.statusCode).toBe(200);
    const body = res.json() as { accepted: number; rejected: { index: number; field: string; message: string }[] };
    expect(body.accepted).toBe(2);
    const by = new Map(body.rejected.map((r) => [r.index, r]));
    expect([...by.keys()]).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]);
    expect(by.get(1)).toEqual({ index: 1, field: 'latencyMs', message: 'expected a number, got "fast"' });
    expect(by.get(2)?.field).toBe('inputs.features.temp');
    expect(by.get(2)?.message).toBe(
      'expected a number, a string, a boolean or null, got an object with 1 key: {"c":20}',
    );
    expect(by.get(4)?.field).toBe('lantency');
    expect(by.get(4)?.message).toMatch(
      /^unknown field "lantency" \(expected one of requestId, timestamp, .*latencyMs.*\), got 3$/,
    );
    expect(by.get(5)).toEqual({
      index: 5,
      field: 'timestamp',
      message: 'expected an ISO-8601 date-time with a time zone, got "2026-13-01T00:00:00Z"',
    });
    expect(by.get(6)?.field).toBe('timestamp');
    expect(by.get(6)?.message).toMatch(/^expected a time at most 5 minutes ahead of the server clock, got \d{4}-/);
    expect(by.get(7)?.message).toBe(
      'expected one of "production", "control", "treatment", "canary", "shadow", got "beta"',
    );
    expect(by.get(8)).toEqual({
      index: 8,
      field: 'model',
      message: 'required field is missing (expected a string)',
    });
    expect(by.get(9)).toEqual({ index: 9, field: '', message: 'expected an object, got 7' });
    expect(by.get(10)?.message).toMatch(/^expected at most 200 characters, got "m{80}"… \(300 characters\)$/);
    for (const r of body.rejected) expect(r.message).not.toMatch(/Invalid input/);
    expect(await f.store.countEvents(all)).toBe(2);
  });

  it('counts a retried batch as duplicates, never storing it twice', async () => {
    const f = await setup();
    const body = JSON.stringify([wireEvent('d1'), wireEvent('d2'), wireEvent('d1')]);
    const first = await post(f, '/v1/events', body);
    expect(first.json()).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const retry = await post(f, '/v1/events', body);
    expect(retry.json()).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    expect(await f.store.countEvents(all)).toBe(2);
  });

  it('attributes duplicates to the right request when concurrent requests share one commit', async () => {
    const f = await setup();
    await post(f, '/v1/events', JSON.stringify([wireEvent('old-1'), wireEvent('old-2')]));
    const [a, b, c] = await Promise.all([
      post(f, '/v1/events', JSON.stringify([wireEvent('new-a1'), wireEvent('new-a2')])),
      post(f, '/v1/events', JSON.stringify([wireEvent('old-1'), wireEvent('new-b1'), wireEvent('old-2')])),
      post(f, '/v1/events', JSON.stringify([wireEvent('new-c1')])),
    ]);
    expect(a?.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(b?.json()).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    expect(c?.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await f.store.countEvents(all)).toBe(6);
  });

  it('reads NDJSON: a line that is not JSON is rejected by its record index, the rest is stored', async () => {
    const f = await setup();
    const lines = [JSON.stringify(wireEvent('n1')), '{"requestId": "n2", oops}', '', JSON.stringify(wireEvent('n3'))];
    const res = await post(f, '/v1/events', `${lines.join('\r\n')}\n`, { 'content-type': 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          field: '',
          message: 'line 2 is not valid JSON: expected a "quoted" key at position 20 (line 1, column 21)',
        },
      ],
    });
    expect(await f.store.getEvent(PROJECT, 'n3')).toBeDefined();
  });

  it('accepts gzip, rejects truncated gzip with 400 and a decompression bomb with 413 naming the limit', async () => {
    const f = await setup({ routes: { maxDecompressedBytes: 100_000 } });
    const batch = JSON.stringify([wireEvent('g1'), wireEvent('g2')]);
    const ok = await post(f, '/v1/events', gzipSync(batch), { 'content-encoding': 'gzip' });
    expect(ok.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const zipped = gzipSync(batch);
    const truncated = await post(f, '/v1/events', zipped.subarray(0, zipped.length - 9), {
      'content-encoding': 'gzip',
    });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().message).toMatch(/not valid gzip/);
    const bomb = gzipSync(Buffer.alloc(1_000_000, 0x20));
    expect(bomb.length).toBeLessThan(10_000);
    const big = await post(f, '/v1/events', bomb, { 'content-encoding': 'gzip' });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe('the decompressed body exceeds the limit of 100000 bytes');
    const br = await post(f, '/v1/events', batch, { 'content-encoding': 'br' });
    expect(br.statusCode).toBe(415);
  });

  it('answers 413 naming the limit for a body over the size limit', async () => {
    const f = await setup({ routes: { bodyLimitBytes: 1024 } });
    const res = await post(f, '/v1/events', JSON.stringify([wireEvent('x', { inputs: { text: 'a'.repeat(5000) } })]));
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe('the request body exceeds the limit of 1024 bytes (as sent)');
  });

  it('answers 400 naming the position for a body that is not JSON, and 415 for another content type', async () => {
    const f = await setup();
    const res = await post(f, '/v1/events', '[{"requestId": "a"},\n {"x": NaN}]');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid_body',
      message: 'the body is not valid JSON: unexpected "N" at position 28 (line 2, column 8)',
    });
    const utf8 = await post(f, '/v1/events', Buffer.from([0x5b, 0x22, 0xff, 0x22, 0x5d]));
    expect(utf8.statusCode).toBe(400);
    expect(utf8.json().message).toBe('the body is not valid UTF-8: byte 0xff at byte position 2');
    const scalar = await post(f, '/v1/events', '"hello"');
    expect(scalar.json().message).toBe('expected a JSON array of records or one record object, got "hello"');
    for (const headers of [{}, { 'content-length': '0' }]) {
      const empty = await f.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${f.keys.ingest}`, ...headers },
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().message).toMatch(/^the body is empty; expected a JSON array/);
    }
    const text = await post(f, '/v1/events', 'a,b', { 'content-type': 'text/csv' });
    expect(text.statusCode).toBe(415);
  });

  it('redacts PII in stored text, string features, feedback and score rationales', async () => {
    const f = await setup();
    const event = wireEvent('pii', {
      inputs: { features: { contact: 'jane@example.com', age: 30 }, text: 'call me at +1 415 555 2671 please' },
      output: { text: 'your card 4111 1111 1111 1111 is blocked' },
      segment: { region: 'eu' },
    });
    expect((await post(f, '/v1/events', JSON.stringify([event]))).json().accepted).toBe(1);
    const fb = {
      kind: 'correction',
      requestId: 'pii',
      timestamp: Date.now(),
      correction: 'IBAN DE89 3704 0044 0532 0130 00',
      comment: 'from 10.1.2.3',
    };
    expect((await post(f, '/v1/feedback', JSON.stringify(fb))).json().accepted).toBe(1);
    const score = {
      requestId: 'pii',
      timestamp: Date.now(),
      name: 'faithfulness',
      value: 0.5,
      source: 'judge',
      rationale: 'SSN 123-45-6789 leaked',
    };
    expect((await post(f, '/v1/scores', JSON.stringify(score))).json().accepted).toBe(1);
    const d = await f.store.getEvent(PROJECT, 'pii');
    expect(d?.event.inputs).toEqual({ features: { contact: '[EMAIL]', age: 30 }, text: 'call me at [PHONE] please' });
    expect(d?.event.output.text).toBe('your card [CREDIT_CARD] is blocked');
    expect(d?.feedback[0]).toMatchObject({ correction: 'IBAN [IBAN]', comment: 'from [IPV4]' });
    expect(d?.scores[0]?.rationale).toBe('SSN [US_SSN] leaked');
  });

  it('stores outcomes, feedback and scores with per-record rejections', async () => {
    const f = await setup();
    const now = Date.now();
    const outcomes = await post(
      f,
      '/v1/outcomes',
      JSON.stringify([
        { requestId: 'o1', timestamp: now, label: 'spam' },
        { requestId: 'o2', timestamp: now },
      ]),
    );
    expect(outcomes.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 1, field: 'label', message: 'required field is missing (expected exactly one of label and value)' },
      ],
    });
    const feedback = await post(f, '/v1/feedback', JSON.stringify([{ kind: 'like', requestId: 'o1', timestamp: now }]));
    expect(feedback.json().rejected).toEqual([
      {
        index: 0,
        field: 'kind',
        message: 'expected kind to be one of "thumbs", "correction", "escalation", got "like"',
      },
    ]);
    const scores = await post(
      f,
      '/v1/scores',
      JSON.stringify([{ requestId: 'o1', timestamp: now, name: 'f', value: 0.1, source: 'judge' }]),
    );
    expect(scores.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });
});

describe('ingest backpressure', () => {
  it('limits requests per API key with 429 + Retry-After, keyed by the key, not the address', async () => {
    const f = await setup({ routes: { rateLimit: { max: 2, timeWindowMs: 60_000 } } });
    const { createKey } = await import('../../../test/ingest-fixture.js');
    const other = await createKey(f.store, PROJECT, 'k-other', ['ingest']);
    const codes: number[] = [];
    for (let i = 0; i < 3; i++)
      codes.push((await post(f, '/v1/events', JSON.stringify([wireEvent(`rl-${i}`)]))).statusCode);
    expect(codes).toEqual([200, 200, 429]);
    const limited = await post(f, '/v1/events', JSON.stringify([wireEvent('rl-x')]));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(limited.json().message).toMatch(/^this API key exceeded 2 requests per 60 s; retry after/);
    // Same address, another key: not limited.
    const fresh = await post(f, '/v1/events', JSON.stringify([wireEvent('rl-y')]), {}, other);
    expect(fresh.statusCode).toBe(200);
  });

  it('answers 503 + Retry-After when the ingest queue is full, storing nothing of the refused requests', async () => {
    const f = await setup({ service: { maxQueuedRecords: 1, retryAfterSeconds: 4 } });
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, r) =>
        post(f, '/v1/events', JSON.stringify([wireEvent(`q${r}-a`), wireEvent(`q${r}-b`)])),
      ),
    );
    const ok = responses.filter((r) => r.statusCode === 200);
    const refused = responses.filter((r) => r.statusCode === 503);
    expect(ok.length + refused.length).toBe(6);
    expect(ok.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.headers['retry-after']).toBe('4');
      expect(r.json()).toMatchObject({ error: 'overloaded' });
    }
    expect(await f.store.countEvents(all)).toBe(2 * ok.length);
  });

  it('answers 503 + Retry-After under memory pressure', async () => {
    const f = await setup({
      routes: { pressure: { maxHeapUsedBytes: 1, maxEventLoopDelayMs: 0, sampleIntervalMs: 5, retryAfterSeconds: 7 } },
    });
    let res = await post(f, '/v1/events', JSON.stringify([wireEvent('p1')]));
    for (let i = 0; i < 50 && res.statusCode !== 503; i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await post(f, '/v1/events', JSON.stringify([wireEvent(`p${i + 2}`)]));
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json().message).toMatch(/^the server is under pressure \(heapUsedBytes = \d+\); retry after 7 s$/);
  });
});
