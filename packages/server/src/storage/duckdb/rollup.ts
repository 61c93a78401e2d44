import type { InferenceEvent } from '../../domain/inference-event.js';
import { latencyBin } from '../latency-bins.js';
import type { RollupBin, RollupStats } from './duckdb-tables.js';

/**
 * The rollup rows of a batch of events: per (period, model, version, variant, experiment) the
 * request, error, token and cost sums and the latency bin counts. `periodMs` is 60 000 for the
 * per-minute tables. Periods start on multiples of `periodMs` from the Unix epoch.
 */
export function rollupOf(
  projectId: string,
  events: readonly InferenceEvent[],
  periodMs: number,
): { stats: RollupStats[]; bins: RollupBin[] } {
  // Most batches hold a handful of groups and consecutive events often share one: the previous
  // group is tried first, then a short linear scan; a string key per event only past 16 groups.
  const stats: RollupStats[] = [];
  let byKey: Map<string, RollupStats> | undefined;
  let last: RollupStats | undefined;
  for (const e of events) {
    const period = Math.floor(e.timestamp / periodMs) * periodMs;
    const experiment = e.experiment ?? '';
    let g = last;
    if (g === undefined || !sameGroup(g, period, e, experiment)) {
      g = undefined;
      if (byKey === undefined) {
        for (const s of stats) {
          if (sameGroup(s, period, e, experiment)) {
            g = s;
            break;
          }
        }
      } else {
        g = byKey.get(`${period}\u0001${e.model}\u0001${e.version}\u0001${e.variant}\u0001${experiment}`);
      }
      if (g === undefined) {
        g = {
          projectId,
          period,
          model: e.model,
          version: e.version,
          variant: e.variant,
          experiment,
          requests: 0,
          errors: 0,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          latencySum: 0,
          bins: new Map(),
        };
        stats.push(g);
        if (byKey === undefined && stats.length > 16) {
          byKey = new Map();
          for (const s of stats)
            byKey.set(`${s.period}\u0001${s.model}\u0001${s.version}\u0001${s.variant}\u0001${s.experiment}`, s);
        } else byKey?.set(`${period}\u0001${e.model}\u0001${e.version}\u0001${e.variant}\u0001${experiment}`, g);
      }
      last = g;
    }
    g.requests += 1;
    if (e.status === 'error') g.errors += 1;
    g.inputTokens += e.tokens?.input ?? 0;
    g.outputTokens += e.tokens?.output ?? 0;
    g.costUsd += e.costUsd ?? 0;
    g.latencySum += e.latencyMs;
    const bin = latencyBin(e.latencyMs);
    g.bins.set(bin, (g.bins.get(bin) ?? 0) + 1);
  }
  const bins: RollupBin[] = [];
  for (const g of stats) {
    for (const [bin, n] of g.bins) {
      bins.push({
        projectId,
        period: g.period,
        model: g.model,
        version: g.version,
        variant: g.variant,
        experiment: g.experiment,
        bin,
        n,
      });
    }
  }
  return { stats, bins };
}

function sameGroup(g: RollupStats, period: number, e: InferenceEvent, experiment: string): boolean {
  return (
    g.period === period &&
    g.model === e.model &&
    g.version === e.version &&
    g.variant === e.variant &&
    g.experiment === experiment
  );
}
