/** Comparison operators of a threshold condition. */
export const GATE_OPERATORS = ['>=', '<=', '>', '<', '=='] as const;
export type GateOperator = (typeof GATE_OPERATORS)[number];

/** What a regression condition compares against: the production version's run, or a named run. */
export type GateBaseline = { readonly kind: 'production' } | { readonly kind: 'run'; readonly runId: string };

/** Where a condition was written: the gate file's line and the condition's text. */
export interface GateSource {
  readonly line: number;
  readonly text: string;
  readonly name?: string;
}

/**
 * A parsed gate condition (the typed AST of one line of a gate file):
 * - `threshold`: `f1_macro >= 0.85`, `p95_latency_ms <= 300`, `disparate_impact >= 0.8`;
 * - `metric_regression`: `f1_macro does not regress by more than 1 point against production`;
 * - `slice_regression`: `no slice with at least 200 examples regresses by more than 1 point
 *   [in f1_macro] against production`.
 * `maxDrop` is in the metric's units: "N points" is N × 0.01 (percentage points of a metric in
 * [0, 1]); a bare number is taken as is.
 */
export type GateCondition =
  | {
      readonly kind: 'threshold';
      readonly metric: string;
      readonly operator: GateOperator;
      readonly value: number;
      readonly source: GateSource;
    }
  | {
      readonly kind: 'metric_regression';
      readonly metric: string;
      readonly maxDrop: number;
      readonly baseline: GateBaseline;
      readonly source: GateSource;
    }
  | {
      readonly kind: 'slice_regression';
      readonly metric: string | undefined;
      readonly minExamples: number;
      readonly maxDrop: number;
      readonly baseline: GateBaseline;
      readonly source: GateSource;
    };

export type GateStatus = 'passed' | 'failed' | 'skipped';

/** One condition's outcome. `skipped` only when a regression has no baseline (no production run yet). */
export interface GateConditionResult {
  readonly condition: string;
  readonly name?: string;
  readonly line: number;
  readonly status: GateStatus;
  /** The measured value (threshold), worst delta (regression), or undefined when skipped. */
  readonly actual?: number;
  readonly detail: string;
}

export interface GateReport {
  readonly passed: boolean;
  readonly gates: string;
  readonly runId: string;
  readonly model: string;
  readonly version: string;
  readonly baselineRunId?: string;
  readonly evaluatedAt: number;
  readonly conditions: readonly GateConditionResult[];
}
