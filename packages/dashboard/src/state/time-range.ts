import type { DashboardState, RangeName } from './url-state.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGE_MS: Readonly<Record<RangeName, number>> = {
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

/** A half-open window [from, to) in epoch milliseconds. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * The window a state selects at `now`. A relative window ends at `now` rounded up to a whole
 * minute, so the server answers it from its per-minute rollups (no scan of raw events).
 */
export function windowOf(state: Pick<DashboardState, 'range'>, now: number): TimeWindow {
  if (typeof state.range !== 'string') return state.range;
  const to = Math.ceil(now / MINUTE) * MINUTE;
  return { from: to - RANGE_MS[state.range], to };
}

/** Bucket widths the charts use, with the server's spelling (`bucket=5m`). */
const BUCKETS: readonly (readonly [number, string])[] = [
  [MINUTE, '1m'],
  [5 * MINUTE, '5m'],
  [15 * MINUTE, '15m'],
  [HOUR, '1h'],
  [3 * HOUR, '3h'],
  [6 * HOUR, '6h'],
  [DAY, '1d'],
];

/**
 * The narrowest whole-minute bucket that splits a window of `spanMs` into at most `maxBuckets`
 * buckets (default 120: enough points for a trend, few enough for a fast query); at least 1 minute.
 */
export function bucketFor(spanMs: number, maxBuckets = 120): { readonly ms: number; readonly param: string } {
  for (const [ms, param] of BUCKETS) if (spanMs / ms <= maxBuckets) return { ms, param };
  const [ms, param] = BUCKETS[BUCKETS.length - 1] as readonly [number, string];
  return { ms, param };
}

/** Start times of the buckets of `window`, aligned to the bucket width from the Unix epoch. */
export function bucketStarts(window: TimeWindow, bucketMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(window.from / bucketMs) * bucketMs; t < window.to; t += bucketMs) out.push(t);
  return out;
}
