import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressionStreamGzip, gzipCodec } from './gzip-codec.js';

describe('gzip codecs', () => {
  const text = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ requestId: `r${i}`, text: 'héllo ✓' })));
  const data = new TextEncoder().encode(text);

  it('uses node:zlib on Node; the output gunzips to the input', async () => {
    const gzip = await gzipCodec();
    expect(gzip).toBeDefined();
    const out = await (gzip as NonNullable<typeof gzip>)(data);
    expect(out.byteLength).toBeLessThan(data.byteLength);
    expect(gunzipSync(out).toString('utf8')).toBe(text);
  });

  it('falls back to CompressionStream, whose output gunzips to the input', async () => {
    const out = await compressionStreamGzip(data);
    expect(gunzipSync(out).toString('utf8')).toBe(text);
  });
});
