import type { TimeWindow } from './time-range.js';

/** A monitor result as `GET /v1/monitors` sends it. */
export interface MonitorRow {
  readonly model: string;
  readonly version: string;
  readonly monitor: string;
  readonly segment?: string;
  readonly at: number;
  readonly value: number | null;
  readonly status: 'ok' | 'warn' | 'alert' | 'skipped';
  readonly details: Readonly<Record<string, unknown>>;
}

/** One cell of the drift heat-map: the worst result of a feature in a time bucket. */
export interface DriftCell {
  /** Population stability index (the drift monitors' value); null when every result was skipped. */
  readonly value: number | null;
  readonly status: MonitorRow['status'];
  /** Results merged into the cell (several evaluator runs, or several model versions). */
  readonly results: number;
}

export interface DriftGrid {
  /** Feature names (rows), most drifted first, then by name. */
  readonly features: readonly string[];
  /** Bucket starts (columns). */
  readonly starts: readonly number[];
  readonly bucketMs: number;
  /** cells[row][column]; undefined where no result fell. */
  readonly cells: readonly (readonly (DriftCell | undefined)[])[];
}

export const DRIFT_FEATURE_PREFIX = 'drift.feature.';

const SEVERITY: Readonly<Record<MonitorRow['status'], number>> = { skipped: 0, ok: 1, warn: 2, alert: 3 };

/**
 * Features × time from the `drift.feature.<name>` results of a window, in `columns` equal buckets.
 * A cell keeps the most severe status and the largest value of its results, so one drifted run in
 * a bucket is never hidden by a calm one. Rows are ordered by their worst status, then the largest
 * value, then name — the drifting features on top. Results outside the window are ignored.
 */
export function driftGrid(rows: readonly MonitorRow[], window: TimeWindow, columns: number): DriftGrid {
  const n = Math.max(1, Math.floor(columns));
  const bucketMs = Math.max(1, Math.ceil((window.to - window.from) / n));
  const starts = Array.from({ length: n }, (_, i) => window.from + i * bucketMs);
  const byFeature = new Map<string, (DriftCell | undefined)[]>();
  for (const r of rows) {
    if (!r.monitor.startsWith(DRIFT_FEATURE_PREFIX) || r.segment !== undefined) continue;
    // `at` is the (exclusive) end of the evaluated window: the bucket holding at − 1 ms.
    const column = Math.floor((r.at - 1 - window.from) / bucketMs);
    if (column < 0 || column >= n) continue;
    const feature = r.monitor.slice(DRIFT_FEATURE_PREFIX.length);
    let line = byFeature.get(feature);
    if (line === undefined) {
      line = new Array<DriftCell | undefined>(n).fill(undefined);
      byFeature.set(feature, line);
    }
    const prev = line[column];
    const value =
      prev?.value === null || prev === undefined
        ? r.value
        : r.value === null
          ? prev.value
          : Math.max(prev.value, r.value);
    const status = prev === undefined || SEVERITY[r.status] > SEVERITY[prev.status] ? r.status : prev.status;
    line[column] = { value, status, results: (prev?.results ?? 0) + 1 };
  }
  const worst = (line: readonly (DriftCell | undefined)[]): [number, number] => {
    let severity = 0;
    let value = Number.NEGATIVE_INFINITY;
    for (const c of line) {
      if (c === undefined) continue;
      severity = Math.max(severity, SEVERITY[c.status]);
      if (c.value !== null) value = Math.max(value, c.value);
    }
    return [severity, value];
  };
  const features = [...byFeature.keys()].sort((a, b) => {
    const [sa, va] = worst(byFeature.get(a) ?? []);
    const [sb, vb] = worst(byFeature.get(b) ?? []);
    return sb - sa || vb - va || (a < b ? -1 : a > b ? 1 : 0);
  });
  return { features, starts, bucketMs, cells: features.map((f) => byFeature.get(f) ?? []) };
}
