import { bootstrapConfidenceInterval, quantile } from '@modelwatch/core/stats';
import type { MetricValue } from './eval-run.js';

export interface IntervalSettings {
  readonly resamples: number;
  readonly confidenceLevel: number;
  readonly seed: number;
}

/**
 * A statistic of the examples `0 … n−1` with its percentile bootstrap interval (core's
 * bootstrapConfidenceInterval over the example indices, MT19937 seeded with `seed`). When the
 * statistic is undefined on some resample (a slice left with one class) no interval is given and
 * `warn` says why; the value itself is still reported.
 */
export function metricWithInterval(
  name: string,
  n: number,
  statistic: (rows: ArrayLike<number>) => number,
  settings: IntervalSettings,
  warn: (message: string) => void,
): MetricValue {
  const all = Float64Array.from({ length: n }, (_v, i) => i);
  const value = statistic(all);
  if (!Number.isFinite(value) || n < 2) return { value };
  try {
    const r = bootstrapConfidenceInterval(all, (rows: Float64Array) => statistic(rows), {
      method: 'percentile',
      nResamples: settings.resamples,
      confidenceLevel: settings.confidenceLevel,
      seed: settings.seed,
    });
    return { value, low: r.confidenceInterval.low, high: r.confidenceInterval.high };
  } catch (err) {
    warn(`${name}: no bootstrap interval (${(err as Error).message})`);
    return { value };
  }
}

/** Latency percentiles (numpy's linear method) of the successful calls. */
export function latencyMetrics(latencies: readonly number[]): Record<string, MetricValue> {
  if (latencies.length === 0) return {};
  const [p50, p95, p99] = quantile(latencies, [0.5, 0.95, 0.99]) as [number, number, number];
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return {
    p50_latency_ms: { value: p50 },
    p95_latency_ms: { value: p95 },
    p99_latency_ms: { value: p99 },
    mean_latency_ms: { value: mean },
  };
}
