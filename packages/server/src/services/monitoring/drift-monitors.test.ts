import { DatasetProfileBuilder } from '@modelwatch/core/drift';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../demo/seeded-random.js';
import { driftMonitorName, driftMonitors } from './drift-monitors.js';
import { profileColumns } from './window-profile.js';

const ctx = { projectId: 'p1', model: 'm', version: 'v1', from: 0, at: 900_000 };

describe('driftMonitors', () => {
  it('names reserved columns and un-escapes features', () => {
    expect(driftMonitorName('$prediction.label')).toBe('drift.prediction.label');
    expect(driftMonitorName('$latency_ms')).toBe('drift.latency');
    expect(driftMonitorName('age')).toBe('drift.feature.age');
    expect(driftMonitorName('$$odd')).toBe('drift.feature.$odd');
  });

  it('skips with the reason without a baseline, with too few rows, or with nothing comparable', () => {
    const small = new DatasetProfileBuilder().addChunk({ x: [1, 2, 3] }).build({ createdAt: 0 });
    expect(driftMonitors(ctx, 'no baseline yet', small, 2)).toEqual([
      expect.objectContaining({
        monitor: 'drift.share',
        status: 'skipped',
        value: null,
        details: { from: 0, reason: 'no baseline yet' },
      }),
    ]);
    const baseline = { profile: small, createdAt: 0, source: 'test' };
    expect(driftMonitors(ctx, baseline, small, 5)[0]?.details.reason).toBe('only 3 rows in the window (minimum 5)');
    expect(driftMonitors(ctx, baseline, undefined, 5)[0]?.details.reason).toBe('only 0 rows in the window (minimum 5)');
    const other = new DatasetProfileBuilder().addChunk({ y: [1, 2, 3] }).build({ createdAt: 0 });
    const none = driftMonitors(ctx, baseline, other, 1);
    expect(none).toHaveLength(1);
    expect(none[0]?.status).toBe('skipped');
    expect(String(none[0]?.details.reason)).toContain('at least 1 comparable column');
  });

  it('flags the shifted column only (seeded), with its PSI as the value', () => {
    const rng = new SeededRandom(42);
    const sample = (n: number, shift: number) =>
      profileColumns(
        Array.from({ length: n }, () => ({
          a: rng.normal(shift, 1),
          b: rng.normal(0, 1),
          c: rng.chance(0.5) ? 'x' : 'y',
        })),
      );
    const reference = new DatasetProfileBuilder().addChunk(sample(800, 0)).build({ createdAt: 0 });
    const current = new DatasetProfileBuilder().addChunk(sample(300, 1)).build({ createdAt: 1 });
    const out = driftMonitors(ctx, { profile: reference, createdAt: 0, source: 'test' }, current, 50);
    const by = (m: string) => out.find((r) => r.monitor === m);
    expect(by('drift.feature.a')).toMatchObject({ status: 'alert', details: { drifted: true, method: 'ks' } });
    expect(by('drift.feature.b')).toMatchObject({ status: 'ok' });
    expect(by('drift.feature.c')).toMatchObject({ status: 'ok', details: { method: 'chisquare' } });
    expect(by('drift.feature.a')?.value).toBe(by('drift.feature.a')?.details.psi);
    expect(by('drift.share')).toMatchObject({
      value: 1 / 3,
      status: 'warn',
      details: { drifted: false, driftedColumns: ['a'] },
    });
  });
});

describe('driftMonitors missing rate', () => {
  it('reports the window’s and the baseline’s share of missing values per feature as numbers', () => {
    // Reference: 1 of 10 values of `a` missing (null); window: 3 of 6 missing (null or absent).
    const reference = new DatasetProfileBuilder()
      .addChunk(profileColumns([...Array.from({ length: 9 }, (_, i) => ({ a: i, b: i })), { a: null, b: 9 }]))
      .build({ createdAt: 0 });
    const current = new DatasetProfileBuilder()
      .addChunk(
        profileColumns([
          { a: 1, b: 1 },
          { a: null, b: 2 },
          { b: 3 },
          { a: 4, b: 4 },
          { a: null, b: 5 },
          { a: 6, b: 6 },
        ]),
      )
      .build({ createdAt: 1 });
    const out = driftMonitors(ctx, { profile: reference, createdAt: 0, source: 'test' }, current, 1);
    const a = out.find((r) => r.monitor === 'drift.feature.a');
    const b = out.find((r) => r.monitor === 'drift.feature.b');
    expect(a?.details.missingRate).toBeCloseTo(3 / 6, 12);
    expect(a?.details.baselineMissingRate).toBeCloseTo(1 / 10, 12);
    expect(b?.details.missingRate).toBe(0);
    expect(b?.details.baselineMissingRate).toBe(0);
  });
});

describe('profileColumns', () => {
  it('makes numeric columns Float64Array with NaN for missing and the rest strings with null', () => {
    const cols = profileColumns([{ n: 1, s: 'a', b: true }, { n: null, s: 2 }, { b: false }]);
    expect(Array.from(cols.n as Float64Array)).toEqual([1, Number.NaN, Number.NaN]);
    expect(cols.s).toEqual(['a', '2', null]);
    expect(cols.b).toEqual(['true', null, 'false']);
  });
});
