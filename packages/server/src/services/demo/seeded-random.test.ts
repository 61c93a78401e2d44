import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its sequence under a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const r = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => r.uniform());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws uniforms in [0, 1) and integers in [0, n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = new SeededRandom(seed);
        for (let i = 0; i < 50; i++) {
          const u = r.uniform();
          const k = r.index(n);
          if (!(u >= 0 && u < 1 && Number.isInteger(k) && k >= 0 && k < n)) return false;
        }
        return true;
      }),
    );
  });

  it('has the moments of its distributions (100 000 draws)', () => {
    const r = new SeededRandom(7);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let expSum = 0;
    const logNormal: number[] = [];
    for (let i = 0; i < n; i++) {
      const z = r.normal(10, 2);
      sum += z;
      sumSq += (z - 10) ** 2;
      expSum += r.exponential(5);
      logNormal.push(r.logNormal(8, 0.3));
    }
    expect(Math.abs(sum / n - 10) / 10).toBeLessThan(0.005);
    expect(Math.abs(Math.sqrt(sumSq / n) - 2) / 2).toBeLessThan(0.01);
    expect(Math.abs(expSum / n - 5) / 5).toBeLessThan(0.02);
    logNormal.sort((a, b) => a - b);
    expect(Math.abs((logNormal[n / 2] as number) - 8) / 8).toBeLessThan(0.01);
  });

  it('picks by weight', () => {
    const r = new SeededRandom(3);
    let a = 0;
    for (let i = 0; i < 20_000; i++)
      if (
        r.weighted([
          ['a', 3],
          ['b', 1],
        ] as const) === 'a'
      )
        a++;
    expect(Math.abs(a / 20_000 - 0.75) / 0.75).toBeLessThan(0.03);
  });
});
