import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  brierScoreLoss,
  expectedCalibrationError,
  f1Score,
  logLoss,
  matthewsCorrcoef,
  meanAbsoluteError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rootMeanSquaredError,
} from '@modelwatch/core/metrics';
import {
  GENERATION_EXTRA_METRICS,
  GENERATION_METRIC_PATTERNS,
  generationMetricDirection,
  TEXT_METRICS,
} from './generation-metrics.js';
import type { RunTask } from './suite-config.js';

/** The scored examples of a run, as parallel arrays (failed examples left out). */
export interface RunData {
  readonly task: RunTask;
  /** Classification labels as strings; regression targets. */
  readonly yTrue: readonly (string | number)[];
  readonly yPred: readonly (string | number)[];
  /** Binary: 1 when the true label is the positive class. */
  readonly positive01?: Float64Array;
  /** Binary: the positive class's probability. */
  readonly score?: Float64Array;
  /** Every class, for macro averages over resamples that miss one. */
  readonly labels?: readonly string[];
  readonly calibrationBins: number;
}

/** A metric of a run: how it is computed on a subset of examples (row indices), and its direction. */
export interface RunMetric {
  readonly name: string;
  readonly task: RunTask;
  readonly higherIsBetter: boolean;
  /** Needs the positive-class scores of a binary classifier. */
  readonly needsScores: boolean;
  /** Bounded in [0, 1], so "points" (0.01) are meaningful for it. */
  readonly unitInterval: boolean;
  readonly compute: (data: RunData, rows: ArrayLike<number>) => number;
}

function take<T>(values: readonly T[], rows: ArrayLike<number>): T[] {
  return Array.from(rows, (i) => values[i] as T);
}
function takeNumbers(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  return Float64Array.from(rows, (i) => values[i] as number);
}
function labelsOf(d: RunData): string[] | undefined {
  return d.labels === undefined ? undefined : [...d.labels];
}
function quiet(f: () => number): number {
  try {
    return f();
  } catch {
    // Undefined on this subset (one class only, …): NaN, documented on RunMetric.
    return Number.NaN;
  }
}

const cls = (
  name: string,
  f: (t: string[], p: string[], d: RunData) => number,
  options: { higherIsBetter?: boolean; unitInterval?: boolean } = {},
): RunMetric => ({
  name,
  task: 'classification',
  higherIsBetter: options.higherIsBetter ?? true,
  needsScores: false,
  unitInterval: options.unitInterval ?? true,
  compute: (d, rows) => quiet(() => f(take(d.yTrue, rows) as string[], take(d.yPred, rows) as string[], d)),
});

const scored = (
  name: string,
  f: (y: Float64Array, s: Float64Array, d: RunData) => number,
  higherIsBetter: boolean,
  unitInterval = true,
): RunMetric => ({
  name,
  task: 'classification',
  higherIsBetter,
  needsScores: true,
  unitInterval,
  compute: (d, rows) =>
    quiet(() => f(takeNumbers(d.positive01 as Float64Array, rows), takeNumbers(d.score as Float64Array, rows), d)),
});

const reg = (name: string, f: (t: number[], p: number[]) => number, higherIsBetter: boolean): RunMetric => ({
  name,
  task: 'regression',
  higherIsBetter,
  needsScores: false,
  unitInterval: false,
  compute: (d, rows) => quiet(() => f(take(d.yTrue, rows) as number[], take(d.yPred, rows) as number[])),
});

/**
 * Every metric an evaluation run computes, by the name gates refer to. Classification metrics are
 * scikit-learn's (through @modelwatch/core: macro averages over every class of the run, so a
 * resample missing a class still averages over the same classes); the score metrics need a binary
 * classifier's positive-class probabilities. A metric undefined on a subset (ROC AUC with one
 * class) is NaN there, and bootstrap resamples giving NaN are left out of the interval.
 */
