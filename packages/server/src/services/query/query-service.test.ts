import { describe, expect, it } from 'vitest';
import type { SliceStats } from '../../domain/query.js';
import { degradationScore } from './query-service.js';

const stats = (s: Partial<SliceStats>): SliceStats => ({
  requests: 100,
  errorRate: 0.1,
  latencyP95: 100,
  accuracy: 0.9,
  labelled: 50,
  ...s,
});

describe('degradationScore', () => {
  it('adds the error-rate gap, the accuracy gap and the weighted log2 latency ratio', () => {
    const window = stats({});
    // +0.05 errors, +0.1 accuracy lost, p95 doubled at weight 0.1.
    const s = degradationScore(stats({ errorRate: 0.15, accuracy: 0.8, latencyP95: 200 }), window, 0.1, 20);
    expect(Math.abs(s - (0.05 + 0.1 + 0.1))).toBeLessThan(1e-12);
  });

  it('ignores accuracy without enough labelled outcomes, and faster slices earn nothing', () => {
    const window = stats({});
    expect(degradationScore(stats({ accuracy: 0.1, labelled: 5, latencyP95: 50 }), window, 0.1, 20)).toBe(0);
    expect(degradationScore(stats({ errorRate: 0.05 }), window, 0.1, 20)).toBeCloseTo(-0.05, 12);
  });
});
