/**
 * Size limits of ingested records. They bound memory per record and keep one oversized field from
 * evicting everything else; each is named in the error a record gets when it breaks one.
 */
export const LIMITS = {
  /** Request ids, model names, versions, variants, error types, score names. */
  idLength: 200,
  /** Segment attributes per event (they are low-cardinality group-by keys). */
  segmentKeys: 16,
  /** Characters of a segment value. */
  segmentValueLength: 128,
  /** Features per event. */
  features: 512,
  /** Characters of a feature name. */
  featureNameLength: 128,
  /** Characters of a string feature value. */
  featureValueLength: 4_096,
  /** Characters of a prompt, response, correction or comment. */
  textLength: 100_000,
  /** Dimensions of an embedding. */
  embeddingDimensions: 8_192,
  /** Classes in a probability map. */
  classes: 1_000,
  /** Milliseconds a timestamp may lie in the future of the server clock. */
  futureSkewMs: 5 * 60_000,
  /** Earliest accepted timestamp: 2000-01-01T00:00:00Z. */
  earliestTimestampMs: Date.UTC(2000, 0, 1),
} as const;
