import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIngestBody } from './decode-ingest-body.js';
import { invalidUtf8Offset } from './invalid-utf8-offset.js';
import { jsonSyntaxError } from './json-syntax-error.js';
import { receivedValue } from './received-value.js';

const json = { format: 'json', gzip: false } as const;
const ndjson = { format: 'ndjson', gzip: false } as const;

describe('jsonSyntaxError', () => {
  it('agrees with JSON.parse on what is JSON (random texts near JSON)', () => {
    const jsonish = fc.oneof(
      fc.json(),
      fc
        .json()
        .chain((s) =>
          fc
            .tuple(fc.nat(s.length), fc.constantFrom('', ',', '}', ']', '"', 'N', '\\', '\n', '0', '-', 'e', ' '))
            .map(([at, c]) => s.slice(0, at) + c + s.slice(at + 1)),
        ),
      fc.string({
        unit: fc.constantFrom('[', ']', '{', '}', '"', ':', ',', '1', '-', '.', 'e', 't', 'n', ' ', '\\', 'u'),
      }),
    );
    fc.assert(
      fc.property(jsonish, (s) => {
        let valid = true;
        try {
          JSON.parse(s);
        } catch {
          valid = false;
        }
        const e = jsonSyntaxError(s);
        expect(e === undefined).toBe(valid);
        if (e !== undefined) expect(e.position).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 5000 },
    );
  });

  it('names position, line and column', () => {
    expect(jsonSyntaxError('[1,\n  2,, 3]')).toEqual({ position: 8, line: 2, column: 5, reason: 'unexpected ","' });
    expect(jsonSyntaxError('{"a": 1')).toMatchObject({ position: 7, reason: 'unexpected end of input' });
    expect(jsonSyntaxError('"abc')).toMatchObject({ position: 0, reason: 'unterminated string' });
    expect(jsonSyntaxError('[1] 2')).toMatchObject({ position: 4, reason: 'unexpected "2" after the JSON value' });
  });

  it('survives deep nesting without recursion', () => {
    const deep = '['.repeat(1_000_000);
    expect(jsonSyntaxError(deep)).toMatchObject({ position: 1_000_000, reason: 'unexpected end of input' });
  });
});

describe('invalidUtf8Offset', () => {
  it('finds the first byte TextDecoder (fatal) rejects', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ maxLength: 10 }), (bytes, prefix) => {
        const b = Buffer.concat([Buffer.from(prefix, 'utf8'), bytes]);
        const at = invalidUtf8Offset(b);
        const valid = (x: Uint8Array) => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(x);
            return true;
          } catch {
            return false;
          }
        };
        expect(at === b.length).toBe(valid(b));
        // Everything before the offset is valid UTF-8.
        expect(valid(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('decodeIngestBody', () => {
  it('reads an array, a single object and NDJSON with a bad line', async () => {
    expect((await decodeIngestBody(Buffer.from('[{"a":1},{"b":2}]'), json)).values).toEqual([{ a: 1 }, { b: 2 }]);
    expect((await decodeIngestBody(Buffer.from('\ufeff{"a":1}'), json)).values).toEqual([{ a: 1 }]);
    const nd = await decodeIngestBody(Buffer.from('{"a":1}\n\n[1\n{"c":3}'), ndjson);
    expect(nd.values).toEqual([{ a: 1 }, { c: 3 }]);
    expect(nd.indexes).toEqual([0, 2]);
    expect(nd.rejected).toEqual([
      {
        index: 1,
        field: '',
        message: 'line 3 is not valid JSON: unexpected end of input at position 2 (line 1, column 3)',
      },
    ]);
  });

  it('enforces the record count and the decompressed size', async () => {
    await expect(decodeIngestBody(Buffer.from('[{},{},{}]'), json, { maxRecords: 2 })).rejects.toMatchObject({
      code: 'too_large',
      message: 'expected at most 2 records per request (got 3)',
    });
    await expect(decodeIngestBody(Buffer.from('{}\n{}\n{}'), ndjson, { maxRecords: 2 })).rejects.toMatchObject({
      code: 'too_large',
    });
    const bomb = gzipSync(Buffer.alloc(10_000_000, 0x20));
    await expect(
      decodeIngestBody(bomb, { format: 'json', gzip: true }, { maxDecompressedBytes: 1000 }),
    ).rejects.toMatchObject({
      code: 'too_large',
      message: 'the decompressed body exceeds the limit of 1000 bytes',
    });
    await expect(
      decodeIngestBody(Buffer.from('x'.repeat(1001)), json, { maxDecompressedBytes: 1000 }),
    ).rejects.toMatchObject({
      code: 'too_large',
    });
  });

  it('rejects empty bodies and scalars', async () => {
    await expect(decodeIngestBody(Buffer.from('  '), json)).rejects.toMatchObject({ code: 'invalid_body' });
    await expect(decodeIngestBody(Buffer.from('null'), json)).rejects.toMatchObject({
      message: 'expected a JSON array of records or one record object, got null',
    });
  });
});

describe('receivedValue', () => {
  it('quotes, truncates and summarises', () => {
    expect(receivedValue('abc')).toBe('"abc"');
    expect(receivedValue('y'.repeat(100))).toBe(`"${'y'.repeat(80)}"… (100 characters)`);
    expect(receivedValue(undefined)).toBe('nothing (the field is missing)');
    expect(receivedValue({ a: [1, { b: { c: { d: 1 } } }] })).toBe('{"a":[1,{"b":{…}}]}');
    expect(receivedValue(Array.from({ length: 100 }, (_, i) => i))).toMatch(/^\[0,1,2,.*…$/);
    expect(receivedValue(Array.from({ length: 100 }, (_, i) => i)).length).toBeLessThanOrEqual(81);
  });

  it('does not recurse into deep structures', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(receivedValue(deep)).toBe('[[[[…]]]]');
  });
});
