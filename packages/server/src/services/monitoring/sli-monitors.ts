import type { MonitorResult } from '../../domain/monitor.js';
import type { OverviewResult } from '../../domain/query.js';
import { type MonitorContext, monitorResultOf } from './monitor-result-of.js';
import { type MonitorThreshold, monitorStatus } from './monitor-thresholds.js';

/**
 * Service-level indicators of a window from the store's overview totals: `sli.requests`,
 * `sli.throughput` (requests per second over the window), `sli.error_rate`, `sli.latency_p50`,
 * `sli.latency_p95`, `sli.latency_p99` (milliseconds; `details.method` says whether the store
 * read them exactly or from its 1 %-accurate rollup sketch) and `sli.cost_usd`. Nothing for a
 * window without requests.
 */
export function sliMonitors(
  ctx: MonitorContext,
  overview: OverviewResult,
  thresholds: Readonly<Record<string, MonitorThreshold>>,
): MonitorResult[] {
  const t = overview.totals;
  if (t.requests === 0) return [];
  const seconds = (ctx.at - ctx.from) / 1000;
  const values: [string, number, Record<string, unknown>][] = [
    ['sli.requests', t.requests, {}],
    ['sli.throughput', t.requests / seconds, { seconds }],
    ['sli.error_rate', t.errors / t.requests, { errors: t.errors, requests: t.requests }],
    ['sli.latency_p50', t.latencyP50, { method: overview.method }],
    ['sli.latency_p95', t.latencyP95, { method: overview.method }],
    ['sli.latency_p99', t.latencyP99, { method: overview.method }],
    ['sli.cost_usd', t.costUsd, { inputTokens: t.inputTokens, outputTokens: t.outputTokens }],
  ];
  return values
    .filter(([, v]) => Number.isFinite(v))
    .map(([name, value, details]) => {
      const threshold = thresholds[name];
      return monitorResultOf(ctx, name, value, monitorStatus(value, threshold), {
        ...details,
        ...(threshold === undefined ? {} : { threshold }),
      });
    });
}
