import {
  accuracyScore,
  f1Score,
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rocAucScore,
} from '@modelwatch/core/metrics';
import type {
  ErrorTypeCount,
  EventDetail,
  EventFilter,
  EventSample,
  FeedbackRates,
  Histogram,
  ModelVersionSummary,
  OverviewResult,
  PredictionDistribution,
  SampleOptions,
  ScoreSummary,
  SliceDegradation,
  SliceStats,
} from '../../domain/query.js';
import type { Store } from '../../storage/store.js';
import { StoreError } from '../../storage/store-error.js';
import { QueryServiceError } from './query-service-error.js';

const MINUTE_MS = 60_000;

/**
 * The quality metrics of a window use its newest this-many prediction–outcome pairs (the report's
 * `withOutcome` still counts them all). Reading every pair of a week at 10M events (2M pairs) into
 * JavaScript took seconds; 50 000 pairs put the standard error of an accuracy near 0.2 points.
 */
export const QUALITY_PAIR_LIMIT = 50_000;

/** Quality of a window's predictions against their outcomes, computed with @modelwatch/core/metrics. */
export interface QualityReport {
  readonly events: number;
  readonly withOutcome: number;
  /** Present when some events have both a predicted and a true label. */
  readonly classification?: {
    readonly n: number;
    readonly labels: readonly string[];
    /** sklearn accuracy_score. */
    readonly accuracy: number;
    /** sklearn f1_score(average='macro'). */
    readonly f1Macro: number;
    /**
     * sklearn roc_auc_score of output.score against the true label, binary only (exactly two
     * true labels, every paired event with a score; the positive class is the larger label, or
     * `positiveLabel`). Absent otherwise.
     */
    readonly rocAuc?: number;
  };
  /** Present when some events have both a predicted and a true value. */
  readonly regression?: {
    readonly n: number;
    readonly mae: number;
    readonly rmse: number;
    /** sklearn r2_score; NaN with fewer than two pairs. */
    readonly r2: number;
  };
}

export interface SliceOptions {
  /** Slices with fewer requests are left out (default 50). */
  readonly minCount?: number;
  /** Weight of a doubling of p95 latency in the score, in error-rate units (default 0.1). */
  readonly latencyWeight?: number;
  /** Accuracy counts only for slices with at least this many labelled outcomes (default 20). */
  readonly minLabelled?: number;
  /** At most this many slices, worst first (default 20). */
  readonly limit?: number;
}

/**
 * How much worse a slice is than its window (higher is worse; ≤ 0 means no worse):
 *
 *   score = (errorRate_slice − errorRate_window)
 *         + (accuracy_window − accuracy_slice)        when both have ≥ minLabelled labelled outcomes
 *         + latencyWeight · max(0, log2(p95_slice / p95_window))
 *
 * Error rate and accuracy differences are absolute (0.05 = five percentage points); with the
 * default latencyWeight 0.1, a slice whose p95 latency is twice the window's scores like one with
 * ten more percentage points of errors.
 */
export function degradationScore(
  slice: SliceStats,
  window: SliceStats,
  latencyWeight: number,
  minLabelled: number,
): number {
  let score = slice.errorRate - window.errorRate;
  if (slice.labelled >= minLabelled && window.labelled >= minLabelled) score += window.accuracy - slice.accuracy;
  if (slice.latencyP95 > 0 && window.latencyP95 > 0) {
    score += latencyWeight * Math.max(0, Math.log2(slice.latencyP95 / window.latencyP95));
  }
  return score;
}

/** A store read whose argument errors become `QueryServiceError('invalid')`. */
async function guard<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof StoreError && err.code === 'invalid_argument')
      throw new QueryServiceError('invalid', err.message);
    throw err;
  }
}

/**
 * The read side of modelwatch for the HTTP API and the dashboard: store reads plus the statistics
 * computed from them (quality metrics, slice ranking).
 */
export class QueryService {
  constructor(private readonly store: Store) {}

  /**
   * Traffic per bucket. With a bucket of whole minutes the window is widened to whole minutes
   * (from rounded down, to rounded up), so the per-minute rollups answer it.
   */
  async overview(filter: EventFilter, bucketMs: number): Promise<OverviewResult> {
    if (!Number.isInteger(bucketMs) || bucketMs < 1000) {
      throw new QueryServiceError('invalid', `bucket: expected at least one second (got ${bucketMs} ms)`, 'bucket');
    }
    const aligned =
      bucketMs % MINUTE_MS === 0 && Object.keys(filter.segment ?? {}).length === 0
        ? {
            ...filter,
            from: Math.floor(filter.from / MINUTE_MS) * MINUTE_MS,
            to: Math.ceil(filter.to / MINUTE_MS) * MINUTE_MS,
          }
        : filter;
    const buckets = (aligned.to - aligned.from) / bucketMs;
    if (buckets > 100_000) {
      throw new QueryServiceError(
        'invalid',
        `bucket: at most 100 000 buckets per window (got ${Math.ceil(buckets)}); choose a wider bucket`,
        'bucket',
      );
    }
    return guard(() => this.store.overview(aligned, bucketMs));
  }

