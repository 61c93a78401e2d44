import type { IntervalSettings } from './metric-interval.js';

/** The result of comparing two runs (compareRuns) and its parts. */
export interface MetricDelta {
  readonly metric: string;
  readonly higherIsBetter: boolean;
  readonly baseline: number;
  readonly candidate: number;
  /** candidate − baseline on the paired examples, with its paired percentile bootstrap interval. */
  readonly delta: number;
  readonly low?: number;
  readonly high?: number;
}

export interface SliceDelta {
  readonly column: string;
  readonly value: string;
  readonly count: number;
  readonly metric: string;
  readonly baseline: number;
  readonly candidate: number;
  readonly delta: number;
  /** The change in the worse direction (positive = worse), whatever the metric's direction. */
  readonly regression: number;
}

export interface ExampleChange {
  readonly id: string;
  readonly label: string | number;
  readonly baseline: string | number | undefined;
  readonly candidate: string | number | undefined;
  readonly slices: Readonly<Record<string, string>>;
  /** Regression: absolute error before and after. */
  readonly baselineError?: number;
  readonly candidateError?: number;
  /** Generation: what regressed (a check that passed and now fails, a judge score that dropped). */
  readonly reasons?: readonly string[];
}

export interface RunComparison {
  readonly baseline: { readonly runId: string; readonly model: string; readonly version: string };
  readonly candidate: { readonly runId: string; readonly model: string; readonly version: string };
  readonly dataset: { readonly name: string; readonly version: string };
  /** Examples present (with a prediction) in both runs: the deltas are paired on them. */
  readonly paired: number;
  readonly confidenceLevel: number;
  readonly metrics: readonly MetricDelta[];
  readonly slices: readonly SliceDelta[];
  /** Examples the baseline got right and the candidate gets wrong (regression: error grew by more than `errorTolerance`). */
  readonly regressions: readonly ExampleChange[];
  readonly improvements: number;
}

export interface CompareOptions extends IntervalSettings {
  /** Slice columns to compare (default: every slice column of the candidate's examples). */
  readonly sliceColumns?: readonly string[];
  /** Smallest slice compared (default 1: every slice; gates pass their own). */
  readonly minSliceSize?: number;
  /** Regression tasks: an example regresses when its absolute error grows by more than this (default 0). */
  readonly errorTolerance?: number;
  /** Generation: an example regresses when a judge score drops by at least this much (default 2). */
  readonly judgeDrop?: number;
  readonly calibrationBins?: number;
}
