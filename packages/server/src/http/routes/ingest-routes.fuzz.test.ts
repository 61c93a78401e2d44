import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestFixture, ingestFixture, wireEvent } from '../../../test/ingest-fixture.js';

/*
 * Fuzz: ≥ 10 000 malformed request bodies through the real routes (in-process inject, real
 * DuckDB store). Whatever the body: never a 5xx, the server keeps answering, an unparseable body
 * gets a 400 naming the position, and every per-record rejection names its field (or, for an
 * NDJSON line that is not JSON or a record that is not an object, the position / expectation).
 */

let fx: IngestFixture;
beforeAll(async () => {
  fx = await ingestFixture({ routes: { bodyLimitBytes: 2 * 1024 * 1024, maxDecompressedBytes: 4 * 1024 * 1024 } });
});
afterAll(async () => {
  await fx.close();
});

interface Body {
  readonly payload: Buffer;
  readonly headers: Record<string, string>;
}

const json = (v: unknown, headers: Record<string, string> = {}): Body => ({
  payload: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)),
  headers: { 'content-type': 'application/json', ...headers },
});

let seq = 0;
const uniqueId = () => `fz-${seq++}`;

/** Replacements that break one field of an otherwise valid event. */
const badValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1, 2], { a: 1 }, -0, 2 ** 53, 1e308),
  fc.string({ maxLength: 30 }),
  fc.double(),
  fc.integer({ min: 0, max: 3 }).map((k) => 'y'.repeat([100_001, 4_097, 201, 129][k] as number)),
  fc.integer({ min: 1, max: 2000 }).map((depth) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { n: v };
    return v;
  }),
  fc.constantFrom(Date.now() + 86_400_000 * 365, 946_684_799_999, '2999-01-01T00:00:00Z', '1999-12-31T23:59:59Z'),
);
const eventField = fc.constantFrom(
  'requestId',
  'timestamp',
  'model',
  'version',
  'variant',
  'experiment',
  'unitId',
  'segment',
  'inputs',
  'output',
  'tokens',
  'latencyMs',
  'costUsd',
  'status',
  'errorType',
  'embedding',
  'unknownField',
);
const nestedField = fc.constantFrom(
  ['inputs', 'features', 'temp'],
  ['inputs', 'text'],
  ['output', 'probabilities', 'a'],
  ['output', 'label'],
  ['segment', 'region'],
  ['segment', 'bad-key'],
  ['tokens', 'input'],
);

/** A valid event with one or two fields broken (top-level or nested). */
const mutatedEvent = fc
  .tuple(
    fc.oneof(
      eventField.map((f) => [f]),
      nestedField,
    ),
    badValue,
    fc.option(fc.tuple(eventField, badValue)),
  )
  .map(([path, value, second]) => {
    const e = wireEvent(uniqueId()) as Record<string, unknown>;
    let target = e;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      target[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
      target = target[key] as Record<string, unknown>;
    }
    target[path[path.length - 1] as string] = value;
    if (second) e[second[0]] = second[1];
    return e;
  });

