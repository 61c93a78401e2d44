import {
  type DatasetProfile,
  type ProfileColumnDriftResult,
  type ProfileDatasetDriftOptions,
  profileDatasetDrift,
} from '@modelwatch/core/drift';
import { CoreError } from '@modelwatch/core/errors';
import { BASELINE_PREDICTION_COLUMNS as P } from '../../domain/baseline.js';
import type { MonitorResult } from '../../domain/monitor.js';
import { type MonitorContext, monitorResultOf, skippedResultOf } from './monitor-result-of.js';

/** Rows a window needs before its drift is computed (default of `minDriftRows`). */
export const DEFAULT_MIN_DRIFT_ROWS = 50;

const RESERVED_MONITORS: Readonly<Record<string, string>> = {
  [P.label]: 'drift.prediction.label',
  [P.score]: 'drift.prediction.score',
  [P.value]: 'drift.prediction.value',
  [P.latencyMs]: 'drift.latency',
};

/**
 * The monitor name of a profile column: `drift.prediction.label|score|value` and `drift.latency`
 * for the reserved columns, `drift.feature.<feature>` for a feature (a `$$`-escaped name loses its
 * escape: feature `$x` is column `$$x`, monitor `drift.feature.$x`).
 */
export function driftMonitorName(column: string): string {
  const reserved = RESERVED_MONITORS[column];
  if (reserved !== undefined) return reserved;
  return `drift.feature.${column.startsWith('$$') ? column.slice(1) : column}`;
}

function columnDetails(r: ProfileColumnDriftResult): Record<string, unknown> {
  return {
    column: r.column,
    columnType: r.columnType,
    method: r.method,
    statistic: r.statistic,
    threshold: r.threshold,
    drifted: r.drifted,
    psi: r.psi,
    jensenShannon: r.jensenShannon,
    referenceCount: r.referenceCount,
    currentCount: r.currentCount,
    // The window's share of missing values (null, absent, NaN), and the baseline's, as numbers.
    missingRate: r.missingRate.current,
    baselineMissingRate: r.missingRate.reference,
  };
}

/**
 * Drift of a window against the version's baseline (core `profileDatasetDrift` on the two
 * profiles: per column the test Evidently would choose, and data-set drift when the share of
 * drifted columns reaches `shareThreshold`, 0.5 by default):
 * - `drift.share`: the share of drifted columns; `alert` when the data set drifted, `warn` when
 *   some column drifted, else `ok`;
 * - one monitor per compared column (see {@link driftMonitorName}) whose value is the column's
 *   population stability index (higher is more drift, comparable across columns) and whose status
 *   is the column test's decision (`alert` when drifted); the test, its statistic and threshold
 *   are in details, with `missingRate` (the window's share of missing values) and
 *   `baselineMissingRate` (the baseline's).
 * Skipped (one `drift.share` row with the reason) without a baseline, with fewer than `minRows`
 * rows in the window, or when no column can be compared.
 */
export function driftMonitors(
  ctx: MonitorContext,
  baseline: { readonly profile: DatasetProfile; readonly createdAt: number; readonly source: string } | string,
  current: DatasetProfile | undefined,
  minRows: number,
  options: ProfileDatasetDriftOptions = {},
): MonitorResult[] {
  if (typeof baseline === 'string') return [skippedResultOf(ctx, 'drift.share', baseline)];
  const rows = current?.rowCount ?? 0;
  if (current === undefined || rows < minRows) {
    return [
      skippedResultOf(ctx, 'drift.share', `only ${rows} rows in the window (minimum ${minRows})`, { rows, minRows }),
    ];
  }
  let drift: ReturnType<typeof profileDatasetDrift>;
  try {
    drift = profileDatasetDrift(baseline.profile, current, options);
  } catch (err) {
    if (err instanceof CoreError && err.code === 'insufficient_data') {
      return [skippedResultOf(ctx, 'drift.share', err.message, { rows })];
    }
    throw err;
  }
  const out: MonitorResult[] = [
    monitorResultOf(ctx, 'drift.share', drift.share, drift.drifted ? 'alert' : drift.driftedCount > 0 ? 'warn' : 'ok', {
      drifted: drift.drifted,
      driftedCount: drift.driftedCount,
      columns: drift.columns.length,
      shareThreshold: drift.shareThreshold,
      driftedColumns: drift.columns.filter((c) => c.drifted).map((c) => c.column),
      skipped: drift.skipped,
      rows,
      baselineRows: baseline.profile.rowCount,
      baselineCreatedAt: baseline.createdAt,
      baselineSource: baseline.source,
    }),
  ];
  for (const c of drift.columns) {
    if (!Number.isFinite(c.psi)) continue;
    out.push(monitorResultOf(ctx, driftMonitorName(c.column), c.psi, c.drifted ? 'alert' : 'ok', columnDetails(c)));
  }
  return out;
}