export const RUN_METRICS: readonly RunMetric[] = [
  cls('accuracy', (t, p) => accuracyScore(t, p)),
  cls('balanced_accuracy', (t, p) => balancedAccuracyScore(t, p)),
  cls('f1_macro', (t, p, d) => f1Score(t, p, { average: 'macro', labels: labelsOf(d), zeroDivision: 0 })),
  cls('f1_weighted', (t, p, d) => f1Score(t, p, { average: 'weighted', labels: labelsOf(d), zeroDivision: 0 })),
  cls('precision_macro', (t, p, d) => precisionScore(t, p, { average: 'macro', labels: labelsOf(d), zeroDivision: 0 })),
  cls('recall_macro', (t, p, d) => recallScore(t, p, { average: 'macro', labels: labelsOf(d), zeroDivision: 0 })),
  cls('mcc', (t, p) => matthewsCorrcoef(t, p), { unitInterval: false }),
  scored('roc_auc', (y, s) => rocAucScore(y, s), true),
  scored('average_precision', (y, s) => averagePrecisionScore(y, s), true),
  scored('log_loss', (y, s) => logLoss(y, s), false, false),
  scored('brier', (y, s) => brierScoreLoss(y, s), false),
  scored('ece', (y, s, d) => expectedCalibrationError(y, s, { nBins: d.calibrationBins }), false),
  reg('mae', (t, p) => meanAbsoluteError(t, p), false),
  reg('rmse', (t, p) => rootMeanSquaredError(t, p), false),
  reg('r2', (t, p) => r2Score(t, p), true),
];

/**
 * Metrics that are not functions of the examples' predictions: latency percentiles over the
 * successful calls, the share of failed calls, and disparate impact over the sensitive feature.
 */
export const RUN_EXTRA_METRICS: Readonly<
  Record<string, { readonly higherIsBetter: boolean; readonly unitInterval: boolean }>
> = {
  p50_latency_ms: { higherIsBetter: false, unitInterval: false },
  p95_latency_ms: { higherIsBetter: false, unitInterval: false },
  p99_latency_ms: { higherIsBetter: false, unitInterval: false },
  mean_latency_ms: { higherIsBetter: false, unitInterval: false },
  error_rate: { higherIsBetter: false, unitInterval: true },
  disparate_impact: { higherIsBetter: true, unitInterval: true },
  examples: { higherIsBetter: true, unitInterval: false },
};

/** Every fixed metric name a gate may use (plus the check and judge names of `METRIC_NAME_PATTERNS`). */
export const ALL_METRIC_NAMES: readonly string[] = [
  ...RUN_METRICS.map((m) => m.name),
  ...Object.keys(RUN_EXTRA_METRICS),
  ...TEXT_METRICS.map((m) => m.name),
  ...Object.keys(GENERATION_EXTRA_METRICS),
];

/** Metric names built from a generation suite's checks and rubrics. */
export const METRIC_NAME_PATTERNS: readonly string[] = GENERATION_METRIC_PATTERNS;

/** Whether `name` is a metric a run can report (a fixed name or a check / judge metric). */
export function isMetricName(name: string): boolean {
  return ALL_METRIC_NAMES.includes(name) || generationMetricDirection(name) !== undefined;
}

/** Whether a higher value of `name` is better (undefined for an unknown name). */
export function higherIsBetter(name: string): boolean | undefined {
  return (
    RUN_METRICS.find((m) => m.name === name)?.higherIsBetter ??
    RUN_EXTRA_METRICS[name]?.higherIsBetter ??
    TEXT_METRICS.find((m) => m.name === name)?.higherIsBetter ??
    GENERATION_EXTRA_METRICS[name]?.higherIsBetter ??
    generationMetricDirection(name)?.higherIsBetter
  );
}

/** The run metric named `name`, if it is a function of the examples. */
export function runMetric(name: string): RunMetric | undefined {
  return RUN_METRICS.find((m) => m.name === name);
}
