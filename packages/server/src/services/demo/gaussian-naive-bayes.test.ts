import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DemoError } from './demo-error.js';
import { GaussianNaiveBayes } from './gaussian-naive-bayes.js';

const normalPdf = (x: number, mean: number, variance: number) =>
  Math.exp(-((x - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);

describe('GaussianNaiveBayes', () => {
  it('computes the posterior by hand on a one-feature, two-class case', () => {
    // Class a: {0, 2} → mean 1, population variance 1; class b: {4, 6, 8} → mean 6, variance 8/3.
    const model = GaussianNaiveBayes.fit([[0], [2], [4], [6], [8]], ['a', 'a', 'b', 'b', 'b'], { varSmoothing: 0 });
    expect(model.classes).toEqual(['a', 'b']);
    const x = 3;
    const pa = (2 / 5) * normalPdf(x, 1, 1);
    const pb = (3 / 5) * normalPdf(x, 6, 8 / 3);
    const p = model.predictProba([x]);
    expect(Math.abs((p[0] as number) - pa / (pa + pb)) / (pa / (pa + pb))).toBeLessThan(1e-12);
    expect(model.predict([x])).toBe(pa > pb ? 'a' : 'b');
    expect(model.predict([-1])).toBe('a');
    expect(model.predict([9])).toBe('b');
  });

  it('multiplies per-feature likelihoods (naive independence)', () => {
    const x = [
      [0, 10],
      [2, 14],
      [4, 0],
      [6, 2],
      [8, 4],
    ];
    const model = GaussianNaiveBayes.fit(x, ['a', 'a', 'b', 'b', 'b'], { varSmoothing: 0 });
    const row = [3, 5];
    const pa = 0.4 * normalPdf(3, 1, 1) * normalPdf(5, 12, 4);
    const pb = 0.6 * normalPdf(3, 6, 8 / 3) * normalPdf(5, 2, 8 / 3);
    expect(Math.abs((model.predictProba(row)[1] as number) - pb / (pa + pb)) / (pb / (pa + pb))).toBeLessThan(1e-12);
  });

  it('returns probabilities in [0, 1] that sum to 1, also far from the data', () => {
    const model = GaussianNaiveBayes.fit(
      [
        [0, 0],
        [1, 1],
        [5, 5],
        [6, 7],
        [10, 0],
        [11, 1],
      ],
      ['a', 'a', 'b', 'b', 'c', 'c'],
    );
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (u, v) => {
          const p = model.predictProba([u, v]);
          const sum = p.reduce((s, x) => s + x, 0);
          return Math.abs(sum - 1) < 1e-12 && p.every((x) => x >= 0 && x <= 1);
        },
      ),
    );
  });

  it('smooths zero variances with varSmoothing × the largest feature variance', () => {
    // Feature 0 is constant within each class; without smoothing its variance would be 0.
    const model = GaussianNaiveBayes.fit([[1], [1], [3], [3]], ['a', 'a', 'b', 'b']);
    const p = model.predictProba([1.5]);
    expect(p[0]).toBeGreaterThan(0.99);
    expect(Number.isFinite(p[1] as number)).toBe(true);
  });

  it('rejects bad training data naming the problem', () => {
    expect(() => GaussianNaiveBayes.fit([], [])).toThrow(
      'GaussianNaiveBayes.fit: x must contain at least 1 row (got 0)',
    );
    expect(() => GaussianNaiveBayes.fit([[1]], ['a', 'b'])).toThrow(
      'GaussianNaiveBayes.fit: y must have one label per row of x (1) (got 2)',
    );
    expect(() => GaussianNaiveBayes.fit([[1, 2], [1]], ['a', 'b'])).toThrow(
      'GaussianNaiveBayes.fit: x[1] must have 2 values like x[0] (got 1)',
    );
    expect(() => GaussianNaiveBayes.fit([[Number.NaN]], ['a'])).toThrow(DemoError);
    const model = GaussianNaiveBayes.fit([[1]], ['a']);
    expect(() => model.predictProba([1, 2])).toThrow('row must have 1 values (got 2)');
  });
});
