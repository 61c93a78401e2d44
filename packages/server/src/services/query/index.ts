export {
  type BaselineProfileOf,
  BaselineQueries,
  baselineFeatures,
  DEFAULT_OOD_MIN_SCORE,
  DEFAULT_RECENT_SAMPLE,
  type FeatureDistributionOptions,
  type FeatureDistributionResponse,
  MAX_RECENT_SAMPLE,
  type OodSample,
  type OodSampleOptions,
  type OodSamplesResult,
} from './baseline-queries.js';
export type { FeatureBin, FeatureCategory, FeatureDistributionResult } from './feature-distribution.js';
export { OOD_RANGE_QUANTILES, type OodFeatureReason, ProfileOodScorer } from './profile-ood-score.js';
export {
  degradationScore,
  QUALITY_PAIR_LIMIT,
  type QualityReport,
  QueryService,
  type SliceOptions,
} from './query-service.js';
export { QueryServiceError, type QueryServiceErrorCode } from './query-service-error.js';
