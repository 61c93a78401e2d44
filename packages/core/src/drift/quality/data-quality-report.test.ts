import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCoreError } from '../../../test/errors.js';
import { loadGolden } from '../../../test/golden.js';
import { dataQualityReport } from './data-quality-report.js';

function kinds(r: ReturnType<typeof dataQualityReport>): string[] {
  return r.findings.map((f) => `${f.severity} ${f.kind} ${f.column ?? '-'} ${f.dataset}`);
}

describe('dataQualityReport', () => {
  it('finds missing values and their rise, out-of-range values, unseen categories, mismatches, constants, duplicates', () => {
    const reference = {
      age: [30, 40, 50, 60, 35, 45, 55, 65, 33, 43],
      plan: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'],
      country: ['fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr'],
      version: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    };
    const current = {
      age: [35, null, 90, 'unknown', 35, 41, 20, 62, 44, 35],
      plan: ['a', 'c', 'a', 'b', 'a', 'd', 'a', 'c', 'a', 'a'],
      country: ['fr', 'de', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr'],
      version: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
      extra: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    };
    const r = dataQualityReport(reference, current);
    expect(kinds(r)).toEqual([
      'high out_of_range age current',
      'high type_mismatch age current',
      'high unseen_categories country current',
      'high unseen_categories plan current',
      'high constant_column version current',
      'medium missing_rate_increase age both',
      'medium missing_values age current',
      'medium constant_column country reference',
      'low new_column extra current',
    ]);
    const age = r.columns.find((c) => c.column === 'age');
    expect(age?.type).toBe('numerical');
    expect(age?.current).toEqual({
      rows: 10,
      missing: 1,
      missingRate: 0.1,
      typeMismatches: 1,
      distinct: 6,
      min: 20,
      max: 90,
    });
    expect(age?.outOfRange).toEqual({ count: 2, share: 0.25, below: 1, above: 1 });
    expect(age?.missingRateChange).toBe(0.1);
    const plan = r.columns.find((c) => c.column === 'plan');
    expect(plan?.unseenCategories).toEqual({ count: 3, share: 0.3, values: ['c', 'd'] });
    expect(r.duplicateRows).toEqual({ reference: { count: 0, share: 0 }, current: { count: 0, share: 0 } });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('counts duplicate rows over every column, keeping null, "null" and NaN apart', () => {
    const r = dataQualityReport(
      { a: [1, 1, 1, 2, Number.NaN, Number.NaN], b: ['x', 'x', 'y', 'x', null, 'null'] },
      { a: new Float64Array([1, 1]), b: ['x', 'x'] },
    );
    expect(r.duplicateRows.reference).toEqual({ count: 1, share: 1 / 6 });
    expect(r.duplicateRows.current).toEqual({ count: 1, share: 0.5 });
    expect(kinds(r).filter((k) => k.includes('duplicate'))).toEqual([
      'high duplicate_rows - current',
      'high duplicate_rows - reference',
    ]);
  });

  it('flags a missing column, a column missing entirely and boolean/embedding mismatches', () => {
    const r = dataQualityReport(
      {
        gone: [1, 2],
        flag: [true, false],
        emb: [
          [1, 2],
          [3, 4],
        ],
        empty: [1, 2],
      },
      {
        flag: [true, 'maybe'],
        emb: [
          [1, 2],
          [3, 4, 5],
        ],
        empty: [null, null],
      },
    );
    expect(kinds(r)).toEqual([
      // one valid value left in each current column, so both are constant now
      'high constant_column emb current',
      'high type_mismatch emb current',
      'high missing_rate_increase empty both',
      'high missing_values empty current',
      'high constant_column flag current',
      'high type_mismatch flag current',
      'high missing_column gone current',
    ]);
    expect(r.columns.find((c) => c.column === 'emb')?.type).toBe('embedding');
  });

  it('reports nothing for two halves of the same clean data except range extremes (breast cancer)', () => {
    const bc = loadGolden<{ features: string[]; X: number[][]; y: number[] }>('drift_breast_cancer').cases[0];
    if (bc === undefined) throw new Error('no data');
    const half = (even: boolean) =>
      Object.fromEntries(
        bc.features.map((f, j) => [f, bc.X.filter((_, i) => (i % 2 === 0) === even).map((row) => row[j] as number)]),
      );
    const r = dataQualityReport(half(true), half(false));
    expect(new Set(r.findings.map((f) => f.kind))).toEqual(new Set(['out_of_range']));
    // A random half puts about 2/(n + 1) ≈ 0.7 % of its values outside the other half's range.
    for (const f of r.findings) expect(f.value).toBeLessThan(0.02);
  });

  it('is invariant to row order (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.integer({ min: 0, max: 9 })), fc.constantFrom('a', 'b', 'c', null)), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.array(fc.tuple(fc.option(fc.integer({ min: -3, max: 12 })), fc.constantFrom('a', 'b', 'd', null)), {
          minLength: 1,
          maxLength: 30,
        }),
        (refRows, curRows) => {
          const ds = (rows: [number | null, string | null][]) => ({
            n: rows.map((r) => r[0]),
            c: rows.map((r) => r[1]),
          });
          const r1 = dataQualityReport(ds(refRows), ds(curRows));
          const r2 = dataQualityReport(ds([...refRows].reverse()), ds([...curRows].reverse()));
          expect(r2.findings).toEqual(r1.findings);
        },
      ),
    );
  });

  it('rejects bad input with precise errors', () => {
    expectCoreError(
      () => dataQualityReport([] as never, {}),
      'invalid_value',
      /reference must be an object of columns/,
    );
    expectCoreError(
      () => dataQualityReport({}, {}),
      'insufficient_data',
      /reference must have at least 1 column \(got 0\)/,
    );
    expectCoreError(
      () => dataQualityReport({ a: [1, 2], b: [1] }, { a: [1] }),
      'length_mismatch',
      /reference columns must have the same length \(got 2 for 'a' and 1 for 'b'\)/,
    );
    expectCoreError(
      () => dataQualityReport({ a: 5 as never }, { a: [1] }),
      'invalid_value',
      /reference\['a'\] must be an array/,
    );
    expectCoreError(
      () => dataQualityReport({ a: [1] }, { a: [1] }, { types: { a: 'x' as never } }),
      'invalid_option',
      /options.types\['a'\]/,
    );
  });

  it('counts duplicate rows and distinct values exactly as keying every cell by its string form does', () => {
    // The reference semantics: a row key of tagged cell strings, a Set of keys; distinct numbers
    // by String(). Small alphabets force many duplicates and hash-group members.
    const cell = fc.oneof(
      fc.constantFrom(
        0,
        -0,
        1,
        1.5,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        null,
        undefined,
        '',
        'null',
        'NaN',
        '0',
        'a',
      ),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(new Date(0), new Date(1), [0, 1], [-0, 1], [1, 0]),
    );
    const tag = (v: unknown): string =>
      v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v))
        ? `\u0001${String(v)}`
        : typeof v === 'string'
          ? `s${v}`
          : v instanceof Date
            ? `d${v.getTime()}`
            : typeof v === 'object'
              ? `v${Array.from(v as number[]).join(',')}`
              : `${typeof v}${String(v)}`;
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 60 }), (rows) => {
        const data = { a: rows.map((r) => r[0]), b: rows.map((r) => r[1]), c: rows.map((r) => r[2]) };
        const r = dataQualityReport(data as never, data as never, {
          types: { a: 'categorical', b: 'categorical', c: 'categorical' },
        });
        const seen = new Set<string>();
        let duplicates = 0;
        for (const row of rows) {
          const key = row.map((v) => `${tag(v)}\u0000`).join('');
          if (seen.has(key)) duplicates++;
          else seen.add(key);
        }
        expect(r.duplicateRows.reference.count).toBe(duplicates);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, -0, 1, 2.5, 1e300, -7, Number.NaN, null), { minLength: 1, maxLength: 80 }),
        (xs) => {
          const r = dataQualityReport({ x: xs } as never, { x: xs } as never, { types: { x: 'numerical' } });
          const present = xs.filter((v) => typeof v === 'number' && Number.isFinite(v));
          expect(r.columns[0]?.reference.distinct).toBe(new Set(present.map(String)).size);
        },
      ),
      { numRuns: 300 },
    );
    // Typed columns of 200 000 values with every value repeated: same counts as the keys.
    const n = 200_000;
    const big = new Float64Array(n);
    for (let i = 0; i < n; i++) big[i] = i % 1000 === 0 ? Number.NaN : (i * 7919) % 50_000;
    const r = dataQualityReport({ x: big, y: Float64Array.from(big, (v) => v * 2) }, { x: big, y: big }, {});
    expect(r.columns.find((c) => c.column === 'x')?.reference.distinct).toBe(
      new Set(Array.from(big).filter(Number.isFinite).map(String)).size,
    );
    const keys = new Set<string>();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const k = `${big[i]}|${(big[i] as number) * 2}`;
      if (keys.has(k)) d++;
      else keys.add(k);
    }
    expect(r.duplicateRows.reference.count).toBe(d);
  });
});
