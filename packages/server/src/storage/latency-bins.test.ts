import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LATENCY_RELATIVE_ACCURACY, LATENCY_ZERO_BIN, latencyBin, latencyBinValue } from './latency-bins.js';

describe('latency bins', () => {
  it('read a latency back within the relative accuracy (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.0011, max: 86_400_000, noNaN: true }), (x) => {
        const back = latencyBinValue(latencyBin(x));
        expect(Math.abs(back - x) / x).toBeLessThanOrEqual(LATENCY_RELATIVE_ACCURACY * (1 + 1e-9));
      }),
    );
  });

  it('are monotone, and count tiny latencies as zero', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        (a, b) => {
          if (a <= b) expect(latencyBin(a) <= latencyBin(b) || latencyBin(a) === LATENCY_ZERO_BIN).toBe(true);
        },
      ),
    );
    expect(latencyBin(0)).toBe(LATENCY_ZERO_BIN);
    expect(latencyBinValue(latencyBin(0.0005))).toBe(0);
    // γ = 1.01/0.99; 100 ms lies in bin ⌈ln 100 / ln γ⌉ = 231.
    expect(latencyBin(100)).toBe(Math.ceil(Math.log(100) / Math.log(1.01 / 0.99)));
  });
});
