import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelLeakage } from './label-leakage.js';
import { casing, perturbRows, seededRandom, synonyms, typos, whitespace } from './perturbations.js';
import { robustnessSuite } from './robustness-suite.js';

describe('perturbations', () => {
  it('are seeded: the same seed gives the same rows, another seed other rows', () => {
    const rows = Array.from({ length: 50 }, (_v, i) => ({ text: `the quick brown fox number ${i} jumps`, x: i + 1 }));
    expect(perturbRows(rows, 'typos', ['text'], 3)).toEqual(perturbRows(rows, 'typos', ['text'], 3));
    expect(perturbRows(rows, 'typos', ['text'], 3)).not.toEqual(perturbRows(rows, 'typos', ['text'], 4));
    const noisy = perturbRows(rows, 'noise', ['x'], 1, { noise: 0.05 });
    const rel = noisy.map((r, i) => Math.abs((r.x as number) / (i + 1) - 1));
    expect(Math.max(...rel)).toBeGreaterThan(0);
    expect(Math.max(...rel)).toBeLessThan(0.5);
    const missing = perturbRows(rows, 'missing', ['x'], 1, { missingRate: 0.5 });
    const nulls = missing.filter((r) => r.x === null).length;
    expect(nulls).toBeGreaterThan(10);
    expect(nulls).toBeLessThan(40);
    expect(missing.every((r, i) => r.text === rows[i]?.text)).toBe(true);
  });

  it('keep what they promise: typos keep the letters, casing and whitespace only change case and spaces', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,6}$/), fc.integer(), (text, seed) => {
        const sorted = (s: string) => [...s].sort().join('');
        expect(sorted(typos(text, seededRandom(seed)))).toBe(sorted(text));
        expect(casing(text, seededRandom(seed)).toLowerCase()).toBe(text);
        expect(whitespace(text, seededRandom(seed)).trim().replace(/\s+/g, ' ')).toBe(text);
      }),
    );
    expect(synonyms('Good service, big problem')).toBe('Great service, large issue');
  });
});

describe('labelLeakage', () => {
  it('flags a feature that encodes the label and not an honest one', () => {
    const rows = Array.from({ length: 200 }, (_v, i) => {
      const y = i % 2 === 0 ? 'spam' : 'ham';
      return {
        y,
        leak: y === 'spam' ? 100 + (i % 7) : i % 7,
        honest: (i * 37) % 101,
        channel: y === 'spam' ? 'a' : 'b',
      };
    });
    const r = labelLeakage(rows, 'y', ['leak', 'honest', 'channel']);
    expect(r.flagged.map((f) => f.feature).sort()).toEqual(['channel', 'leak']);
    const honest = r.features.find((f) => f.feature === 'honest');
    expect(honest?.statistic).toBe('auc');
    expect(honest?.value).toBeLessThan(0.7);
    expect(r.features.find((f) => f.feature === 'leak')?.value).toBe(1);
  });
});

describe('robustnessSuite', () => {
  it('reports invariance and metric changes of a model that ignores case but not typos', async () => {
    const rows = Array.from({ length: 40 }, (_v, i) => ({
      text: i % 2 === 0 ? 'great product' : 'awful product',
      y: i % 2 === 0 ? 'pos' : 'neg',
    }));
    const model = (r: { text?: unknown }) => ({
      prediction: String(r.text).toLowerCase().includes('great') ? 'pos' : 'neg',
    });
    const baseline = rows.map((r) => ({ label: r.y, ...model(r) }));
    const report = await robustnessSuite({
      settings: {
        seed: 1,
        text: ['text'],
        numeric: [],
        noise: 0.05,
        missingRate: 0.1,
        minInvariance: 0.9,
        directional: [],
      },
      rows,
      baseline,
      task: 'classification',
      positive: 'pos',
      predict: async (perturbed) => perturbed.map(model),
      metric: (exs) => ({ accuracy: exs.filter((e) => e.prediction === e.label).length / exs.length }),
    });
    const by = Object.fromEntries(report.perturbations.map((p) => [p.perturbation, p]));
    expect(by.casing?.invariance).toBe(1);
    expect(by.whitespace?.invariance).toBe(1);
    expect(by.typos?.invariance).toBeLessThan(0.9);
    expect(by.typos?.metricDeltas.accuracy).toBeLessThan(0);
    expect(by.synonyms?.invariance).toBeLessThan(1);
    expect(report.passed).toBe(false);
  });
});
