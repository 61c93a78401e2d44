import { TelemetryError } from './telemetry-error.js';

/**
 * Upper bounds (seconds) of `model_inference_latency_seconds`: 5 ms to 60 s, roughly 1-2.5-5 per
 * decade. They keep every bound of the seed article's example (0.1 … 10 s) so its alert
 * `histogram_quantile(0.95, …) > 5` is exact at a bucket edge, 0.5 s for the usual "p99 ≤ 500 ms"
 * canary check, and 20/30/60 s for long LLM generations. Faster calls land in the first bucket,
 * slower ones only in `+Inf`.
 */
export const MODEL_LATENCY_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60,
];

/** Upper bounds (seconds) of `modelwatch_ingest_commit_duration_seconds`: 1 ms to 10 s. */
export const COMMIT_DURATION_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Upper bounds (seconds) of `modelwatch_evaluator_run_duration_seconds`: 10 ms to 10 min. */
export const EVALUATOR_RUN_BUCKETS: readonly number[] = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** `buckets` checked: 1 to 64 finite, strictly increasing upper bounds (`+Inf` is implicit). */
export function checkedBuckets(option: string, buckets: readonly number[]): readonly number[] {
  if (buckets.length < 1 || buckets.length > 64) {
    throw new TelemetryError('invalid_option', `${option}: expected 1 to 64 bucket bounds (got ${buckets.length})`);
  }
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i] as number;
    if (!Number.isFinite(b)) {
      throw new TelemetryError('invalid_option', `${option}[${i}]: expected a finite bound (got ${b})`);
    }
    if (i > 0 && !(b > (buckets[i - 1] as number))) {
      throw new TelemetryError(
        'invalid_option',
        `${option}[${i}]: expected bounds in strictly increasing order (got ${buckets[i - 1]} then ${b})`,
      );
    }
  }
  return [...buckets];
}
