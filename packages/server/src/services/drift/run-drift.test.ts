import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrift } from './run-drift.js';

/** Seeded uniforms (xorshift32). */
function uniforms(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  });
}

const dir = mkdtempSync(join(tmpdir(), 'mw-run-drift-'));

/** A CSV of numeric, categorical and date columns (some shifted in the current file). */
function writeCsv(name: string, n: number, seed: number, shifted: boolean): string {
  const cols = Array.from({ length: 8 }, (_, j) => uniforms(n, seed * 31 + j));
  const header = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'plan', 'region', 'day', 'only_here'];
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const x = cols.slice(0, 6).map((c, j) => ((c[i] as number) + (shifted && j % 2 === 0 ? 0.08 : 0)).toFixed(6));
    const plan = ['free', 'pro', 'team', 'enterprise'][Math.floor((cols[6]?.[i] as number) * (shifted ? 3 : 4))];
    const region = i % 50 === 0 ? '' : ['eu', 'us', 'ap'][Math.floor((cols[7]?.[i] as number) * 3)];
    const day = `2024-0${shifted ? 3 : 1}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push([...x, plan, region, day, shifted ? '' : String(i % 7)].join(','));
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('runDrift on large data, read and tested in column groups', () => {
  const reference = writeCsv('ref.csv', 4000, 1, false);
  const current = writeCsv('cur.csv', 4000, 2, true);

  for (const correction of ['none', 'fdr_bh'] as const) {
    it(`gives the report of one read and one test of every column (correction ${correction})`, async () => {
      // minValues 0: large, read in three groups tested while the next is read; Infinity: one read.
      const parts = await runDrift(reference, current, { correction, parallel: { minValues: 0, workers: 2 } });
      const whole = await runDrift(reference, current, {
        correction,
        parallel: { minValues: Number.POSITIVE_INFINITY },
      });
      expect(parts).toEqual(whole);
      expect(parts.columns.map((c) => c.column)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'plan', 'region']);
      expect(parts.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual(
        expect.arrayContaining(['x0', 'x2', 'x4', 'plan']),
      );
      // only_here: BIGINT in one file, text in the other; day: an unlisted datetime column (plotted, not tested).
      expect(parts.skippedColumns.map((s) => s.column)).toEqual(['only_here', 'day']);
      expect(Object.keys(parts.distributions)).toEqual(['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'plan', 'region', 'day']);
      expect(parts.quality?.report.columns.map((c) => c.column)).toContain('only_here');
    });
  }
});
