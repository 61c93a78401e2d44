import type { ReliabilityDiagramResult } from '@modelwatch/core/metrics';
import type { LabelLeakageReport } from '../robustness/label-leakage.js';
import type { RobustnessReport } from '../robustness/robustness-suite.js';
import type { RunTask } from './suite-config.js';

/** One example's outcome in a run (the per-example output persisted with the run). */
export interface RunExample {
  readonly id: string;
  /** True label (classification, as a string) or target value (regression). */
  readonly label: string | number;
  /** Undefined when the model call failed for this example. */
  readonly prediction?: string | number;
  /** Binary classification: probability of the positive class. */
  readonly score?: number;
  readonly latencyMs?: number;
  readonly attempts?: number;
  readonly error?: string;
  /** The example's value of each slice column (as a string). */
  readonly slices: Readonly<Record<string, string>>;
}

/** A metric value with its percentile bootstrap interval over examples (when one could be computed). */
export interface MetricValue {
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
}

export interface SliceMetrics {
  readonly column: string;
  readonly value: string;
  readonly count: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** A persisted evaluation run of one model version on one dataset version. */
export interface EvalRun {
  readonly runId: string;
  readonly createdAt: number;
  readonly suite: string;
  readonly task: RunTask;
  readonly model: { readonly name: string; readonly version: string };
  readonly dataset: { readonly name: string; readonly version: string; readonly sha256: string; readonly kind: string };
  readonly source:
    | { readonly kind: 'predictions'; readonly file: string }
    | { readonly kind: 'endpoint'; readonly url: string; readonly protocol: string };
  /** Classification: class order of the confusion matrix; `positive` for binary. */
  readonly labels?: readonly string[];
  readonly positive?: string;
  readonly metrics: Readonly<Record<string, MetricValue>>;
  readonly confidenceLevel: number;
  readonly slices: readonly SliceMetrics[];
  readonly confusionMatrix?: readonly (readonly number[])[];
  readonly calibration?: ReliabilityDiagramResult;
  readonly fairness?: {
    readonly feature: string;
    readonly disparateImpact: number;
    readonly groups: readonly { readonly group: string; readonly count: number; readonly selectionRate: number }[];
  };
  readonly failures: number;
  readonly robustness?: RobustnessReport;
  readonly leakage?: LabelLeakageReport;
  readonly warnings: readonly string[];
}
