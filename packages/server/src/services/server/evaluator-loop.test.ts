import { describe, expect, it } from 'vitest';
import { EvaluatorLoop } from './evaluator-loop.js';

describe('EvaluatorLoop', () => {
  it('runs its steps in order, isolates a failing step and reports the run', async () => {
    const calls: string[] = [];
    const errors: string[] = [];
    const runs: number[] = [];
    let t = 1_000;
    const loop = new EvaluatorLoop(
      [
        { name: 'a', run: async (now) => calls.push(`a@${now}`) },
        {
          name: 'b',
          run: async () => {
            throw new Error('boom');
          },
        },
        { name: 'c', run: async () => calls.push('c') },
      ],
      { intervalMs: 10_000, now: () => t, onRun: (s) => runs.push(s), onError: (n) => errors.push(n) },
    );
    await loop.runOnce();
    t = 11_000;
    await loop.runOnce();
    expect(calls).toEqual(['a@1000', 'c', 'a@11000', 'c']);
    expect(errors).toEqual(['b', 'b']);
    expect(runs).toEqual([0, 0]);
  });

  it('does not overlap runs and reports a run longer than three intervals as stuck', async () => {
    let t = 0;
    let release: () => void = () => undefined;
    let started = 0;
    const loop = new EvaluatorLoop(
      [
        {
          name: 'slow',
          run: () => {
            started++;
            return new Promise<void>((r) => {
              release = r;
            });
          },
        },
      ],
      { intervalMs: 1_000, now: () => t },
    );
    const first = loop.runOnce();
    const second = loop.runOnce();
    expect(second).toBe(first);
    expect(started).toBe(1);
    t = 3_000;
    expect(loop.stuckReason()).toBeUndefined();
    t = 3_001;
    expect(loop.stuckReason()).toContain('still going (limit 3 s');
    release();
    await first;
    expect(loop.stuckReason()).toBeUndefined();
    await loop.stop();
  });

  it('rejects a bad interval naming it', () => {
    expect(() => new EvaluatorLoop([], { intervalMs: 0 })).toThrow('intervalMs must be a number > 0 (got 0)');
  });
});
