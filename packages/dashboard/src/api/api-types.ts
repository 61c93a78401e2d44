/**
 * The shapes of the server's JSON answers the dashboard reads (a subset of the server's domain
 * types; statistics the server could not compute arrive as null).
 */

export type Num = number | null;

export interface OverviewBucket {
  readonly start: number;
  readonly requests: number;
  readonly errors: number;
  readonly latencyP50: Num;
  readonly latencyP95: Num;
  readonly latencyP99: Num;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

export interface Overview {
  readonly bucketMs: number;
  readonly method: 'rollup' | 'exact';
  readonly buckets: readonly OverviewBucket[];
  readonly totals: Omit<OverviewBucket, 'start'>;
}

export interface ErrorTypeCount {
  readonly errorType: string;
  readonly count: number;
  readonly share: number;
}

export interface ModelVersionSummary {
  readonly model: string;
  readonly version: string;
  readonly variant: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly requests: number;
  readonly errors: number;
}

export interface FeedbackRates {
  readonly events: number;
  readonly thumbsUp: number;
  readonly thumbsDown: number;
  readonly corrections: number;
  readonly escalations: number;
  readonly thumbsUpRate: Num;
  readonly thumbsDownPerEvent: Num;
  readonly correctionsPerEvent: Num;
  readonly escalationsPerEvent: Num;
}

export interface ScoreSummary {
  readonly name: string;
  readonly source: 'judge' | 'human';
  readonly count: number;
  readonly mean: Num;
  readonly min: Num;
  readonly max: Num;
}

export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  readonly count: number;
}

export interface Distributions {
  readonly inputLength: Histogram;
  readonly predictions: {
    readonly labels: readonly { readonly label: string; readonly count: number }[];
    readonly scores: Histogram;
    readonly values: Histogram;
  };
}

export interface QualityReport {
  readonly events: number;
  readonly withOutcome: number;
  readonly classification?: {
    readonly n: number;
    readonly labels: readonly string[];
    readonly accuracy: Num;
    readonly f1Macro: Num;
    readonly rocAuc?: Num;
  };
  readonly regression?: { readonly n: number; readonly mae: Num; readonly rmse: Num; readonly r2: Num };
}

export interface SliceStats {
  readonly requests: number;
  readonly errorRate: Num;
  readonly latencyP95: Num;
  readonly accuracy: Num;
  readonly labelled: number;
}

export interface SliceDegradation extends SliceStats {
  readonly key: string;
  readonly value: string;
  readonly score: Num;
}

export interface Slices {
  readonly window: SliceStats;
  readonly slices: readonly SliceDegradation[];
}

export interface StoredEvent {
  readonly requestId: string;
  readonly timestamp: number;
  readonly model: string;
  readonly version: string;
  readonly variant?: string;
  readonly segment?: Readonly<Record<string, string>>;
  readonly inputs?: { readonly features?: Readonly<Record<string, unknown>>; readonly text?: string };
  readonly output?: {
    readonly label?: string;
    readonly score?: number;
    readonly value?: number;
    readonly text?: string;
    readonly probabilities?: Readonly<Record<string, number>>;
  };
  readonly latencyMs?: number;
  readonly costUsd?: number;
  readonly status?: 'ok' | 'error';
  readonly errorType?: string;
}

export interface EventSample {
  readonly event: StoredEvent;
  readonly score?: Num;
}

export interface EventDetail {
  readonly event: StoredEvent;
  readonly outcome?: { readonly label?: string; readonly value?: number; readonly timestamp: number };
  readonly feedback: readonly { readonly kind?: string; readonly type?: string; readonly timestamp: number }[];
  readonly scores: readonly { readonly name: string; readonly source: string; readonly value: number }[];
}

export interface MonitorList {
  readonly from: number;
  readonly to: number;
  readonly results: readonly import('../state/drift-grid.js').MonitorRow[];
}

/** `GET /v1/dashboard/quality-detail`: confusion matrix and reliability diagram of the window. */
export interface QualityDetail {
  readonly labelled: number;
  readonly confusion?: { readonly labels: readonly string[]; readonly matrix: readonly (readonly number[])[] };
  readonly reliability?: {
    readonly kind: 'binary' | 'top-label';
    readonly count: number;
    readonly expectedCalibrationError: Num;
    readonly bins: readonly {
      readonly meanPredicted: number;
      readonly observedFrequency: number;
      readonly count: number;
      readonly confidenceInterval: readonly [number, number];
    }[];
  };
}

/** An experiment as `GET /v1/experiments` lists it (the definition, flattened, plus server fields). */
export interface ExperimentRecordView {
  readonly id: string;
  readonly type: 'ab' | 'canary' | 'shadow';
  readonly status: string;
  readonly description?: string;
  readonly variants: readonly { readonly name: string; readonly weight: number }[];
  readonly primaryMetric: { readonly metric: string; readonly type: string; readonly direction: string };
  readonly sequential: boolean;
  readonly alpha: number;
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
}

