import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { copyVectorBlock } from './copy-vector-block.js';

describe('copyVectorBlock', () => {
  it('copies DOUBLE and FLOAT chunks (whole and in parts) exactly as getItem reads them, NULL as NaN', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const result = await connection.stream(
        `SELECT CASE WHEN i % 7 = 3 THEN NULL ELSE i * 0.1 - 300 END::DOUBLE AS d,
                CASE WHEN i % 5 = 1 THEN NULL ELSE (i % 50)::FLOAT END AS f
         FROM range(5000) t(i)`,
      );
      const whole = { d: new Float64Array(5000), f: new Float32Array(5000) };
      const parts = { d: new Float64Array(5000), f: new Float32Array(5000) };
      const expected = { d: new Float64Array(5000), f: new Float32Array(5000) };
      let offset = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        const n = chunk.rowCount;
        (['d', 'f'] as const).forEach((name, j) => {
          copyVectorBlock(chunk, j, whole[name], offset);
          const cut = Math.floor(n / 3) + 1; // an odd split, not on a byte of the validity mask
          copyVectorBlock(chunk, j, parts[name], offset, 0, cut);
          copyVectorBlock(chunk, j, parts[name], offset + cut, cut, n - cut);
          const vector = chunk.getColumnVector(j);
          for (let i = 0; i < n; i++) expected[name][offset + i] = (vector.getItem(i) as number | null) ?? Number.NaN;
        });
        offset += n;
      }
      expect(offset).toBe(5000);
      expect(Number.isNaN(expected.d[3])).toBe(true);
      expect(Number.isNaN(expected.f[1])).toBe(true);
      for (const name of ['d', 'f'] as const) {
        expect(Array.from(whole[name])).toEqual(Array.from(expected[name]));
        expect(Array.from(parts[name])).toEqual(Array.from(expected[name]));
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
