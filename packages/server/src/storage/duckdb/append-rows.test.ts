import { BIGINT, DOUBLE, DuckDBInstance, FLOAT, INTEGER, LIST, SMALLINT, VARCHAR } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendRows, type ColumnSpec, createTableSql } from './append-rows.js';

interface Row {
  readonly s: string | null;
  readonly big: number | null;
  readonly exact: bigint;
  readonly d: number | null;
  readonly i: number | null;
  readonly small: number;
  readonly list: readonly string[] | null;
  readonly floats: readonly number[] | null;
}

const COLUMNS: ColumnSpec<Row>[] = [
  { name: 's', ddl: 'VARCHAR', type: VARCHAR, value: (r) => r.s },
  { name: 'big', ddl: 'BIGINT', type: BIGINT, value: (r) => r.big },
  { name: 'exact', ddl: 'BIGINT NOT NULL', type: BIGINT, value: (r) => r.exact },
  { name: 'd', ddl: 'DOUBLE', type: DOUBLE, value: (r) => r.d },
  { name: 'i', ddl: 'INTEGER', type: INTEGER, value: (r) => r.i },
  { name: 'small', ddl: 'SMALLINT NOT NULL', type: SMALLINT, value: (r) => r.small },
  { name: 'list', ddl: 'VARCHAR[]', type: LIST(VARCHAR), value: (r) => r.list },
  { name: 'floats', ddl: 'FLOAT[]', type: LIST(FLOAT), value: (r) => r.floats },
];

// Strings around the 12-byte inline limit of DuckDB's string_t, ASCII and not, plus lone surrogates
// (stored as U+FFFD, as Node's UTF-8 conversion does).
const text = fc.oneof(
  fc.string({ maxLength: 14 }),
  fc.string({ unit: 'grapheme', maxLength: 14 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', 'ok', 'production12', 'production123', 'é', 'a\ud800b'),
);
const row: fc.Arbitrary<Row> = fc.record({
  s: fc.option(text, { nil: null }),
  big: fc.option(fc.maxSafeInteger(), { nil: null }),
  exact: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  d: fc.option(fc.double({ noNaN: true }), { nil: null }),
  i: fc.option(fc.integer(), { nil: null }),
  small: fc.integer({ min: -32768, max: 32767 }),
  list: fc.option(fc.array(text, { maxLength: 4 }), { nil: null }),
  floats: fc.option(fc.array(fc.float({ noNaN: true }), { maxLength: 3 }), { nil: null }),
});
// Batches where every row repeats one row (constant vectors) or rows differ.
const batch = fc.oneof(
  fc.array(row, { minLength: 1, maxLength: 40 }),
  fc.tuple(row, fc.integer({ min: 1, max: 3000 })).map(([r, n]) => Array.from({ length: n }, () => r)),
);

const wellFormed = (s: string): string => s.replace(/[\ud800-\udfff]/gu, '\ufffd');

describe('appendRows', () => {
  it('stores every value as given: short and long strings, NULLs, BIGINT from numbers and bigints, lists, constant columns', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await fc.assert(
      fc.asyncProperty(batch, async (rows) => {
        await c.run('DROP TABLE IF EXISTS t');
        await c.run(createTableSql('t', COLUMNS));
        await appendRows(c, 't', COLUMNS, rows);
        const read = (await c.runAndReadAll('SELECT * FROM t ORDER BY rowid')).getRowsJS();
        expect(read.length).toBe(rows.length);
        read.forEach((r, k) => {
          const e = rows[k] as Row;
          expect(r[0]).toBe(e.s === null ? null : wellFormed(e.s));
          expect(r[1]).toBe(e.big === null ? null : BigInt(e.big));
          expect(r[2]).toBe(e.exact);
          expect(r[3]).toBe(e.d);
          expect(r[4]).toBe(e.i);
          expect(r[5]).toBe(e.small);
          expect(r[6]).toEqual(e.list === null ? null : e.list.map(wellFormed));
          expect(r[7]).toEqual(e.floats === null ? null : e.floats.map((x) => Math.fround(x)));
        });
      }),
      { numRuns: 60 },
    );
    c.closeSync();
    instance.closeSync();
  });

  it('truncates fractional BIGINT numbers like Math.trunc and rejects NaN', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const columns: ColumnSpec<number>[] = [{ name: 'x', ddl: 'BIGINT', type: BIGINT, value: (x) => x }];
    await c.run(createTableSql('t', columns));
    await appendRows(c, 't', columns, [1.9, -1.9, -4_294_967_301, 2 ** 53 - 1]);
    expect((await c.runAndReadAll('SELECT x FROM t ORDER BY rowid')).getRowsJS().flat()).toEqual([
      1n,
      -1n,
      -4_294_967_301n,
      2n ** 53n - 1n,
    ]);
    await expect(appendRows(c, 't', columns, [1, Number.NaN])).rejects.toThrow();
    c.closeSync();
    instance.closeSync();
  });
});
