export {
  DEFAULT_MAX_DECOMPRESSED_BYTES,
  DEFAULT_MAX_RECORDS,
  type DecodedBody,
  decodeIngestBody,
  type IngestBodyFormat,
  type IngestBodyLimits,
} from './decode-ingest-body.js';
export { IngestError, type IngestErrorCode } from './ingest-error.js';
export {
  type IngestHooks,
  type IngestResult,
  IngestService,
  type IngestServiceOptions,
  type IngestStore,
  KIND_LABELS,
} from './ingest-service.js';
export { PiiRedactor, type PiiRedactorOptions } from './pii-redactor.js';
export { type IngestRecord, RECORD_KINDS, type RecordKind, type RecordOfKind } from './record-kind.js';
export type { RecordRejection } from './record-rejection.js';
export { validateRecords } from './validate-records.js';
