export { degradationScore, type QualityReport, QueryService, type SliceOptions } from './query-service.js';
export { QueryServiceError, type QueryServiceErrorCode } from './query-service-error.js';
