import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driftGrid, type MonitorRow } from './drift-grid.js';

const row = (feature: string, at: number, value: number | null, status: MonitorRow['status']): MonitorRow => ({
  model: 'm',
  version: 'v1',
  monitor: `drift.feature.${feature}`,
  at,
  value,
  status,
  details: {},
});

describe('driftGrid', () => {
  const window = { from: 0, to: 100 };

  it('puts each result in the bucket of its window end and keeps the worst per cell', () => {
    const g = driftGrid(
      [row('a', 10, 0.05, 'ok'), row('a', 15, 0.4, 'alert'), row('a', 20, 0.02, 'ok'), row('b', 60, 0.01, 'ok')],
      window,
      4,
    );
    expect(g.bucketMs).toBe(25);
    expect(g.starts).toEqual([0, 25, 50, 75]);
    expect(g.features).toEqual(['a', 'b']);
    expect(g.cells[0]?.[0]).toEqual({ value: 0.4, status: 'alert', results: 3 });
    expect(g.cells[0]?.[1]).toBeUndefined();
    expect(g.cells[1]?.[2]).toEqual({ value: 0.01, status: 'ok', results: 1 });
  });

  it('orders rows worst first, then by value, then by name', () => {
    const g = driftGrid(
      [row('z', 50, 0.01, 'ok'), row('c', 50, 0.2, 'warn'), row('b', 50, 0.3, 'ok'), row('a', 50, 0.3, 'ok')],
      window,
      2,
    );
    expect(g.features).toEqual(['c', 'a', 'b', 'z']);
  });

  it('ignores other monitors, segment slices and results outside the window', () => {
    const g = driftGrid(
      [
        { ...row('a', 50, 1, 'alert'), monitor: 'drift.share' },
        { ...row('a', 50, 1, 'alert'), segment: 'region=eu' },
        row('a', 0, 1, 'alert'), // window end 0: evaluates time before the grid
        row('a', 101, 1, 'alert'),
      ],
      window,
      2,
    );
    expect(g.features).toEqual([]);
  });

  it('a skipped result (null value) keeps the value of the others', () => {
    const g = driftGrid([row('a', 30, null, 'skipped'), row('a', 31, 0.1, 'ok')], window, 1);
    expect(g.cells[0]?.[0]).toEqual({ value: 0.1, status: 'ok', results: 2 });
  });

  it('counts every result in the window exactly once (property)', () => {
    const arb = fc.array(
      fc.record({
        f: fc.constantFrom('a', 'b', 'c'),
        at: fc.integer({ min: 1, max: 100 }),
        v: fc.double({ min: 0, max: 2, noNaN: true }),
        s: fc.constantFrom('ok', 'warn', 'alert', 'skipped') as fc.Arbitrary<MonitorRow['status']>,
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 30 }), (rows, columns) => {
        const g = driftGrid(
          rows.map((r) => row(r.f, r.at, r.v, r.s)),
          window,
          columns,
        );
        const counted = g.cells.flat().reduce((n, c) => n + (c?.results ?? 0), 0);
        expect(counted).toBe(rows.length);
      }),
    );
  });
});
