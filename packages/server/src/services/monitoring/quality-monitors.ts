import { accuracyScore, f1Score, meanAbsoluteError, rocAucScore, rootMeanSquaredError } from '@modelwatch/core/metrics';
import type { MonitorResult } from '../../domain/monitor.js';
import type { QualityPairs } from '../../domain/query.js';
import { type MonitorContext, monitorResultOf, skippedResultOf } from './monitor-result-of.js';
import { type MonitorThreshold, monitorStatus } from './monitor-thresholds.js';

/** Labelled pairs a quality metric needs before it is computed (default of `minLabelled`). */
export const DEFAULT_MIN_LABELLED = 30;
/**
 * Most recent labelled predictions of the quality window that `quality.accuracy_recent` is
 * computed over (default of `recentLabelled`).
 */
export const DEFAULT_RECENT_LABELLED = 100;

/**
 * The binary ROC-AUC input of label pairs: the pairs with a finite score, when the true labels are
 * exactly 2 classes (and both occur among the scored pairs).
 */
export function binaryScorePairs(
  pairs: QualityPairs['labels'],
): { actual: string[]; scores: number[]; positive: string } | undefined {
  const actual: string[] = [];
  const scores: number[] = [];
  for (let i = 0; i < pairs.actual.length; i++) {
    const s = pairs.scores[i] as number;
    if (Number.isFinite(s)) {
      actual.push(pairs.actual[i] as string);
      scores.push(s);
    }
  }
  // Binary means two classes among all the true labels, not just among the scored ones.
  const classes = [...new Set(pairs.actual)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length !== 2 || new Set(actual).size !== 2) return undefined;
  return { actual, scores, positive: classes[1] as string };
}

/**
 * Quality of a window from the predictions joined to their outcomes (the core metrics, which match
 * scikit-learn, over `store.qualityPairs`):
 * - labels: `quality.accuracy`, `quality.f1_macro` (labels of both sides, as f1_score), and
 *   `quality.roc_auc` when the true labels are two classes and the predictions carry a score —
 *   `output.score` is read as the score of the positive class, the larger label in sort order
 *   (scikit-learn's convention);
 * - values (regression): `quality.mae`, `quality.rmse`.
 * Each needs at least `minLabelled` pairs; with fewer it is `skipped` with the reason. A window
 * with neither kind of pair yields one skipped `quality.accuracy`.
 */
export function qualityMonitors(
  ctx: MonitorContext,
  pairs: QualityPairs,
  minLabelled: number,
  thresholds: Readonly<Record<string, MonitorThreshold>>,
  limited: boolean,
): MonitorResult[] {
  const out: MonitorResult[] = [];
  const base = { events: pairs.events, withOutcome: pairs.withOutcome, minLabelled, ...(limited ? { limited } : {}) };
  const put = (name: string, value: number, details: Record<string, unknown>) => {
    const threshold = thresholds[name];
    out.push(
      monitorResultOf(ctx, name, value, monitorStatus(value, threshold), {
        ...base,
        ...details,
        ...(threshold === undefined ? {} : { threshold }),
      }),
    );
  };
  const labels = pairs.labels;
  const nLabels = labels.actual.length;
  const nValues = pairs.values.actual.length;
  if (nLabels > 0 || nValues === 0) {
    if (nLabels < minLabelled) {
      const reason =
        nLabels === 0
          ? 'no predictions joined to a labelled outcome in the window'
          : `only ${nLabels} labelled outcomes in the window (minimum ${minLabelled})`;
      out.push(skippedResultOf(ctx, 'quality.accuracy', reason, { ...base, labelled: nLabels }));
      if (nLabels > 0) out.push(skippedResultOf(ctx, 'quality.f1_macro', reason, { ...base, labelled: nLabels }));
    } else {
      put('quality.accuracy', accuracyScore(labels.actual, labels.predicted), { labelled: nLabels });
      put('quality.f1_macro', f1Score(labels.actual, labels.predicted, { average: 'macro' }), { labelled: nLabels });
      const binary = binaryScorePairs(labels);
      if (binary !== undefined) {
        if (binary.actual.length < minLabelled) {
          out.push(
            skippedResultOf(
              ctx,
              'quality.roc_auc',
              `only ${binary.actual.length} labelled outcomes with a score (minimum ${minLabelled})`,
              { ...base, scored: binary.actual.length },
            ),
          );
        } else {
          put('quality.roc_auc', rocAucScore(binary.actual, binary.scores), {
            scored: binary.actual.length,
            positiveLabel: binary.positive,
          });
        }
      }
    }
  }
  if (nValues > 0) {
    if (nValues < minLabelled) {
      const reason = `only ${nValues} outcome values in the window (minimum ${minLabelled})`;
      out.push(skippedResultOf(ctx, 'quality.mae', reason, { ...base, labelled: nValues }));
      out.push(skippedResultOf(ctx, 'quality.rmse', reason, { ...base, labelled: nValues }));
    } else {
      put('quality.mae', meanAbsoluteError(pairs.values.actual, pairs.values.predicted), { labelled: nValues });
      put('quality.rmse', rootMeanSquaredError(pairs.values.actual, pairs.values.predicted), { labelled: nValues });
    }
  }
  return out;
}

/**
 * `quality.accuracy_recent`: accuracy of the `recentLabelled` most recent labelled predictions of
 * the quality window (`pairs` is `store.qualityPairs(window, recentLabelled)`), or of all of them
 * when the window holds fewer — the alerting signal of ModelQualityDegraded. A count window rather
 * than a time window: at a busy model the last 100 labelled predictions span a few minutes, so a
 * broken label mapping shows within minutes of its first labels instead of being diluted by the
 * 30-minute window; at a quiet one they span up to the whole quality window, so it has the same
 * statistical power (a sample of 100: standard error ≈ 0.035 at accuracy 0.86) and labels that
 * arrive up to the quality window late still count. Skipped below `minLabelled` pairs; no result
 * when the window has no label pairs (a regression model).
 */
export function recentAccuracyMonitor(
  ctx: MonitorContext,
  pairs: QualityPairs,
  recentLabelled: number,
  minLabelled: number,
  thresholds: Readonly<Record<string, MonitorThreshold>>,
): MonitorResult[] {
  const name = 'quality.accuracy_recent';
  const n = pairs.labels.actual.length;
  if (n === 0) return [];
  const details = { labelled: n, recentLabelled, minLabelled };
  if (n < minLabelled) {
    return [skippedResultOf(ctx, name, `only ${n} labelled outcomes in the window (minimum ${minLabelled})`, details)];
  }
  const value = accuracyScore(pairs.labels.actual, pairs.labels.predicted);
  const threshold = thresholds[name];
  return [
    monitorResultOf(ctx, name, value, monitorStatus(value, threshold), {
      ...details,
      ...(threshold === undefined ? {} : { threshold }),
    }),
  ];
}
