import { accuracyScore, f1Score, meanAbsoluteError, rocAucScore, rootMeanSquaredError } from '@modelwatch/core/metrics';
import type { MonitorResult } from '../../domain/monitor.js';
import type { QualityPairs } from '../../domain/query.js';
import { type MonitorContext, monitorResultOf, skippedResultOf } from './monitor-result-of.js';
import { type MonitorThreshold, monitorStatus } from './monitor-thresholds.js';

/** Labelled pairs a quality metric needs before it is computed (default of `minLabelled`). */
export const DEFAULT_MIN_LABELLED = 30;

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
