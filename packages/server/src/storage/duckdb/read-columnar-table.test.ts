import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { quoteLiteral } from '../sql.js';
import {
  type ColumnarChunk,
  collisionFreeModulus,
  columnarKind,
  readColumnarSchema,
  readColumnarTable,
  streamColumnarChunks,
} from './read-columnar-table.js';

const dir = mkdtempSync(join(tmpdir(), 'mw-columnar-'));

async function writeParquet(file: string, select: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`COPY (${select}) TO ${quoteLiteral(file)} (FORMAT PARQUET)`);
  c.closeSync();
  db.closeSync();
}

describe('readColumnarTable', () => {
  it('reads numbers, datetimes, booleans and categories of a CSV into typed arrays', async () => {
    const file = join(dir, 'mixed "q".csv');
    writeFileSync(
      file,
      'x,n,day,flag,plan\n1.5,3,2024-01-02,true,b\n,4,2024-01-03,false,a\n-2,,,true,\n0.25,7,2024-01-01,,b\n',
    );
    const t = await readColumnarTable(file);
    expect(t.rowCount).toBe(4);
    expect(t.fields.map((f) => [f.name, f.kind])).toEqual([
      ['x', 'number'],
      ['n', 'number'],
      ['day', 'datetime'],
      ['flag', 'boolean'],
      ['plan', 'category'],
    ]);
    const x = t.columns.x;
    expect(x?.kind).toBe('number');
    if (x?.kind !== 'number') throw new Error('unreachable');
    expect(Array.from(x.values)).toEqual([1.5, Number.NaN, -2, 0.25]);
    const day = t.columns.day;
    if (day?.kind !== 'datetime') throw new Error('day is not a datetime');
    expect(day.values[0]).toBe(Date.UTC(2024, 0, 2));
    expect(Number.isNaN(day.values[2])).toBe(true);
    const flag = t.columns.flag;
    if (flag?.kind !== 'boolean') throw new Error('flag is not boolean');
    expect(Array.from(flag.codes)).toEqual([1, 0, 1, Number.NaN]);
    expect(flag.labels).toEqual(['false', 'true']);
    const plan = t.columns.plan;
    if (plan?.kind !== 'category') throw new Error('plan is not a category');
    expect(plan.labels).toEqual(['a', 'b']);
    expect(Array.from(plan.codes)).toEqual([1, 0, Number.NaN, 1]);
  });

  it('reads the listed columns of a Parquet file in order and reports progress', async () => {
    const file = join(dir, 'rows.parquet');
    await writeParquet(file, "SELECT range AS i, range * 0.5 AS v, 'k' || (range % 3) AS k FROM range(200000)");
    const progress: number[] = [];
    const t = await readColumnarTable(file, { columns: ['k', 'v'], onRows: (done) => progress.push(done) });
    expect(Object.keys(t.columns)).toEqual(['k', 'v']);
    const v = t.columns.v;
    if (v?.kind !== 'number') throw new Error('v is not numeric');
    expect(v.values.length).toBe(200_000);
    expect(v.values[199_999]).toBe(99_999.5);
    expect(progress.at(-1)).toBe(200_000);
    const k = t.columns.k;
    if (k?.kind !== 'category') throw new Error('k is not a category');
    expect(k.labels).toEqual(['k0', 'k1', 'k2']);
    expect(k.codes[4]).toBe(1);
  });

  it('names a missing column with the available ones, an unreadable file and a bad extension', async () => {
    const file = join(dir, 'small.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    await expect(readColumnarTable(file, { columns: ['a', 'zz'] })).rejects.toThrow(
      /small\.csv: no column "zz"; available columns: "a", "b"/,
    );
    await expect(readColumnarTable(join(dir, 'nope.parquet'))).rejects.toThrow(/nope\.parquet: no such file/);
    await expect(readColumnarTable(join(dir, 'data.xlsx'))).rejects.toThrow(/got "\.xlsx"/);
    const broken = join(dir, 'broken.parquet');
    writeFileSync(broken, 'not a parquet file');
    await expect(readColumnarTable(broken)).rejects.toThrow(/cannot read .*broken\.parquet/);
  });

  it('maps DuckDB types to read kinds', () => {
    expect(columnarKind('DECIMAL(18,3)')).toBe('number');
    expect(columnarKind('UBIGINT')).toBe('number');
    expect(columnarKind('TIMESTAMP WITH TIME ZONE')).toBe('datetime');
    expect(columnarKind('FLOAT[]')).toBe('unsupported');
    expect(columnarKind('STRUCT(a INTEGER)')).toBe('unsupported');
    expect(columnarKind('UUID')).toBe('category');
  });
});

