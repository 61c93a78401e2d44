import { describe, expect, it } from 'vitest';
import { expectCoreError } from '../../../test/errors.js';
import { genSample } from '../../../test/sample.js';
import { datasetDrift } from './dataset-drift.js';
import { datasetDriftColumns } from './dataset-drift-columns.js';

const n = 1500;
const reference = {
  a: genSample({ seed: 1, n, kind: 'normal' }),
  b: genSample({ seed: 2, n, kind: 'uniform' }),
  plan: Array.from(genSample({ seed: 3, n, kind: 'integer', k: 3 }), (v) => ['free', 'pro', 'team'][v] as string),
  day: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + (i % 28)))),
  empty: new Array<null>(n).fill(null),
};
const current = {
  a: genSample({ seed: 11, n, kind: 'normal', loc: 0.3 }),
  b: genSample({ seed: 12, n, kind: 'uniform' }),
  plan: [...reference.plan].reverse(),
  day: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 1, 1 + (i % 28)))),
  empty: new Array<null>(n).fill(null),
};

describe('datasetDriftColumns', () => {
  it("equals datasetDrift's columns (uncorrected fields) and skipped columns", () => {
    for (const options of [{}, { correction: 'fdr_bh' as const, perColumn: { a: 'ks' as const } }]) {
      const full = datasetDrift(reference, current, options);
      const parts = datasetDriftColumns(reference, current, options);
      expect(parts.columns.map((c) => c.column)).toEqual(full.columns.map((c) => c.column));
      parts.columns.forEach(({ column, result }, i) => {
        const {
          column: name,
          weight,
          correctedDrifted,
          correctedSeverity,
          correctedPValue,
          ...rest
        } = full.columns[i] as (typeof full.columns)[number];
        expect([name, weight]).toEqual([column, 1]);
        expect(result).toEqual(rest);
      });
      expect(parts.skippedColumns).toEqual(full.skippedColumns);
    }
  });

  it('lists the skipped columns instead of failing when no column can be tested', () => {
    const cols = { day: reference.day, empty: reference.empty };
    const r = datasetDriftColumns(cols, { day: current.day, empty: current.empty });
    expect(r.columns).toEqual([]);
    expect(r.skippedColumns.map((s) => s.column)).toEqual(['day', 'empty']);
    expectCoreError(
      () => datasetDrift(cols, { day: current.day, empty: current.empty }),
      'insufficient_data',
      /at least 1 testable column/,
    );
  });

  it('rejects the bad options datasetDrift rejects, naming itself', () => {
    expectCoreError(
      () => datasetDriftColumns(reference, current, { numericalTest: 'nope' as 'ks' }),
      'invalid_option',
      /^datasetDriftColumns: options\.numericalTest/,
    );
    expectCoreError(
      () => datasetDriftColumns(reference, { a: current.a }),
      'invalid_value',
      "datasetDriftColumns: current must have a column 'b' (got columns 'a')",
    );
  });
});
