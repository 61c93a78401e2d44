import type { EventFilter, OverviewBucket, OverviewResult, OverviewTotals } from '../../domain/query.js';
import { latencyBinValue } from '../latency-bins.js';
import type { RollupStats } from './duckdb-tables.js';

const MINUTE_MS = 60_000;

interface Group {
  readonly model: string;
  readonly version: string;
  readonly variant: string;
  readonly experiment: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  readonly bins: Map<number, number>;
}

/**
 * The recent per-minute rollups, in memory: the same rows as `events_minute` and
 * `latency_minute` for minutes at or after `floor`, kept by the process that owns the file, so
 * the dashboard's overview (1-minute buckets over a day) merges in-memory sketches instead of
 * scanning a million rollup rows. Fed after each committed append, loaded at open; minutes older
 * than the horizon are dropped. About 60 MB per day of traffic from 6 model groups.
 */
export class HotRollups {
  readonly #projects = new Map<string, Map<number, Group[]>>();
  /** Windows starting at or after this (epoch ms, whole minute) are answered from memory. */
  floor: number;

  constructor(
    readonly horizonMs: number,
    now: number,
  ) {
    this.floor = Math.ceil((now - horizonMs) / MINUTE_MS) * MINUTE_MS;
  }

  /** Adds rollup rows (stats with their bins) of minutes at or after the floor. */
  add(stats: readonly RollupStats[]): void {
    for (const s of stats) {
      if (s.period < this.floor) continue;
      const g = this.#group(s.projectId, s.period, s);
      g.requests += s.requests;
      g.errors += s.errors;
      g.inputTokens += s.inputTokens;
      g.outputTokens += s.outputTokens;
      g.costUsd += s.costUsd;
      for (const [bin, n] of s.bins) g.bins.set(bin, (g.bins.get(bin) ?? 0) + n);
    }
  }

  /** Drops minutes before `floor` and raises the floor to it (retention, or the horizon moving on). */
  raiseFloor(floor: number, projectId?: string): void {
    const f = Math.ceil(floor / MINUTE_MS) * MINUTE_MS;
    for (const [p, minutes] of this.#projects) {
      if (projectId !== undefined && p !== projectId) continue;
      for (const m of minutes.keys()) if (m < f) minutes.delete(m);
    }
    if (projectId === undefined) this.floor = Math.max(this.floor, f);
  }

  /** Whether memory holds every minute of the filter's window. */
  answers(filter: EventFilter, bucketMs: number, projectFloor: number): boolean {
    return (
      filter.from >= Math.max(this.floor, projectFloor) &&
      Object.keys(filter.segment ?? {}).length === 0 &&
      filter.from % MINUTE_MS === 0 &&
      filter.to % MINUTE_MS === 0 &&
      bucketMs % MINUTE_MS === 0
    );
  }

  /** The overview from memory, with the same definitions as the SQL rollup path. */
  overview(filter: EventFilter, bucketMs: number): OverviewResult {
    const minutes = this.#projects.get(filter.projectId);
    const buckets = new Map<number, { stats: Omit<Group, 'bins' | keyof GroupKey>; bins: Map<number, number> }>();
    const all = new Map<number, number>();
    if (minutes !== undefined) {
      const span = (filter.to - filter.from) / MINUTE_MS;
      const visit = (minute: number, groups: Group[]) => {
        for (const g of groups) {
          if (filter.model !== undefined && g.model !== filter.model) continue;
          if (filter.version !== undefined && g.version !== filter.version) continue;
          if (filter.variant !== undefined && g.variant !== filter.variant) continue;
          if (filter.experiment !== undefined && g.experiment !== filter.experiment) continue;
          const start = Math.floor(minute / bucketMs) * bucketMs;
          let b = buckets.get(start);
          if (b === undefined) {
            b = { stats: { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }, bins: new Map() };
            buckets.set(start, b);
          }
          b.stats.requests += g.requests;
          b.stats.errors += g.errors;
          b.stats.inputTokens += g.inputTokens;
          b.stats.outputTokens += g.outputTokens;
          b.stats.costUsd += g.costUsd;
          for (const [bin, n] of g.bins) {
            b.bins.set(bin, (b.bins.get(bin) ?? 0) + n);
            all.set(bin, (all.get(bin) ?? 0) + n);
          }
        }
      };
      if (span < minutes.size) {
        for (let m = filter.from; m < filter.to; m += MINUTE_MS) {
          const groups = minutes.get(m);
          if (groups !== undefined) visit(m, groups);
        }
      } else {
        for (const [m, groups] of minutes) if (m >= filter.from && m < filter.to) visit(m, groups);
      }
    }
    const out: OverviewBucket[] = [];
    const totals = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    for (const start of [...buckets.keys()].sort((a, b) => a - b)) {
      const b = buckets.get(start) as { stats: typeof totals; bins: Map<number, number> };
      if (b.stats.requests === 0) continue;
      const [p50, p95, p99] = quantilesOfBins(b.bins);
      out.push({ start, ...b.stats, latencyP50: p50, latencyP95: p95, latencyP99: p99 });
      totals.requests += b.stats.requests;
      totals.errors += b.stats.errors;
      totals.inputTokens += b.stats.inputTokens;
      totals.outputTokens += b.stats.outputTokens;
      totals.costUsd += b.stats.costUsd;
    }
    const [p50, p95, p99] = quantilesOfBins(all);
    const whole: OverviewTotals = { ...totals, latencyP50: p50, latencyP95: p95, latencyP99: p99 };
    return { bucketMs, method: 'rollup', buckets: out, totals: whole };
  }

  #group(projectId: string, minute: number, key: GroupKey): Group {
    let minutes = this.#projects.get(projectId);
    if (minutes === undefined) {
      minutes = new Map();
      this.#projects.set(projectId, minutes);
    }
    let groups = minutes.get(minute);
    if (groups === undefined) {
      groups = [];
      minutes.set(minute, groups);
    }
    let g = groups.find(
      (x) =>
        x.model === key.model &&
        x.version === key.version &&
        x.variant === key.variant &&
        x.experiment === key.experiment,
    );
    if (g === undefined) {
      g = {
        model: key.model,
        version: key.version,
        variant: key.variant,
        experiment: key.experiment,
        requests: 0,
        errors: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        bins: new Map(),
      };
      groups.push(g);
    }
    return g;
  }
}

interface GroupKey {
  readonly model: string;
  readonly version: string;
  readonly variant: string;
  readonly experiment: string;
}

/** p50, p95, p99 of merged bins: the bin holding 0-based rank ⌊q·(n − 1)⌋, as its representative value. */
function quantilesOfBins(bins: Map<number, number>): [number, number, number] {
  let total = 0;
  for (const n of bins.values()) total += n;
  if (total === 0) return [Number.NaN, Number.NaN, Number.NaN];
  const sorted = [...bins.keys()].sort((a, b) => a - b);
  const qs = [0.5, 0.95, 0.99].map((q) => Math.floor(q * (total - 1)));
  const out: number[] = [];
  let cum = 0;
  let k = 0;
  for (const bin of sorted) {
    cum += bins.get(bin) as number;
    while (k < qs.length && cum > (qs[k] as number)) {
      out.push(latencyBinValue(bin));
      k++;
    }
    if (k === qs.length) break;
  }
  return out as [number, number, number];
}