const validEvent = fc.constant(null).map(() => wireEvent(uniqueId()));
const recordish = fc.oneof(
  { weight: 6, arbitrary: mutatedEvent },
  { weight: 1, arbitrary: validEvent },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const tokenBreakers = [
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  "'single'",
  '0x10',
  '1e999',
  '.5',
  '01',
  '"\u0001"',
];

const body: fc.Arbitrary<Body> = fc.oneof(
  // Arrays of mostly broken events, sometimes with duplicated ids.
  fc.array(recordish, { minLength: 1, maxLength: 8 }).map((records) => json(records)),
  fc
    .tuple(fc.array(validEvent, { minLength: 1, maxLength: 3 }), fc.nat())
    .map(([records, k]) => json([...records, records[k % records.length]])),
  // One broken event as a single object.
  mutatedEvent.map((e) => json(e)),
  // Non-JSON tokens spliced into a valid body.
  fc.tuple(fc.constantFrom(...tokenBreakers), fc.nat()).map(([token, at]) => {
    const text = JSON.stringify([wireEvent(uniqueId())]);
    const i = (at % (text.length - 2)) + 1;
    return json(text.slice(0, i) + token + text.slice(i));
  }),
  fc.constantFrom(...tokenBreakers).map((t) => json(`[{"latencyMs": ${t}}]`)),
  // Truncated JSON.
  fc.nat().map((at) => {
    const text = JSON.stringify([wireEvent(uniqueId()), wireEvent(uniqueId())]);
    return json(text.slice(0, at % text.length));
  }),
  // Random bytes and random text.
  fc.uint8Array({ minLength: 0, maxLength: 300 }).map((b) => ({
    payload: Buffer.from(b),
    headers: { 'content-type': 'application/json' },
  })),
  fc.string({ maxLength: 200 }).map((s) => json(s)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => json(v)),
  // Invalid UTF-8 inside a valid body.
  fc
    .tuple(fc.nat(), fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80]))
    .map(([at, bad]) => {
      const b = Buffer.from(JSON.stringify([wireEvent(uniqueId())]));
      const i = at % b.length;
      return {
        payload: Buffer.concat([b.subarray(0, i), Buffer.from(bad), b.subarray(i)]),
        headers: { 'content-type': 'application/json' },
      };
    }),
  // Deep nesting as the whole body.
  fc.integer({ min: 1, max: 100_000 }).map((d) => json(`${'['.repeat(d)}${']'.repeat(d)}`)),
  fc.integer({ min: 1, max: 100_000 }).map((d) => json(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`)),
  // NDJSON with broken lines.
  fc
    .array(
      fc.oneof(
        recordish.map((r) => JSON.stringify(r)),
        fc.string({ maxLength: 40 }),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((lines) => ({ payload: Buffer.from(lines.join('\n')), headers: { 'content-type': 'application/x-ndjson' } })),
  // gzip: valid, truncated, corrupted, or not gzip at all.
  fc
    .tuple(
      fc.array(recordish, { minLength: 1, maxLength: 4 }),
      fc.nat(),
      fc.constantFrom('ok', 'truncate', 'flip', 'plain'),
    )
    .map(([records, at, how]) => {
      const raw = Buffer.from(JSON.stringify(records));
      let z = gzipSync(raw);
      if (how === 'truncate') z = z.subarray(0, at % z.length);
      if (how === 'flip') {
        z = Buffer.from(z);
        const i = 10 + (at % Math.max(1, z.length - 10));
        z[i] = (z[i] as number) ^ 0xff;
      }
      return {
        payload: how === 'plain' ? raw : z,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      };
    }),
  // No Content-Type at all, with or without a body.
  fc.uint8Array({ maxLength: 50 }).map((b) => ({ payload: Buffer.from(b), headers: {} })),
  // Wrong content types and encodings.
  fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'application/octet-stream').map((t) => ({
    payload: Buffer.from('[]'),
    headers: { 'content-type': t },
  })),
  fc.constantFrom('br', 'deflate', 'gzip, gzip', 'compress').map((e) => ({
    payload: Buffer.from('[]'),
    headers: { 'content-type': 'application/json', 'content-encoding': e },
  })),
);

const URLS = ['/v1/events', '/v1/events', '/v1/events', '/v1/outcomes', '/v1/feedback', '/v1/scores'];

describe('ingest routes under malformed input', () => {
  it('never answers 5xx and always names the field or the position (10 000 bodies)', async () => {
    const statuses = new Map<number, number>();
    let rejections = 0;
    const samples = fc.sample(fc.tuple(body, fc.constantFrom(...URLS)), { numRuns: 10_000 });
    // 16 requests at a time: realistic concurrency, and group commit keeps it fast.
    for (let start = 0; start < samples.length; start += 16) {
      const slice = samples.slice(start, start + 16);
      const responses = await Promise.all(
        slice.map(([b, url]) =>
          fx.app.inject({
            method: 'POST',
            url,
            payload: b.payload,
            headers: { authorization: `Bearer ${fx.keys.ingest}`, ...b.headers },
          }),
        ),
      );
      for (let k = 0; k < responses.length; k++) {
        const res = responses[k] as (typeof responses)[number];
        const [b, url] = slice[k] as [Body, string];
        const context = `${url} ${b.headers['content-type'] ?? '(no type)'} ${b.headers['content-encoding'] ?? ''}: ${b.payload.subarray(0, 200).toString('latin1')}`;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, context).toBeLessThan(500);
        expect([200, 400, 413, 415], context).toContain(res.statusCode);
        const answer = res.json() as {
          message?: string;
          rejected?: { index: number; field: string; message: string }[];
        };
        if (res.statusCode === 400) {
          const m = answer.message ?? '';
          expect(m, context).toMatch(/position|gzip|empty|expected a JSON array/);
        }
        if (res.statusCode === 200) {
          for (const r of answer.rejected ?? []) {
            rejections++;
            expect(typeof r.index).toBe('number');
            expect(r.message, context).not.toMatch(/^Invalid input|Invalid input$/);
            expect(r.message.length).toBeGreaterThan(8);
            if (r.field === '') expect(r.message, context).toMatch(/position|expected an object|expected kind/);
            else expect(r.message, context).toMatch(/expected|unknown field|invalid key/);
          }
        }
      }
    }
    // Every kind of answer was exercised, and the server still stores a valid batch afterwards.
    expect(statuses.get(200)).toBeGreaterThan(1000);
    expect(statuses.get(400)).toBeGreaterThan(1000);
    expect(statuses.get(415)).toBeGreaterThan(50);
    expect(rejections).toBeGreaterThan(5000);
    const after = await fx.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: JSON.stringify([wireEvent('after-fuzz')]),
      headers: { authorization: `Bearer ${fx.keys.ingest}`, 'content-type': 'application/json' },
    });
    expect(after.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  }, 120_000);
});
