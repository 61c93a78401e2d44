import { rocAucScore } from '@modelwatch/core/metrics';
import type { DatasetRow } from '../../domain/dataset.js';

/** Default flagging threshold: a single feature with AUC (or accuracy) ≥ 0.95 for the label. */
export const DEFAULT_LEAKAGE_THRESHOLD = 0.95;

export interface LabelLeakageOptions {
  /** Flag a feature whose single-feature statistic reaches this (default 0.95). */
  readonly threshold?: number;
  /** Binary labels: the positive class (default: the larger label as a string). */
  readonly positive?: string | undefined;
}

export interface FeatureLeakage {
  readonly feature: string;
  /**
   * `auc`: numeric feature, binary label — max(AUC, 1 − AUC) of the raw value as a score, so a
   * feature predicting the label in either direction counts. `accuracy`: categorical feature or
   * multiclass label — the accuracy of predicting each feature value's majority label (in-sample).
   */
  readonly statistic: 'auc' | 'accuracy';
  readonly value: number;
  /** The accuracy of always predicting the majority label, for comparison. */
  readonly baseline: number;
  readonly flagged: boolean;
}

export interface LabelLeakageReport {
  readonly threshold: number;
  readonly features: readonly FeatureLeakage[];
  readonly flagged: readonly FeatureLeakage[];
}

/**
 * Label-leakage check: how well each feature on its own predicts the label. A feature that is a
 * near-perfect predictor by itself (an id that encodes the label, a post-outcome field, the label
 * copied under another name) usually means leakage rather than a good model. Numeric features
 * with a binary label use ROC AUC in either direction; categorical features (or a multiclass
 * label) use the in-sample accuracy of each value's majority label — which is high for any
 * near-unique feature, so features with more than half as many distinct values as rows are
 * skipped (they identify rows, they cannot generalise). Rows with a missing label or feature value
 * are left out for that feature.
 */
export function labelLeakage(
  rows: readonly DatasetRow[],
  label: string,
  features: readonly string[],
  options: LabelLeakageOptions = {},
): LabelLeakageReport {
  const threshold = options.threshold ?? DEFAULT_LEAKAGE_THRESHOLD;
  const labelled = rows.filter((r) => r[label] !== null && r[label] !== undefined);
  const classes = [...new Set(labelled.map((r) => String(r[label])))].sort();
  const positive = options.positive ?? classes[classes.length - 1];
  const out: FeatureLeakage[] = [];
  for (const feature of features) {
    const usable = labelled.filter((r) => r[feature] !== null && r[feature] !== undefined);
    if (usable.length < 2) continue;
    const y = usable.map((r) => String(r[label]));
    const baseline = majorityShare(y);
    const numeric = usable.every((r) => typeof r[feature] === 'number');
    if (numeric && classes.length === 2) {
      const y01 = y.map((v) => (v === positive ? 1 : 0));
      if (!y01.includes(0) || !y01.includes(1)) continue;
      const auc = rocAucScore(
        y01,
        usable.map((r) => r[feature] as number),
      );
      const value = Math.max(auc, 1 - auc);
      out.push({ feature, statistic: 'auc', value, baseline, flagged: value >= threshold });
      continue;
    }
    const x = usable.map((r) => String(r[feature]));
    const values = new Set(x);
    if (values.size > usable.length / 2) continue;
    const byValue = new Map<string, string[]>();
    x.forEach((v, i) => {
      const list = byValue.get(v);
      if (list === undefined) byValue.set(v, [y[i] as string]);
      else list.push(y[i] as string);
    });
    let correct = 0;
    for (const labels of byValue.values()) correct += majorityShare(labels) * labels.length;
    const value = correct / usable.length;
    out.push({ feature, statistic: 'accuracy', value, baseline, flagged: value >= threshold && value > baseline });
  }
  return { threshold, features: out, flagged: out.filter((f) => f.flagged) };
}

function majorityShare(values: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return Math.max(...counts.values()) / values.length;
}
