import { OTHER_LABEL_VALUE } from './label-value.js';
import { TelemetryError } from './telemetry-error.js';

/** The Prometheus type of a family. */
export type FamilyType = 'counter' | 'gauge' | 'histogram';

/** What a family is: its name, help text, type, label names, series limit and buckets. */
export interface FamilyDefinition {
  readonly name: string;
  readonly help: string;
  readonly type: FamilyType;
  readonly labelNames: readonly string[];
  /** Most series the family holds, the `__other__` series included (≥ 1). */
  readonly maxSeries: number;
  /** Upper bounds of a histogram's buckets, strictly increasing (`+Inf` is implicit). */
  readonly buckets?: readonly number[];
}

/** One exported sample: labels (with `le` on buckets), value, and the suffixed name for histograms. */
export interface FamilySample {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName?: string;
}

/** The label that scopes a series to a project (filtered per API key at scrape time). */
export const PROJECT_LABEL = 'project_id';

/**
 * The series of one metric family behind a cardinality guard. A series is created on first use
 * while the family holds fewer than `maxSeries - 1`; beyond that every new label set goes to a
 * single series whose labels are all `__other__` (the last slot is kept for it), so the family
 * never exceeds `maxSeries` and no count is lost. `folded` counts updates that landed in
 * `__other__` (here or by an upstream limit, see `TelemetryMetrics`).
 *
 * Values live in plain arrays indexed by series: callers resolve a label set to an index once
 * (`series`) and then update by index, which costs no hashing and no allocation.
 */
export class GuardedFamily {
  readonly name: string;
  readonly help: string;
  readonly type: FamilyType;
  readonly labelNames: readonly string[];
  readonly maxSeries: number;
  /** Histogram upper bounds; empty for counters and gauges. */
  readonly bounds: Float64Array;
  /** Label values of each series, in `labelNames` order. */
  readonly labels: (readonly string[])[] = [];
  /** Counter or gauge value; for a histogram, the sum of observations. */
  readonly values: number[] = [];
  /** Histogram only: per series, non-cumulative bucket counts, the last one for `+Inf`. */
  readonly counts: Float64Array[] = [];
  /** Updates folded into `__other__` series. */
  folded = 0;
  /** Index of the all-`__other__` series, or -1 until it is needed. */
  overflowIndex = -1;
  readonly #index = new Map<string, number>();
  readonly #projectLabel: number;

  constructor(definition: FamilyDefinition) {
    if (!Number.isInteger(definition.maxSeries) || definition.maxSeries < 1) {
      throw new TelemetryError(
        'invalid_option',
        `maxSeries of ${definition.name}: expected an integer ≥ 1 (got ${definition.maxSeries})`,
      );
    }
    this.name = definition.name;
    this.help = definition.help;
    this.type = definition.type;
    this.labelNames = definition.labelNames;
    this.maxSeries = definition.maxSeries;
    this.bounds = Float64Array.from(definition.buckets ?? []);
    this.#projectLabel = definition.labelNames.indexOf(PROJECT_LABEL);
  }

  /** Number of series. */
  get size(): number {
    return this.labels.length;
  }

  /**
   * The index of the series with these (already sanitised) label values, created if the limit
   * allows, else the `__other__` series. Allocates only when it creates a series.
   */
  series(labelValues: readonly string[]): number {
    const key = labelValues.join('\u0000');
    const hit = this.#index.get(key);
    if (hit !== undefined) return hit;
    const reserve = this.overflowIndex < 0 ? 1 : 0;
    if (this.labels.length + reserve < this.maxSeries) return this.#add(key, labelValues);
    if (this.overflowIndex < 0) {
      const other = this.labelNames.map(() => OTHER_LABEL_VALUE);
      const otherKey = other.join('\u0000');
      this.overflowIndex = this.#index.get(otherKey) ?? this.#add(otherKey, other);
    }
    return this.overflowIndex;
  }

  /**
   * The index of the series these (already sanitised) label values update — theirs, or the
   * `__other__` series once the family is full — or undefined if neither exists; creates nothing.
   */
  find(labelValues: readonly string[]): number | undefined {
    const hit = this.#index.get(labelValues.join('\u0000'));
    if (hit !== undefined) return hit;
    return this.overflowIndex < 0 ? undefined : this.overflowIndex;
  }

  /**
   * Leaves a gauge series out of the exposition (Prometheus then marks it stale) until it is set
   * again; it keeps its slot, so the family's series limit still counts it.
   */
  unset(index: number): void {
    if (this.type !== 'gauge') {
      throw new TelemetryError('invalid_option', `unset: ${this.name} is a ${this.type}; only gauges can be unset`);
    }
    this.values[index] = Number.NaN;
  }

  /** Adds `value` to a counter series. */
  add(index: number, value: number): void {
    this.values[index] = (this.values[index] as number) + value;
  }

  /** Sets a gauge series. */
  set(index: number, value: number): void {
    this.values[index] = value;
  }

  /** Records one observation in a histogram series. */
  observe(index: number, value: number): void {
    const bounds = this.bounds;
    let b = 0;
    while (b < bounds.length && value > (bounds[b] as number)) b++;
    const counts = this.counts[index] as Float64Array;
    counts[b] = (counts[b] as number) + 1;
    this.values[index] = (this.values[index] as number) + value;
  }

  /** The samples to export, in creation order; only `projectId`'s series when it is given. */
  samples(projectId?: string): FamilySample[] {
    const out: FamilySample[] = [];
    const p = this.#projectLabel;
    for (let i = 0; i < this.labels.length; i++) {
      const values = this.labels[i] as readonly string[];
      if (projectId !== undefined && p >= 0 && values[p] !== projectId) continue;
      // An unset gauge: the setters refuse NaN, so NaN only ever marks an unset series.
      if (Number.isNaN(this.values[i])) continue;
      const labels: Record<string, string> = {};
      for (let j = 0; j < values.length; j++) labels[this.labelNames[j] as string] = values[j] as string;
      if (this.type !== 'histogram') {
        out.push({ labels, value: this.values[i] as number });
        continue;
      }
      const counts = this.counts[i] as Float64Array;
      let cumulative = 0;
      for (let b = 0; b < this.bounds.length; b++) {
        cumulative += counts[b] as number;
        out.push({
          labels: { ...labels, le: this.bounds[b] as number },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        });
      }
      cumulative += counts[this.bounds.length] as number;
      out.push({ labels: { ...labels, le: '+Inf' }, value: cumulative, metricName: `${this.name}_bucket` });
      out.push({ labels, value: this.values[i] as number, metricName: `${this.name}_sum` });
      out.push({ labels: { ...labels }, value: cumulative, metricName: `${this.name}_count` });
    }
    return out;
  }

  #add(key: string, labelValues: readonly string[]): number {
    const index = this.labels.length;
    this.labels.push([...labelValues]);
    this.values.push(0);
    if (this.type === 'histogram') this.counts.push(new Float64Array(this.bounds.length + 1));
    this.#index.set(key, index);
    return index;
  }
}
