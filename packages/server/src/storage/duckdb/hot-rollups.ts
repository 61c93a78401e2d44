import type { EventFilter, OverviewBucket, OverviewResult, OverviewTotals } from '../../domain/query.js';
import { LATENCY_ZERO_BIN, latencyBinValue } from '../latency-bins.js';
import type { RollupStats } from './duckdb-tables.js';

const MINUTE_MS = 60_000;
/** Dense slots of the latency bins: slot 0 is the zero bin, slot b + OFFSET bin b (b in (-400, 1000)). */
const OFFSET = 401;
const SLOTS = 1402;
const slotOf = (bin: number): number => (bin === LATENCY_ZERO_BIN ? 0 : Math.min(SLOTS - 1, Math.max(1, bin + OFFSET)));
const binOf = (slot: number): number => (slot === 0 ? LATENCY_ZERO_BIN : slot - OFFSET);

/** A group's latency counts as a dense run of slots [lo, lo + counts.length). */
class SlotCounts {
  lo = 0;
  counts = new Float64Array(0);

  add(slot: number, n: number): void {
    if (this.counts.length === 0) {
      this.lo = slot;
      this.counts = new Float64Array(8);
    }
    if (slot < this.lo || slot >= this.lo + this.counts.length) {
      const lo = Math.min(this.lo, slot);
      const hi = Math.max(this.lo + this.counts.length, slot + 1);
      const grown = new Float64Array(Math.min(SLOTS, hi - lo + 16));
      const newLo = Math.max(0, Math.min(lo, SLOTS - grown.length));
      grown.set(this.counts, this.lo - newLo);
      this.lo = newLo;
      this.counts = grown;
    }
    this.counts[slot - this.lo] = (this.counts[slot - this.lo] as number) + n;
  }

  /** Adds these counts into a dense accumulator of SLOTS slots. */
  addTo(acc: Float64Array): void {
    const { lo, counts } = this;
    for (let i = 0; i < counts.length; i++) acc[lo + i] = (acc[lo + i] as number) + (counts[i] as number);
  }
}

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
  readonly bins: SlotCounts;
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
  readonly #last = new Map<string, number>();
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
      if (s.period > (this.#last.get(s.projectId) ?? Number.NEGATIVE_INFINITY)) this.#last.delete(s.projectId);
      const g = this.#group(s.projectId, s.period, s);
      g.requests += s.requests;
      g.errors += s.errors;
      g.inputTokens += s.inputTokens;
      g.outputTokens += s.outputTokens;
      g.costUsd += s.costUsd;
      for (const [bin, n] of s.bins) g.bins.add(slotOf(bin), n);
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
    const out: OverviewBucket[] = [];
    const totals = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const all = new Float64Array(SLOTS);
    // Minutes are visited in time order, so each bucket is contiguous: one reused accumulator.
    const acc = new Float64Array(SLOTS);
    let current = Number.NaN;
    let stats = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    const flush = () => {
      if (stats.requests > 0) {
        const [p50, p95, p99] = quantilesOfSlots(acc);
        out.push({ start: current, ...stats, latencyP50: p50, latencyP95: p95, latencyP99: p99 });
        totals.requests += stats.requests;
        totals.errors += stats.errors;
        totals.inputTokens += stats.inputTokens;
        totals.outputTokens += stats.outputTokens;
        totals.costUsd += stats.costUsd;
        for (let i = 0; i < SLOTS; i++) all[i] = (all[i] as number) + (acc[i] as number);
        acc.fill(0);
      }
      stats = { requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    };
    if (minutes !== undefined && minutes.size > 0) {
      const last = Math.min(filter.to, this.#lastMinute(filter.projectId) + MINUTE_MS);
      for (let m = filter.from; m < last; m += MINUTE_MS) {
        const groups = minutes.get(m);
        if (groups === undefined) continue;
        const start = Math.floor(m / bucketMs) * bucketMs;
        if (start !== current) {
          flush();
          current = start;
        }
        for (const g of groups) {
          if (filter.model !== undefined && g.model !== filter.model) continue;
          if (filter.version !== undefined && g.version !== filter.version) continue;
          if (filter.variant !== undefined && g.variant !== filter.variant) continue;
          if (filter.experiment !== undefined && g.experiment !== filter.experiment) continue;
          stats.requests += g.requests;
          stats.errors += g.errors;
          stats.inputTokens += g.inputTokens;
          stats.outputTokens += g.outputTokens;
          stats.costUsd += g.costUsd;
          g.bins.addTo(acc);
        }
      }
      flush();
    }
    if (totals.requests === 0) {
      const none = { ...totals, latencyP50: Number.NaN, latencyP95: Number.NaN, latencyP99: Number.NaN };
      return { bucketMs, method: 'rollup', buckets: out, totals: none };
    }
    const [p50, p95, p99] = quantilesOfSlots(all);
    const whole: OverviewTotals = { ...totals, latencyP50: p50, latencyP95: p95, latencyP99: p99 };
    return { bucketMs, method: 'rollup', buckets: out, totals: whole };
  }

  /** The latest minute held for a project (minutes are added in any order). */
  #lastMinute(projectId: string): number {
    const cached = this.#last.get(projectId);
    if (cached !== undefined) return cached;
    let last = Number.NEGATIVE_INFINITY;
    for (const m of this.#projects.get(projectId)?.keys() ?? []) if (m > last) last = m;
    this.#last.set(projectId, last);
    return last;
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
        bins: new SlotCounts(),
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

/** p50, p95, p99 of merged slots: the bin holding 0-based rank ⌊q·(n − 1)⌋, as its representative value. */
function quantilesOfSlots(slots: Float64Array): [number, number, number] {
  let total = 0;
  for (let i = 0; i < SLOTS; i++) total += slots[i] as number;
  if (total === 0) return [Number.NaN, Number.NaN, Number.NaN];
  const qs = [0.5, 0.95, 0.99].map((q) => Math.floor(q * (total - 1)));
  const out: number[] = [];
  let cum = 0;
  for (let i = 0; i < SLOTS && out.length < 3; i++) {
    cum += slots[i] as number;
    while (out.length < 3 && cum > (qs[out.length] as number)) out.push(latencyBinValue(binOf(i)));
  }
  return out as [number, number, number];
}
