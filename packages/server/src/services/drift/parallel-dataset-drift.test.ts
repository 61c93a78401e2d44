import { datasetDrift } from '@modelwatch/core/drift';
import { describe, expect, it } from 'vitest';
import { combinedDatasetDrift, parallelDatasetDrift, parallelDatasetDriftColumns } from './parallel-dataset-drift.js';

/** Seeded uniform doubles (xorshift32). */
function uniforms(n: number, seed: number, shift = 0): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296 + shift;
  });
}

const n = 3000;
const reference: Record<string, Float64Array | Float32Array | string[]> = {};
const current: Record<string, Float64Array | Float32Array | string[]> = {};
for (let j = 0; j < 9; j++) {
  reference[`x${j}`] = uniforms(n, 11 + j);
  current[`x${j}`] = uniforms(n, 101 + j, j % 3 === 0 ? 0.05 : 0);
}
reference.small = uniforms(500, 5).map((v) => Math.floor(v * 4));
current.small = uniforms(500, 6).map((v) => Math.floor(v * 4));
reference.plan = Float32Array.from({ length: n }, (_, i) => i % 4);
current.plan = Float32Array.from({ length: n }, (_, i) => (i % 9 === 0 ? Number.NaN : i % 5));
reference.when = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 1000);
current.when = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 1, 1) + i * 1000);
const types = { plan: 'categorical', when: 'datetime' } as const;

describe('parallelDatasetDrift', () => {
  for (const correction of ['none', 'bonferroni', 'fdr_bh'] as const) {
    it(`equals the core datasetDrift in worker threads (correction ${correction})`, async () => {
      const options = { types, correction, perColumn: { x1: 'ks' as const }, shareThreshold: 0.3 };
      let mode = '';
      const got = await parallelDatasetDrift(reference, current, options, {
        workers: 3,
        minValues: 0,
        onMode: (m) => {
          mode = m;
        },
      });
      expect(mode).toBe('workers');
      expect(got).toEqual(datasetDrift(reference, current, options));
    });
  }

  it('keeps the explicit column list (datetime tested) and falls back to this thread on bad options', async () => {
    const options = { types, columns: ['when', 'x0', 'plan', 'x4'], correction: 'fdr_bh' as const };
    expect(await parallelDatasetDrift(reference, current, options, { workers: 2, minValues: 0 })).toEqual(
      datasetDrift(reference, current, options),
    );
    let mode = '';
    await expect(
      parallelDatasetDrift(
        reference,
        current,
        { perColumn: { plan: 'ks' }, types },
        {
          workers: 2,
          minValues: 0,
          onMode: (m) => {
            mode = m;
          },
        },
      ),
    ).rejects.toThrow(/'ks' needs ordered numbers/);
    expect(mode).toBe('thread');
  });

  it('runs small data in this thread', async () => {
    let mode = '';
    await parallelDatasetDrift(reference, current, { types }, { workers: 2, onMode: (m) => (mode = m) });
    expect(mode).toBe('thread');
  });

  it('combines groups back into column order', () => {
    const full = datasetDrift(reference, current, { types, correction: 'bonferroni' });
    const none = datasetDrift(reference, current, { types });
    const names = Object.keys(reference);
    const shuffled = [...none.columns].reverse();
    expect(combinedDatasetDrift(names, shuffled, none.skippedColumns, { correction: 'bonferroni' })).toEqual(full);
  });

  it('tests a part of the columns in workers or here alike, and a part with nothing testable is no error', async () => {
    const part = ['x2', 'plan', 'when', 'x5'];
    const modes: string[] = [];
    const inWorkers = await parallelDatasetDriftColumns(
      reference,
      current,
      part,
      { types },
      {
        workers: 2,
        minValues: 0,
        onMode: (m) => modes.push(m),
      },
    );
    const here = await parallelDatasetDriftColumns(reference, current, part, { types }, { workers: 1 });
    expect(modes).toEqual(['workers']);
    expect(inWorkers.columns.map((c) => c.column).sort()).toEqual(['plan', 'x2', 'x5']);
    expect([...inWorkers.columns].sort((a, b) => a.column.localeCompare(b.column))).toEqual(
      [...here.columns].sort((a, b) => a.column.localeCompare(b.column)),
    );
    // The unlisted datetime column is skipped, as datasetDrift skips it.
    expect(here.skipped.map((s) => s.column)).toEqual(['when']);
    // Two parts combined equal datasetDrift over every column.
    const rest = Object.keys(reference).filter((n) => !part.includes(n));
    const other = await parallelDatasetDriftColumns(reference, current, rest, { types }, { workers: 1 });
    const names = Object.keys(reference);
    expect(
      combinedDatasetDrift(names, [...here.columns, ...other.columns], [...here.skipped, ...other.skipped], {
        correction: 'fdr_bh',
      }),
    ).toEqual(datasetDrift(reference, current, { types, correction: 'fdr_bh' }));
    const nothing = await parallelDatasetDriftColumns(reference, current, ['when'], { types }, { workers: 1 });
    expect(nothing.columns).toEqual([]);
    expect(nothing.skipped.map((s) => s.column)).toEqual(['when']);
  });
});
