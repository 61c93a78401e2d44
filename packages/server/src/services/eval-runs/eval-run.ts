import type { ReliabilityDiagramResult } from '@modelwatch/core/metrics';
import type { LabelLeakageReport } from '../robustness/label-leakage.js';
import type { RobustnessReport } from '../robustness/robustness-suite.js';
import type { RunTask } from './suite-config.js';

/** A judge's verdict on one example under one rubric: a 1–5 score, or why there is none (never a default score). */
export type ExampleJudgement =
  | {
      readonly score: number;
      readonly rationale: string;
      readonly issues: readonly string[];
      /** Calls to the judge for this item: 0 on a cache hit, 2 after a re-ask. */
      readonly asks: number;
      readonly cached: boolean;
    }
  | { readonly error: string; readonly reason: string; readonly asks: number };

/** One example's outcome in a run (the per-example output persisted with the run). */
export interface RunExample {
  readonly id: string;
  /** True label (classification, as a string), target value (regression) or reference text (generation; '' without one). */
  readonly label: string | number;
  /** The prediction, or the output text (generation). Undefined when the model call failed for this example. */
  readonly prediction?: string | number;
  /** Generation: the input sent to the model (the rendered prompt, or the input column). */
  readonly input?: string;
  /** Generation: each text metric of this example (sentence BLEU, ROUGE, chrF, exact match, F1). */
  readonly scores?: Readonly<Record<string, number>>;
  /** Generation: every check's verdict, by check name. */
  readonly checks?: Readonly<Record<string, { readonly pass: boolean; readonly reason: string }>>;
  /** Generation: the judge's verdict per rubric. */
  readonly judge?: Readonly<Record<string, ExampleJudgement>>;
  /** Tokens the model under test used for this example, and their cost in dollars (when priced). */
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
  readonly costUsd?: number;
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
  /** Generation runs: checks, judge and cost summaries. */
  readonly generation?: GenerationSummary;
  readonly warnings: readonly string[];
}

/** The pass rate of one check with its Wilson interval. */
export interface CheckSummary {
  readonly name: string;
  readonly type: string;
  readonly passed: number;
  readonly total: number;
  readonly passRate: number;
  readonly low: number;
  readonly high: number;
}

/** The judge's scores under one rubric. */
export interface JudgeRubricReport {
  readonly rubric: string;
  readonly judged: number;
  readonly failed: number;
  /** Mean 1–5 score of the judged examples (NaN when none), with its percentile bootstrap interval. */
  readonly mean: MetricValue;
  /** How many examples got each score, "1" … "5". */
  readonly counts: Readonly<Record<string, number>>;
  /** Items that needed a second ask because the first answer did not parse. */
  readonly reasked: number;
}

export interface GenerationSummary {
  readonly reference?: string;
  readonly checks: readonly CheckSummary[];
  readonly judge?: {
    readonly provider: string;
    readonly model: string;
    readonly passScore: number;
    readonly rubrics: readonly JudgeRubricReport[];
    readonly cacheHits: number;
    readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
    /** Dollars; absent when the judge model has no price. */
    readonly costUsd?: number;
  };
  /** The model under test: tokens and dollars over the examples that have an output. */
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
  readonly costUsd?: number;
  readonly pricedAs?: string;
}