export interface ArmComparison {
  readonly arm: string;
  readonly primary: {
    readonly kind: string;
    readonly effect: Num;
    readonly pValue: Num;
    readonly significant: boolean;
    readonly confidenceInterval?: readonly [Num, Num];
    readonly relative?: { readonly lift: Num; readonly confidenceInterval: readonly [Num, Num] };
    readonly sequential?: { readonly confidenceInterval: readonly [Num, Num]; readonly halfWidth: Num };
    readonly [k: string]: unknown;
  };
  readonly pValueAdjusted: Num;
  readonly guardrails: readonly {
    readonly name: string;
    readonly status: string;
    readonly control: Num;
    readonly treatment: Num;
    readonly margin: Num;
  }[];
  readonly decision: { readonly decision: string; readonly reasons: readonly unknown[]; readonly srmFlagged: boolean };
}

export interface ExperimentAnalysis {
  readonly experimentId: string;
  readonly window: { readonly from: number; readonly to: number };
  readonly events: { readonly total: number; readonly analysed: number };
  readonly missingVariants: readonly string[];
  readonly analysis: {
    readonly control: string;
    readonly arms: readonly { readonly name: string; readonly rows: number; readonly units: number }[];
    readonly metric: { readonly direction: string; readonly [k: string]: unknown };
    readonly alpha: number;
    readonly sequential: boolean;
    readonly srm: {
      readonly statistic: Num;
      readonly pValue: Num;
      readonly observedShares: readonly number[];
      readonly expectedShares: readonly number[];
      readonly enoughData: boolean;
      readonly mismatch?: boolean;
      readonly [k: string]: unknown;
    };
    readonly comparisons: readonly ArmComparison[];
    readonly decision: string;
    readonly winner?: string;
  };
}

/** `GET /v1/rollouts/:id`: the rollout's state and its audit log (oldest first). */
export interface RolloutView {
  readonly rollout: {
    readonly id: string;
    readonly status: string;
    /** Index into policy.steps (−1 before the start). */
    readonly step: number;
    /** The canary's share of units in %. */
    readonly weight: number;
    readonly policy: { readonly steps: readonly number[]; readonly [k: string]: unknown };
    readonly stable: string;
    readonly canary: string;
    readonly counters: {
      readonly samplesTotal: number;
      readonly samplesInStep: number;
      readonly successfulRunsInStep: number;
      readonly failedRuns: number;
      readonly inconclusiveRuns: number;
    };
    readonly stepStartedAt?: number;
    readonly lastAnalysisAt?: number;
    readonly updatedAt: number;
  };
  readonly audit: readonly { readonly at: number; readonly action: string; readonly details: unknown }[];
}

export interface ModelSummary {
  readonly model: string;
  readonly versions: number;
  readonly production?: string;
  readonly staging: readonly string[];
  readonly latest: string;
  readonly updatedAt: number;
}

export interface ModelVersion {
  readonly model: string;
  readonly version: string;
  readonly stage: string;
  readonly artifactUri: string;
  readonly artifactSha256: string;
  readonly description?: string;
  readonly lineage: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly stageChangedAt: number;
  readonly gate?: {
    readonly passed: boolean;
    readonly runId: string;
    readonly gates: string;
    readonly evaluatedAt: number;
    readonly conditions: readonly { readonly condition: string; readonly passed: boolean; readonly detail: string }[];
  };
}

export interface AlertRecord {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: string;
  readonly activeAt: number;
  readonly firedAt?: number;
  readonly value: Num;
}

/** `GET /v1/eval-runs`: one evaluation run with the gate result that names it. */
export interface EvalRunSummary {
  readonly id: string;
  readonly model: string;
  readonly version: string;
  readonly dataset: string;
  readonly suite: string;
  readonly task: string;
  readonly createdAt: number;
  readonly status: 'passed' | 'failed' | 'not gated';
  readonly passed?: boolean;
  readonly gate?: {
    readonly gates: string;
    readonly evaluatedAt: number;
    readonly failed: readonly string[];
    readonly current: boolean;
  };
  readonly metrics: Readonly<Record<string, { readonly value: number; readonly low?: number; readonly high?: number }>>;
  readonly failures: number;
}

/** Why one feature of an event is out of distribution (`GET /v1/query/samples?kind=ood`). */
export interface OodFeatureReason {
  readonly feature: string;
  readonly kind: 'below' | 'above' | 'unseen_category' | 'unexpected_type';
  readonly value: string | number | boolean;
  readonly range?: readonly [number, number];
  readonly score: number;
}

export interface OodSamples {
  readonly samples: readonly {
    readonly event: StoredEvent;
    readonly score: number;
    readonly features: readonly OodFeatureReason[];
  }[];
  readonly scanned: number;
  readonly scored: number;
  readonly outOfDistribution: number;
  readonly minScore: number;
  readonly withoutBaseline: readonly string[];
}

/** `GET /v1/query/feature-distribution`: one feature of the window next to the baseline. */
export type FeatureDistribution = {
  readonly model: string;
  readonly version: string;
  readonly feature: string;
  readonly features: readonly string[];
  readonly baselineCreatedAt: number | null;
  readonly window: { readonly rows: number; readonly missing: number };
  readonly baseline: { readonly rows: number; readonly missing: number };
} & (
  | {
      readonly kind: 'numerical';
      readonly bins: readonly {
        readonly low: number;
        readonly high: number;
        readonly window: number;
        readonly baseline: number;
      }[];
    }
  | {
      readonly kind: 'categorical';
      readonly categories: readonly { readonly value: string; readonly window: number; readonly baseline: number }[];
      readonly other: { readonly window: number; readonly baseline: number };
    }
);