  errors(filter: EventFilter): Promise<readonly ErrorTypeCount[]> {
    return guard(() => this.store.errorsByType(filter));
  }

  models(filter: EventFilter): Promise<readonly ModelVersionSummary[]> {
    return guard(() => this.store.listModels(filter));
  }

  feedback(filter: EventFilter): Promise<FeedbackRates> {
    return guard(() => this.store.feedbackRates(filter));
  }

  scores(filter: EventFilter): Promise<readonly ScoreSummary[]> {
    return guard(() => this.store.scoreSummaries(filter));
  }

  async distributions(
    filter: EventFilter,
    bins = 20,
  ): Promise<{ inputLength: Histogram; predictions: PredictionDistribution }> {
    if (!Number.isInteger(bins) || bins < 1 || bins > 1000) {
      throw new QueryServiceError('invalid', `bins: expected an integer in [1, 1000] (got ${bins})`, 'bins');
    }
    const [inputLength, predictions] = await Promise.all([
      guard(() => this.store.inputLengthHistogram(filter, bins)),
      guard(() => this.store.predictionDistribution(filter, bins)),
    ]);
    return { inputLength, predictions };
  }

  /**
   * Accuracy, macro F1 and ROC-AUC (classification), MAE, RMSE and R² (regression) of the window's
   * newest `limit` pairs (default `QUALITY_PAIR_LIMIT`); `withOutcome` counts every pair.
   */
  async quality(filter: EventFilter, options: { limit?: number; positiveLabel?: string } = {}): Promise<QualityReport> {
    const pairs = await guard(() => this.store.qualityPairs(filter, options.limit ?? QUALITY_PAIR_LIMIT));
    const report: { -readonly [K in keyof QualityReport]: QualityReport[K] } = {
      events: pairs.events,
      withOutcome: pairs.withOutcome,
    };
    const { predicted, actual, scores } = pairs.labels;
    if (predicted.length > 0) {
      const labels = [...new Set([...actual, ...predicted])].sort();
      const base = {
        n: predicted.length,
        labels,
        accuracy: accuracyScore(actual, predicted),
        f1Macro: f1Score(actual, predicted, { average: 'macro', zeroDivision: 0 }),
      };
      const trueLabels = [...new Set(actual)].sort();
      const positive = options.positiveLabel ?? trueLabels[1];
      const binary =
        trueLabels.length === 2 &&
        positive !== undefined &&
        trueLabels.includes(positive) &&
        scores.every(Number.isFinite);
      report.classification = binary
        ? {
            ...base,
            rocAuc: rocAucScore(
              actual.map((a) => (a === positive ? 1 : 0)),
              scores,
            ),
          }
        : base;
    }
    const v = pairs.values;
    if (v.predicted.length > 0) {
      report.regression = {
        n: v.predicted.length,
        mae: meanAbsoluteError(v.actual, v.predicted),
        rmse: Math.sqrt(meanSquaredError(v.actual, v.predicted)),
        r2: v.predicted.length < 2 ? Number.NaN : r2Score(v.actual, v.predicted),
      };
    }
    return report;
  }

  /** Segment slices ranked by `degradationScore`, worst first, with the window they are compared to. */
  async slices(
    filter: EventFilter,
    options: SliceOptions = {},
  ): Promise<{ window: SliceStats; slices: readonly SliceDegradation[] }> {
    const minCount = options.minCount ?? 50;
    const latencyWeight = options.latencyWeight ?? 0.1;
    const minLabelled = options.minLabelled ?? 20;
    const limit = options.limit ?? 20;
    const { window, slices } = await guard(() => this.store.sliceStats(filter, minCount));
    const ranked = slices
      .map((s) => ({ ...s, score: degradationScore(s, window, latencyWeight, minLabelled) }))
      .sort((a, b) => b.score - a.score || b.requests - a.requests)
      .slice(0, limit);
    return { window, slices: ranked };
  }

  async samples(filter: EventFilter, options: SampleOptions): Promise<readonly EventSample[]> {
    if (options.kind === 'lowest_score' && options.scoreName === undefined) {
      throw new QueryServiceError('invalid', "score: required when kind is 'lowest_score'", 'score');
    }
    return guard(() => this.store.sampleEvents(filter, options));
  }

  /** The event with its outcome, feedback and scores. @throws {QueryServiceError} `not_found`. */
  async event(projectId: string, requestId: string): Promise<EventDetail> {
    const detail = await guard(() => this.store.getEvent(projectId, requestId));
    if (detail === undefined) {
      throw new QueryServiceError(
        'not_found',
        `requestId: no event ${JSON.stringify(requestId)} in this project`,
        'requestId',
      );
    }
    return detail;
  }
}
