import { rocAucScore } from '@modelwatch/core/metrics';
import { describe, expect, it } from 'vitest';
import type { QualityPairs } from '../../domain/query.js';
import { binaryScorePairs, qualityMonitors, recentAccuracyMonitor } from './quality-monitors.js';

const ctx = { projectId: 'p1', model: 'm', version: 'v1', from: 0, at: 900_000 };

function pairs(labels: [string, string, number][], values: [number, number][] = []): QualityPairs {
  return {
    labels: {
      predicted: labels.map((l) => l[0]),
      actual: labels.map((l) => l[1]),
      scores: labels.map((l) => l[2]),
    },
    values: { predicted: values.map((v) => v[0]), actual: values.map((v) => v[1]) },
    events: labels.length + values.length + 5,
    withOutcome: labels.length + values.length,
  };
}

describe('qualityMonitors', () => {
  it('computes accuracy, macro F1 and ROC-AUC (score of the larger label) on a hand-checked case', () => {
    // actual:    no  no  yes yes yes no
    // predicted: no  yes yes no  yes no   → 4 of 6 right
    const p = pairs([
      ['no', 'no', 0.1],
      ['yes', 'no', 0.6],
      ['yes', 'yes', 0.8],
      ['no', 'yes', 0.4],
      ['yes', 'yes', 0.9],
      ['no', 'no', 0.2],
    ]);
    const out = qualityMonitors(ctx, p, 3, {}, false);
    const value = (name: string) => out.find((r) => r.monitor === name)?.value;
    expect(value('quality.accuracy')).toBeCloseTo(4 / 6, 14);
    // Per class: no: P = 2/3, R = 2/3 → F1 2/3; yes: P = 2/3, R = 2/3 → 2/3; macro 2/3.
    expect(value('quality.f1_macro')).toBeCloseTo(2 / 3, 14);
    // Positives (yes) 0.8, 0.4, 0.9 vs negatives 0.1, 0.6, 0.2: 8 of 9 pairs ordered right.
    expect(value('quality.roc_auc')).toBeCloseTo(8 / 9, 14);
    expect(out.find((r) => r.monitor === 'quality.roc_auc')?.details.positiveLabel).toBe('yes');
    expect(out.every((r) => r.at === 900_000 && r.details.from === 0)).toBe(true);
  });

  it('uses only the pairs with a score for ROC-AUC, and none when the true labels are not two classes', () => {
    const labels: QualityPairs['labels'] = {
      predicted: ['a', 'b', 'a', 'b'],
      actual: ['a', 'b', 'b', 'a'],
      scores: [0.2, Number.NaN, 0.7, 0.4],
    };
    const b = binaryScorePairs(labels);
    expect(b).toEqual({ actual: ['a', 'b', 'a'], scores: [0.2, 0.7, 0.4], positive: 'b' });
    expect(rocAucScore(b?.actual ?? [], b?.scores ?? [])).toBe(1);
    expect(binaryScorePairs({ ...labels, actual: ['a', 'b', 'c', 'a'] })).toBeUndefined();
    const multi = qualityMonitors(
      ctx,
      pairs([
        ['a', 'a', 0.1],
        ['b', 'b', 0.5],
        ['c', 'c', 0.9],
      ]),
      1,
      {},
      false,
    );
    expect(multi.map((r) => r.monitor)).toEqual(['quality.accuracy', 'quality.f1_macro']);
  });

  it('skips below the minimum with the reason, and computes MAE and RMSE for values', () => {
    const few = qualityMonitors(ctx, pairs([['a', 'a', Number.NaN]], [[1, 2]]), 2, {}, false);
    expect(few.map((r) => [r.monitor, r.status, r.value, r.details.reason])).toEqual([
      ['quality.accuracy', 'skipped', null, 'only 1 labelled outcomes in the window (minimum 2)'],
      ['quality.f1_macro', 'skipped', null, 'only 1 labelled outcomes in the window (minimum 2)'],
      ['quality.mae', 'skipped', null, 'only 1 outcome values in the window (minimum 2)'],
      ['quality.rmse', 'skipped', null, 'only 1 outcome values in the window (minimum 2)'],
    ]);
    const none = qualityMonitors(ctx, pairs([]), 30, {}, false);
    expect(none.map((r) => [r.monitor, r.status, r.details.reason])).toEqual([
      ['quality.accuracy', 'skipped', 'no predictions joined to a labelled outcome in the window'],
    ]);
    const regression = qualityMonitors(
      ctx,
      pairs(
        [],
        [
          [3, 2.5],
          [-0.5, 0],
          [2, 2],
          [7, 8],
        ],
      ),
      2,
      { 'quality.mae': { alert: 0.4 } },
      true,
    );
    // sklearn's examples: mean_absolute_error([3, -0.5, 2, 7], [2.5, 0, 2, 8]) = 0.5, MSE 0.375.
    expect(regression.map((r) => [r.monitor, r.value, r.status])).toEqual([
      ['quality.mae', 0.5, 'alert'],
      ['quality.rmse', Math.sqrt(0.375), 'ok'],
    ]);
    expect(regression[0]?.details).toMatchObject({ limited: true, threshold: { alert: 0.4 } });
  });
});

describe('recentAccuracyMonitor', () => {
  it('is the accuracy of the pairs it is given, skipped below the minimum, absent without label pairs', () => {
    const right = (i: number): [string, string, number] => [`c${i % 3}`, `c${i % 3}`, Number.NaN];
    const wrong = (i: number): [string, string, number] => [`c${i % 3}`, `c${(i + 1) % 3}`, Number.NaN];
    const p = pairs([
      ...Array.from({ length: 60 }, (_, i) => right(i)),
      ...Array.from({ length: 40 }, (_, i) => wrong(i)),
    ]);
    const [r] = recentAccuracyMonitor(ctx, p, 100, 30, {
      'quality.accuracy_recent': { direction: 'below', alert: 0.75 },
    });
    expect(r).toMatchObject({ monitor: 'quality.accuracy_recent', value: 0.6, status: 'alert' });
    expect(r?.details).toMatchObject({ labelled: 100, recentLabelled: 100, minLabelled: 30 });
    const few = recentAccuracyMonitor(ctx, pairs([right(0), wrong(1)]), 100, 30, {});
    expect(few).toMatchObject([{ status: 'skipped', value: null }]);
    expect(few[0]?.details.reason).toBe('only 2 labelled outcomes in the window (minimum 30)');
    expect(recentAccuracyMonitor(ctx, pairs([], [[1, 2]]), 100, 30, {})).toEqual([]);
  });
});
