import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff-delay.js';

describe('backoffDelay', () => {
  it('is random · min(cap, base · 2^(retry−1)) with the protocol defaults (200 ms, 30 s)', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(100);
    expect(backoffDelay(2, () => 0.5)).toBe(200);
    expect(backoffDelay(3, () => 0.25)).toBe(200);
    expect(backoffDelay(8, () => 0.5)).toBe(12_800);
    expect(backoffDelay(9, () => 0.5)).toBe(15_000); // 51 200 capped at 30 000
    expect(backoffDelay(1e6, () => 1)).toBe(30_000);
    expect(backoffDelay(1, () => 0)).toBe(0);
  });

  it('honours base and cap options and clamps a misbehaving random source', () => {
    expect(backoffDelay(3, () => 1, { baseMs: 10, capMs: 25 })).toBe(25);
    expect(backoffDelay(2, () => 1, { baseMs: 10, capMs: 25 })).toBe(20);
    expect(backoffDelay(2, () => 7)).toBe(400);
    expect(backoffDelay(2, () => -1)).toBe(0);
    expect(backoffDelay(2, () => Number.NaN)).toBe(0);
  });

  it('property: full jitter stays in [0, min(cap, base · 2^(retry−1))] and grows with random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (retry, r1, r2, baseMs, capMs) => {
          const ceiling = Math.min(capMs, baseMs * 2 ** (retry - 1));
          const d1 = backoffDelay(retry, () => r1, { baseMs, capMs });
          const d2 = backoffDelay(retry, () => r2, { baseMs, capMs });
          expect(d1).toBeGreaterThanOrEqual(0);
          expect(d1).toBeLessThan(ceiling);
          if (r1 <= r2) expect(d1).toBeLessThanOrEqual(d2);
        },
      ),
    );
  });
});