describe('streamColumnarChunks', () => {
  it('hands over fixed-size chunks of numbers and strings covering every row once', async () => {
    const file = join(dir, 'stream.parquet');
    await writeParquet(
      file,
      "SELECT range * 1.0 AS x, CASE WHEN range % 10 = 0 THEN NULL ELSE 'c' || (range % 4) END AS c FROM range(10000)",
    );
    const chunks: ColumnarChunk[] = [];
    const schema = await streamColumnarChunks(file, (chunk) => chunks.push(chunk), { chunkRows: 3000 });
    expect(schema.rowCount).toBe(10_000);
    expect(chunks.map((c) => c.x?.length)).toEqual([3000, 3000, 3000, 1000]);
    let sum = 0;
    let nulls = 0;
    for (const c of chunks) {
      for (const v of c.x as Float64Array) sum += v;
      for (const s of c.c as (string | null)[]) if (s === null) nulls++;
    }
    expect(sum).toBe((9999 * 10000) / 2);
    expect(nulls).toBe(1000);
    expect((chunks[0] as ColumnarChunk).c?.slice(0, 3)).toEqual([null, 'c1', 'c2']);
  });

  it('reads a schema without the values', async () => {
    const file = join(dir, 'schema.csv');
    writeFileSync(file, 'a,b\n1,x\n2,y\n');
    const s = await readColumnarSchema(file);
    expect(s.fields.map((f) => f.sqlType)).toEqual(['BIGINT', 'VARCHAR']);
    expect(s.rowCount).toBe(2);
  });
});

describe('category codes', () => {
  it('a modulus separates every hash and NULL, or none is found', () => {
    const hashes = Array.from({ length: 300 }, (_, i) => BigInt(i) * 2654435761n + 97n * BigInt(i * i));
    const got = collisionFreeModulus(hashes, 123456789n);
    if (got === undefined) throw new Error('expected a modulus');
    const seen = new Set(hashes.map((h) => Number(h % BigInt(got.modulus))));
    expect(seen.size).toBe(300);
    hashes.forEach((h, i) => {
      expect(got.table[Number(h % BigInt(got.modulus))]).toBe(i);
    });
    expect(got.table[Number(123456789n % BigInt(got.modulus))]).toBeNaN();
    // 3 000 distinct values need m ≥ 4·3001² > 2^24: the reader falls back to an ENUM type.
    expect(
      collisionFreeModulus(
        Array.from({ length: 3000 }, (_, i) => BigInt(i)),
        0n,
      ),
    ).toBeUndefined();
  });

  it('reads few and very many distinct categories (hash codes and the ENUM fallback) to the same labels', async () => {
    const file = join(dir, 'categories.parquet');
    await writeParquet(
      file,
      `SELECT CASE WHEN i % 17 = 0 THEN NULL ELSE 'p' || (i * 7919 % 120) END AS few,
              CASE WHEN i % 13 = 0 THEN NULL ELSE 'k' || (i * 104729 % 5000) END AS many,
              CASE WHEN i % 11 = 0 THEN NULL ELSE uuid_extract_version(gen_random_uuid())::VARCHAR || '-' || (i % 3) END AS other
       FROM range(20000) t(i)`,
    );
    const t = await readColumnarTable(file);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const rows = (await c.runAndReadAll(`SELECT few, many, other FROM read_parquet(${quoteLiteral(file)})`)).getRows();
    c.closeSync();
    db.closeSync();
    ['few', 'many', 'other'].forEach((name, j) => {
      const col = t.columns[name];
      if (col?.kind !== 'category') throw new Error(`${name} is not a category`);
      expect([...col.labels]).toEqual([...new Set(rows.map((r) => r[j]).filter((v) => v !== null))].sort());
      const decoded = Array.from(col.codes, (code) => (Number.isNaN(code) ? null : col.labels[code]));
      expect(decoded).toEqual(rows.map((r) => r[j]));
    });
  });
});
