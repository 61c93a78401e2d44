import type { MonitorResult } from '../../domain/monitor.js';
import type { SliceStats } from '../../domain/query.js';
import { degradationScore } from '../query/index.js';
import { type MonitorContext, monitorResultOf } from './monitor-result-of.js';
import { type MonitorThreshold, monitorStatus } from './monitor-thresholds.js';

/** Slices (segment key = value) monitored per model version each run (default of `topSlices`). */
export const DEFAULT_TOP_SLICES = 5;
/** Requests a slice needs in the window to be considered (default of `minSliceRequests`). */
export const DEFAULT_MIN_SLICE_REQUESTS = 50;
/** Weight of a doubling of p95 latency in the degradation score (the query service's default). */
export const SLICE_LATENCY_WEIGHT = 0.1;

/**
 * Per-segment indicators of the `top` slices with at least `minRequests` requests, ranked by the
 * query service's `degradationScore` — the dashboard's ranking: error-rate excess, accuracy
 * shortfall (≥ `minLabelled` labelled outcomes) and latency weight 0.1 per doubling of p95 —
 * (ties: more requests first): `segment.degradation` (the score),
 * `sli.requests`, `sli.error_rate`, `sli.latency_p95` and, with at least `minLabelled` labelled
 * outcomes, `quality.accuracy`, each with `segment` = `key=value`. Thresholds apply as for the
 * whole model.
 */
export function sliceMonitors(
  ctx: MonitorContext,
  stats: { readonly window: SliceStats; readonly slices: readonly (SliceStats & { key: string; value: string })[] },
  options: {
    readonly top: number;
    readonly minRequests: number;
    readonly minLabelled: number;
    readonly thresholds: Readonly<Record<string, MonitorThreshold>>;
  },
): MonitorResult[] {
  if (stats.window.requests === 0 || options.top === 0) return [];
  const ranked = stats.slices
    .filter((s) => s.requests >= options.minRequests)
    .map((s) => ({ s, score: degradationScore(s, stats.window, SLICE_LATENCY_WEIGHT, options.minLabelled) }))
    .sort(
      (a, b) =>
        b.score - a.score || b.s.requests - a.s.requests || (a.s.key + a.s.value < b.s.key + b.s.value ? -1 : 1),
    )
    .slice(0, options.top);
  const out: MonitorResult[] = [];
  ranked.forEach(({ s, score }, rank) => {
    const segment = `${s.key}=${s.value}`;
    const put = (name: string, value: number, details: Record<string, unknown> = {}) => {
      if (!Number.isFinite(value)) return;
      const threshold = options.thresholds[name];
      out.push(
        monitorResultOf(
          ctx,
          name,
          value,
          monitorStatus(value, threshold),
          { rank: rank + 1, ...details, ...(threshold === undefined ? {} : { threshold }) },
          segment,
        ),
      );
    };
    put('segment.degradation', score, {
      windowErrorRate: stats.window.errorRate,
      windowAccuracy: Number.isFinite(stats.window.accuracy) ? stats.window.accuracy : null,
    });
    put('sli.requests', s.requests);
    put('sli.error_rate', s.errorRate, { requests: s.requests });
    put('sli.latency_p95', s.latencyP95);
    if (s.labelled >= options.minLabelled) put('quality.accuracy', s.accuracy, { labelled: s.labelled });
  });
  return out;
}
