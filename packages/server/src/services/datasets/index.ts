/** Versioned evaluation datasets (content-addressed) and sampling helpers for label queues. */
export { canonicalRows, datasetSha256 } from './canonical-rows.js';
export { type AddDatasetOptions, type AddDatasetResult, DATASETS_DIR, DatasetCatalog } from './dataset-catalog.js';
export { DatasetError, type DatasetErrorCode } from './dataset-error.js';
export { type StratifiedSampleOptions, type StratifiedSampleResult, stratifiedSample } from './stratified-sample.js';
