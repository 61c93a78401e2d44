import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketFor, bucketStarts, RANGE_MS, windowOf } from './time-range.js';
import { RANGES } from './url-state.js';

const MINUTE = 60_000;

describe('time ranges and buckets', () => {
  it('ends a relative window at now rounded up to a whole minute', () => {
    const now = Date.UTC(2026, 0, 5, 12, 0, 30);
    expect(windowOf({ range: '1h' }, now)).toEqual({
      from: Date.UTC(2026, 0, 5, 11, 1),
      to: Date.UTC(2026, 0, 5, 12, 1),
    });
    expect(windowOf({ range: '15m' }, Date.UTC(2026, 0, 5, 12))).toEqual({
      from: Date.UTC(2026, 0, 5, 11, 45),
      to: Date.UTC(2026, 0, 5, 12),
    });
    expect(windowOf({ range: { from: 5, to: 9 } }, now)).toEqual({ from: 5, to: 9 });
  });

  it('every range gets whole-minute buckets, at most 120 of them, as narrow as allowed', () => {
    expect(bucketFor(RANGE_MS['15m'])).toEqual({ ms: MINUTE, param: '1m' });
    expect(bucketFor(RANGE_MS['1h'])).toEqual({ ms: MINUTE, param: '1m' });
    expect(bucketFor(RANGE_MS['6h'])).toEqual({ ms: 5 * MINUTE, param: '5m' });
    expect(bucketFor(RANGE_MS['24h'])).toEqual({ ms: 15 * MINUTE, param: '15m' });
    expect(bucketFor(RANGE_MS['7d'])).toEqual({ ms: 3 * 60 * MINUTE, param: '3h' });
    for (const r of RANGES) {
      const b = bucketFor(RANGE_MS[r]);
      expect(b.ms % MINUTE).toBe(0);
      expect(RANGE_MS[r] / b.ms).toBeLessThanOrEqual(120);
    }
  });

  it('the chosen bucket is the narrowest that fits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 * 86_400_000 }), fc.integer({ min: 1, max: 500 }), (span, max) => {
        const b = bucketFor(span, max);
        expect(b.ms).toBeGreaterThanOrEqual(MINUTE);
        if (b.ms < 86_400_000) expect(span / b.ms).toBeLessThanOrEqual(max);
      }),
    );
  });

  it('bucket starts are aligned from the epoch and cover the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 42 }), fc.integer({ min: 1, max: 10 * 3_600_000 }), (from, span) => {
        const starts = bucketStarts({ from, to: from + span }, 5 * MINUTE);
        expect(starts.every((t) => t % (5 * MINUTE) === 0)).toBe(true);
        expect(starts[0]).toBeLessThanOrEqual(from);
        expect((starts.at(-1) as number) + 5 * MINUTE).toBeGreaterThanOrEqual(from + span);
      }),
    );
  });
});
